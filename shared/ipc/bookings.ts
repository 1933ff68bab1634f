// Channels: bookings:*, usage:*
export const bookingsChannels = {};
