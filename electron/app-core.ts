import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase, type Db } from './db/connection';
import type { HandlerContext } from './handlers/types';

export const DATABASE_FILE_NAME = 'desk.sqlite';

export interface CoreOptions {
  dataDir: string;
  mode: 'electron' | 'browser';
  key?: string;
  migrationsDir?: string;
  /** Fixed clock for demos and tests; real time otherwise. */
  now?: () => Date;
}

export interface Core {
  ctx: HandlerContext;
  db: Db;
  close(): void;
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
  fs.mkdirSync(options.dataDir, { recursive: true });
  const databaseFile = path.join(options.dataDir, DATABASE_FILE_NAME);
  const { db } = openDatabase(databaseFile, { key: options.key, migrationsDir: options.migrationsDir });
  const ctx: HandlerContext = {
    db,
    dataDir: options.dataDir,
    actor: actorName(),
    now: options.now ?? (() => new Date()),
    mode: options.mode,
    databaseFile,
    encrypted: options.key !== undefined,
  };
  return { ctx, db, close: () => db.close() };
}
