import { describe, expect, it } from 'vitest';
import { CN_OFFICIAL_HOLIDAYS_2025_2026, CN_OFFICIAL_HOLIDAY_YEARS, createOfficialHolidayCalendar } from '../../../shared/policy';
import { holidayEntrySchema, validateHolidayEntries } from '../../../shared/rules';

const count = (year: string, kind: string) =>
  CN_OFFICIAL_HOLIDAYS_2025_2026.filter((e) => e.date.startsWith(year) && e.kind === kind).length;

describe('official 2025–2026 holiday data', () => {
  it('has the published number of days and no inconsistencies', () => {
    expect(CN_OFFICIAL_HOLIDAYS_2025_2026).toHaveLength(72);
    expect([count('2025', 'holiday'), count('2025', 'adjusted_workday')]).toEqual([28, 5]);
    expect([count('2026', 'holiday'), count('2026', 'adjusted_workday')]).toEqual([33, 6]);
    expect(validateHolidayEntries(CN_OFFICIAL_HOLIDAYS_2025_2026)).toEqual([]);
    for (const entry of CN_OFFICIAL_HOLIDAYS_2025_2026) expect(holidayEntrySchema.safeParse(entry).success).toBe(true);
  });

  it('covers exactly 2025 and 2026', () => {
    const cal = createOfficialHolidayCalendar();
    expect(CN_OFFICIAL_HOLIDAY_YEARS).toEqual([2025, 2026]);
    expect([2024, 2025, 2026, 2027].map((y) => cal.hasYear(y))).toEqual([false, true, true, false]);
    expect(cal.holidayName?.('2025-10-06')).toBe('国庆节、中秋节');
    expect(cal.holidayName?.('2026-02-17')).toBe('春节');
  });

  it('the zod schema refuses invalid rows', () => {
    expect(holidayEntrySchema.safeParse({ date: '2027-02-29', kind: 'holiday' }).success).toBe(false);
    expect(holidayEntrySchema.safeParse({ date: '2027-01-01', kind: 'vacation' }).success).toBe(false);
  });
});
