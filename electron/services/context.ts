import type { Db } from '../db/connection';

/** What every service receives: the open database, the data folder, who acts, and the clock. */
export interface ServiceContext {
  db: Db;
  /** The app's data folder (attachments, exports, backups live below it). */
  dataDir: string;
  actor: string;
  /** Current instant; injected so tests and benchmarks are deterministic. */
  now(): Date;
}

export function nowIso(ctx: ServiceContext): string {
  return ctx.now().toISOString();
}
