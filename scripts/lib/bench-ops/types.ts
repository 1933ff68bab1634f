// The shape every bench operation shares: it measures the app's service and, where one makes sense,
// a bare-SQL baseline doing the same work on the same file, and states its target.

import type { Db } from '../../../electron/db/connection';
import type { ServiceContext } from '../../../electron/services/context';
import type { SeedMeta } from '../seed';
import type { Stats } from '../timing';

export interface BenchEnv {
  dbFile: string;
  /** The seeded database, opened once through the app's openDatabase. */
  db: Db;
  ctx: ServiceContext;
  meta: SeedMeta;
  today: string;
  runs: number;
  /** Scratch folder, removed after the bench. */
  tmpDir: string;
}

export interface Target {
  /** Which figure the limit applies to. */
  metric: 'median' | 'p95';
  /** The limit itself; without it only the ratio to the baseline is held. */
  maxMs?: number;
  /** Optional "within N× of the baseline" condition. */
  maxRatio?: number;
}

export interface OpResult {
  name: string;
  service?: Stats;
  baseline?: Stats;
  /** The unit of the figures and the target (default ms; 'MB' for a memory peak). */
  unit?: 'ms' | 'MB';
  /** Print the p95 column for this row. */
  showP95?: boolean;
  target?: Target;
  /** Why the row was not measured (service not written yet, build missing…). */
  skipped?: string;
  /** The step that failed and why: the run fails (exit status 1) whatever else passed. */
  failed?: string;
  note?: string;
  /** EXPLAIN QUERY PLAN of the baseline query, printed when the target is missed. */
  plan?: string[];
}

export interface BenchOp {
  /** Short id for --only. */
  id: string;
  run(env: BenchEnv): Promise<OpResult[]>;
}

/** The plan SQLite picks for a statement, one line per step. */
export function explain(db: Db, sql: string, ...params: unknown[]): string[] {
  return (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail);
}

export function verdict(r: OpResult): 'PASS' | 'MISS' | 'FAIL' | '' {
  if (r.failed) return 'FAIL';
  if (!r.target || !r.service) return '';
  const value = r.target.metric === 'p95' ? r.service.p95 : r.service.median;
  const ratioOk = r.target.maxRatio === undefined || !r.baseline || r.service.median <= r.target.maxRatio * r.baseline.median;
  return (r.target.maxMs === undefined || value < r.target.maxMs) && ratioOk ? 'PASS' : 'MISS';
}

export function targetText(t: Target | undefined, unit: 'ms' | 'MB' = 'ms'): string {
  if (!t) return '';
  if (unit === 'MB') return `peak < ${t.maxMs} MB`;
  if (t.maxMs === undefined) return `median ≤ ${t.maxRatio}× baseline`;
  return `${t.metric === 'p95' ? 'p95' : 'median'} < ${t.maxMs} ms${t.maxRatio ? `, ≤ ${t.maxRatio}× baseline` : ''}`;
}
