import type Database from 'better-sqlite3-multiple-ciphers';
import type { Db } from '../../db/connection';

// Hot queries (the overlap check runs on every create/move and in the benchmark) are prepared
// once per connection: preparing costs more than the indexed lookup itself.
const cache = new WeakMap<Db, Map<string, Database.Statement>>();

export function stmt(db: Db, sql: string): Database.Statement {
  let perDb = cache.get(db);
  if (!perDb) { perDb = new Map(); cache.set(db, perDb); }
  let s = perDb.get(sql);
  if (!s) { s = db.prepare(sql); perDb.set(sql, s); }
  return s;
}
