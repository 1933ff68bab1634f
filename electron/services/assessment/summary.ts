// The whole unit's usage figures of a year, kept summed (migration 0048): per instrument, per month
// and per external user unit, with a mark on the instruments whose records may overlap. The whole
// unit's page reads these few hundred thousand sums instead of the year's records, once its year
// is built.
//
// A year is built by the first whole-unit page computed for it: the page reads the year's records
// into its pass (year-pass.ts), and the same read transaction writes the pass's sums here. A write
// there fails if any other connection has written since the transaction began (the snapshot is
// stale in WAL mode), so the sums are those of exactly the records the page read. If the write
// cannot be taken at once (another connection holds the write lock, the connection is read-only),
// the page is answered all the same and the next page tries again. From then on the triggers of
// migration 0048 keep the sums as records and their charges change.
import type { ServiceContext } from '../context';
import type { Db } from '../../db/connection';
import type { InstrumentGroup, UsageAgg, YearUsage } from './compute';
import { IN_SERVICE } from './window';

const BUILT = 'SELECT 1 FROM assessment_summary_years WHERE year = ?';

/** Whether the year's summary exists (and so is kept up to date by the triggers). */
export function summaryBuilt(db: Pick<Db, 'prepare'>, year: number): boolean {
  return db.prepare(BUILT).pluck().get(year) !== undefined;
}

/**
 * The year's usage from its kept summary, as the figures fold it (compute.ts: the same sums as from
 * the records). `scopeWhere` is the scope's condition on instruments aliased i, which with the
 * year's in-service condition picks the instruments counted (`params` holds both conditions'
 * parameters); `nationalFen` is the profile's 国家评价 threshold (isNationalEvaluationInstrument).
 */
export function summaryUsage(db: Pick<Db, 'prepare'>, year: number, params: Record<string, unknown>, scopeWhere: string, nationalFen: number, topN: number): YearUsage {
  const p = { ...params, year, nationalFen };
  const months = db.prepare(`SELECT month, sec, ext_sec AS extSec FROM assessment_summary_months
    WHERE year = ? AND records > 0 ORDER BY month`).all(year) as YearUsage['months'];
  const t = db.prepare(`SELECT coalesce(sum(records), 0) AS records, coalesce(sum(sec), 0) AS sec, coalesce(sum(ext_sec), 0) AS extSec,
      coalesce(sum(fen), 0) AS fen, coalesce(sum(sat_sum), 0) AS satSum, coalesce(sum(sat_n), 0) AS satN
    FROM assessment_summary_instruments WHERE year = ?`).get(year) as { records: number; sec: number; extSec: number; fen: number; satSum: number; satN: number };
  const externalUsers = Number(db.prepare('SELECT count(*) FROM assessment_summary_units WHERE year = ? AND records > 0').pluck().get(year));
  const groups = db.prepare(`SELECT substr(i.category_code, 1, 2) AS major, i.usage_kind AS usageKind, o.instrument_id AS own, count(*) AS n,
      sum(i.original_value_fen) AS valueFen, coalesce(sum(y.sec), 0) AS sec, coalesce(sum(y.ext_sec), 0) AS extSec,
      sum(i.original_value_fen >= @nationalFen) AS nationalN, coalesce(sum(CASE WHEN i.original_value_fen >= @nationalFen THEN i.original_value_fen END), 0) AS nationalFen,
      sum(i.share_mode <> '不共享') AS shared, sum(i.share_mode = '外部共享') AS externalShared,
      coalesce(sum(CASE WHEN i.share_mode = '外部共享' THEN i.original_value_fen END), 0) AS openFen
    FROM instruments i
      LEFT JOIN assessment_summary_instruments y ON y.year = @year AND y.instrument_id = i.id
      LEFT JOIN instrument_rated_hours o ON o.instrument_id = i.id AND o.year = @year
    WHERE ${IN_SERVICE} AND ${scopeWhere}
    GROUP BY major, usageKind, own`).all(p) as InstrumentGroup[];
  const top = db.prepare(`SELECT instrument_id AS id, sec, ext_sec AS extSec FROM assessment_summary_instruments WHERE year = ?
    ORDER BY sec DESC, instrument_id LIMIT ?`).all(year, topN) as UsageAgg[];
  return {
    groups,
    months,
    records: t.records,
    externalUsers,
    fen: t.fen,
    // AVG over the records' satisfaction: the same integer sum over the same count as SQLite's AVG.
    satisfaction: t.satN > 0 ? t.satSum / t.satN : null,
    sec: t.sec,
    extSec: t.extSec,
    top,
    perInstrument: () => db.prepare('SELECT instrument_id AS id, sec, ext_sec AS extSec FROM assessment_summary_instruments WHERE year = ? ORDER BY instrument_id')
      .all(year) as UsageAgg[],
    idle: () => db.prepare(`SELECT i.id FROM instruments i WHERE ${IN_SERVICE} AND ${scopeWhere}
        AND NOT EXISTS (SELECT 1 FROM assessment_summary_instruments y WHERE y.year = @year AND y.instrument_id = i.id) ORDER BY i.id`)
      .pluck().all(p) as number[],
  };
}

/** The instruments whose records may overlap in the year (a superset: the check lists only the overlaps there are). */
export function summaryOverlapMarks(db: Pick<Db, 'prepare'>, year: number): number[] {
  return db.prepare('SELECT instrument_id FROM assessment_summary_instruments WHERE year = ? AND overlap = 1 ORDER BY instrument_id').pluck().all(year) as number[];
}

/** SQLite's codes for a write that cannot be taken now or here: the summary waits for another page. */
const NOT_NOW = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_RECOVERY', 'SQLITE_LOCKED', 'SQLITE_READONLY', 'SQLITE_READONLY_DBMOVED']);

/**
 * Writes the year's summary from the whole unit's pass table `pass` (year-pass.ts), inside the
 * pass's read transaction; `overlapping` are the instruments the overlap check found. Returns
 * whether the summary was written: false when the year has one already, or when the write cannot
 * be taken without waiting (nothing is written then). Never waits for another writer.
 */
export function recordSummary(ctx: ServiceContext, year: number, pass: string, overlapping: number[]): boolean {
  const db = ctx.db;
  if (!db.inTransaction) throw new Error('recordSummary runs in the pass transaction');
  if (summaryBuilt(db, year)) return false;
  const wait = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  db.exec('SAVEPOINT assessment_summary_build');
  try {
    // The first write takes the write lock, and fails if the snapshot the pass was read from is no longer the newest.
    db.prepare('INSERT INTO assessment_summary_years(year, built_at) VALUES (?, ?)').run(year, ctx.now().toISOString());
    db.prepare(`INSERT INTO assessment_summary_instruments(year, instrument_id, records, sec, ext_sec, fen, sat_sum, sat_n, overlap)
      SELECT @year, instrument_id, count(*), sum(sec), sum(external * sec), sum(fen), coalesce(sum(satisfaction), 0), count(satisfaction),
        instrument_id IN (SELECT value FROM json_each(@overlapping))
      FROM ${pass} GROUP BY instrument_id`).run({ year, overlapping: JSON.stringify(overlapping) });
    db.prepare(`INSERT INTO assessment_summary_months(year, month, records, sec, ext_sec)
      SELECT @year, month, count(*), sum(sec), sum(external * sec) FROM ${pass} GROUP BY month`).run({ year });
    db.prepare(`INSERT INTO assessment_summary_units(year, user_unit, records)
      SELECT @year, user_unit, count(*) FROM ${pass} WHERE user_unit IS NOT NULL GROUP BY user_unit`).run({ year });
    db.exec('RELEASE assessment_summary_build');
    return true;
  } catch (e) {
    db.exec('ROLLBACK TO assessment_summary_build');
    db.exec('RELEASE assessment_summary_build');
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_NOW.has(code)) return false;
    throw e;
  } finally {
    db.pragma(`busy_timeout = ${Number(wait)}`);
  }
}

/** Drops the year's summary (one transaction): the next whole-unit page reads the records and builds it again. */
export function forgetSummary(db: Db, year: number): void {
  db.transaction(() => {
    db.prepare('DELETE FROM assessment_summary_instruments WHERE year = ?').run(year);
    db.prepare('DELETE FROM assessment_summary_months WHERE year = ?').run(year);
    db.prepare('DELETE FROM assessment_summary_units WHERE year = ?').run(year);
    db.prepare('DELETE FROM assessment_summary_years WHERE year = ?').run(year);
  })();
}
