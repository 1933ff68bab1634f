// The automatic daily backup, taken in the background: a worker thread copies the database on
// its own read-only connection (copy-worker.ts) while this thread keeps answering calls; only the
// rename, the MAC record, the rotation and the audit row (milliseconds) run here. Never on the
// start-up path: openCore starts it and returns at once.
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { BackupInfo } from '../../../shared/ipc/security';
import { secureDir, secureFile, FILE_MODE } from '../../security/files';
import { keysOf, macKey } from '../../security/keyring';
import type { ServiceContext } from '../context';
import { isBackupDue, recordBackup } from './backups';
import type { CopyJob, CopyResult } from './copy-worker';
import { writeMac, writeMacRecord } from './mac';
import { backupsDir, freshName } from './names';
import { refuse } from '../../../shared/result';
import { startWorkerThread } from '../../worker-thread';

/** When the automatic copy may start: once no call has come for `quietMs`, or `latestMs` after its delay at the latest. */
export interface QuietGate {
  /** Milliseconds since the desk last answered or received a call. */
  quietFor(): number;
  quietMs: number;
  latestMs: number;
}

export interface BackupScheduler {
  /**
   * Starts the daily backup when it is due and none is under way; resolves with the copy, or null
   * when none was due. `delayMs` lets the desk's first screens load before the copy competes for the
   * CPU; with a `gate`, the copy then also waits for a quiet desk (never past the gate's `latestMs`).
   */
  runIfDue(delayMs?: number, gate?: QuietGate): Promise<BackupInfo | null>;
  /** Takes a backup in the background now (or joins the one under way). */
  run(reason: 'manual' | 'auto'): Promise<BackupInfo>;
  /** True while a copy is under way. */
  readonly busy: boolean;
  /** Resolves once no copy is under way (whether it succeeded or not). */
  settled(): Promise<void>;
  /** Abandons the copy under way (the desk closes or locks): its partial file is removed, nothing is recorded. */
  stop(): void;
}

export interface SchedulerOptions {
  databaseFile: string;
  /** The passphrase of the open encrypted desk, handed to the worker in memory only. */
  key: () => string | undefined;
}

/**
 * The worker thread: the bundled backup-worker.js beside the built host, or copy-worker.ts through
 * tsx when running from the TypeScript sources (tests, tsx scripts).
 */
function spawnCopyWorker(job: CopyJob): Worker {
  const workerData = { backupCopy: job };
  return startWorkerThread(__dirname, { built: 'backup-worker.js', source: 'copy-worker.ts' }, { workerData });
}

class Abandoned extends Error {}

export function backupScheduler(ctx: ServiceContext & { encrypted?: boolean }, options: SchedulerOptions): BackupScheduler {
  let current: Promise<BackupInfo | null> | null = null;
  let worker: Worker | null = null;
  let abandoned = false;
  let waiting: { timer: NodeJS.Timeout; cancel: () => void } | null = null;

  const take = async (reason: 'manual' | 'auto'): Promise<BackupInfo> => {
    const dir = backupsDir(ctx.dataDir);
    secureDir(dir);
    const name = freshName(dir, 'desk', ctx.now());
    const file = path.join(dir, name);
    const partial = `${file}.partial`;
    const keys = keysOf(ctx).current;
    // Reserves the name: VACUUM INTO fills an existing empty file, and freshName skips it meanwhile.
    fs.writeFileSync(partial, '', { mode: FILE_MODE });
    abandoned = false;
    try {
      const result = await new Promise<CopyResult>((resolve, reject) => {
        const w = spawnCopyWorker({ source: options.databaseFile, target: partial, key: options.key(), macKey: macKey(keys) });
        worker = w;
        let answered = false;
        w.once('message', (m: CopyResult) => { answered = true; resolve(m); });
        w.once('error', reject);
        w.once('exit', (code) => { if (!answered) reject(abandoned ? new Abandoned('backup abandoned') : new Error(`backup worker exited with code ${code}`)); });
      });
      worker = null;
      if (abandoned) throw new Abandoned('backup abandoned');
      // The driver's own words stay a parameter (shown as detail); the renderer words the refusal.
      if (!result.ok) refuse('INTERNAL', 'backup.copyFailed', { params: { detail: result.message.slice(0, 300) } });
      const now = keysOf(ctx).current;
      // A crash before this rename leaves only a .partial file, never a truncated backup under a real name.
      fs.renameSync(partial, file);
      secureFile(file);
      // The data key changed while copying (a reseal): seal under the key in force now.
      if (now.id === keys.id) writeMacRecord(keys.id, result.hmac, file);
      else writeMac(now, file);
      return recordBackup(ctx, dir, name, reason);
    } catch (e) {
      fs.rmSync(partial, { force: true });
      throw e;
    } finally {
      worker = null;
    }
  };

  const run = (reason: 'manual' | 'auto'): Promise<BackupInfo> => {
    if (current && !waiting) return current as Promise<BackupInfo>;
    if (waiting) { clearTimeout(waiting.timer); waiting.cancel(); waiting = null; }
    const p = take(reason).finally(() => { if (current === p) current = null; });
    current = p;
    return p;
  };

  return {
    runIfDue(delayMs = 0, gate) {
      if (current) return current;
      if (!isBackupDue(ctx)) return Promise.resolve(null);
      if (delayMs <= 0 && (!gate || gate.quietFor() >= gate.quietMs)) return run('auto');
      const p = new Promise<BackupInfo | null>((resolve, reject) => {
        let latest = 0;
        const attempt = () => {
          // A page is being opened: wait for the quiet the gate asks for, up to its latest start.
          const quiet = gate ? gate.quietFor() : Infinity;
          if (gate && quiet < gate.quietMs && Date.now() < latest) {
            arm(Math.max(50, Math.min(gate.quietMs - quiet, latest - Date.now())));
            return;
          }
          waiting = null;
          current = null;
          try {
            // Still due (no manual copy meanwhile) and the desk still open.
            if (isBackupDue(ctx)) run('auto').then(resolve, reject); else resolve(null);
          } catch (e) { reject(e instanceof Error ? e : new Error(String(e))); }
        };
        const arm = (ms: number) => {
          const timer = setTimeout(attempt, ms);
          timer.unref?.();
          waiting = { timer, cancel: () => reject(new Abandoned('backup abandoned')) };
        };
        const start = Math.max(0, delayMs);
        latest = Date.now() + start + (gate?.latestMs ?? 0);
        arm(start);
      }).finally(() => { if (current === p) current = null; });
      current = p;
      return p;
    },
    run,
    get busy() { return current !== null; },
    settled() {
      return current ? current.then(() => undefined, () => undefined) : Promise.resolve();
    },
    stop() {
      if (waiting) {
        clearTimeout(waiting.timer);
        waiting.cancel();
        waiting = null;
      }
      if (!worker) return;
      abandoned = true;
      void worker.terminate();
    },
  };
}

/** True when a failure was the desk closing or locking during the copy, not a real error. */
export function isAbandoned(e: unknown): boolean {
  return e instanceof Abandoned;
}
