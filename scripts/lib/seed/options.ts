// Sizes of a generated database. Everything scales with instruments × years so a tiny run (the
// test) and the full benchmark database (10,000 × 10) have the same shape.

export interface SeedOptions {
  instruments: number;
  years: number;
  seed: number;
  out: string;
  /** The civil date the data is generated up to; bookings continue a few weeks after it. */
  today: string;
  /** Overrides of the derived totals. */
  bookings?: number;
  contracts?: number;
  vouchers?: number;
  log?: (message: string) => void;
}

export const DEFAULT_TODAY = '2026-06-15';
export const DEFAULT_OUT = '.bench/desk-bench.sqlite';
/** Weeks of future bookings after `today`, so calendars and conflict checks see upcoming slots. */
export const FUTURE_WEEKS = 8;

// Per instrument-year: 10 bookings, 0.5 contracts, 0.2 vouchers → 1M / 50k / 20k at 10,000 × 10.
const BOOKINGS_PER_INSTRUMENT_YEAR = 10;
const CONTRACTS_PER_INSTRUMENT_YEAR = 0.5;
const VOUCHERS_PER_INSTRUMENT_YEAR = 0.2;

export interface SeedSizes {
  instruments: number;
  labs: number;
  applicants: number;
  bookings: number;
  contracts: number;
  vouchers: number;
}

export function seedSizes(o: SeedOptions): SeedSizes {
  const instrumentYears = o.instruments * o.years;
  const vouchers = o.vouchers ?? Math.round(instrumentYears * VOUCHERS_PER_INSTRUMENT_YEAR);
  return {
    instruments: o.instruments,
    labs: Math.max(3, Math.round(o.instruments / 250)),
    // About five vouchers per applicant over the span: repeat customers, as on the platform.
    applicants: Math.max(10, Math.round(vouchers / 5)),
    bookings: o.bookings ?? Math.round(instrumentYears * BOOKINGS_PER_INSTRUMENT_YEAR),
    contracts: o.contracts ?? Math.round(instrumentYears * CONTRACTS_PER_INSTRUMENT_YEAR),
    vouchers,
  };
}
