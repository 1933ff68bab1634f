// Channels: redemption:*, attachments:*, packets:*
export const redemptionChannels = {};
