import fs from 'node:fs';
import path from 'node:path';
import { refuse } from '../../shared/result';
import { seedOfficialHolidays } from '../services/holidays';
import type { Db } from './connection';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export interface MigrationReport {
  from: number;
  to: number;
  applied: string[];
}

const FILE_PATTERN = /^(\d{4})_[a-z0-9_]+\.sql$/;

/**
 * Data a migration seeds from the app's data files, run in the migration's savepoint right after
 * its SQL: 0001 writes the official 2025–2026 holidays (one copy, resources/holidays/).
 */
const DATA_STEPS: Readonly<Record<number, (db: Db) => void>> = { 1: seedOfficialHolidays };

/** Next to the bundled main process the build copies migrations/; from source they sit beside this file. */
export function defaultMigrationsDir(): string {
  return path.join(__dirname, 'migrations');
}

export function loadMigrations(dir: string = defaultMigrationsDir()): Migration[] {
  const files = fs.readdirSync(dir).filter((f) => FILE_PATTERN.test(f)).sort();
  const seen = new Set<number>();
  return files.map((name) => {
    const version = Number(name.slice(0, 4));
    if (seen.has(version)) throw new Error(`duplicate migration number ${version}`);
    seen.add(version);
    return { version, name, sql: fs.readFileSync(path.join(dir, name), 'utf8') };
  });
}

function latestVersion(migrations: Migration[]): number {
  return migrations.length ? migrations[migrations.length - 1].version : 0;
}

function userVersion(db: Db): number {
  return Number(db.pragma('user_version', { simple: true }));
}

/** A database from a newer app is refused, never "repaired". */
function refuseIfNewer(from: number, latest: number): void {
  if (from > latest) {
    refuse('DB_NEWER', 'desk.newer', { params: { version: from, supported: latest } });
  }
}

export function assertNotNewer(db: Db, dir?: string): void {
  refuseIfNewer(userVersion(db), latestVersion(loadMigrations(dir)));
}

/** Applies pending migrations, each in its own savepoint, recording the version in PRAGMA user_version. */
export function migrate(db: Db, dir?: string): MigrationReport {
  const migrations = loadMigrations(dir);
  const latest = latestVersion(migrations);
  const from = userVersion(db);
  refuseIfNewer(from, latest);
  const applied: string[] = [];
  let current = '';
  // Each migration is its own savepoint inside one outer transaction, so a failure
  // anywhere leaves the file exactly as it was before this open.
  // Foreign keys are off while the migrations run (a table rebuild drops and renames a parent
  // table, which SQLite cannot do with them on and cannot switch inside a transaction), and the
  // whole database is checked before the commit: one dangling reference rolls everything back.
  const runAll = db.transaction(() => {
    for (const m of migrations) {
      if (m.version <= from) continue;
      current = m.name;
      db.transaction(() => {
        db.exec(m.sql);
        DATA_STEPS[m.version]?.(db);
        db.pragma(`user_version = ${m.version}`);
      })();
      applied.push(m.name);
    }
    const dangling = db.pragma('foreign_key_check') as { table: string; parent: string }[];
    if (dangling.length) {
      throw new Error(`${dangling.length} rows of ${dangling[0].table} refer to missing rows of ${dangling[0].parent}`);
    }
  });
  const pending = migrations.some((m) => m.version > from);
  // An up-to-date file has nothing to apply and nothing to check: the foreign key check reads
  // every table (2 s at 10,000 instruments) and belongs to the upgrade, not to every start.
  if (!pending) return { from, to: Math.max(from, latest), applied };
  const foreignKeys = Number(db.pragma('foreign_keys', { simple: true }));
  db.pragma('foreign_keys = OFF');
  try {
    runAll();
  } catch (e) {
    refuse('INTERNAL', 'migration.failed', { params: { migration: current, detail: (e as Error).message.slice(0, 300) } });
  } finally {
    db.pragma(`foreign_keys = ${foreignKeys ? 'ON' : 'OFF'}`);
  }
  return { from, to: Math.max(from, latest), applied };
}
