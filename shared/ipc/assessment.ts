// Channels: assessment:*, settings:*, holidays:*
export const assessmentChannels = {};
