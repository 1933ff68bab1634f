import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/connection';
import { loadMigrations } from '../../electron/db/migrate';
import { AppFailure } from '../../shared/result';

const MIGRATIONS = path.join(__dirname, '..', '..', 'electron', 'db', 'migrations');
const dirs: string[] = [];
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-mig-'));
  dirs.push(dir);
  return path.join(dir, 'desk.sqlite');
}
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });

function failureOf(fn: () => unknown): AppFailure {
  try { fn(); } catch (e) { if (e instanceof AppFailure) return e; throw e; }
  throw new Error('expected a failure');
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
    const f = failureOf(() => openDatabase(file, { migrationsDir: MIGRATIONS }));
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
    const f = failureOf(() => openDatabase(file, { migrationsDir: dir }));
    expect(f.error).toMatchObject({ code: 'INTERNAL', reason: 'migration.failed', params: { migration: '0002_broken.sql' } });
    expect(String(f.error.params!.detail)).toMatch(/syntax error/);
    expect(f.error.message).toBeUndefined();
    const raw = new Database(file);
    expect(raw.pragma('user_version', { simple: true })).toBe(0);
    expect(raw.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'table'").pluck().get()).toBe(0);
    raw.close();
  });
  it('checks foreign keys across the file when it upgrades, and not on an up-to-date open', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-migdir-'));
    dirs.push(dir);
    fs.copyFileSync(path.join(MIGRATIONS, '0001_core.sql'), path.join(dir, '0001_core.sql'));
    fs.writeFileSync(path.join(dir, '0002_pair.sql'),
      'CREATE TABLE parent(id INTEGER PRIMARY KEY) STRICT;\nCREATE TABLE child(id INTEGER PRIMARY KEY, parent_id INTEGER NOT NULL REFERENCES parent(id)) STRICT;');
    const file = tempFile();
    openDatabase(file, { migrationsDir: dir }).db.close();
    const raw = new Database(file);
    raw.pragma('foreign_keys = OFF');
    raw.prepare('INSERT INTO child(id, parent_id) VALUES (1, 42)').run();
    raw.close();
    // Up to date: nothing applied, no whole-file check on the start-up path.
    const again = openDatabase(file, { migrationsDir: dir });
    expect(again.migration.applied).toEqual([]);
    again.db.close();
    // An upgrade checks the whole file before it commits, and rolls back on a dangling reference.
    fs.writeFileSync(path.join(dir, '0003_more.sql'), 'CREATE TABLE more_table(x INTEGER) STRICT;');
    const f = failureOf(() => openDatabase(file, { migrationsDir: dir }));
    expect(f.error).toMatchObject({ code: 'INTERNAL', reason: 'migration.failed', params: { migration: '0003_more.sql' } });
    expect(String(f.error.params!.detail)).toMatch(/1 rows of child refer to missing rows of parent/);
    const after = new Database(file);
    expect(after.pragma('user_version', { simple: true })).toBe(2);
    expect(after.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'more_table'").pluck().get()).toBe(0);
    after.close();
  });
});
