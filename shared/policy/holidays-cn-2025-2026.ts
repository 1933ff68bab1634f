// Official 2025–2026 statutory holidays and 调休 working days (国务院办公厅 notices). The one copy
// is resources/holidays/cn-2025-2026.json (the official table as published); migration 0001's
// seeding step writes it into the desk's holiday table, and the tests read it. Later years are
// entered by the administrator.

import official from '../../resources/holidays/cn-2025-2026.json';
import { createHolidayCalendar, type HolidayCalendar, type HolidayEntry } from '../rules/holiday-calendar';

/** The data file's shape: per year, the named days off and the 调休 working days. */
type OfficialTable = Record<string, { holidays: { date: string; name: string }[]; adjusted_workdays: string[] }>;

const TABLE = official as OfficialTable;

export const CN_OFFICIAL_HOLIDAY_YEARS: readonly number[] = Object.keys(TABLE).map(Number).sort((a, b) => a - b);

export const CN_OFFICIAL_HOLIDAYS_2025_2026: readonly HolidayEntry[] = Object.freeze(
  Object.values(TABLE)
    .flatMap((y): HolidayEntry[] => [
      ...y.holidays.map((h): HolidayEntry => ({ date: h.date, kind: 'holiday', name: h.name })),
      ...y.adjusted_workdays.map((date): HolidayEntry => ({ date, kind: 'adjusted_workday' })),
    ])
    .sort((a, b) => a.date.localeCompare(b.date)),
);

/** Calendar of the official data alone (covers 2025 and 2026 only). */
export function createOfficialHolidayCalendar(): HolidayCalendar {
  return createHolidayCalendar(CN_OFFICIAL_HOLIDAYS_2025_2026, { years: CN_OFFICIAL_HOLIDAY_YEARS });
}
