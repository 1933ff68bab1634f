// Captures the statements a service really runs (by wrapping db.prepare) with the parameters it
// binds: the plan tests explain them, the bench re-runs them bare as the same-work baseline.
import type Database from 'better-sqlite3-multiple-ciphers';

export interface Executed {
  sql: string;
  params: unknown[];
  /** Run through db.exec (captured with `{ exec: true }`): temporary tables and their indexes. */
  exec?: boolean;
}

/** Runs `fn` and returns every statement it prepared and ran, with the values bound. */
export function captureStatements<T>(db: Database.Database, fn: () => T, options: { exec?: boolean } = {}): { result: T; statements: Executed[] } {
  const statements: Executed[] = [];
  const original = db.prepare;
  const originalExec = db.exec;
  if (options.exec) {
    db.exec = function (this: Database.Database, sql: string) { statements.push({ sql, params: [], exec: true }); return originalExec.call(this, sql); } as typeof db.exec;
  }
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
    db.exec = originalExec;
  }
}

