// The background backup's worker thread: a second, read-only connection (keyed with the desk's
// passphrase when it is encrypted; the key arrives in memory only) copies a consistent snapshot
// with VACUUM INTO, then the copy's MAC is computed here too, so the thread that answers calls
// never reads the database file or hashes the copy.
import os from 'node:os';
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyConnectionPragmas, applyKey } from '../../db/connection';
import { secureFile } from '../../security/files';
import { hmacOfFile } from './mac';

export interface CopyJob {
  source: string;
  /** An empty file reserved for the copy (VACUUM INTO writes into an empty file). */
  target: string;
  key?: string;
  /** The derived MAC key of backups (never the data key itself). */
  macKey: Uint8Array;
}

export type CopyResult = { ok: true; hmac: string; ms: number } | { ok: false; message: string };

export function copyAndMac(job: CopyJob): CopyResult {
  const t0 = performance.now();
  try {
    const db = new Database(job.source, { readonly: true, fileMustExist: true });
    try {
      if (job.key !== undefined) applyKey(db, job.key);
      applyConnectionPragmas(db, { readonly: true }); // the one set of connection settings
      db.prepare('VACUUM INTO ?').run(job.target);
    } finally {
      db.close();
    }
    secureFile(job.target);
    return { ok: true, hmac: hmacOfFile(job.macKey, job.target), ms: performance.now() - t0 };
  } catch (e) {
    return { ok: false, message: (e as Error).message };
  }
}

/**
 * Lowers this thread's scheduling priority so that the calls and the window win the cores while the
 * copy runs. Linux only: there the nice value belongs to the thread (setpriority on the calling
 * thread); elsewhere it would lower the whole desk's process, so the copy keeps normal priority.
 */
export function lowerCopyPriority(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    os.setPriority(0, Math.max(os.getPriority(0), 10));
    return true;
  } catch {
    return false;
  }
}

if (parentPort && (workerData as { backupCopy?: CopyJob } | null)?.backupCopy) {
  lowerCopyPriority();
  parentPort.postMessage(copyAndMac((workerData as { backupCopy: CopyJob }).backupCopy));
}
