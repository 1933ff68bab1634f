// Profiles in force by region and date. Adding a profile means adding one data object to
// BUILT_IN_PROFILES (or passing it to createPolicyRegistry); no rule code changes.

import { compareCivilDates, isValidCivilDate, type CivilDate } from '../rules/civil-date';
import { BEIJING_2023 } from './beijing-2023';
import type { PolicyProfile, Region } from './profile';
import { SHANGHAI_2025 } from './shanghai-2025';

export const BUILT_IN_PROFILES: readonly PolicyProfile[] = [BEIJING_2023, SHANGHAI_2025];

export interface PolicyRegistry {
  listProfiles(): readonly PolicyProfile[];
  /** The profile of `region` in force on `date`, or null when none is. */
  profileFor(region: Region, date: CivilDate): PolicyProfile | null;
  profileById(id: string): PolicyProfile | null;
}

function isNonNegativeInt(value: number | null): boolean {
  return value === null || (Number.isSafeInteger(value) && value >= 0);
}

/** Structural problems of one profile (empty when sound). */
export function validatePolicyProfile(profile: PolicyProfile): string[] {
  const problems: string[] = [];
  const where = `profile ${profile.id}`;
  if (!isValidCivilDate(profile.effectiveFrom)) problems.push(`${where}: invalid effectiveFrom`);
  if (profile.effectiveTo !== null && !isValidCivilDate(profile.effectiveTo)) {
    problems.push(`${where}: invalid effectiveTo`);
  } else if (
    profile.effectiveTo !== null &&
    isValidCivilDate(profile.effectiveFrom) &&
    compareCivilDates(profile.effectiveFrom, profile.effectiveTo) > 0
  ) {
    problems.push(`${where}: effectiveTo before effectiveFrom`);
  }
  const counts: [string, number | null][] = [
    ['singleVoucherMaxFen', profile.singleVoucherMaxFen],
    ['registerWithinDays', profile.registerWithinDays],
    ['validityMonths', profile.validityMonths],
    ['redemptionWithinMonths', profile.redemptionWithinMonths],
    ['ratedHoursDefault', profile.ratedHoursDefault],
    ['nationalEvaluationMinUnitValueFen', profile.nationalEvaluationMinUnitValueFen],
    ...Object.entries(profile.annualQuotaFen).map(([kind, fen]): [string, number] => [`annualQuotaFen.${kind}`, fen]),
  ];
  for (const [name, value] of counts) {
    if (!isNonNegativeInt(value)) problems.push(`${where}: ${name} must be a non-negative integer`);
  }
  for (const [name, ratio] of [
    ['contractVoucherShareMax', profile.contractVoucherShareMax],
    ['staffAwardMinShare', profile.staffAwardMinShare],
  ] as const) {
    if (ratio && !(Number.isSafeInteger(ratio.num) && Number.isSafeInteger(ratio.den) && ratio.num >= 0 && ratio.den > 0)) {
      problems.push(`${where}: ${name} must be num/den with den > 0`);
    }
  }
  return problems;
}

function overlaps(a: PolicyProfile, b: PolicyProfile): boolean {
  const endsBefore = (x: PolicyProfile, y: PolicyProfile) =>
    x.effectiveTo !== null && compareCivilDates(x.effectiveTo, y.effectiveFrom) < 0;
  return !endsBefore(a, b) && !endsBefore(b, a);
}

/** Builds a registry; throws RangeError when a profile is malformed or two of a region overlap. */
export function createPolicyRegistry(profiles: readonly PolicyProfile[]): PolicyRegistry {
  const problems = profiles.flatMap(validatePolicyProfile);
  const ids = new Set<string>();
  profiles.forEach((p, i) => {
    if (ids.has(p.id)) problems.push(`duplicate profile id ${p.id}`);
    ids.add(p.id);
    for (const q of profiles.slice(i + 1)) {
      if (p.region === q.region && problems.length === 0 && overlaps(p, q)) {
        problems.push(`profiles ${p.id} and ${q.id} overlap in region ${p.region}`);
      }
    }
  });
  if (problems.length > 0) throw new RangeError(`Invalid policy profiles: ${problems.join('; ')}`);

  const sorted = [...profiles].sort(
    (a, b) => a.region.localeCompare(b.region) || compareCivilDates(a.effectiveFrom, b.effectiveFrom),
  );
  return {
    listProfiles: () => sorted,
    profileFor(region, date) {
      return (
        sorted.find(
          (p) =>
            p.region === region &&
            compareCivilDates(p.effectiveFrom, date) <= 0 &&
            (p.effectiveTo === null || compareCivilDates(date, p.effectiveTo) <= 0),
        ) ?? null
      );
    },
    profileById: (id) => sorted.find((p) => p.id === id) ?? null,
  };
}

const defaultRegistry = createPolicyRegistry(BUILT_IN_PROFILES);

export function listProfiles(): readonly PolicyProfile[] {
  return defaultRegistry.listProfiles();
}

export function profileFor(region: Region, date: CivilDate): PolicyProfile | null {
  return defaultRegistry.profileFor(region, date);
}

export function profileById(id: string): PolicyProfile | null {
  return defaultRegistry.profileById(id);
}
