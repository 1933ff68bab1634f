// Official 2025–2026 statutory holidays and 调休 working days (国务院办公厅 notices), copied from
// /shared/data/cn_holidays_2025_2026.json. Seeds the DB holiday table; later years are entered
// by the administrator.

import { createHolidayCalendar, type HolidayCalendar, type HolidayEntry } from '../rules/holiday-calendar';

export const CN_OFFICIAL_HOLIDAY_YEARS: readonly number[] = [2025, 2026];

export const CN_OFFICIAL_HOLIDAYS_2025_2026: readonly HolidayEntry[] = [
  // 2025
  { date: '2025-01-01', kind: 'holiday', name: '元旦' },
  { date: '2025-01-26', kind: 'adjusted_workday' },
  { date: '2025-01-28', kind: 'holiday', name: '春节' },
  { date: '2025-01-29', kind: 'holiday', name: '春节' },
  { date: '2025-01-30', kind: 'holiday', name: '春节' },
  { date: '2025-01-31', kind: 'holiday', name: '春节' },
  { date: '2025-02-01', kind: 'holiday', name: '春节' },
  { date: '2025-02-02', kind: 'holiday', name: '春节' },
  { date: '2025-02-03', kind: 'holiday', name: '春节' },
  { date: '2025-02-04', kind: 'holiday', name: '春节' },
  { date: '2025-02-08', kind: 'adjusted_workday' },
  { date: '2025-04-04', kind: 'holiday', name: '清明节' },
  { date: '2025-04-05', kind: 'holiday', name: '清明节' },
  { date: '2025-04-06', kind: 'holiday', name: '清明节' },
  { date: '2025-04-27', kind: 'adjusted_workday' },
  { date: '2025-05-01', kind: 'holiday', name: '劳动节' },
  { date: '2025-05-02', kind: 'holiday', name: '劳动节' },
  { date: '2025-05-03', kind: 'holiday', name: '劳动节' },
  { date: '2025-05-04', kind: 'holiday', name: '劳动节' },
  { date: '2025-05-05', kind: 'holiday', name: '劳动节' },
  { date: '2025-05-31', kind: 'holiday', name: '端午节' },
  { date: '2025-06-01', kind: 'holiday', name: '端午节' },
  { date: '2025-06-02', kind: 'holiday', name: '端午节' },
  { date: '2025-09-28', kind: 'adjusted_workday' },
  { date: '2025-10-01', kind: 'holiday', name: '国庆节、中秋节' },
  { date: '2025-10-02', kind: 'holiday', name: '国庆节、中秋节' },
  { date: '2025-10-03', kind: 'holiday', name: '国庆节、中秋节' },
  { date: '2025-10-04', kind: 'holiday', name: '国庆节、中秋节' },
  { date: '2025-10-05', kind: 'holiday', name: '国庆节、中秋节' },
  { date: '2025-10-06', kind: 'holiday', name: '国庆节、中秋节' },
  { date: '2025-10-07', kind: 'holiday', name: '国庆节、中秋节' },
  { date: '2025-10-08', kind: 'holiday', name: '国庆节、中秋节' },
  { date: '2025-10-11', kind: 'adjusted_workday' },
  // 2026
  { date: '2026-01-01', kind: 'holiday', name: '元旦' },
  { date: '2026-01-02', kind: 'holiday', name: '元旦' },
  { date: '2026-01-03', kind: 'holiday', name: '元旦' },
  { date: '2026-01-04', kind: 'adjusted_workday' },
  { date: '2026-02-14', kind: 'adjusted_workday' },
  { date: '2026-02-15', kind: 'holiday', name: '春节' },
  { date: '2026-02-16', kind: 'holiday', name: '春节' },
  { date: '2026-02-17', kind: 'holiday', name: '春节' },
  { date: '2026-02-18', kind: 'holiday', name: '春节' },
  { date: '2026-02-19', kind: 'holiday', name: '春节' },
  { date: '2026-02-20', kind: 'holiday', name: '春节' },
  { date: '2026-02-21', kind: 'holiday', name: '春节' },
  { date: '2026-02-22', kind: 'holiday', name: '春节' },
  { date: '2026-02-23', kind: 'holiday', name: '春节' },
  { date: '2026-02-28', kind: 'adjusted_workday' },
  { date: '2026-04-04', kind: 'holiday', name: '清明节' },
  { date: '2026-04-05', kind: 'holiday', name: '清明节' },
  { date: '2026-04-06', kind: 'holiday', name: '清明节' },
  { date: '2026-05-01', kind: 'holiday', name: '劳动节' },
  { date: '2026-05-02', kind: 'holiday', name: '劳动节' },
  { date: '2026-05-03', kind: 'holiday', name: '劳动节' },
  { date: '2026-05-04', kind: 'holiday', name: '劳动节' },
  { date: '2026-05-05', kind: 'holiday', name: '劳动节' },
  { date: '2026-05-09', kind: 'adjusted_workday' },
  { date: '2026-06-19', kind: 'holiday', name: '端午节' },
  { date: '2026-06-20', kind: 'holiday', name: '端午节' },
  { date: '2026-06-21', kind: 'holiday', name: '端午节' },
  { date: '2026-09-20', kind: 'adjusted_workday' },
  { date: '2026-09-25', kind: 'holiday', name: '中秋节' },
  { date: '2026-09-26', kind: 'holiday', name: '中秋节' },
  { date: '2026-09-27', kind: 'holiday', name: '中秋节' },
  { date: '2026-10-01', kind: 'holiday', name: '国庆节' },
  { date: '2026-10-02', kind: 'holiday', name: '国庆节' },
  { date: '2026-10-03', kind: 'holiday', name: '国庆节' },
  { date: '2026-10-04', kind: 'holiday', name: '国庆节' },
  { date: '2026-10-05', kind: 'holiday', name: '国庆节' },
  { date: '2026-10-06', kind: 'holiday', name: '国庆节' },
  { date: '2026-10-07', kind: 'holiday', name: '国庆节' },
  { date: '2026-10-10', kind: 'adjusted_workday' },
];

/** Calendar of the official data alone (covers 2025 and 2026 only). */
export function createOfficialHolidayCalendar(): HolidayCalendar {
  return createHolidayCalendar(CN_OFFICIAL_HOLIDAYS_2025_2026, { years: CN_OFFICIAL_HOLIDAY_YEARS });
}
