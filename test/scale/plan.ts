// Captures the statements a service really runs (by wrapping db.prepare) with the parameters it
// binds, and explains each one: the plan tests read what SQLite does for page 1 of a list.
import type Database from 'better-sqlite3-multiple-ciphers';

export interface Executed {
  sql: string;
  params: unknown[];
}

/** Runs `fn` and returns every statement it prepared and ran, with the values bound. */
export function captureStatements<T>(db: Database.Database, fn: () => T): { result: T; statements: Executed[] } {
  const statements: Executed[] = [];
  const original = db.prepare;
  const wrapped = function (this: Database.Database, sql: string) {
    const stmt = original.call(this, sql);
    return new Proxy(stmt, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if ((prop === 'all' || prop === 'get' || prop === 'run' || prop === 'iterate') && typeof value === 'function') {
          return (...params: unknown[]) => { statements.push({ sql, params }); return (value as (...a: unknown[]) => unknown).apply(target, params); };
        }
        if (typeof value === 'function') {
          // pluck(), raw(), expand() return the statement itself: keep answering through the proxy.
          return (...a: unknown[]) => { const r = (value as (...x: unknown[]) => unknown).apply(target, a); return r === target ? receiver : r; };
        }
        return value;
      },
    });
  };
  db.prepare = wrapped as typeof db.prepare;
  try {
    return { result: fn(), statements };
  } finally {
    db.prepare = original;
  }
}

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
