// Explains the statements a service really runs: the plan tests read what SQLite does for page 1 of a list.
import type Database from 'better-sqlite3-multiple-ciphers';
import type { Executed } from '../../scripts/lib/sql-capture';

export { captureStatements, type Executed } from '../../scripts/lib/sql-capture';

/** The EXPLAIN QUERY PLAN lines of one executed statement. */
export function planOf(db: Database.Database, s: Executed): string[] {
  const rows = db.prepare(`EXPLAIN QUERY PLAN ${s.sql}`).all(...s.params) as { detail: string }[];
  return rows.map((r) => r.detail);
}

/**
 * Plan lines that read a whole table in rowid order or sort rows in a temporary B-tree. A scan
 * along an index in the ORDER BY's order stops after the page (LIMIT) and is what a page wants.
 */
export function costlyLines(plan: string[]): string[] {
  return plan.filter((d) => /USE TEMP B-TREE/.test(d) || (/^SCAN \S+$/.test(d.trim())));
}
