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

/**
 * The same rows as `<date> >= perProfileBound(…) AND <date> <= upTo` (columns of `table`), as
 * `id IN (…)` over ranges of an index on (profile, date), each read on its own: for each profile
 * `profile = id AND date BETWEEN bound AND upTo`, and for the ids of no profile (the gaps between the
 * sorted ids, which fall back to NEVER_LAPSES) `date <= upTo`. Rows whose bound has passed are never read.
 */
export function perProfileRanges(
  table: string,
  index: string,
  profileColumn: string,
  dateColumn: string,
  upTo: CivilDate,
  bound: (p: PolicyProfile) => CivilDate,
): { sql: string; params: string[] } {
  const profiles = [...new Map(listProfiles().map((p) => [p.id, bound(p)])).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const ranges: string[] = [];
  const params: string[] = [];
  const range = (where: string, ...values: string[]) => { ranges.push(`SELECT rowid FROM ${table} INDEXED BY ${index} WHERE ${where}`); params.push(...values); };
  profiles.forEach(([id, from], i) => {
    range(`${profileColumn} = ? AND ${dateColumn} BETWEEN ? AND ?`, id, from, upTo);
    // The ids between this profile's and the previous one's (before the first: all smaller ones).
    if (i === 0) range(`${profileColumn} < ? AND ${dateColumn} <= ?`, id, upTo);
    else range(`${profileColumn} > ? AND ${profileColumn} < ? AND ${dateColumn} <= ?`, profiles[i - 1][0], id, upTo);
  });
  const last = profiles[profiles.length - 1]?.[0];
  if (last === undefined) range(`${dateColumn} <= ?`, upTo);
  else range(`${profileColumn} > ? AND ${dateColumn} <= ?`, last, upTo);
  return { sql: ranges.join(' UNION ALL '), params };
}
