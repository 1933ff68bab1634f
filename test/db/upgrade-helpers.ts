// Per-migration upgrade tests (as Signal Desktop's): a desk migrated to N − 1, rows written in that
// old schema, then migration N applied on open; the test reads what the upgrade made of the rows.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { openDatabase, type Db } from '../../electron/db/connection';

export const MIGRATIONS = path.join(__dirname, '..', '..', 'electron', 'db', 'migrations');

/** Folders of one test file, removed after each test. */
export function upgradeDesks() {
  const dirs: string[] = [];
  afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });
  const temp = (prefix: string) => { const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix)); dirs.push(d); return d; };

  /** A folder with the migrations numbered ≤ version (the schema of an older app). */
  function migrationsUpTo(version: number): string {
    const dir = temp('desk-migold-');
    for (const f of fs.readdirSync(MIGRATIONS)) if (Number(f.slice(0, 4)) <= version) fs.copyFileSync(path.join(MIGRATIONS, f), path.join(dir, f));
    return dir;
  }

  return {
    migrationsUpTo,
    /** A desk file at `version` with `load` run on it in that schema; returns the file. */
    oldDesk(version: number, load: (db: Db) => void): string {
      const file = path.join(temp('desk-upg-'), 'desk.sqlite');
      const { db } = openDatabase(file, { migrationsDir: migrationsUpTo(version) });
      if (db.pragma('user_version', { simple: true }) !== version) throw new Error(`desk is not at ${version}`);
      load(db);
      db.close();
      return file;
    },
    /** Opens the file with the migrations up to `version` (all of them by default): the upgrade runs. */
    upgrade(file: string, version?: number): { db: Db; applied: string[] } {
      const { db, migration } = openDatabase(file, { migrationsDir: version === undefined ? MIGRATIONS : migrationsUpTo(version) });
      return { db, applied: migration.applied };
    },
  };
}

export const AT = '2024-05-01T02:00:00.000Z';
