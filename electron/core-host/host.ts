// The core host: owns the data folder lock, the database and every handler, off the window's
// thread. The Electron utility process and the browser-mode worker thread both run serveCore.
import fs from 'node:fs';
import path from 'node:path';
import { AppFailure, type Result } from '../../shared/result';
import { DATABASE_FILE_NAME, openCore, type Core } from '../app-core';
import { secretKeyStore } from '../security/keyring';
import { handlers } from '../handlers';
import { dispatch } from '../security/gate';
import { lock } from '../security/session';
import { listBackups } from '../services/backup/backups';
import { isAbandoned } from '../services/backup/scheduler';
import { prepareAssessmentPage, readSourceOf, readWorkerRunning, warmAssessmentWorker } from '../services/assessment/off-thread';
import { civilDateInShanghai } from '../../shared/rules/civil-date';
import { readReliabilitySettings } from '../services/backup/settings';
import { withJob } from './job';
import { acquireFolderLock } from './lock-file';
import type { FromHost, HostOptions, PortLike, StartupFailure, ToHost } from './protocol';

const HOUR_MS = 60 * 60 * 1000;
/** The daily backup starts this long after the desk opens, once the first screens have loaded. */
const AUTO_BACKUP_DELAY_MS = 15_000;
/** After its delay, the daily backup waits until no call has come for this long (a page being opened wins the cores). */
const AUTO_BACKUP_QUIET_MS = 10_000;
/** …but starts this long after its delay at the latest, however busy the desk is. */
const AUTO_BACKUP_LATEST_MS = 10 * 60_000;
/**
 * The assessment page's worker is pre-started as soon as the desk has opened, while the window is
 * still loading its script (no call has come yet): its thread's start and a small job fill time in
 * which the desk has nothing to answer, and the first assessment page, however soon the user opens
 * it, does not pay for them. Once calls have come (a locked desk's start, an unlock, a swap), it
 * waits for WARM_QUIET_MS without calls instead, so it never shares the cores with a page opening.
 */
const WARM_AFTER_MS = 0;
const WARM_QUIET_MS = 700;
const WARM_POLL_MS = 250;
/** Calls that do not count as the user's activity (the renderer polls the lock status). */
const NOT_ACTIVITY: ReadonlySet<string> = new Set(['security:status']);
/**
 * Calls that do their long work in a worker thread of their own and touch the database only in
 * short synchronous steps: they run beside the queue, so other calls are not held behind them.
 */
const OFF_QUEUE: ReadonlySet<string> = new Set(['catalog:importParse', 'assessment:page', 'assessment:exportXlsx', 'assessment:exportPdf']);

function hasPlainHeader(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const head = Buffer.alloc(16);
      fs.readSync(fd, head, 0, 16, 0);
      return head.toString('latin1') === 'SQLite format 3\0';
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return false;
  }
}

/** Sorts a start-up error into what the dialog can tell the user to do. */
export function classifyStartupFailure(e: unknown, dataDir: string): StartupFailure {
  const error = e instanceof AppFailure ? e.error : null;
  const text = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  const code = (e as { code?: unknown }).code;
  if (error?.code === 'DB_NEWER') {
    const p = error.params ?? {};
    return { kind: 'newer', detail: p.version !== undefined ? `user_version ${p.version} > ${p.supported}` : text, dataDir };
  }
  // The holder's process, for the dialog's detail line (language-neutral: the dialog words the rest).
  if (error?.reason === 'desk.lockedByOther') {
    const p = error.params ?? {};
    return { kind: 'locked-by-other', detail: p.pid !== undefined ? `pid ${p.pid} (${p.mode}, ${p.startedAt})` : text, dataDir };
  }
  if (error?.reason === 'desk.lockFailed') return { kind: 'locked-by-other', detail: text, dataDir };
  if (/NODE_MODULE_VERSION|was compiled against|invalid ELF|not a valid Win32|wrong ELF class|mach-o/i.test(text)) {
    return { kind: 'driver', detail: text, dataDir };
  }
  // A file with a plain SQLite header that cannot be read is damaged, not encrypted (an encrypted
  // file opens locked, it does not fail here).
  const unreadablePlain = error?.code === 'LOCKED' && hasPlainHeader(path.join(dataDir, DATABASE_FILE_NAME));
  if (unreadablePlain || code === 'SQLITE_CORRUPT' || code === 'SQLITE_NOTADB' || /malformed|not a database|SQLITE_CORRUPT|SQLITE_NOTADB/i.test(text)) {
    let backups: { name: string; size: number }[] = [];
    try {
      backups = listBackups({ dataDir }).map((b) => ({ name: b.name, size: b.sizeBytes }));
    } catch { /* the list is a help, not a requirement */ }
    return { kind: 'corrupt', detail: text, dataDir, backups };
  }
  return { kind: 'other', detail: text, dataDir };
}

/** Locks an encrypted desk after its idle minutes without calls, whether or not a window is open. */
export function createIdleLock(core: Core, clock: () => number = Date.now) {
  let last = clock();
  return {
    touch() { last = clock(); },
    /** Locks when due; true if it locked now. */
    check(): boolean {
      if (!core.encrypted || core.locked) { last = clock(); return false; }
      const { idleMinutes } = readReliabilitySettings(core.ctx);
      if (idleMinutes <= 0 || clock() - last < idleMinutes * 60_000) return false;
      lock(core);
      return true;
    },
  };
}

/**
 * Serves the desk on `port` until a close message. Calls are queued and run one after another
 * as they arrive; a queued call can be cancelled before it starts, a running one at its next
 * jobStep. `cancelFlag` (shared memory, worker threads only) lets a cancel reach a running
 * synchronous loop; without it the cancel message is seen between calls and at yields.
 */
export function serveCore(port: PortLike, options: HostOptions, cancelFlag?: Int32Array, idleClock: () => number = Date.now): void {
  const send = (m: FromHost) => port.postMessage(m);
  let folderLock: { release(): void } | null = null;
  let core: Core;
  /** When a call last came in or was answered (any call: the backup and the pre-start wait for quiet). */
  let lastCallAt = Date.now();
  let callsInFlight = 0;
  let callsAnswered = 0;
  /** An assessment page has been asked for (the prepared default page is only worth it before). */
  let pageAsked = false;
  const quietFor = () => (callsInFlight > 0 ? 0 : Date.now() - lastCallAt);
  /** The daily backup's gate, at start-up and at the hourly check alike. */
  const backupGate = { quietFor, quietMs: options.autoBackupQuietMs ?? AUTO_BACKUP_QUIET_MS, latestMs: options.autoBackupLatestMs ?? AUTO_BACKUP_LATEST_MS };
  try {
    folderLock = acquireFolderLock(options.dataDir, options.mode);
    const now = options.fixedToday ? () => new Date(`${options.fixedToday}T02:00:00.000Z`) : undefined;
    core = openCore({
      dataDir: options.dataDir, mode: options.mode, migrationsDir: options.migrationsDir, now, autoBackup: options.autoBackup, autoBackupDelayMs: options.autoBackupDelayMs ?? AUTO_BACKUP_DELAY_MS,
      autoBackupGate: backupGate,
      keyStore: options.keyStoreSecret ? secretKeyStore(options.keyStoreSecret) : undefined,
    });
  } catch (e) {
    folderLock?.release();
    send({ t: 'failed', failure: classifyStartupFailure(e, options.dataDir) });
    return;
  }

  const idle = createIdleLock(core, idleClock);
  const timers: NodeJS.Timeout[] = [];
  timers.push(setInterval(() => {
    try {
      if (idle.check()) send({ t: 'locked', reason: 'idle' });
    } catch (e) {
      send({ t: 'log', level: 'error', message: `[idle lock] ${(e as Error).message}` });
    }
  }, options.idleCheckMs ?? 15_000));
  if (options.autoBackup) {
    // The desk may stay open for days: look hourly whether the daily backup is due.
    timers.push(setInterval(() => {
      if (core.locked) return;
      // In a worker thread: calls keep being answered while the copy is taken.
      const log = (e: unknown) => { if (!isAbandoned(e)) send({ t: 'log', level: 'error', message: `[backup] ${(e as Error).message}` }); };
      try {
        core.backups.runIfDue(0, backupGate).catch(log);
      } catch (e) { log(e); }
    }, HOUR_MS));
  }
  if (options.warmAssessment) {
    // The assessment page's pre-start: not a call, so it neither counts as the user's activity for
    // the idle lock nor holds the queue; skipped while locked or while the file is being swapped.
    const opened = Date.now();
    let warming = false;
    let warmed = false;
    const source = () => readSourceOf(core);
    const tryWarm = () => {
      if (warming || closed || core.locked || Date.now() - opened < (options.warmAfterMs ?? WARM_AFTER_MS)) return;
      if (warmed) {
        // Then the default page (last year, the whole unit), once the first screen's calls are
        // answered and none runs: the user who opens the assessment page finds it computed.
        if (options.prepareAssessment === false || callsAnswered === 0 || callsInFlight > 0) return;
        clearInterval(warm);
        if (pageAsked) return; // the user was first: nothing to prepare
        prepareAssessmentPage(source(), { year: Number(civilDateInShanghai(core.ctx.now()).slice(0, 4)) - 1, scope: { kind: 'unit' } });
        send({ t: 'log', level: 'info', message: '[assessment] default page being prepared' });
        return;
      }
      if ((callsInFlight > 0 || callsAnswered > 0) && quietFor() < WARM_QUIET_MS) return;
      if (readWorkerRunning('page')) { clearInterval(warm); return; } // a page came first: it started the worker
      warming = true;
      warmAssessmentWorker(source())
        .then((started) => {
          if (started) { warmed = true; send({ t: 'log', level: 'info', message: '[assessment] page worker pre-started' }); }
        }, () => undefined)
        .finally(() => { warming = false; });
    };
    const warm = setInterval(tryWarm, WARM_POLL_MS);
    setImmediate(tryWarm); // at once after open, not a poll later
    timers.push(warm);
  }
  for (const t of timers) t.unref?.();

  const queue: { id: number; channel: string; input: unknown }[] = [];
  const cancelledQueued = new Set<number>();
  let draining = false;
  let running: number | null = null;
  let cancelRunning = false;
  let closed = false;

  /** Calls running beside the queue (OFF_QUEUE), by id, with their cancel flag. */
  const loose = new Map<number, { cancelled: boolean }>();
  let finished = false;

  const jobOf = (id: number, cancelled: () => boolean) => {
    let lastPost = 0;
    return {
      progress: (done: number, total: number) => {
        const t = Date.now();
        if (done < total && t - lastPost < 100) return;
        lastPost = t;
        send({ t: 'progress', id, done, total });
      },
      cancelled: () => cancelled() || (cancelFlag !== undefined && Atomics.load(cancelFlag, 0) === id),
    };
  };

  const runOne = async (call: { id: number; channel: string; input: unknown }): Promise<Result<unknown>> => {
    if (!NOT_ACTIVITY.has(call.channel)) idle.touch();
    running = call.id;
    cancelRunning = false;
    const job = jobOf(call.id, () => cancelRunning);
    try {
      return await withJob(job, () => dispatch(core, handlers, call.channel, call.input));
    } finally {
      running = null;
    }
  };
  /** Counts a call from its arrival to its answer, for quietFor. */
  const callArrived = (channel: string) => { callsInFlight++; lastCallAt = Date.now(); if (channel === 'assessment:page') pageAsked = true; };
  const callAnswered = () => { callsInFlight = Math.max(0, callsInFlight - 1); callsAnswered++; lastCallAt = Date.now(); };

  // A parse waits on its worker thread; the queue goes on meanwhile and the result comes when ready.
  const runLoose = (call: { id: number; channel: string; input: unknown }) => {
    idle.touch();
    const state = { cancelled: false };
    loose.set(call.id, state);
    void withJob(jobOf(call.id, () => state.cancelled), () => dispatch(core, handlers, call.channel, call.input))
      .catch((): Result<unknown> => ({ ok: false, error: { code: 'INTERNAL', reason: 'internal.unexpected' } }))
      .then((result) => {
        loose.delete(call.id);
        callAnswered();
        send({ t: 'result', id: call.id, result });
        maybeFinish();
      });
  };

  const drain = async () => {
    if (draining) return;
    draining = true;
    try {
      while (queue.length > 0) {
        // Between calls, let the messages that came in during the last one arrive first: a cancel
        // of a queued call may be among them. The shared flag is set before the cancel is sent.
        await new Promise<void>((resolve) => setImmediate(resolve));
        const call = queue.shift()!;
        const flagged = cancelFlag !== undefined && Atomics.load(cancelFlag, 0) === call.id;
        if (cancelledQueued.delete(call.id) || flagged) {
          callAnswered();
          send({ t: 'result', id: call.id, result: { ok: false, error: { code: 'CANCELLED', reason: 'job.cancelled' } } });
          continue;
        }
        const result = await runOne(call).catch((): Result<unknown> => ({ ok: false, error: { code: 'INTERNAL', reason: 'internal.unexpected' } }));
        callAnswered();
        send({ t: 'result', id: call.id, result });
      }
    } finally {
      draining = false;
    }
    maybeFinish();
  };

  const maybeFinish = () => {
    if (closed && !finished && !draining && queue.length === 0 && loose.size === 0) finish();
  };

  const finish = () => {
    finished = true;
    for (const t of timers) clearInterval(t);
    core.close();
    folderLock?.release();
    send({ t: 'closed' });
  };

  port.onMessage((raw) => {
    const m = raw as ToHost;
    switch (m.t) {
      case 'call':
        if (closed) return;
        callArrived(m.channel);
        if (OFF_QUEUE.has(m.channel)) { runLoose(m); break; }
        queue.push({ id: m.id, channel: m.channel, input: m.input });
        void drain();
        break;
      case 'cancel':
        if (running === m.id) cancelRunning = true;
        else if (loose.has(m.id)) loose.get(m.id)!.cancelled = true;
        else if (queue.some((c) => c.id === m.id)) cancelledQueued.add(m.id);
        break;
      case 'ping':
        send({ t: 'pong', id: m.id });
        break;
      case 'close':
        if (closed) return;
        closed = true;
        maybeFinish();
        break;
    }
  });
  send({ t: 'ready' });
}
