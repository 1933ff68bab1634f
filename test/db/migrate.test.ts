import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/connection';
import { loadMigrations, tablesTouched } from '../../electron/db/migrate';
import { failure } from '../helpers/failure';

const MIGRATIONS = path.join(__dirname, '..', '..', 'electron', 'db', 'migrations');
const dirs: string[] = [];
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-mig-'));
  dirs.push(dir);
  return path.join(dir, 'desk.sqlite');
}
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });

/**
 * A migrations folder with the core schema and a parent/child pair (parents 7 and 42, one child
 * referring to 42), and a desk migrated to it (user_version 2). The test adds its own 0003.
 */
function parentChildDesk(): { dir: string; file: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-migdir-'));
  dirs.push(dir);
  fs.copyFileSync(path.join(MIGRATIONS, '0001_core.sql'), path.join(dir, '0001_core.sql'));
  fs.writeFileSync(path.join(dir, '0002_pair.sql'),
    'CREATE TABLE parent(id INTEGER PRIMARY KEY, name TEXT) STRICT;\nCREATE TABLE child(id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id)) STRICT;\n' +
    "INSERT INTO parent(id, name) VALUES (7, 'a'), (42, 'b');\nINSERT INTO child(id, parent_id) VALUES (1, 42);");
  const file = tempFile();
  openDatabase(file, { migrationsDir: dir }).db.close();
  return { dir, file };
}

describe('migrations', () => {
  it('creates a WAL database with foreign keys, STRICT tables and the latest user_version', () => {
    const file = tempFile();
    const { db, migration } = openDatabase(file, { migrationsDir: MIGRATIONS });
    const latest = loadMigrations(MIGRATIONS).at(-1)!.version;
    expect(migration.from).toBe(0);
    expect(migration.to).toBe(latest);
    expect(db.pragma('user_version', { simple: true })).toBe(latest);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const sql = db.prepare("SELECT sql FROM sqlite_master WHERE name = 'instruments'").pluck().get() as string;
    expect(sql).toMatch(/STRICT/);
    // STRICT refuses a text where an integer belongs.
    expect(() => db.prepare(`INSERT INTO instruments(inner_id, name_cn, category_code, original_value_fen, created_at, updated_at)
      VALUES ('X', 'x', '010101', 'abc', '', '')`).run()).toThrow(/cannot store TEXT value in INTEGER column/);
    db.close();
  });

  it('seeds the official 2025–2026 holidays and 调休 days', () => {
    const { db } = openDatabase(tempFile(), { migrationsDir: MIGRATIONS });
    expect(db.prepare("SELECT kind FROM holidays WHERE date = '2025-10-08'").pluck().get()).toBe('holiday');
    expect(db.prepare("SELECT kind FROM holidays WHERE date = '2026-02-28'").pluck().get()).toBe('adjusted_workday');
    expect(db.prepare("SELECT count(*) FROM holidays WHERE date LIKE '2026-%'").pluck().get()).toBe(39);
    db.close();
  });

  it('is idempotent on reopen', () => {
    const file = tempFile();
    openDatabase(file, { migrationsDir: MIGRATIONS }).db.close();
    const again = openDatabase(file, { migrationsDir: MIGRATIONS });
    expect(again.migration.applied).toEqual([]);
    again.db.close();
  });

  it('refuses a database written by a newer app and leaves it untouched', () => {
    const file = tempFile();
    const raw = new Database(file);
    raw.pragma('user_version = 999');
    raw.close();
    const before = fs.readFileSync(file);
    const f = failure(() => openDatabase(file, { migrationsDir: MIGRATIONS }));
    expect(f.error).toMatchObject({ code: 'DB_NEWER', reason: 'desk.newer', params: { version: 999 } });
    expect(f.error.params!.supported).toBeGreaterThan(0);
    // A code with parameters, no prose: the renderer words it.
    expect(f.error.message).toBeUndefined();
    expect(fs.readFileSync(file).equals(before)).toBe(true);
  });

  it('rolls back every migration of the open when a later one fails', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-migdir-'));
    dirs.push(dir);
    fs.copyFileSync(path.join(MIGRATIONS, '0001_core.sql'), path.join(dir, '0001_core.sql'));
    fs.writeFileSync(path.join(dir, '0002_broken.sql'), 'CREATE TABLE ok_table(x INTEGER) STRICT;\nCREATE TABLE broken(;');
    const file = tempFile();
    const f = failure(() => openDatabase(file, { migrationsDir: dir }));
    expect(f.error).toMatchObject({ code: 'INTERNAL', reason: 'migration.failed', params: { migration: '0002_broken.sql' } });
    expect(String(f.error.params!.detail)).toMatch(/syntax error/);
    expect(f.error.message).toBeUndefined();
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(0);
    expect(raw.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get()).toBe(0);
    raw.close();
  });
  it('checks foreign keys of the tables an upgrade touches, and not on an up-to-date open', () => {
    const { dir, file } = parentChildDesk();
    // Up to date: nothing applied, no check on the start-up path.
    const again = openDatabase(file, { migrationsDir: dir });
    expect(again.migration.applied).toEqual([]);
    again.db.close();
    // An upgrade that writes the parent is checked in its children, and rolls back on a dangling reference.
    fs.writeFileSync(path.join(dir, '0003_prune.sql'), 'CREATE TABLE more_table(x INTEGER) STRICT;\nDELETE FROM parent WHERE id = 42;');
    const f = failure(() => openDatabase(file, { migrationsDir: dir }));
    expect(f.error).toMatchObject({ code: 'INTERNAL', reason: 'migration.failed', params: { migration: '0003_prune.sql' } });
    expect(String(f.error.params!.detail)).toMatch(/1 rows of child refer to missing rows of parent/);
    const after = new Database(file);
    expect(after.pragma('user_version', { simple: true })).toBe(2);
    expect(after.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'more_table'").pluck().get()).toBe(0);
    expect(after.prepare('SELECT count(*) FROM parent').pluck().get()).toBe(2);
    after.close();
  });
  it('catches a parent rebuilt without a row its children refer to, and a column added with a reference that dangles', () => {
    const { dir, file } = parentChildDesk();
    fs.writeFileSync(path.join(dir, '0003_rebuild.sql'),
      '-- a rebuild that loses a row\nCREATE TABLE parent_new(id INTEGER PRIMARY KEY, name TEXT NOT NULL) STRICT;\n' +
      'INSERT INTO parent_new SELECT id, name FROM parent WHERE id <> 42;\nDROP TABLE parent;\nALTER TABLE parent_new RENAME TO parent;');
    expect(failure(() => openDatabase(file, { migrationsDir: dir })).error.params!.detail).toMatch(/rows of child refer to missing rows of parent/);
    fs.rmSync(path.join(dir, '0003_rebuild.sql'));
    fs.writeFileSync(path.join(dir, '0003_link.sql'),
      'ALTER TABLE parent ADD COLUMN other INTEGER REFERENCES child(id);\nUPDATE parent SET other = 99 WHERE id = 7;');
    expect(failure(() => openDatabase(file, { migrationsDir: dir })).error.params!.detail).toMatch(/rows of parent refer to missing rows of child/);
    fs.writeFileSync(path.join(dir, '0003_link.sql'), 'ALTER TABLE parent ADD COLUMN other INTEGER REFERENCES child(id);');
    const ok = openDatabase(file, { migrationsDir: dir });
    expect(ok.migration.applied).toEqual(['0003_link.sql']);
    expect(ok.db.pragma('foreign_key_check')).toEqual([]);
    ok.db.close();
  });
  it('reads the tables each migration writes, also in trigger bodies, and not in comments or strings', () => {
    const t = tablesTouched(`-- DELETE FROM not_this
      CREATE TABLE IF NOT EXISTS "a_new"(x); INSERT OR IGNORE INTO b(x) VALUES ('UPDATE c SET x = 1');
      CREATE TRIGGER t AFTER INSERT ON a_new BEGIN UPDATE d SET x = 1; DELETE FROM e; END;
      ALTER TABLE f ADD COLUMN y INTEGER; ALTER TABLE g RENAME TO h; DROP TABLE IF EXISTS i; REPLACE INTO j VALUES (1);`);
    expect([...t.written].sort()).toEqual(['a_new', 'b', 'd', 'e', 'g', 'h', 'i', 'j']);
    expect([...t.added]).toEqual(['f']);
    // The real table rebuilds are read as writes of the rebuilt tables, so their children are checked.
    const byName = new Map(loadMigrations(MIGRATIONS).map((m) => [m.name, tablesTouched(m.sql)]));
    expect([...byName.get('0023_order_bookings.sql')!.written]).toContain('bookings');
    expect([...byName.get('0032_order_charges.sql')!.written]).toEqual(expect.arrayContaining(['statements', 'charges', 'amount_confirmations', 'payments']));
    expect([...byName.get('0037_order_quotes.sql')!.added].sort()).toEqual(['orders', 'quotes']);
  });
});
