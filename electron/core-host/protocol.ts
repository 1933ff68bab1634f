// The message protocol between the window side (Electron main process, browser-mode HTTP server)
// and the core host (Electron utilityProcess, worker thread) that owns the database and every handler.
import type { Result } from '../../shared/result';

/** Why the core host could not open the desk; the start-up dialog words each kind with what to do. */
export type StartupFailureKind = 'newer' | 'corrupt' | 'locked-by-other' | 'driver' | 'other';

export interface StartupFailure {
  kind: StartupFailureKind;
  /** The error as thrown, for the log and the diagnostics zip (never shown as the only explanation). */
  detail: string;
  dataDir: string;
  /** For `corrupt`: the backups a restore could start from, newest first. */
  backups?: { name: string; size: number }[];
}

/** Options the core host opens the desk with; plain data, so it crosses a process or thread boundary. */
export interface HostOptions {
  dataDir: string;
  mode: 'electron' | 'browser';
  migrationsDir?: string;
  /** A fixed civil date (YYYY-MM-DD) for demos and tests; real time otherwise. */
  fixedToday?: string;
  /** Take the daily rotated backup on open and check hourly (the apps do; tests opt out). */
  autoBackup?: boolean;
  /** How long after open (or unlock) the daily backup waits before it starts, in ms (default 15 s). */
  autoBackupDelayMs?: number;
  /**
   * After that delay, the backup also waits until no call has come for this long (default 10 s), so
   * it never competes with a page being opened; past `autoBackupLatestMs` (default 10 min) it starts anyway.
   */
  autoBackupQuietMs?: number;
  autoBackupLatestMs?: number;
  /** Pre-start the assessment page's worker once the desk opens, off the calls' path (the apps do; tests opt in). */
  warmAssessment?: boolean;
  /** How long after open the pre-start may begin (default 0: at once, before the window's first call; once calls have come, after 0.7 s without calls). */
  warmAfterMs?: number;
  /** With warmAssessment: then compute the default page once the first screen is answered (default true). */
  prepareAssessment?: boolean;
  /** How often the idle lock looks at the clock, in ms (default 15 s). */
  idleCheckMs?: number;
  /** Hex of the 32-byte key the Electron main process keeps under safeStorage; it wraps a plain desk's data key. */
  keyStoreSecret?: string;
}

export type ToHost =
  | { t: 'call'; id: number; channel: string; input: unknown }
  | { t: 'cancel'; id: number }
  | { t: 'ping'; id: number }
  | { t: 'close' };

export type FromHost =
  | { t: 'ready' }
  | { t: 'failed'; failure: StartupFailure }
  | { t: 'result'; id: number; result: Result<unknown> }
  | { t: 'progress'; id: number; done: number; total: number }
  | { t: 'pong'; id: number }
  /** The host locked the desk on its own (idle time passed); windows show the lock screen. */
  | { t: 'locked'; reason: 'idle' }
  | { t: 'log'; level: 'info' | 'warn' | 'error'; message: string }
  | { t: 'closed' };

/** The two ends of a worker's parentPort, an Electron utility process's parentPort, or a MessagePort. */
export interface PortLike {
  postMessage(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
}
