// The whole unit's kept summary of a year (migration 0048, services/assessment/summary.ts): built by
// the first whole-unit page of the year from the records it read, then kept by triggers as records
// and their charges are added, changed and deleted. After any sequence of changes, the page read
// from the summary equals the page computed from the records, for every year built; years never
// built have no summary rows; every instrument with overlapping records is marked.
import Database from 'better-sqlite3-multiple-ciphers';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checksOfYear } from '../../electron/services/assessment/checks';
import { assessYear } from '../../electron/services/assessment/compute';
import { assessmentPage } from '../../electron/services/assessment/page';
import { forgetSummary, recordSummary, summaryBuilt, summaryOverlapMarks } from '../../electron/services/assessment/summary';
import { withYearPass } from '../../electron/services/assessment/year-pass';
import { captureStatements } from '../../scripts/lib/sql-capture';
import { planOf } from '../scale/plan';
import { tempCore, type TempCore } from '../helpers/db';
import { insertApplicant, insertContract, insertInstrument, insertUsage } from './fixtures';

const AT = '2026-01-05T00:00:00.000Z';
const UNIT = { kind: 'unit' } as const;
let core: TempCore;
let instruments: number[];
let contract: number;

beforeEach(() => {
  core = tempCore('2027-02-01T02:00:00.000Z');
  // Instruments of several categories (one outside the 15, counted in the last), share modes, values either
  // side of the 国家评价 threshold, usage kinds, one retired in 2025 and one before it, one with rated hours
  // of its own in 2025 and a unit default with a fraction: the figures group them in SQL from the summary.
  const db = core.db;
  instruments = [
    insertInstrument(db, { innerId: 'I1', categoryCode: '010101', valueFen: 60_000_000, shareMode: '外部共享' }),
    insertInstrument(db, { innerId: 'I2', categoryCode: '030101', valueFen: 20_000_000, shareMode: '内部共享' }),
    insertInstrument(db, { innerId: 'I3', categoryCode: '010203', valueFen: 90_000_000, shareMode: '不共享', retiredAt: '2025-08-01T00:00:00.000Z' }),
    insertInstrument(db, { innerId: 'I4', categoryCode: '990101', valueFen: 50_000_000, shareMode: '外部共享' }),
  ];
  insertInstrument(db, { innerId: 'I5', categoryCode: '140101', valueFen: 80_000_000, retiredAt: '2024-03-01T00:00:00.000Z' });
  insertInstrument(db, { innerId: 'I6', categoryCode: '010101', valueFen: 70_000_000, shareMode: '外部共享' });
  db.prepare("UPDATE instruments SET usage_kind = '专用' WHERE inner_id IN ('I2', 'I6')").run();
  db.prepare("INSERT INTO rated_hours_unit(year, hours, updated_at) VALUES (2025, 1333.3, ?)").run(AT);
  db.prepare("INSERT INTO instrument_rated_hours(instrument_id, year, hours, updated_at) VALUES (?, 2025, 977.7, ?)").run(instruments[0], AT);
  contract = insertContract(core.db, { number: 'K1', applicantId: insertApplicant(core.db, '某科技公司'), signed: '2025-03-01', amountFen: 1_000_000 });
});
afterEach(() => core.cleanup());

/** The page's figures and checks computed from the year's records (the pass), never from a summary. */
function fromRecords(year: number) {
  return withYearPass(core.ctx, year, UNIT, (src) => {
    const { result, idle } = assessYear(core.ctx, { year, scope: UNIT }, src);
    return { result, ...checksOfYear(core.ctx, { year, scope: UNIT }, src, idle) };
  });
}

function pageOf(year: number) {
  const { result, checks } = assessmentPage(core.ctx, { year });
  return { result, checks };
}

function charge(usageId: number, fen: number): void {
  core.db.prepare(`INSERT INTO charges(contract_id, kind, category, service_date, usage_id, description, amount_fen, created_at, created_by)
    VALUES (?, 'usage', 'usage', '2025-06-01', ?, '机时', ?, ?, 'test')`).run(contract, usageId, fen, AT);
}

/** A civil minute near a year's turn (the interesting part: clipping and the second year) or anywhere in 2024–2026. */
const instant = fc.oneof(
  fc.record({ y: fc.constantFrom(2024, 2025, 2026), d: fc.integer({ min: 0, max: 364 }), m: fc.integer({ min: 0, max: 1439 }) })
    .map(({ y, d, m }) => new Date(Date.UTC(y, 0, 1) + d * 86_400_000 + m * 60_000)),
  fc.record({ y: fc.constantFrom(2025, 2026, 2027), m: fc.integer({ min: -4 * 1440, max: 1440 }) })
    .map(({ y, m }) => new Date(Date.UTC(y, 0, 1) + m * 60_000)),
);
const civil = (d: Date) => d.toISOString().slice(0, 16);
const record = fc.record({
  inst: fc.integer({ min: 0, max: 3 }),
  start: instant,
  minutes: fc.oneof(fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 7 * 1440 })),
  /** Ends on the stroke of the next 1 January when that is within the longest record (no second year then). */
  toTurn: fc.boolean(),
  external: fc.boolean(),
  unit: fc.constantFrom('', '甲公司', '乙研究院', '丙大学'),
  satisfaction: fc.option(fc.integer({ min: 1, max: 5 }), { nil: null }),
  amountFen: fc.integer({ min: 0, max: 500_000 }),
});
type Rec = typeof record extends fc.Arbitrary<infer R> ? R : never;

function endOf(r: Rec): Date {
  const turn = Date.UTC(r.start.getUTCFullYear() + 1, 0, 1);
  return r.toTurn && turn - r.start.getTime() <= 7 * 86_400_000 ? new Date(turn) : new Date(r.start.getTime() + r.minutes * 60_000);
}

function add(r: Rec): number {
  return insertUsage(core.db, { instrumentId: instruments[r.inst], start: civil(r.start), end: civil(endOf(r)),
    external: r.external, userUnit: r.unit, satisfaction: r.satisfaction, amountFen: r.amountFen });
}

const change = fc.oneof(
  record.map((r) => ({ op: 'add' as const, r })),
  fc.record({ op: fc.constant('delete' as const), pick: fc.nat(), charged: fc.boolean() }),
  fc.record({ op: fc.constant('move' as const), pick: fc.nat(), r: record }),
  fc.record({ op: fc.constant('field' as const), pick: fc.nat(), r: record, which: fc.constantFrom('external', 'unit', 'satisfaction', 'amount', 'instrument') }),
  fc.record({ op: fc.constant('charge' as const), pick: fc.nat(), fen: fc.integer({ min: 0, max: 900_000 }) }),
  fc.record({ op: fc.constant('uncharge' as const), pick: fc.nat() }),
  fc.record({ op: fc.constant('recharge' as const), pick: fc.nat(), to: fc.nat(), fen: fc.integer({ min: 0, max: 900_000 }) }),
);
type Change = typeof change extends fc.Arbitrary<infer C> ? C : never;

function apply(c: Change): void {
  const db = core.db;
  const ids = db.prepare('SELECT id FROM usage_logs ORDER BY id').pluck().all() as number[];
  const charged = db.prepare('SELECT id FROM charges WHERE usage_id IS NOT NULL ORDER BY id').pluck().all() as number[];
  const pick = (n: number) => ids[n % ids.length];
  if (c.op === 'add') { add(c.r); return; }
  if (ids.length === 0) return;
  switch (c.op) {
    case 'delete': {
      // Half the time a charged record: its charge is set loose by the foreign key as it goes.
      const withCharge = c.charged && charged.length ? db.prepare('SELECT usage_id FROM charges WHERE id = ?').pluck().get(charged[c.pick % charged.length]) : undefined;
      db.prepare('DELETE FROM usage_logs WHERE id = ?').run(withCharge ?? pick(c.pick));
      return;
    }
    case 'move': db.prepare('UPDATE usage_logs SET start_at = ?, end_at = ? WHERE id = ?').run(civil(c.r.start), civil(endOf(c.r)), pick(c.pick)); return;
    case 'field': {
      const set = { external: ['external', c.r.external ? 1 : 0], unit: ['user_unit', c.r.unit], satisfaction: ['satisfaction', c.r.satisfaction],
        amount: ['amount_fen', c.r.amountFen], instrument: ['instrument_id', instruments[c.r.inst]] }[c.which] as [string, unknown];
      db.prepare(`UPDATE usage_logs SET ${set[0]} = ? WHERE id = ?`).run(set[1], pick(c.pick));
      return;
    }
    case 'charge': {
      const id = pick(c.pick);
      if (db.prepare('SELECT 1 FROM charges WHERE usage_id = ?').get(id)) db.prepare('UPDATE charges SET amount_fen = ? WHERE usage_id = ?').run(c.fen, id);
      else charge(id, c.fen);
      return;
    }
    case 'uncharge': if (charged.length) db.prepare('DELETE FROM charges WHERE id = ?').run(charged[c.pick % charged.length]); return;
    case 'recharge': {
      if (!charged.length) return;
      const to = pick(c.to);
      if (db.prepare('SELECT 1 FROM charges WHERE usage_id = ?').get(to)) return;
      db.prepare('UPDATE charges SET usage_id = ?, amount_fen = ? WHERE id = ?').run(to, c.fen, charged[c.pick % charged.length]);
    }
  }
}

describe('the whole unit\'s kept summary', () => {
  it('equals the page computed from the records after any changes, in every year built', () => {
    fc.assert(fc.property(fc.array(record, { maxLength: 25 }), fc.array(change, { maxLength: 30 }), (initial, changes) => {
      core.db.exec('DELETE FROM charges; DELETE FROM usage_logs;');
      for (const y of [2025, 2026]) forgetSummary(core.db, y);
      for (const r of initial) add(r);
      // The first whole-unit page of 2025 and of 2026 builds their summaries; 2024 stays unbuilt.
      for (const y of [2025, 2026]) {
        expect(pageOf(y)).toEqual({ result: fromRecords(y).result, checks: fromRecords(y).checks });
        expect(summaryBuilt(core.db, y)).toBe(true);
      }
      for (const c of changes) apply(c);
      for (const y of [2024, 2025, 2026]) {
        const records = fromRecords(y);
        expect(pageOf(y)).toEqual({ result: records.result, checks: records.checks });
        // Every instrument with overlapping records is marked (a mark may outlive its overlap).
        if (y !== 2024) expect(summaryOverlapMarks(core.db, y)).toEqual(expect.arrayContaining(records.overlapping));
      }
      expect(summaryBuilt(core.db, 2024)).toBe(true); // the page of 2024 above built it
      // Nothing is kept for a year no page built.
      expect(core.db.prepare('SELECT count(*) FROM assessment_summary_instruments WHERE year NOT IN (2024, 2025, 2026)').pluck().get()).toBe(0);
      expect(core.db.prepare('SELECT count(*) FROM assessment_summary_changes').pluck().get()).toBe(0);
    }), { numRuns: 100 });
  });

  it('is read instead of the records once built: no statement of the page reads the year\'s records in full', () => {
    for (let d = 0; d < 40; d++) {
      add({ inst: d % 4, start: new Date(Date.UTC(2025, 0, 1) + d * 7 * 86_400_000), minutes: 90, toTurn: false, external: d % 2 === 0, unit: '甲公司', satisfaction: 4, amountFen: 1000 });
    }
    pageOf(2025);
    const { statements } = captureStatements(core.db, () => assessmentPage(core.ctx, { year: 2025 }), { exec: true });
    const sql = statements.map((s) => s.sql).join('\n');
    expect(sql).toContain('assessment_summary_instruments');
    expect(sql).not.toContain('assessment_year_usage');
    expect(sql).not.toMatch(/LAG\(/);
    // Each statement reads the summary by its key (the year, then the instrument), and none reads the
    // usage records but along an index range: the instruments are the one table read whole.
    const plans = statements.filter((st) => !st.exec && /^\s*(SELECT|WITH)/i.test(st.sql)).map((st) => ({ sql: st.sql, plan: planOf(core.db, st) }));
    const summaryReads = plans.filter((p) => p.sql.includes('assessment_summary_instruments'));
    expect(summaryReads.length).toBeGreaterThanOrEqual(4);
    for (const { plan } of plans) {
      for (const line of plan) {
        if (/^(SEARCH|SCAN) (assessment_summary_\w+|y)\b/.test(line.trim())) {
          expect(line).toMatch(/^SEARCH \S+ USING (INTEGER PRIMARY KEY \(rowid=\?\)|PRIMARY KEY \(year=\?|COVERING INDEX \S+ \(year=\?)/);
        }
        expect(line).not.toMatch(/^SCAN u\b/);
      }
    }
    const groups = plans.find((p) => p.sql.includes('AS usageKind'))!;
    expect(groups.plan).toContainEqual(expect.stringMatching(/^SEARCH y USING PRIMARY KEY \(year=\? AND instrument_id=\?\)/));
  });

  it('is not written when another connection has written since the page began reading', () => {
    add({ inst: 0, start: new Date(Date.UTC(2025, 5, 1, 1)), minutes: 60, toTurn: false, external: true, unit: '甲公司', satisfaction: 5, amountFen: 100 });
    const other = new Database(core.ctx.databaseFile);
    other.pragma('busy_timeout = 5000');
    try {
      const built = withYearPass(core.ctx, 2025, UNIT, (src) => {
        const { idle } = assessYear(core.ctx, { year: 2025, scope: UNIT }, src);
        const { overlapping } = checksOfYear(core.ctx, { year: 2025, scope: UNIT }, src, idle);
        // A record saved by the desk's other connection while this one reads: the sums would miss it.
        other.prepare(`INSERT INTO usage_logs(instrument_id, start_at, end_at, external, amount_fen, user_unit, created_at)
          VALUES (?, '2025-07-01T09:00', '2025-07-01T10:00', 1, 300, '乙研究院', ?)`).run(instruments[1], AT);
        return recordSummary(core.ctx, 2025, src.pass!, overlapping);
      });
      expect(built).toBe(false);
      expect(summaryBuilt(core.db, 2025)).toBe(false);
      expect(core.db.prepare('SELECT count(*) FROM assessment_summary_instruments').pluck().get()).toBe(0);
      // The next page builds it with both records.
      expect(pageOf(2025).result.usageRecords).toBe(2);
      expect(summaryBuilt(core.db, 2025)).toBe(true);
    } finally {
      other.close();
    }
  });
});
