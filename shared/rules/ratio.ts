// Exact rational shares (50%, 70%) in BigInt, so products of large fen amounts never round.

export interface Ratio {
  num: number;
  den: number;
}

function big(ratio: Ratio): { num: bigint; den: bigint } {
  if (!Number.isSafeInteger(ratio.num) || !Number.isSafeInteger(ratio.den) || ratio.num < 0 || ratio.den <= 0) {
    throw new RangeError(`Invalid ratio ${ratio.num}/${ratio.den}`);
  }
  return { num: BigInt(ratio.num), den: BigInt(ratio.den) };
}

/** part ≤ whole × ratio, exactly. */
export function isWithinShare(part: number, whole: number, ratio: Ratio): boolean {
  const { num, den } = big(ratio);
  return BigInt(part) * den <= BigInt(whole) * num;
}

/** ⌊whole × ratio⌋ for whole ≥ 0: the largest integer part still within the share. */
export function floorShare(whole: number, ratio: Ratio): number {
  const { num, den } = big(ratio);
  return Number((BigInt(whole) * num) / den);
}

/** ⌈whole × ratio⌉ for whole ≥ 0. */
export function ceilShare(whole: number, ratio: Ratio): number {
  const { num, den } = big(ratio);
  return Number((BigInt(whole) * num + den - 1n) / den);
}

/** '50%' or '66.67%' for display. */
export function formatRatio(ratio: Ratio): string {
  const basisPoints = Math.round((ratio.num * 10_000) / ratio.den);
  const whole = Math.floor(basisPoints / 100);
  const rest = basisPoints % 100;
  return `${whole}${rest ? `.${String(rest).padStart(2, '0').replace(/0$/, '')}` : ''}%`;
}
