import { CN_OFFICIAL_HOLIDAYS_2025_2026 } from '../../shared/policy/holidays-cn-2025-2026';
import { createHolidayCalendar, type HolidayCalendar, type HolidayEntry } from '../../shared/rules';
import type { ServiceContext } from './context';

/** The name a 调休 working day is stored with (the official table names only the days off). */
export const ADJUSTED_WORKDAY_NAME = '调休上班';

/**
 * Writes the official table (resources/holidays/cn-2025-2026.json) into a new desk's holiday
 * table; migration 0001 runs it once, right after creating the table.
 */
export function seedOfficialHolidays(db: ServiceContext['db']): void {
  const insert = db.prepare('INSERT INTO holidays(date, kind, name) VALUES (?, ?, ?)');
  for (const e of CN_OFFICIAL_HOLIDAYS_2025_2026) insert.run(e.date, e.kind, e.kind === 'holiday' ? e.name ?? '' : ADJUSTED_WORKDAY_NAME);
}

/** The holiday calendar as the database holds it now (official 2025–2026 seed plus the administrator's edits). */
export function loadHolidayCalendar(ctx: Pick<ServiceContext, 'db'>): HolidayCalendar {
  const rows = ctx.db.prepare('SELECT date, kind, name FROM holidays ORDER BY date').all() as HolidayEntry[];
  return createHolidayCalendar(rows);
}
