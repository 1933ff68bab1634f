// Channels: applicants:*, vouchers:*, contracts:*, dashboard:*
export const dealsChannels = {};
