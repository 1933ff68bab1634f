// Which rotated backups to keep: the newest `recent` ones, the newest of each of the last
// `weekly` calendar weeks and `monthly` calendar months (Asia/Shanghai), then, oldest first, drop
// kept copies while their total is above the size cap. The newest backup is always kept, and
// pre-restore copies are never rotated (the caller passes rotated backups only).
import { addDays, dayOfWeek, type CivilDate } from '../../../shared/rules/civil-date';

export interface RotationPolicy {
  /** The newest copies kept whatever their dates (one a day with the daily backup). */
  recent: number;
  /** The newest copy of each of this many calendar weeks (Monday to Sunday), this week included. */
  weekly: number;
  /** The newest copy of each of this many calendar months, this month included. */
  monthly: number;
  /** Upper bound of the kept copies' total size; the newest copy stays even when alone above it. */
  maxTotalBytes: number;
}

export interface RotatedCopy {
  name: string;
  /** Shanghai civil date the copy was taken. */
  date: CivilDate;
  /** Instant it was taken, for ordering (ties broken by name, newest first by the caller's order). */
  instant: number;
  sizeBytes: number;
}

export interface RotationPlan {
  keep: string[];
  remove: string[];
}

const mondayOf = (d: CivilDate): CivilDate => addDays(d, -((dayOfWeek(d) + 6) % 7));

/** `copies` newest first. */
export function planRotation(copies: readonly RotatedCopy[], today: CivilDate, policy: RotationPolicy): RotationPlan {
  const kept = new Set<string>();
  copies.slice(0, Math.max(1, policy.recent)).forEach((c) => kept.add(c.name));
  // Weeks and months counted back from today: the newest copy inside each one stays.
  const weeks = new Set<string>();
  for (let i = 0, monday = mondayOf(today); i < policy.weekly; i++, monday = addDays(monday, -7)) weeks.add(monday);
  const months = new Set<string>();
  for (let i = 0, [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))]; i < policy.monthly; i++) {
    months.add(`${y}-${String(m).padStart(2, '0')}`);
    if (--m === 0) { m = 12; y--; }
  }
  const seenWeeks = new Set<string>();
  const seenMonths = new Set<string>();
  for (const c of copies) {
    const week = mondayOf(c.date);
    if (weeks.has(week) && !seenWeeks.has(week)) { seenWeeks.add(week); kept.add(c.name); }
    const month = c.date.slice(0, 7);
    if (months.has(month) && !seenMonths.has(month)) { seenMonths.add(month); kept.add(c.name); }
  }
  // The size cap: the oldest kept copies go first, never the newest.
  let total = copies.filter((c) => kept.has(c.name)).reduce((s, c) => s + c.sizeBytes, 0);
  for (const c of [...copies].reverse()) {
    if (total <= policy.maxTotalBytes) break;
    if (c === copies[0] || !kept.has(c.name)) continue;
    kept.delete(c.name);
    total -= c.sizeBytes;
  }
  return { keep: copies.filter((c) => kept.has(c.name)).map((c) => c.name), remove: copies.filter((c) => !kept.has(c.name)).map((c) => c.name) };
}
