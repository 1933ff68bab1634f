import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppFailure } from '../shared/result';
import { openDatabase, type Db } from './db/connection';
import { isEncryptedFile } from './db/encryption';
import type { HandlerContext } from './handlers/types';
import { backupIfDue } from './services/backup/backups';

export const DATABASE_FILE_NAME = 'desk.sqlite';

export interface CoreOptions {
  dataDir: string;
  mode: 'electron' | 'browser';
  key?: string;
  migrationsDir?: string;
  /** Fixed clock for demos and tests; real time otherwise. */
  now?: () => Date;
  /** Run the daily rotated backup when the database opens (the apps do; tests opt in). */
  autoBackup?: boolean;
}

/**
 * The open (or locked) database behind the handler context. ctx is one stable object whose `db`
 * follows the live connection, so a restore or an encryption swap is seen by every later call;
 * while locked, reading ctx.db refuses with LOCKED.
 */
export interface Core {
  ctx: HandlerContext;
  readonly db: Db;
  readonly locked: boolean;
  readonly encrypted: boolean;
  /** Passphrase of the open encrypted database; kept in memory only while unlocked. */
  readonly key: string | undefined;
  readonly migrationsDir: string | undefined;
  unlock(passphrase: string): void;
  lock(): void;
  /**
   * Closes the connection, lets `swap` replace the database file, and reopens it with `nextKey`.
   * If the new file does not open, `rollback` puts the old file back and the old connection returns.
   */
  replaceFile(nextKey: string | undefined, swap: () => void, rollback: () => void): void;
  close(): void;
}

const cores = new WeakMap<HandlerContext, Core>();

/** The core that owns a handler context (security handlers need to lock, unlock and swap files). */
export function coreOf(ctx: HandlerContext): Core {
  const core = cores.get(ctx);
  if (!core) throw new AppFailure({ code: 'INTERNAL', message: '上下文没有关联的数据库 (context has no core)' });
  return core;
}

function actorName(): string {
  try {
    return os.userInfo().username || 'admin';
  } catch {
    return 'admin';
  }
}

const LOCKED_MESSAGE = '数据库已锁定，请输入口令解锁 (the database is locked: enter the passphrase)';

/** Opens the data folder's database and builds the handler context; used by Electron and browser mode alike. */
export function openCore(options: CoreOptions): Core {
  fs.mkdirSync(options.dataDir, { recursive: true });
  const databaseFile = path.join(options.dataDir, DATABASE_FILE_NAME);
  const open = (key: string | undefined) => openDatabase(databaseFile, { key, migrationsDir: options.migrationsDir }).db;
  let key = options.key;
  let encrypted = key !== undefined || isEncryptedFile(databaseFile);
  // An encrypted file without a passphrase starts locked: only security:* answers until unlock.
  let db: Db | null = encrypted && key === undefined ? null : open(key);

  const ctx: HandlerContext = {
    get db(): Db {
      if (!db) throw new AppFailure({ code: 'LOCKED', message: LOCKED_MESSAGE });
      return db;
    },
    dataDir: options.dataDir,
    actor: actorName(),
    now: options.now ?? (() => new Date()),
    mode: options.mode,
    databaseFile,
    get encrypted() { return encrypted; },
  };

  const runAutoBackup = () => {
    if (!options.autoBackup || !db) return;
    try {
      backupIfDue(ctx);
    } catch (e) {
      // A failed backup must never keep the desk from opening; the next start retries.
      console.error('[backup] automatic backup failed:', (e as Error).message);
    }
  };

  const core: Core = {
    ctx,
    get db() { return ctx.db; },
    get locked() { return db === null; },
    get encrypted() { return encrypted; },
    get key() { return key; },
    migrationsDir: options.migrationsDir,
    unlock(passphrase) {
      if (db) return;
      db = open(passphrase); // throws LOCKED on a wrong passphrase, having changed nothing
      key = passphrase;
      runAutoBackup();
    },
    lock() {
      if (!encrypted || !db) return; // a plain file has nothing a lock would protect
      db.close();
      db = null;
      key = undefined;
    },
    replaceFile(nextKey, swap, rollback) {
      if (!db) throw new AppFailure({ code: 'LOCKED', message: LOCKED_MESSAGE });
      const previousKey = key;
      db.close();
      db = null;
      try {
        swap();
        db = open(nextKey);
        key = nextKey;
        encrypted = nextKey !== undefined;
      } catch (e) {
        rollback();
        db = open(previousKey);
        throw e;
      }
    },
    close() {
      db?.close();
      db = null;
    },
  };
  cores.set(ctx, core);
  runAutoBackup();
  return core;
}
