import os from 'node:os';
import path from 'node:path';
import { AppFailure, refuse } from '../shared/result';
import { openDatabase, type Db } from './db/connection';
import { isEncryptedFile } from './db/encryption';
import type { HandlerContext } from './handlers/types';
import { backupScheduler, isAbandoned, type BackupScheduler, type QuietGate } from './services/backup/scheduler';
import { purgeAllExports } from './security/exports';
import { deskKeys, type DeskKeys } from './security/desk-keys';
import { secureDir, secureFile, tightenTree } from './security/files';
import { bindKeys, type PlainKeyStore } from './security/keyring';
import { runResealJob } from './security/reseal';
import { reconcileDataFolder, refuseEmptyOverEvidence, type Reconciled } from './security/swap';
import { settleSealedFiles, sweepSealedParts } from './services/sealed-store';
import { endReadJobsOnLock, holdReadJobsForSwap } from './services/assessment/off-thread';
import { endBatchesForSwap } from './services/redemption/jobs';

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
  /** Milliseconds after opening before that backup starts, so the first screens load first (0: at once). */
  autoBackupDelayMs?: number;
  /** After that delay, the backup waits for a quiet desk (the core host says how long no call has come). */
  autoBackupGate?: QuietGate;
  /** The OS keystore (Electron safeStorage) that wraps the data key of a plain desk; without it a key file outside the folder does. */
  keyStore?: PlainKeyStore;
  /** Folder of browser-mode key files (outside the data folder); defaults to keyFileDir(). */
  keyDir?: string;
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
  /** The data key (wrapped in keyring.json) that seals files and keys backup MACs. */
  readonly keys: DeskKeys;
  /** The automatic backup, taken in a worker thread in the background (never on the start-up path). */
  readonly backups: BackupScheduler;
  /** What the start-up reconcile step found and did. */
  readonly reconciled: Reconciled;
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


/** Opens the data folder's database and builds the handler context; used by Electron and browser mode alike. */
export function openCore(options: CoreOptions): Core {
  secureDir(options.dataDir);
  const databaseFile = path.join(options.dataDir, DATABASE_FILE_NAME);
  // Before anything opens: finish or roll back an interrupted swap, clear temporary exports, and
  // never create an empty desk over what a missing database left behind.
  const reconciled = reconcileDataFolder(options.dataDir);
  refuseEmptyOverEvidence(options.dataDir);
  sweepSealedParts(options.dataDir);
  const keys = deskKeys(options.dataDir, { store: options.keyStore, keyDir: options.keyDir });
  const open = (key: string | undefined) => {
    const isEncrypted = key !== undefined;
    const opened = openDatabase(databaseFile, { key, migrationsDir: options.migrationsDir }).db;
    try {
      keys.adoptLegacyKey(opened, isEncrypted, key);
      keys.load(isEncrypted, key);
      // A store or removal a crash interrupted: its marked file stays only if a committed row refers to it.
      const settled = settleSealedFiles(opened, options.dataDir);
      if (settled.length) console.warn(`[sealed] removed ${settled.length} file(s) no committed row refers to: ${settled.join(', ')}`);
    } catch (e) {
      opened.close();
      throw e;
    }
    for (const f of [databaseFile, `${databaseFile}-wal`, `${databaseFile}-shm`]) secureFile(f);
    return opened;
  };
  tightenTree(options.dataDir);
  let key = options.key;
  let encrypted = key !== undefined || isEncryptedFile(databaseFile);
  // An encrypted file without a passphrase starts locked: only security:* answers until unlock.
  let db: Db | null = encrypted && key === undefined ? null : open(key);

  const ctx: HandlerContext = {
    get db(): Db {
      if (!db) refuse('LOCKED', 'desk.locked');
      return db;
    },
    dataDir: options.dataDir,
    actor: actorName(),
    now: options.now ?? (() => new Date()),
    mode: options.mode,
    databaseFile,
    get encrypted() { return encrypted; },
  };

  const backups = backupScheduler(ctx, { databaseFile, key: () => key });
  const runAutoBackup = () => {
    if (!options.autoBackup || !db) return;
    // In the background: the desk opens and answers at once. A failed backup never keeps the desk
    // from working; the hourly check and the next start retry.
    backups.runIfDue(options.autoBackupDelayMs, options.autoBackupGate).catch((e: unknown) => {
      if (!isAbandoned(e)) console.error('[backup] automatic backup failed:', (e as Error).message);
    });
  };

  const core: Core = {
    ctx,
    get db() { return ctx.db; },
    get locked() { return db === null; },
    get encrypted() { return encrypted; },
    get key() { return key; },
    migrationsDir: options.migrationsDir,
    keys,
    backups,
    reconciled,
    unlock(passphrase) {
      if (db) return;
      db = open(passphrase); // throws LOCKED on a wrong passphrase, having changed nothing
      key = passphrase;
      resumeJob();
      runAutoBackup();
    },
    lock() {
      if (!encrypted || !db) return; // a plain file has nothing a lock would protect
      backups.stop();
      purgeAllExports();
      endReadJobsOnLock();
      db.close();
      db = null;
      key = undefined;
      keys.forget();
    },
    replaceFile(nextKey, swap, rollback) {
      if (!db) refuse('LOCKED', 'desk.locked');
      const previousKey = key;
      // Page and report jobs read the file in workers of their own: they end before the rename
      // (they would finish on the old file, and an open file cannot be renamed over on Windows),
      // and none starts until the new file is live.
      const release = holdReadJobsForSwap();
      endBatchesForSwap(); // packet batches read the old file in their workers too
      try {
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
      } finally {
        release();
      }
    },
    close() {
      backups.stop();
      purgeAllExports();
      db?.close();
      db = null;
      keys.forget();
    },
  };
  cores.set(ctx, core);
  bindKeys(ctx, () => (db ? keys.get() : null));
  const resumeJob = () => {
    // An interrupted reseal job (key change) continues before the desk is used.
    if (db && keys.get()?.job) runResealJob(core);
  };
  resumeJob();
  runAutoBackup();
  return core;
}
