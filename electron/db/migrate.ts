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

const NAME = String.raw`(?:(?:main|temp)\.)?["\x60\[]?([A-Za-z_][A-Za-z0-9_]*)["\x60\]]?`;
/** Statements that change a table's rows or replace the table: its own references and its children's may dangle after. */
const WRITES = [
  new RegExp(String.raw`\bCREATE\s+(?:TEMP(?:ORARY)?\s+)?TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?${NAME}`, 'gi'),
  new RegExp(String.raw`\bDROP\s+TABLE\s+(?:IF\s+EXISTS\s+)?${NAME}`, 'gi'),
  new RegExp(String.raw`\b(?:INSERT|REPLACE)\s+(?:OR\s+\w+\s+)?INTO\s+${NAME}`, 'gi'),
  new RegExp(String.raw`\bUPDATE\s+(?:OR\s+\w+\s+)?${NAME}\s+SET\b`, 'gi'),
  new RegExp(String.raw`\bDELETE\s+FROM\s+${NAME}`, 'gi'),
  new RegExp(String.raw`\bALTER\s+TABLE\s+${NAME}\s+(?:RENAME|DROP)\b`, 'gi'),
  new RegExp(String.raw`\bRENAME\s+TO\s+${NAME}`, 'gi'),
];
/** ADD COLUMN keeps every row and every row id: only the table's own new references need a look. */
const ADDS = new RegExp(String.raw`\bALTER\s+TABLE\s+${NAME}\s+ADD\b`, 'gi');

/** The tables a migration's SQL writes (also inside trigger bodies, which can only widen the set) and those it adds columns to. */
export function tablesTouched(sql: string): { written: Set<string>; added: Set<string> } {
  const text = sql.replace(/--[^\n]*/g, ' ').replace(/'(?:[^']|'')*'/g, "''");
  const collect = (re: RegExp): string[] => [...text.matchAll(re)].map((m) => m[1].toLowerCase());
  return { written: new Set(WRITES.flatMap(collect)), added: new Set(collect(ADDS)) };
}

/**
 * The foreign-key check of an upgrade, on the tables it can have broken: every table the applied
 * migrations wrote or added a column to, as a child, and every child of a table they wrote. At
 * 100,000 instruments the whole-file check reads tens of millions of rows (12 minutes) for two
 * migrations that add three columns; rows no migration touched are as the desk kept them, with
 * foreign keys on. A first build (or a data step in code) checks the whole file.
 */
function danglingAfter(db: Db, applied: Migration[], whole: boolean): { table: string; parent: string }[] {
  if (whole) return db.pragma('foreign_key_check') as { table: string; parent: string }[];
  const written = new Set<string>();
  const children = new Set<string>();
  for (const m of applied) {
    const t = tablesTouched(m.sql);
    t.written.forEach((n) => { written.add(n); children.add(n); });
    t.added.forEach((n) => children.add(n));
  }
  const tables = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
  const out: { table: string; parent: string }[] = [];
  for (const name of tables) {
    const parents = (db.pragma(`foreign_key_list("${name.replace(/"/g, '""')}")`) as { table: string }[]).map((f) => f.table.toLowerCase());
    if (!parents.length) continue;
    if (!children.has(name.toLowerCase()) && !parents.some((p) => written.has(p))) continue;
    out.push(...(db.pragma(`foreign_key_check("${name.replace(/"/g, '""')}")`) as { table: string; parent: string }[]));
  }
  return out;
}

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
  const appliedMigrations: Migration[] = [];
  let current = '';
  // Each migration is its own savepoint inside one outer transaction, so a failure
  // anywhere leaves the file exactly as it was before this open.
  // Foreign keys are off while the migrations run (a table rebuild drops and renames a parent
  // table, which SQLite cannot do with them on and cannot switch inside a transaction), and the
  // tables the migrations touched are checked before the commit (danglingAfter): one dangling
  // reference rolls everything back.
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
      appliedMigrations.push(m);
    }
    const whole = from === 0 || appliedMigrations.some((m) => m.version in DATA_STEPS);
    const dangling = danglingAfter(db, appliedMigrations, whole);
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
