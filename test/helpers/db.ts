import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach } from 'vitest';
import { DATABASE_FILE_NAME, openCore, type Core } from '../../electron/app-core';
import { openDatabase } from '../../electron/db/connection';
import type { HandlerContext } from '../../electron/handlers/types';

export interface TempCore extends Core {
  dir: string;
  /** Moves the injected clock: tests never read the real time. */
  setNow(iso: string): void;
  cleanup(): void;
}

const MIGRATIONS_DIR = path.join(__dirname, '..', '..', 'electron', 'db', 'migrations');

/**
 * A plain database file migrated from scratch by the real migrations, once per test process; each
 * plain temp desk starts from a copy of it (the same bytes a fresh migration writes, without running
 * every migration again for every test).
 */
let template: string | undefined;
function migratedTemplate(): string {
  if (template && fs.existsSync(template)) return template;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-template-'));
  const file = path.join(dir, DATABASE_FILE_NAME);
  const { db } = openDatabase(file, { migrationsDir: MIGRATIONS_DIR });
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  template = file;
  return file;
}

/** A copy of the migrated template in dir, with the random key that migration 0007 gives each new desk drawn afresh. */
function copyTemplate(dir: string): void {
  const file = path.join(dir, DATABASE_FILE_NAME);
  fs.copyFileSync(migratedTemplate(), file);
  const db = new Database(file);
  try {
    db.prepare(`UPDATE settings SET value = lower(hex(randomblob(32))) WHERE key = 'attachments.dataKey'`).run();
  } finally {
    db.close();
  }
}

/** A real SQLite file in a fresh temp folder, migrated, with a fixed clock (default 2025-06-16 10:00 Shanghai). */
export function tempCore(nowIso = '2025-06-16T02:00:00.000Z', options: { key?: string } = {}): TempCore {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-test-'));
  // An encrypted desk is keyed as it is created, so it is migrated from scratch.
  if (options.key === undefined) copyTemplate(dir);
  let now = new Date(nowIso);
  const core = openCore({
    dataDir: dir,
    mode: 'browser',
    key: options.key,
    migrationsDir: MIGRATIONS_DIR,
    now: () => now,
  });
  return {
    ...core,
    dir,
    setNow: (iso) => { now = new Date(iso); },
    cleanup: () => {
      try { core.close(); } catch { /* already closed */ }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A fresh temp desk for each test of the calling file (made before, removed after). The returned
 * object always stands for the running test's desk.
 */
export function tempCoreEach(nowIso?: string): TempCore {
  let current: TempCore | undefined;
  beforeEach(() => { current = tempCore(nowIso); });
  afterEach(() => { current?.cleanup(); current = undefined; });
  return new Proxy({} as TempCore, {
    get(_target, key) {
      if (!current) throw new Error('the temp desk exists only while a test runs');
      return Reflect.get(current, key) as unknown;
    },
  });
}

export type Ctx = HandlerContext;

/** Each table's rows as JSON in a stable order (a WITHOUT ROWID table, such as the search's character pairs, by its primary key). */
export function tablesJson(db: Core['db'], tables: readonly string[]): string[] {
  const withoutRowid = new Set(db.prepare(`SELECT name FROM pragma_table_list WHERE schema = 'main' AND wr = 1`).pluck().all() as string[]);
  return tables.map((t) => JSON.stringify(db.prepare(`SELECT * FROM "${t}"${withoutRowid.has(t) ? '' : ' ORDER BY rowid'}`).all()));
}

/** A content hash of every user table, to prove that a refused change wrote nothing. */
export function contentHash(core: Core): string {
  const tables = core.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'
    AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '%_fts%' ORDER BY name`).pluck().all() as string[];
  const parts = tablesJson(core.db, tables);
  // A stable digest for equality checks (SHA-256 of the text: no per-character work in JavaScript).
  const text = tables.join('|') + parts.join('|');
  return `${text.length}:${crypto.createHash('sha256').update(text, 'utf8').digest('hex')}`;
}
