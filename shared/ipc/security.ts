// Channels: security:*, backup:*, audit:export
export const securityChannels = {};
