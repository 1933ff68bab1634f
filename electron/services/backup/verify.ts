// What restore checks before a backup may replace the live desk, in order; the first failure is
// the refusal's reason (restore.<check>), so the user learns which check failed:
//   mac        – the file carries the desk's MAC under its data key and every byte matches it;
//   encryption – a plain file never goes into an encrypted desk (nor the reverse);
//   open       – it opens with the desk's passphrase (or the one given for it);
//   integrity  – PRAGMA integrity_check is ok;
//   version    – it is a desk database, not from a newer app;
//   schema     – tables, columns, indexes and triggers equal those the migrations make at its version.
import Database from 'better-sqlite3-multiple-ciphers';
import type { Core } from '../../app-core';
import { refuse } from '../../../shared/result';
import type { Db } from '../../db/connection';
import { isEncryptedFile, withReadonly } from '../../db/encryption';
import { loadMigrations } from '../../db/migrate';
import { keysOf } from '../../security/keyring';
import { checkMac } from './mac';

interface SchemaShape {
  tables: Map<string, string>;
  indexes: Map<string, string>;
  triggers: Map<string, string>;
  views: Map<string, string>;
}

const squash = (sql: string | null) => (sql ?? '').replace(/\s+/g, ' ').trim();

function shapeOf(db: Db): SchemaShape {
  const rows = db.prepare(`SELECT type, name, tbl_name AS tbl, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name`)
    .all() as { type: string; name: string; tbl: string; sql: string | null }[];
  const shape: SchemaShape = { tables: new Map(), indexes: new Map(), triggers: new Map(), views: new Map() };
  for (const r of rows) {
    if (r.type === 'table') {
      const cols = db.prepare(`SELECT name, type, "notnull" AS nn, pk, dflt_value AS d FROM pragma_table_xinfo(?)`).all(r.name);
      shape.tables.set(r.name, JSON.stringify(cols));
    } else if (r.type === 'index') shape.indexes.set(r.name, `${r.tbl}:${squash(r.sql)}`);
    else if (r.type === 'trigger') shape.triggers.set(r.name, `${r.tbl}:${squash(r.sql)}`);
    else if (r.type === 'view') shape.views.set(r.name, squash(r.sql));
  }
  return shape;
}

/** The schema a database has after the migrations up to `version` (built in memory). */
export function expectedShape(migrationsDir: string | undefined, version: number): SchemaShape {
  const db = new Database(':memory:');
  try {
    for (const m of loadMigrations(migrationsDir)) {
      if (m.version > version) break;
      db.exec(m.sql);
    }
    return shapeOf(db);
  } finally {
    db.close();
  }
}

function diff(expected: Map<string, string>, actual: Map<string, string>): { missing: string[]; extra: string[]; changed: string[] } {
  return {
    missing: [...expected.keys()].filter((k) => !actual.has(k)),
    extra: [...actual.keys()].filter((k) => !expected.has(k)),
    changed: [...expected.keys()].filter((k) => actual.has(k) && actual.get(k) !== expected.get(k)),
  };
}

function refuseCheck(check: string, params: Record<string, string | number | string[]> = {}, field = 'name'): never {
  refuse('VALIDATION', `restore.${check}`, { field, params: { check, ...params } });
}

function compareSchema(expected: SchemaShape, actual: SchemaShape): void {
  const t = diff(expected.tables, actual.tables);
  if (t.missing.length || t.extra.length) refuseCheck('schemaTables', { missing: t.missing.slice(0, 20), extra: t.extra.slice(0, 20) });
  if (t.changed.length) refuseCheck('schemaColumns', { tables: t.changed.slice(0, 20) });
  const i = diff(expected.indexes, actual.indexes);
  if (i.missing.length || i.extra.length || i.changed.length) refuseCheck('schemaIndexes', { missing: i.missing.slice(0, 20), extra: i.extra.slice(0, 20), changed: i.changed.slice(0, 20) });
  const g = diff(expected.triggers, actual.triggers);
  if (g.missing.length || g.extra.length || g.changed.length) refuseCheck('schemaTriggers', { missing: g.missing.slice(0, 20), extra: g.extra.slice(0, 20), changed: g.changed.slice(0, 20) });
  const v = diff(expected.views, actual.views);
  if (v.missing.length || v.extra.length || v.changed.length) refuseCheck('schemaViews', { missing: v.missing, extra: v.extra, changed: v.changed });
}

export interface Verified { key: string | undefined; schemaVersion: number }

/** Runs every check on a backup file; refuses with restore.<check> at the first that fails. */
export function verifyBackup(core: Core, file: string, passphrase?: string): Verified {
  const mac = checkMac(keysOf(core.ctx), file);
  if (mac.result === 'missing') refuseCheck('macMissing');
  if (mac.result === 'otherKey') refuseCheck('macOtherKey');
  if (mac.result !== 'ok') refuseCheck('macMismatch');
  const encrypted = isEncryptedFile(file);
  if (core.encrypted && !encrypted) refuseCheck('plainIntoEncrypted');
  if (!core.encrypted && encrypted) refuseCheck('encryptedIntoPlain');
  const key = encrypted ? passphrase ?? core.key : undefined;
  const latest = loadMigrations(core.migrationsDir).at(-1)?.version ?? 0;
  let opened = false;
  try {
    return withReadonly(file, key, (db) => {
      opened = true;
      const check = String(db.pragma('integrity_check', { simple: true }));
      if (check !== 'ok') refuseCheck('integrity', { detail: check.slice(0, 200) });
      const schemaVersion = Number(db.pragma('user_version', { simple: true }));
      if (schemaVersion < 1) refuseCheck('notDesk');
      if (schemaVersion > latest) refuse('DB_NEWER', 'restore.newer', { field: 'name', params: { check: 'version', version: schemaVersion, supported: latest } });
      compareSchema(expectedShape(core.migrationsDir, schemaVersion), shapeOf(db));
      return { key, schemaVersion };
    });
  } catch (e) {
    if (!opened) refuseCheck('wrongPassphrase', {}, 'passphrase');
    throw e;
  }
}
