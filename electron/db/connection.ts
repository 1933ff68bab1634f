import Database from 'better-sqlite3-multiple-ciphers';
import { refuse } from '../../shared/result';
import { assertNotNewer, migrate, type MigrationReport } from './migrate';

export type Db = Database.Database;

export interface OpenOptions {
  /** Passphrase of an encrypted database (SQLCipher-compatible); omit for a plain file. */
  key?: string;
  readonly?: boolean;
  /** Folder of numbered .sql migrations; defaults to the one shipped beside this module. */
  migrationsDir?: string;
}

export interface OpenedDatabase {
  db: Db;
  migration: MigrationReport;
}

/** Escapes a passphrase for PRAGMA key, which cannot take bound parameters. */
export function quotePragmaString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * Unlocks an encrypted desk's connection. Its temporary tables, indexes and sort spills are kept in
 * memory: the cipher encrypts the database file only, and a temporary file (the OS temp folder,
 * outside the data folder) would hold the rows in the clear.
 */
export function applyKey(db: Db, key: string): void {
  db.pragma(`cipher='sqlcipher'`);
  db.pragma(`legacy=4`);
  db.pragma(`key=${quotePragmaString(key)}`);
  db.pragma('temp_store = MEMORY');
}

/**
 * The connection settings every desk connection uses (the app, tools and crash-test writers alike):
 * WAL journal, foreign keys enforced, synchronous NORMAL (durable across app crashes in WAL mode),
 * 5 s busy timeout, secure delete, temporary storage in memory.
 */
export function applyConnectionPragmas(db: Db, options: { readonly?: boolean } = {}): void {
  if (!options.readonly) db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  // Deleted rows are overwritten, so a removed secret does not linger in free pages.
  db.pragma('secure_delete = ON');
  // Temporary tables, indexes and large sorts stay in memory: SQLite would write them to the OS temp
  // folder, outside the data folder (and unencrypted, for an encrypted desk: see applyKey).
  db.pragma('temp_store = MEMORY');
}

/**
 * Opens (creating if needed) the database file, unlocks it when a key is given,
 * sets the connection pragmas and brings the schema up to date.
 */
export function openDatabase(file: string, options: OpenOptions = {}): OpenedDatabase {
  const db = new Database(file, { readonly: options.readonly ?? false });
  try {
    if (options.key !== undefined) applyKey(db, options.key);
    try {
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } catch {
      if (options.key === undefined) refuse('LOCKED', 'desk.needsPassphrase');
      refuse('LOCKED', 'desk.wrongPassphrase');
    }
    // Refuse a newer database before anything (even the journal mode) touches the file.
    assertNotNewer(db, options.migrationsDir);
    applyConnectionPragmas(db, { readonly: options.readonly ?? false });
    const migration = options.readonly
      ? { from: Number(db.pragma('user_version', { simple: true })), to: Number(db.pragma('user_version', { simple: true })), applied: [] }
      : migrate(db, options.migrationsDir);
    return { db, migration };
  } catch (e) {
    db.close();
    throw e;
  }
}
