// Date bounds that let a list's SQL leave out rows whose deadline has certainly passed, so the
// policy engine judges only the rows that can still be open. Bounds are per profile (each has
// its own periods); a profile without a period never lapses.
import { listProfiles, type PolicyProfile } from '../../shared/policy';
import { addDays, addMonths, compareCivilDates, type CivilDate } from '../../shared/rules/civil-date';

/** Earlier than every stored date: the bound of a period that never lapses. */
export const NEVER_LAPSES = '0000-01-01';

/** Smallest date E whose E + `months` (calendar months, clamped at month end) is `today` or later. */
export function earliestOpenStart(today: CivilDate, months: number): CivilDate {
  let e = addMonths(today, -months);
  while (compareCivilDates(addMonths(e, months), today) < 0) e = addDays(e, 1);
  while (compareCivilDates(addMonths(addDays(e, -1), months), today) >= 0) e = addDays(e, -1);
  return e;
}

/**
 * `CASE <column> WHEN <profile id> THEN <bound> … ELSE <fallback> END` with its parameters, for a
 * bound computed per profile (NEVER_LAPSES for a profile without the period).
 */
export function perProfileBound(
  profileColumn: string,
  bound: (p: PolicyProfile) => CivilDate,
  fallback: CivilDate = NEVER_LAPSES,
): { sql: string; params: string[] } {
  const params: string[] = [];
  const cases = listProfiles().map((p) => { params.push(p.id, bound(p)); return 'WHEN ? THEN ?'; });
  params.push(fallback);
  return { sql: `CASE ${profileColumn} ${cases.join(' ')} ELSE ? END`, params };
}
