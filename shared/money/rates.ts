// Rate-table arithmetic: what one charge line costs. Pure and exact: quantities are integer
// thousandths of the unit (0.25 h = 250), money is integer fen, and each line is rounded to the
// fen exactly once (half up, 四舍五入), after the set-up fee is added and before the minimum.

export const CHARGE_UNITS = ['hour', 'sample', 'item', 'core_hour'] as const;
export type ChargeUnit = (typeof CHARGE_UNITS)[number];

export const CHARGE_UNIT_LABELS: Record<ChargeUnit, { zh: string; en: string }> = {
  hour: { zh: '小时', en: 'hour' },
  sample: { zh: '样品', en: 'sample' },
  item: { zh: '项', en: 'item' },
  core_hour: { zh: '核时', en: 'core-hour' },
};

/**
 * Billing increments for hour rates, in minutes. Each is a multiple of 3 minutes, so every billed
 * duration is an exact number of thousandths of an hour (6 min = 0.1 h, 15 min = 0.25 h).
 */
export const BILLING_INCREMENTS = [6, 12, 15, 30, 60] as const;

export const MILLI = 1000;

/** The terms of one rate version for one price group. */
export interface RateTerms {
  unitPriceFen: number;
  /** Hour rates only: minutes are rounded up to a multiple of this. */
  incrementMinutes: number | null;
  minimumFen: number;
  setupFeeFen: number;
}

/** A usage session's minutes rounded up to the billing increment (1 min over 30 bills 2 × 30). */
export function billedMinutes(minutes: number, incrementMinutes: number | null): number {
  if (!Number.isSafeInteger(minutes) || minutes < 0) throw new RangeError(`Invalid minutes: ${minutes}`);
  if (incrementMinutes === null) return minutes;
  return Math.ceil(minutes / incrementMinutes) * incrementMinutes;
}

/** Billed minutes as thousandths of an hour; exact when the increment is one of BILLING_INCREMENTS. */
export function hoursMilliOf(billed: number): number {
  return Math.round((billed * MILLI) / 60);
}

/** Half-up division of non-negative big integers. */
function roundHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (numerator * 2n + denominator) / (denominator * 2n);
}

/**
 * Amount of a line: quantity × unit price + set-up fee, rounded once to the fen, then raised to
 * the minimum charge. A zero quantity costs nothing (no set-up, no minimum).
 */
export function lineAmountFen(quantityMilli: number, terms: RateTerms): number {
  if (!Number.isSafeInteger(quantityMilli) || quantityMilli < 0) throw new RangeError(`Invalid quantity: ${quantityMilli}`);
  if (quantityMilli === 0) return 0;
  const raw = BigInt(quantityMilli) * BigInt(terms.unitPriceFen) + BigInt(terms.setupFeeFen) * BigInt(MILLI);
  const rounded = Number(roundHalfUp(raw, BigInt(MILLI)));
  return Math.max(rounded, terms.minimumFen);
}

/** Thousandths of a unit → '1.25' (trailing zeros trimmed, at most 3 decimals). */
export function quantityText(quantityMilli: number): string {
  const whole = Math.trunc(quantityMilli / MILLI);
  const frac = String(Math.abs(quantityMilli % MILLI)).padStart(3, '0').replace(/0+$/, '');
  return `${quantityMilli < 0 && whole === 0 ? '-' : ''}${whole}${frac ? `.${frac}` : ''}`;
}

/** '1.25' → 1250; null when the text is not a non-negative number with at most 3 decimals. */
export function parseQuantity(text: string): number | null {
  const m = /^(\d{1,9})(?:\.(\d{1,3}))?$/.exec(text.trim());
  if (!m) return null;
  return Number(m[1]) * MILLI + Number((m[2] ?? '').padEnd(3, '0'));
}

/** A version of a rate item, effective from a civil date until the next version starts. */
export interface DatedVersion {
  id: number;
  effectiveFrom: string;
  effectiveTo: string | null;
}

/** The version in force on `date` (civil dates compare as text); versions in any order. */
export function versionOn<V extends DatedVersion>(versions: readonly V[], date: string): V | null {
  let best: V | null = null;
  for (const v of versions) {
    if (v.effectiveFrom > date) continue;
    if (v.effectiveTo !== null && v.effectiveTo < date) continue;
    if (best === null || v.effectiveFrom > best.effectiveFrom) best = v;
  }
  return best;
}
