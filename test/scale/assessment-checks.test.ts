// The assessment's day and year checks read only the instruments with overlapping records (records
// that do not overlap cover a day at most once). On a seeded temp desk with random records — many
// multi-day, crossing New Year, some overlapping — the findings equal those of the statements that
// split and summed every record of the year, for the unit, a lab and one instrument, on their own
// and through the page's one pass; a year without overlaps never runs the day split.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dataChecks } from '../../electron/services/assessment/checks';
import { assessmentPage } from '../../electron/services/assessment/page';
import { hoursOf } from '../../electron/services/assessment/compute';
import { yearWindow, windowParams } from '../../electron/services/assessment/window';
import type { AssessmentScope, DataCheck } from '../../shared/ipc/assessment';
import { createRng } from '../../scripts/lib/prng';
import { captureStatements } from '../../scripts/lib/sql-capture';
import { tempCore, type TempCore } from '../helpers/db';
import { insertInstrument, insertLab, insertUsage } from '../assessment/fixtures';

const YEAR = 2025;
let core: TempCore;
let labId: number;
const instruments: number[] = [];

/** Civil time text + minutes, as the desk stores it ('YYYY-MM-DDTHH:MM'). */
const plus = (civil: string, minutes: number) => new Date(Date.parse(`${civil}:00Z`) + minutes * 60_000).toISOString().slice(0, 16);

beforeAll(() => {
  core = tempCore('2026-01-10T02:00:00.000Z');
  const db = core.db;
  const rng = createRng(15);
  labId = insertLab(db, '抽样实验室');
  db.transaction(() => {
    for (let k = 0; k < 40; k++) {
      const id = insertInstrument(db, { innerId: `R${String(k).padStart(2, '0')}`, valueFen: 1_000_000, labId: k % 2 ? labId : null });
      instruments.push(id);
      // Back to back or with gaps, from mid-December before the year to mid-January after it;
      // lengths from 30 minutes to 7 days (the longest record allowed).
      let t = '2024-12-20T08:00';
      while (t < '2026-01-10T00:00') {
        const long = rng.chance(0.15);
        const minutes = long ? rng.int(24 * 60, 7 * 24 * 60) : rng.int(30, 10 * 60);
        const end = plus(t, minutes);
        insertUsage(db, { instrumentId: id, start: t, end });
        // A third of the instruments get overlapping records now and then (a few days above 24 h).
        if (k % 3 === 0 && rng.chance(0.05)) insertUsage(db, { instrumentId: id, start: plus(t, rng.int(0, minutes - 1)), end: plus(end, rng.int(0, 20 * 60)) });
        t = plus(end, rng.chance(0.3) ? 0 : rng.int(10, 3 * 24 * 60));
      }
    }
    // One instrument busy the whole year in week-long records, plus an overlapping one: above 8,760 h.
    const full = insertInstrument(db, { innerId: 'FULL', valueFen: 1_000_000, labId });
    for (let t = '2024-12-28T00:00'; t < '2026-01-02T00:00'; t = plus(t, 7 * 24 * 60)) insertUsage(db, { instrumentId: full, start: t, end: plus(t, 7 * 24 * 60) });
    insertUsage(db, { instrumentId: full, start: '2025-05-05T10:00', end: '2025-05-05T13:00' });
  })();
});
afterAll(() => core.cleanup());

/** The day and year findings as the statements before this change computed them: every record of the year split and summed. */
function everyRecord(scope: AssessmentScope): { day: string[]; year: string[] } {
  const w = yearWindow(YEAR);
  const usage = scope.kind === 'unit' ? '1' : scope.kind === 'lab' ? 'u.instrument_id IN (SELECT id FROM instruments WHERE lab_id = @scopeId)' : 'u.instrument_id = @scopeId';
  const params = { ...windowParams(w), scopeId: scope.kind === 'lab' ? scope.labId : scope.kind === 'instrument' ? scope.instrumentId : 0 };
  const year = `usage_logs u WHERE u.start_at >= @lo AND u.start_at < @ye AND u.end_at > @ys AND ${usage}`;
  const day = core.db.prepare(`WITH RECURSIVE parts(id, inst, s, e) AS (
        SELECT u.id, u.instrument_id, max(u.start_at, @ys), min(u.end_at, @ye) FROM ${year}
        UNION ALL
        SELECT id, inst, date(s, '+1 day') || 'T00:00', e FROM parts WHERE date(s, '+1 day') || 'T00:00' < e),
      x AS (SELECT inst, substr(s, 1, 10) AS day, group_concat(id) AS ids,
          SUM(unixepoch(min(e, date(s, '+1 day') || 'T00:00')) - unixepoch(s)) AS sec
        FROM parts GROUP BY inst, day HAVING sec > 86400)
      SELECT inst, ids, day, sec FROM x ORDER BY day, inst`).all(params) as { inst: number; ids: string; day: string; sec: number }[];
  const yearly = core.db.prepare(`SELECT u.instrument_id AS inst, group_concat(u.id) AS ids,
        SUM(unixepoch(min(u.end_at, @ye)) - unixepoch(max(u.start_at, @ys))) AS sec
      FROM ${year} GROUP BY u.instrument_id HAVING sec > @limit ORDER BY u.instrument_id`)
    .all({ ...params, limit: w.calendarHours * 3600 }) as { inst: number; ids: string; sec: number }[];
  const ids = (s: string) => s.split(',').map(Number).sort((x, y) => x - y).join(',');
  return {
    day: day.map((r) => `${r.inst}|${r.day}: ${hoursOf(r.sec)} h|${ids(r.ids)}`),
    year: yearly.map((r) => `${r.inst}|${YEAR}: ${hoursOf(r.sec)} h > ${w.calendarHours} h|${ids(r.ids)}`),
  };
}

/** The overlap findings as one window over every record of the year computed them, and the rows only the latest end (not the record just before) finds. */
function overlapEveryRecord(scope: AssessmentScope): { lines: string[]; onlyLatestEnd: number } {
  const w = yearWindow(YEAR);
  const usage = scope.kind === 'unit' ? '1' : scope.kind === 'lab' ? 'u.instrument_id IN (SELECT id FROM instruments WHERE lab_id = @scopeId)' : 'u.instrument_id = @scopeId';
  const params = { ...windowParams(w), scopeId: scope.kind === 'lab' ? scope.labId : scope.kind === 'instrument' ? scope.instrumentId : 0 };
  const rows = core.db.prepare(`WITH o AS (SELECT u.id, u.instrument_id AS inst, u.start_at,
        MAX(u.end_at) OVER (PARTITION BY u.instrument_id ORDER BY u.start_at, u.id ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS latestEnd,
        LAG(u.end_at) OVER (PARTITION BY u.instrument_id ORDER BY u.start_at, u.id) AS prevEnd,
        LAG(u.id) OVER (PARTITION BY u.instrument_id ORDER BY u.start_at, u.id) AS prevId
      FROM usage_logs u WHERE u.start_at >= @lo AND u.start_at < @ye AND u.end_at > @ys AND ${usage})
    SELECT inst, id, prevId, start_at AS s, prevEnd <= start_at AS onlyLatest FROM o WHERE latestEnd > start_at ORDER BY start_at, inst, id`)
    .all(params) as { inst: number; id: number; prevId: number; s: string; onlyLatest: number }[];
  return { lines: rows.map((r) => `${r.inst}|${r.s}|${[r.prevId, r.id].sort((a, b) => a - b).join(',')}`), onlyLatestEnd: rows.filter((r) => r.onlyLatest).length };
}

function findings(checks: DataCheck[], code: 'dayOverflow' | 'yearOverflow'): { lines: string[]; count: number } {
  const c = checks.find((x) => x.code === code)!;
  return { lines: c.items.map((i) => `${i.instrumentId}|${i.detail}|${i.recordIds.join(',')}`), count: c.count };
}

describe('day and year checks read the overlapping instruments only', () => {
  const scopes: { name: string; scope: () => AssessmentScope }[] = [
    { name: 'unit', scope: () => ({ kind: 'unit' }) },
    { name: 'lab', scope: () => ({ kind: 'lab', labId }) },
    { name: 'instrument with overlaps', scope: () => ({ kind: 'instrument', instrumentId: instruments[3] }) },
    { name: 'instrument without overlaps', scope: () => ({ kind: 'instrument', instrumentId: instruments[1] }) },
  ];

  it.each(scopes)('$name: the same findings as splitting every record, alone and in the page', ({ scope }) => {
    const before = everyRecord(scope());
    for (const checks of [dataChecks(core.ctx, { year: YEAR, scope: scope() }), assessmentPage(core.ctx, { year: YEAR, scope: scope() }).checks]) {
      expect(findings(checks, 'dayOverflow')).toEqual({ lines: before.day.slice(0, 200), count: before.day.length });
      expect(findings(checks, 'yearOverflow')).toEqual({ lines: before.year.slice(0, 200), count: before.year.length });
    }
  });

  it.each(scopes)('$name: the overlap findings equal one latest-end window over every record, alone and in the page', ({ scope }) => {
    const before = overlapEveryRecord(scope());
    for (const checks of [dataChecks(core.ctx, { year: YEAR, scope: scope() }), assessmentPage(core.ctx, { year: YEAR, scope: scope() }).checks]) {
      const c = checks.find((x) => x.code === 'overlap')!;
      expect({ lines: c.items.map((i) => `${i.instrumentId}|${i.detail}|${i.recordIds.join(',')}`), count: c.count })
        .toEqual({ lines: before.lines.slice(0, 200), count: before.lines.length });
    }
  });

  it('the fixture has overlaps that only the latest end finds (a long record reaching past the one after it)', () => {
    expect(overlapEveryRecord({ kind: 'unit' }).onlyLatestEnd).toBeGreaterThan(0);
    expect(overlapEveryRecord({ kind: 'instrument', instrumentId: instruments[1] }).lines).toEqual([]);
  });

  it('the fixture has days above 24 h and a year above its calendar hours to find, and instruments whose records never overlap', () => {
    expect(everyRecord({ kind: 'unit' }).day.length).toBeGreaterThan(5);
    expect(everyRecord({ kind: 'unit' }).year.length).toBe(1);
    const overlap = dataChecks(core.ctx, { year: YEAR }).find((c) => c.code === 'overlap')!;
    expect(new Set(overlap.items.map((i) => i.instrumentId)).size).toBeLessThan(instruments.length / 2);
  });

  it('a scope without overlapping records never splits records into days', () => {
    const { statements } = captureStatements(core.db, () => dataChecks(core.ctx, { year: YEAR, scope: { kind: 'instrument', instrumentId: instruments[1] } }));
    expect(statements.some((s) => /WITH RECURSIVE/.test(s.sql))).toBe(false);
    const all = captureStatements(core.db, () => dataChecks(core.ctx, { year: YEAR, scope: { kind: 'instrument', instrumentId: instruments[3] } }));
    expect(all.statements.some((s) => /WITH RECURSIVE/.test(s.sql))).toBe(true);
  });
});
