import { createHolidayCalendar, type HolidayCalendar, type HolidayEntry } from '../../shared/rules';
import type { ServiceContext } from './context';

/** The holiday calendar as the database holds it now (official 2025–2026 seed plus the administrator's edits). */
export function loadHolidayCalendar(ctx: Pick<ServiceContext, 'db'>): HolidayCalendar {
  const rows = ctx.db.prepare('SELECT date, kind, name FROM holidays ORDER BY date').all() as HolidayEntry[];
  return createHolidayCalendar(rows);
}
