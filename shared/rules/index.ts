// Public API of the pure rule functions.

export * from './civil-date';
export * from './disbursement';
export * from './eligibility';
export * from './holiday-calendar';
export * from './indicators';
export * from './money';
export * from './periods';
export * from './ratio';
export * from './subsidy';
export type * from './text';
export * from './violations';
export * from './voucher-checks';
export * from './vouchers';
export * from './working-days';
export * from './payout-timeline';
export * from './orders';
