// Rotation of the automatic backups: the newest N, the newest of each recent week and month,
// and a cap on the total size that drops the oldest kept copies first (never the newest).
import { describe, expect, it } from 'vitest';
import { planRotation, type RotatedCopy, type RotationPolicy } from '../../electron/services/backup/rotation';
import { addDays } from '../../shared/rules/civil-date';

const MB = 1024 * 1024;
const policy: RotationPolicy = { recent: 7, weekly: 4, monthly: 12, maxTotalBytes: 1000 * MB };

/** One copy a day for `days` days up to `today`, newest first. */
function daily(today: string, days: number, sizeBytes = MB): RotatedCopy[] {
  return Array.from({ length: days }, (_, i) => {
    const date = addDays(today, -i);
    return { name: `desk-${date.replace(/-/g, '')}-100000.sqlite`, date, instant: Date.parse(`${date}T02:00:00Z`), sizeBytes };
  });
}

describe('backup rotation', () => {
  it('keeps 7 daily, the newest of 4 weeks and of 12 months from a year of daily copies', () => {
    // 2025-06-16 is a Monday.
    const copies = daily('2025-06-16', 400);
    const { keep, remove } = planRotation(copies, '2025-06-16', policy);
    const dates = keep.map((n) => `${n.slice(5, 9)}-${n.slice(9, 11)}-${n.slice(11, 13)}`);
    expect(dates.slice(0, 7)).toEqual(daily('2025-06-16', 7).map((c) => c.date));
    // Weeks: this week's newest (today) is among the 7; the three before end on Sundays.
    expect(dates).toEqual(expect.arrayContaining(['2025-06-15', '2025-06-08', '2025-06-01']));
    // Months: the newest copy of each of the 12 months back to July 2024 (the month's last day).
    expect(dates).toEqual(expect.arrayContaining(['2025-05-31', '2025-04-30', '2025-01-31', '2024-07-31']));
    expect(dates).not.toContain('2024-06-30');
    expect(new Set(keep).size).toBe(keep.length);
    expect(keep.length + remove.length).toBe(400);
    // 7 recent (06-10 … 06-16, which hold this week's and last week's newest), 2 more weeks, 11 more months.
    expect(keep.length).toBe(7 + 2 + 11);
  });

  it('drops the oldest kept copies first to stay under the size cap, and always keeps the newest', () => {
    const copies = daily('2025-06-16', 30, 300 * MB);
    const capped = planRotation(copies, '2025-06-16', { ...policy, maxTotalBytes: 1000 * MB });
    expect(capped.keep).toEqual(copies.slice(0, 3).map((c) => c.name));
    const tiny = planRotation(copies, '2025-06-16', { ...policy, maxTotalBytes: 1 });
    expect(tiny.keep).toEqual([copies[0].name]);
  });

  it('keeps the newest N when all copies are from one day (several manual copies)', () => {
    const copies = Array.from({ length: 6 }, (_, i) => ({
      name: `desk-20250616-1${i}0000.sqlite`, date: '2025-06-16', instant: Date.parse(`2025-06-16T0${5 - i}:00:00Z`), sizeBytes: MB,
    }));
    expect(planRotation(copies, '2025-06-16', { ...policy, recent: 3 }).keep).toEqual(copies.slice(0, 3).map((c) => c.name));
  });
});
