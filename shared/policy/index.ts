// Public API of the policy profiles, their registry and the official holiday data.

export { yuan } from './amounts';
export { BEIJING_2023 } from './beijing-2023';
export * from './holidays-cn-2025-2026';
export type * from './profile';
export * from './registry';
export { SHANGHAI_2025 } from './shanghai-2025';
export * from './vocabulary';
