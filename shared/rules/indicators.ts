// Open-sharing indicators of the national evaluation: 利用率 and 共享率. Ratios are plain numbers;
// a zero or invalid denominator gives null (shown as '—'), never NaN or Infinity.

import type { PolicyProfile } from '../policy/profile';
import type { Fen } from './money';

function ratio(numerator: number, denominator: number): number | null {
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator)) return null;
  if (numerator < 0 || denominator <= 0) return null;
  return numerator / denominator;
}

/** The rated hours from settings when set and positive, else the profile default (1600 h). */
export function ratedHoursOrDefault(settingHours: number | null | undefined, profile: PolicyProfile): number {
  return settingHours != null && Number.isFinite(settingHours) && settingHours > 0 ? settingHours : profile.ratedHoursDefault;
}

/** 利用率 = 年有效工作机时 / 额定机时. */
export function utilisationRate(
  effectiveHours: number,
  ratedHoursSetting: number | null | undefined,
  profile: PolicyProfile,
): number | null {
  return ratio(effectiveHours, ratedHoursOrDefault(ratedHoursSetting, profile));
}

/** 共享率 = 对外服务机时 / 有效工作机时; null when there were no effective hours. */
export function shareRate(externalHours: number, effectiveHours: number): number | null {
  return ratio(externalHours, effectiveHours);
}

/** 0.8534 → '85.3%' (display only; null → '—'). */
export function formatPercent(value: number | null, fractionDigits = 1): string {
  if (value === null || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(fractionDigits)}%`;
}

/** Instruments of unit value ≥ the national threshold (500,000元) are covered by the evaluation. */
export function isNationalEvaluationInstrument(unitValueFen: Fen, profile: PolicyProfile): boolean {
  return unitValueFen >= profile.nationalEvaluationMinUnitValueFen;
}
