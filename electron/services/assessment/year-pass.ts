// The year's usage rows of a scope, read once per call. The assessment page needs the figures,
// the data checks and the subsidy together: instead of each reading the year's slice of usage_logs
// again (and working out every record's charged amount again), one statement copies the slice into
// a temporary table with the clipped seconds and the service amount computed, and every figure and
// check reads that table. All of it runs in one read transaction, so the three agree.
import type { AssessmentScope } from '../../../shared/ipc/assessment';
import type { ServiceContext } from '../context';
import { SERVICE_AMOUNT_SQL } from '../money/service-amount';
import { summaryBuilt } from './summary';
import { CLIPPED_SECONDS, scopeSql, USAGE_IN_YEAR, USAGE_MONTH, windowParams, yearWindow, type ScopeSql } from './window';

/**
 * Where the year's usage rows of a scope come from, aliased u with the columns of usage_logs
 * (id, instrument_id, external, user_unit, satisfaction), the record's start and end as `start` and
 * `end` expressions (text times from usage_logs; seconds from the page's pass, in the same order),
 * plus the clipped seconds and the service amount counted in the year as expressions. From the
 * page's pass, user_unit is set on external records only; the pass has no booking column (the
 * records without a booking are read from their own index, `unbookedUsage`).
 */
export interface UsageSource {
  from: string;
  where: string;
  start: string;
  end: string;
  sec: string;
  fen: string;
  /** The shared pass's table (with its month column and covering index), when the rows come from it. */
  pass?: string;
  /**
   * The year whose kept summary (summary.ts) the whole unit's figures and overlap marks come from;
   * the checks still read records, along their own indexes. from/where are then the records
   * straight from usage_logs, for whatever reads them.
   */
  summary?: number;
}

/** Straight from usage_logs (one figure or check on its own). */
export function directUsage(s: ScopeSql): UsageSource {
  return { from: s.usageFrom, where: `${USAGE_IN_YEAR} AND ${s.usage}`, start: 'u.start_at', end: 'u.end_at', sec: CLIPPED_SECONDS, fen: `CASE WHEN u.start_at >= @ys THEN ${SERVICE_AMOUNT_SQL} ELSE 0 END` };
}

/**
 * The year's usage rows of a scope as a figure or check reads them on its own: the whole unit's
 * kept summary once its year is built, else straight from usage_logs.
 */
export function yearSource(ctx: ServiceContext, year: number, s: ScopeSql, scope: AssessmentScope): UsageSource {
  const direct = directUsage(s);
  return scope.kind === 'unit' && summaryBuilt(ctx.db, year) ? { ...direct, summary: year } : direct;
}

/**
 * The year's usage records without a booking in the scope, with their text times: the rows of the
 * partial index usage_unbooked (migration 0044) in the year's start range, never the table's other
 * records. Read the same way beside the page's pass and on their own.
 */
export function unbookedUsage(s: ScopeSql): UsageSource {
  return { ...directUsage(s), from: 'usage_logs u INDEXED BY usage_unbooked', where: `${USAGE_IN_YEAR} AND u.booking_id IS NULL AND ${s.usage}` };
}

/**
 * The year's usage rows of the scope's instruments listed in the JSON array @instruments, from
 * usage_logs along (instrument_id, start_at): the checks read the few instruments with overlapping
 * records this way, with their records' text times.
 */
export function usageOfInstruments(s: ScopeSql): UsageSource {
  return { ...directUsage(s), from: 'usage_logs u', where: `${USAGE_IN_YEAR} AND ${s.usage} AND u.instrument_id IN (SELECT value FROM json_each(@instruments))` };
}

const TABLE = 'temp.assessment_year_usage';
const PASS: UsageSource = { from: `${TABLE} u`, where: '1', start: 'u.s', end: 'u.e', sec: 'u.sec', fen: 'u.fen', pass: TABLE };

let depth = 0;

/** Runs `use` with the year's usage rows of the scope copied once into a temporary table (one read transaction). */
export function withYearPass<T>(ctx: ServiceContext, year: number, scope: AssessmentScope, use: (src: UsageSource) => T): T {
  if (depth > 0) throw new Error('withYearPass does not nest');
  const db = ctx.db;
  const s = scopeSql(ctx, scope);
  const params = { ...windowParams(yearWindow(year)), ...s.params };
  return db.transaction(() => {
    depth++;
    try {
      db.exec('DROP TABLE IF EXISTS temp.assessment_year_usage');
      // The rows go in as they are read (no key to keep in order: id is a plain column), then one
      // index in instrument and time order holds everything the per-instrument sums, the overlap
      // check and the kept summary's sums (summary.ts) read, so those never touch the table.
      db.exec(`CREATE TEMP TABLE assessment_year_usage (id INTEGER NOT NULL, instrument_id INTEGER NOT NULL, s INTEGER NOT NULL,
        e INTEGER NOT NULL, external INTEGER NOT NULL, user_unit TEXT, satisfaction REAL, sec INTEGER NOT NULL, fen INTEGER NOT NULL,
        month INTEGER NOT NULL)`);
      const direct = directUsage(s);
      // The table is held in memory (temp_store = MEMORY on every desk connection: a temporary file
      // would sit outside the data folder, unencrypted), a million rows at national scale, so it
      // keeps only what is read: start and end as seconds (the text of the few records a check lists
      // is read from usage_logs), and the user's unit of external records only (the figures count
      // distinct external units). Every column comes from the year's covering index, so no row of
      // the table itself is read: the booking a record has or lacks is the one column it lacks, and
      // the check reads it apart.
      db.prepare(`INSERT INTO ${TABLE} SELECT u.id, u.instrument_id, unixepoch(u.start_at), unixepoch(u.end_at), u.external,
          CASE WHEN u.external = 1 AND u.user_unit <> '' THEN u.user_unit END, u.satisfaction,
          ${direct.sec}, coalesce(${direct.fen}, 0), ${USAGE_MONTH}
        FROM ${direct.from} WHERE ${direct.where}`).run(params);
      db.exec(`CREATE INDEX temp.assessment_year_usage_instrument ON assessment_year_usage(instrument_id, s, id, e, sec, external, fen, satisfaction)`);
      return use(PASS);
    } finally {
      db.exec('DROP TABLE IF EXISTS temp.assessment_year_usage');
      depth--;
    }
  })();
}
