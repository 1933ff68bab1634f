// The administrator's holiday editor: later years' 调休 calendars are published each winter, so
// they are typed in here. Every change is checked with the policy engine's validateHolidayEntries.
import type { HolidayRow, HolidayYearInfo } from '../../../shared/ipc/assessment';
import { civilDateInShanghai, validateHolidayEntries, yearOf, type HolidayEntry, type HolidayEntryProblem } from '../../../shared/rules';
import { refuse, refuseAll, type FieldIssue } from '../../../shared/result';
import { audit } from '../audit';
import type { ServiceContext } from '../context';

const yearRange = (year: number) => [`${year}-01-01`, `${year}-12-31`] as const;

export function listHolidays(ctx: ServiceContext, year: number): HolidayRow[] {
  return ctx.db.prepare('SELECT date, kind, name FROM holidays WHERE date BETWEEN ? AND ? ORDER BY date')
    .all(...yearRange(year)) as HolidayRow[];
}

const PROBLEM_REASON: Record<HolidayEntryProblem['code'], string> = {
  invalid_date: 'holiday.invalidDate',
  duplicate_date: 'holiday.duplicateDate',
  adjusted_workday_on_weekday: 'holiday.adjustedOnWeekday',
};

/** Refuses entries the engine finds inconsistent (bad date, duplicate, 调休 on a weekday), all at once. */
function assertValid(entries: HolidayEntry[], many: boolean): void {
  const problems = validateHolidayEntries(entries);
  if (problems.length === 0) return;
  const issues: FieldIssue[] = problems.map((p) => ({
    field: many ? `entries.${p.index}.date` : 'date', reason: PROBLEM_REASON[p.code], params: { date: p.date },
    rule: `holiday.${p.code}`, ...(many ? { row: p.index } : {}),
  }));
  refuseAll('VALIDATION', issues);
}

export function upsertHoliday(ctx: ServiceContext, entry: HolidayRow): HolidayRow[] {
  const year = yearOf(entry.date);
  return ctx.db.transaction(() => {
    assertValid([entry], false);
    const before = ctx.db.prepare('SELECT date, kind, name FROM holidays WHERE date = ?').get(entry.date) ?? null;
    ctx.db.prepare(`INSERT INTO holidays(date, kind, name) VALUES (?, ?, ?)
      ON CONFLICT(date) DO UPDATE SET kind = excluded.kind, name = excluded.name`).run(entry.date, entry.kind, entry.name);
    audit(ctx, before ? 'update' : 'create', 'holiday', entry.date, { before, after: entry });
    return listHolidays(ctx, year);
  })();
}

export function deleteHoliday(ctx: ServiceContext, date: string): void {
  ctx.db.transaction(() => {
    const before = ctx.db.prepare('SELECT date, kind, name FROM holidays WHERE date = ?').get(date);
    if (!before) refuse('NOT_FOUND', 'holiday.notFound', { field: 'date', params: { date } });
    ctx.db.prepare('DELETE FROM holidays WHERE date = ?').run(date);
    audit(ctx, 'delete', 'holiday', date, { before });
  })();
}

/** Replaces a whole year's calendar (the official notice for that year) in one transaction. */
export function importHolidayYear(ctx: ServiceContext, year: number, entries: HolidayRow[]): { year: number; count: number } {
  const outside = entries.findIndex((e) => !e.date.startsWith(`${year}-`));
  if (outside >= 0) {
    const date = entries[outside].date;
    refuse('VALIDATION', 'holiday.outsideYear', { field: `entries.${outside}.date`, row: outside, params: { date, year } });
  }
  assertValid(entries, true);
  return ctx.db.transaction(() => {
    const removed = ctx.db.prepare('DELETE FROM holidays WHERE date BETWEEN ? AND ?').run(...yearRange(year)).changes;
    const insert = ctx.db.prepare('INSERT INTO holidays(date, kind, name) VALUES (?, ?, ?)');
    for (const e of entries) insert.run(e.date, e.kind, e.name);
    audit(ctx, 'importYear', 'holiday', year, { removed, inserted: entries.length });
    return { year, count: entries.length };
  })();
}

/**
 * Years from the earliest with data (or last year) to next year, each flagged when it has no
 * holiday data, so the UI can warn before working-day deadlines in that year are trusted.
 */
export function holidayYears(ctx: ServiceContext): HolidayYearInfo[] {
  const rows = ctx.db.prepare(`SELECT CAST(substr(date, 1, 4) AS INTEGER) AS year,
      SUM(kind = 'holiday') AS holidays, SUM(kind = 'adjusted_workday') AS adjusted
    FROM holidays GROUP BY year ORDER BY year`).all() as { year: number; holidays: number; adjusted: number }[];
  const thisYear = yearOf(civilDateInShanghai(ctx.now()));
  const byYear = new Map(rows.map((r) => [r.year, r]));
  const first = Math.min(thisYear - 1, ...rows.map((r) => r.year));
  const last = Math.max(thisYear + 1, ...rows.map((r) => r.year));
  const out: HolidayYearInfo[] = [];
  for (let y = first; y <= last; y++) {
    const r = byYear.get(y);
    out.push({ year: y, holidays: r?.holidays ?? 0, adjustedWorkdays: r?.adjusted ?? 0, missing: !r });
  }
  return out;
}
