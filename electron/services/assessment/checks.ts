// Data checks before the report is handed in: each finding names the instrument and the usage
// record ids, so the administrator can correct the source records.
import type { AssessmentScope, DataCheck, DataCheckCode, DataCheckItem } from '../../../shared/ipc/assessment';
import { MAX_SLOT_DAYS } from '../../../shared/ipc/bookings';
import type { ServiceContext } from '../context';
import { hoursOf } from './compute';
import { civilNowInShanghai, civilTimeMinusSeconds, IN_SERVICE, scopeSql, windowParams, yearWindow } from './window';
import { summaryOverlapMarks } from './summary';
import { unbookedUsage, usageOfInstruments, yearSource, type UsageSource } from './year-pass';

const MAX_ITEMS = 200;
const DAY_SECONDS = 86_400;

interface Row {
  instrumentId: number;
  instrumentName: string;
  ids: string | number | null;
  detail: string;
}

function check(code: DataCheckCode, rows: Row[]): DataCheck {
  const items: DataCheckItem[] = rows.slice(0, MAX_ITEMS).map((r) => ({
    instrumentId: r.instrumentId,
    instrumentName: r.instrumentName,
    recordIds: r.ids === null ? [] : String(r.ids).split(',').map(Number).sort((a, b) => a - b),
    detail: r.detail,
  }));
  return { code, count: rows.length, items };
}

/**
 * The checks of a year and scope; `source` is the page's shared pass over the year's usage rows
 * (year-pass.ts), and `idle` the instruments the figures counted without a record in the year
 * (assessYear over the same pass), which are the "no hours" check's instruments.
 */
export function dataChecks(ctx: ServiceContext, input: { year: number; scope?: AssessmentScope }, source?: UsageSource, idle?: number[]): DataCheck[] {
  return checksOfYear(ctx, input, source, idle).checks;
}

/** The checks, and every instrument with overlapping records in the year (the overlap check lists at most MAX_ITEMS of them). */
export function checksOfYear(ctx: ServiceContext, input: { year: number; scope?: AssessmentScope }, source?: UsageSource, idle?: number[]): { checks: DataCheck[]; overlapping: number[] } {
  const w = yearWindow(input.year);
  const scope = input.scope ?? { kind: 'unit' };
  const s = scopeSql(ctx, scope);
  const src = source ?? yearSource(ctx, input.year, s, scope);
  const year = `${src.from} WHERE ${src.where}`;
  const now = civilNowInShanghai(ctx);
  // No booking or usage record is longer than MAX_SLOT_DAYS: that bounds the booking lookup per
  // record (slotBack) and the start_at range of records still running after now (nowLo).
  const p = {
    ...windowParams(w), ...s.params, now,
    nowLo: civilTimeMinusSeconds(now, MAX_SLOT_DAYS * 86_400), slotBack: `-${MAX_SLOT_DAYS} days`,
    yearEndLo: civilTimeMinusSeconds(w.ye, MAX_SLOT_DAYS * 86_400),
  };
  const db = ctx.db;
  const name = 'JOIN instruments i ON i.id = x.inst';
  const hours = (sec: number) => `${hoursOf(sec)} h`;

  // Two records overlap when one starts before the latest end of the instrument's records before it
  // (in start, id order). Records end after they start (a CHECK of usage_logs), so an instrument
  // none of whose records starts before the end of the record just before it has no overlap at
  // all: that cheap test (one LAG) finds the instruments, and the latest-end window runs on their
  // records only. The whole unit's kept summary has the instruments marked already.
  const flagged = src.summary !== undefined ? summaryOverlapMarks(db, src.summary) : db.prepare(`SELECT DISTINCT inst FROM (SELECT u.instrument_id AS inst, ${src.start} AS st,
        LAG(${src.end}) OVER (PARTITION BY u.instrument_id ORDER BY ${src.start}, u.id) AS prevEnd FROM ${year})
      WHERE prevEnd > st`).pluck().all(p) as number[];
  // The few instruments' records are read from usage_logs with their text times.
  const few = usageOfInstruments(s);
  const ofFew = `${few.from} WHERE ${few.where}`;
  const overlapRows = flagged.length === 0 ? [] : db.prepare(`WITH o AS (SELECT u.id, u.instrument_id AS inst, u.start_at,
          MAX(u.end_at) OVER win AS prevEnd, LAG(u.id) OVER win2 AS prevId
        FROM ${ofFew}
        WINDOW win AS (PARTITION BY u.instrument_id ORDER BY u.start_at, u.id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING),
          win2 AS (PARTITION BY u.instrument_id ORDER BY u.start_at, u.id)),
      x AS (SELECT inst, id, prevId || ',' || id AS ids, start_at FROM o WHERE prevEnd > start_at)
      SELECT x.inst AS instrumentId, i.name_cn AS instrumentName, x.ids, x.start_at AS detail FROM x ${name} ORDER BY x.start_at, x.inst, x.id`)
    .all({ ...p, instruments: JSON.stringify(flagged) }) as Row[];

  // Records of one instrument that do not overlap cover each day (and the year) at most once, so
  // only an instrument with overlapping records can pass 24 h in a day or the calendar hours of the
  // year: the day split and the year sums read those instruments' records only.
  const overlapping = [...new Set(overlapRows.map((r) => r.instrumentId))];
  const ofOverlapping = ofFew;
  const op = { ...p, instruments: JSON.stringify(overlapping) };

  // Each record split into its calendar days inside the year, then summed per instrument and day.
  const dayRows = overlapping.length === 0 ? [] : db.prepare(`WITH RECURSIVE parts(id, inst, s, e) AS (
        SELECT u.id, u.instrument_id, max(u.start_at, @ys), min(u.end_at, @ye) FROM ${ofOverlapping}
        UNION ALL
        SELECT id, inst, date(s, '+1 day') || 'T00:00', e FROM parts WHERE date(s, '+1 day') || 'T00:00' < e),
      x AS (SELECT inst, substr(s, 1, 10) AS day, group_concat(id) AS ids,
          SUM(unixepoch(min(e, date(s, '+1 day') || 'T00:00')) - unixepoch(s)) AS sec
        FROM parts GROUP BY inst, day HAVING sec > ${DAY_SECONDS})
      SELECT x.inst AS instrumentId, i.name_cn AS instrumentName, x.ids, x.day, x.sec FROM x ${name} ORDER BY x.day, x.inst`)
    .all(op) as (Row & { day: string; sec: number })[];

  // Sums first; the record ids are gathered only for the instruments above the limit. (The sum is
  // not named sec: HAVING would read the pass table's own sec column of one row instead.)
  const yearRows = overlapping.length === 0 ? [] : db.prepare(`WITH x AS (SELECT u.instrument_id AS inst, SUM(${few.sec}) AS total
        FROM ${ofOverlapping} GROUP BY u.instrument_id HAVING total > @limit)
      SELECT x.inst AS instrumentId, i.name_cn AS instrumentName,
        (SELECT group_concat(u.id) FROM ${ofOverlapping} AND u.instrument_id = x.inst) AS ids, x.total AS sec FROM x ${name} ORDER BY x.inst`)
    .all({ ...op, limit: w.calendarHours * 3600 }) as (Row & { sec: number })[];

  // The records without a booking come from their own partial index, beside the pass or not.
  const noBook = unbookedUsage(s);
  const unbooked = `${noBook.from} WHERE ${noBook.where}`;
  // From the page's pass the records are listed with their text times from usage_logs, by id.
  // Beside the kept summary they are the two short start ranges a crossing record can have (no
  // record is longer than MAX_SLOT_DAYS), at either end of the year.
  const crossingYear = src.pass
    ? `usage_logs u WHERE u.id IN (SELECT id FROM ${src.pass} WHERE s < unixepoch(@ys) OR e > unixepoch(@ye))`
    : src.summary !== undefined
      ? `usage_logs u INDEXED BY usage_year_cover WHERE ((u.start_at >= @lo AND u.start_at < @ys AND u.end_at > @ys)
          OR (u.start_at >= @yearEndLo AND u.start_at < @ye AND u.end_at > @ye)) AND ${s.usage}`
      : `${year} AND (u.start_at < @ys OR u.end_at > @ye)`;

  const noBooking = db.prepare(`WITH x AS (SELECT u.instrument_id AS inst, u.id AS ids, u.start_at || ' – ' || u.end_at AS detail, u.start_at
        FROM ${unbooked} AND NOT EXISTS (
          SELECT 1 FROM bookings b WHERE b.instrument_id = u.instrument_id AND b.start_at < u.end_at AND b.end_at > u.start_at
            AND b.start_at >= strftime('%Y-%m-%dT%H:%M', u.start_at, @slotBack)))
      SELECT x.inst AS instrumentId, i.name_cn AS instrumentName, x.ids, x.detail FROM x ${name} ORDER BY x.start_at, x.inst, x.ids`)
    .all(p) as Row[];

  // Given the figures' idle instruments, only theirs are read (by id); else every instrument of the
  // scope is tested for a record in the year.
  const noHours = (idle ? db.prepare(`SELECT i.id AS instrumentId, i.name_cn AS instrumentName, NULL AS ids, i.inner_id AS detail
      FROM instruments i WHERE i.id IN (SELECT value FROM json_each(@idle)) ORDER BY i.inner_id`).all({ idle: JSON.stringify(idle) })
    : db.prepare(`SELECT i.id AS instrumentId, i.name_cn AS instrumentName, NULL AS ids, i.inner_id AS detail
      FROM instruments i WHERE ${IN_SERVICE} AND ${s.instruments}
        AND NOT EXISTS (${src.summary !== undefined ? 'SELECT 1 FROM assessment_summary_instruments y WHERE y.year = @year AND y.instrument_id = i.id'
          : `SELECT 1 FROM ${source ? src.from : 'usage_logs u'} WHERE u.instrument_id = i.id AND ${source ? src.where : 'u.start_at >= @lo AND u.start_at < @ye AND u.end_at > @ys'}`})
      ORDER BY i.inner_id`).all({ ...p, year: input.year })) as Row[];

  const crossing = db.prepare(`WITH x AS (SELECT u.instrument_id AS inst, u.id AS ids, u.start_at || ' – ' || u.end_at AS detail, u.start_at
        FROM ${crossingYear})
      SELECT x.inst AS instrumentId, i.name_cn AS instrumentName, x.ids, x.detail FROM x ${name} ORDER BY x.start_at, x.inst, x.ids`)
    .all(p) as Row[];

  const future = db.prepare(`WITH x AS (SELECT u.instrument_id AS inst, u.id AS ids, u.start_at || ' – ' || u.end_at AS detail, u.start_at
        FROM usage_logs u WHERE u.start_at > @nowLo AND u.end_at > @now AND ${s.usage})
      SELECT x.inst AS instrumentId, i.name_cn AS instrumentName, x.ids, x.detail FROM x ${name} ORDER BY x.start_at, x.inst, x.ids`)
    .all(p) as Row[];

  const checks = [
    check('dayOverflow', dayRows.map((r) => ({ ...r, detail: `${r.day}: ${hours(r.sec)}` }))),
    check('yearOverflow', yearRows.map((r) => ({ ...r, detail: `${w.year}: ${hours(r.sec)} > ${w.calendarHours} h` }))),
    check('overlap', overlapRows),
    check('noBooking', noBooking),
    check('noHours', noHours),
    check('crossesYear', crossing),
    check('future', future),
  ];
  return { checks, overlapping };
}
