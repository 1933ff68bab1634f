/** The price groups every desk starts with (migration 0020_money.sql). */
export const PRICE_GROUP = { INTERNAL: 1, ACADEMIC: 2, ENTERPRISE: 3 } as const;
export const { INTERNAL, ACADEMIC, ENTERPRISE } = PRICE_GROUP;
