// The assessment page and the annual reports are computed off the core host's thread: a second of
// CPU at 10,000 instruments (many more at 100,000) would otherwise hold every other call behind
// it. A worker thread (read-worker.ts for the page, report-worker.ts for the reports) is kept while
// it has work and for a minute after, so the next page does not pay its start; each job opens its
// own read-only connection there.
import { Worker } from 'node:worker_threads';
import type { FileDownload } from '../../../shared/ipc/catalog';
import type { Core } from '../../app-core';
import type { AssessmentPage, AssessmentScope } from '../../../shared/ipc/assessment';
import type { SubsidyGrade } from '../../../shared/policy';
import { AppFailure, type AppError } from '../../../shared/result';
import { civilDateInShanghai } from '../../../shared/rules/civil-date';
import { jobCancelled } from '../../core-host/job';
import { civilNowInShanghai } from './window';
import { startWorkerThread } from '../../worker-thread';

/** The civil minute the page's checks read "now" at (checks.ts: civilNowInShanghai). */
const civilMinute = (src: ReadSource) => civilNowInShanghai({ now: () => src.now() } as Parameters<typeof civilNowInShanghai>[0]);

export type ReadTask =
  | { kind: 'page'; input: { year: number; scope?: AssessmentScope; whatIfGrade?: SubsidyGrade } }
  /** The page worker's pre-start: opens a connection and computes one instrument's year (milliseconds), answers nothing worth keeping. */
  | { kind: 'warm'; input: { year: number } }
  | { kind: 'xlsx'; input: { year: number; scope: AssessmentScope } }
  | { kind: 'pdf'; input: { year: number; scope: AssessmentScope } };

export interface ReadJob {
  id: number;
  /** The desk's database file, opened read-only in the worker. */
  file: string;
  /** The passphrase of an encrypted desk: in this message only, never written anywhere. */
  key?: string;
  dataDir: string;
  actor: string;
  /** The caller's clock at the call, so the worker's figures use the same "now". */
  nowIso: string;
  task: ReadTask;
}

/** A page job's answer: the page, and whether computing it wrote its year's summary (summary.ts). */
export interface PageAnswer { page: AssessmentPage; wroteSummary: boolean }

export type ReadAnswer = { id: number; ok: true; value: unknown } | { id: number; ok: false; error: AppError } | { id: number; ok: false; message: string };

/** What the worker needs of the caller's context. */
export interface ReadSource {
  databaseFile: string;
  key: string | undefined;
  dataDir: string;
  actor: string;
  now(): Date;
  /**
   * The desk's data version on the caller's connection (every write goes through it): a page
   * prepared ahead is answered only while it is unchanged (see prepareAssessmentPage).
   */
  dataVersion?(): string;
}

/**
 * A desk's read source: its file and, when it is encrypted, its passphrase (in memory) for the
 * worker's own connection, its context, and the data version of its connection. Made for each use:
 * it holds the passphrase of the moment.
 */
export function readSourceOf(core: Pick<Core, 'ctx' | 'key'>): ReadSource & { dataVersion(): string } {
  const { ctx } = core;
  return {
    databaseFile: ctx.databaseFile, key: core.key, dataDir: ctx.dataDir, actor: ctx.actor, now: () => ctx.now(),
    dataVersion: () => dataVersionOf(ctx.db),
  };
}

/** The caller's connection's data version: its own row changes and other connections' commits. */
function dataVersionOf(db: { prepare(sql: string): { pluck(): { get(): unknown } } }): string {
  return `${String(db.prepare('SELECT total_changes()').pluck().get())}:${String(db.prepare('PRAGMA data_version').pluck().get())}`;
}

/** The worker is ended after this long without a job (its modules and caches hold memory). */
const IDLE_MS = 60_000;
/** How often a waiting call looks whether the user cancelled it (a flag read: a small page is tens of ms). */
const CANCEL_POLL_MS = 10;

interface Pending { job: ReadJob; resolve(v: unknown): void; reject(e: unknown): void }

/** `prepare` computes the page prepared ahead (prepareAssessmentPage), at a lower priority, and ends after it. */
type SlotName = 'page' | 'report' | 'prepare';
/** One worker per kind: the page's never loads the report writers (seconds of start-up). */
interface Slot {
  name: SlotName; worker: Worker | null; idleTimer: NodeJS.Timeout | null; pending: Map<number, Pending>;
  /** Started by a pre-start and not used since: kept without the idle minute until its first job. */
  warmed: boolean;
}

const slots: Record<SlotName, Slot> = {
  page: { name: 'page', worker: null, idleTimer: null, pending: new Map(), warmed: false },
  report: { name: 'report', worker: null, idleTimer: null, pending: new Map(), warmed: false },
  prepare: { name: 'prepare', worker: null, idleTimer: null, pending: new Map(), warmed: false },
};
let nextId = 1;

function spawnReadWorker(slot: SlotName): Worker {
  // The prepared page runs the page worker's code in a thread of lower priority: the pages the user
  // opens meanwhile go first (Linux, where the nice value is per thread).
  const name = slot === 'report' ? 'report' : 'page';
  const workerData = { assessmentWorker: name, lowPriority: slot === 'prepare' };
  // The young generation is held at 16 MB: the page now folds a few rows per instrument, not every
  // usage row, and at 100,000 instruments a 64 MB one cost 45 MB more of the process's memory for
  // the same time (4.0–5.0 s either way: the page worker alone on the 100k seed, at rest).
  const resourceLimits = { maxYoungGenerationSizeMb: 16 };
  return startWorkerThread(__dirname, { built: `assessment-${name}-worker.js`, source: name === 'page' ? 'read-worker.ts' : 'report-worker.ts' }, { workerData, resourceLimits });
}

function settle(slot: Slot, answer: ReadAnswer): void {
  const p = slot.pending.get(answer.id);
  if (!p) return;
  slot.pending.delete(answer.id);
  if (answer.ok) p.resolve(answer.value);
  else if ('error' in answer) p.reject(new AppFailure(answer.error));
  else p.reject(new Error(answer.message));
  if (slot.pending.size === 0) {
    if (slot.name === 'prepare') stopWorker(slot); // one job, then gone
    else armIdle(slot);
  }
}

function armIdle(slot: Slot): void {
  if (slot.warmed) return; // a pre-started worker waits for the page it was started for
  if (slot.idleTimer) clearTimeout(slot.idleTimer);
  slot.idleTimer = setTimeout(() => { slot.idleTimer = null; if (slot.pending.size === 0) stopWorker(slot); }, IDLE_MS);
  slot.idleTimer.unref?.();
}

function ensureWorker(slot: Slot): Worker {
  if (slot.idleTimer) { clearTimeout(slot.idleTimer); slot.idleTimer = null; }
  if (slot.worker) return slot.worker;
  const w = spawnReadWorker(slot.name);
  w.unref(); // never keeps the process alive on its own
  w.on('message', (m: ReadAnswer) => settle(slot, m));
  const gone = (e: Error) => {
    if (slot.worker !== w) return;
    slot.worker = null;
    for (const [id, p] of slot.pending) { slot.pending.delete(id); p.reject(e); }
  };
  w.once('error', gone);
  w.once('exit', (code) => gone(new Error(`assessment worker exited with code ${code}`)));
  slot.worker = w;
  return w;
}

function stopWorker(slot: Slot): void {
  const w = slot.worker;
  slot.worker = null;
  slot.warmed = false;
  if (slot.idleTimer) { clearTimeout(slot.idleTimer); slot.idleTimer = null; }
  if (w) void w.terminate();
}

/** True while the page (or report) worker thread is running. */
export function readWorkerRunning(name: SlotName): boolean {
  return slots[name].worker !== null;
}

/** Swaps of the database file in progress (restore, encryption, passphrase change). */
let swapsInProgress = 0;

/**
 * Ends every running and waiting job and answers each with `error`: their workers read the file
 * as it was when they opened it, so after a swap (or a lock) they would finish on the old file.
 */
function endAllJobs(error: AppError): void {
  kept = null;
  for (const slot of Object.values(slots)) {
    const waiting = [...slot.pending.values()];
    slot.pending.clear();
    stopWorker(slot);
    for (const p of waiting) p.reject(new AppFailure(error));
  }
}

const SWAPPING: AppError = { code: 'CONFLICT', reason: 'desk.swapping' };

/**
 * A swap of the database file begins: page and report jobs running on the old file are ended and
 * answered `desk.swapping` (the window asks again and gets the new file's figures), and new jobs
 * are refused the same way until the returned release is called, once the new file is live.
 */
export function holdReadJobsForSwap(): () => void {
  swapsInProgress++;
  endAllJobs(SWAPPING);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    swapsInProgress--;
  };
}

/** The desk locks: running jobs (which hold the passphrase in their worker) end, answered `desk.locked`. */
export function endReadJobsOnLock(): void {
  endAllJobs({ code: 'LOCKED', reason: 'desk.locked' });
}

/** Ends the workers (their jobs still waiting are answered by new ones) and forgets the kept page. */
export function stopReadWorkers(): void {
  kept = null;
  prepared = false;
  for (const slot of Object.values(slots)) stopWorker(slot);
}

/**
 * Runs `task` in its worker on a read-only connection to the caller's database file and resolves
 * with its result; refusals come back as they were raised. A cancel of the running call ends the
 * worker (a synchronous computation cannot be stopped otherwise); the other jobs go on in a new one.
 */
export function runOffThread<T>(src: ReadSource, task: ReadTask, slotName?: SlotName): Promise<T> {
  if (swapsInProgress > 0) return Promise.reject(new AppFailure(SWAPPING));
  const slot = slots[slotName ?? (task.kind === 'page' || task.kind === 'warm' ? 'page' : 'report')];
  if (task.kind !== 'warm') slot.warmed = false;
  const job: ReadJob = { id: nextId++, file: src.databaseFile, key: src.key, dataDir: src.dataDir, actor: src.actor, nowIso: src.now().toISOString(), task };
  return new Promise<T>((resolve, reject) => {
    const poll = setInterval(() => {
      if (!jobCancelled() || !slot.pending.has(job.id)) return;
      slot.pending.delete(job.id);
      const rest = [...slot.pending.values()];
      slot.pending.clear();
      stopWorker(slot);
      reject(new AppFailure({ code: 'CANCELLED', reason: 'job.cancelled' }));
      for (const p of rest) { slot.pending.set(p.job.id, p); ensureWorker(slot).postMessage(p.job); }
      if (slot.pending.size === 0) armIdle(slot);
    }, CANCEL_POLL_MS);
    poll.unref?.();
    const done = <V>(f: (v: V) => void) => (v: V) => { clearInterval(poll); f(v); };
    slot.pending.set(job.id, { job, resolve: done(resolve as (v: unknown) => void), reject: done(reject) });
    ensureWorker(slot).postMessage(job);
  });
}

/**
 * The page worker's pre-start, shortly after the desk opens and while it is idle: starts the worker
 * (its modules load) and runs one small job there (a connection, the page's statements and code
 * on one instrument's year), so the first assessment page does not pay for them. The worker then
 * waits for that page without the idle minute. Skipped (false) while the desk's file is being
 * swapped, when the worker runs already, or when the desk is locked (no key to open it with).
 */
export function warmAssessmentWorker(src: ReadSource): Promise<boolean> {
  const slot = slots.page;
  if (swapsInProgress > 0 || slot.worker !== null) return Promise.resolve(false);
  const year = Number(src.now().toISOString().slice(0, 4)) - 1;
  const warming = runOffThread<unknown>(src, { kind: 'warm', input: { year } });
  slot.warmed = true;
  if (slot.idleTimer) { clearTimeout(slot.idleTimer); slot.idleTimer = null; }
  // Its answer is not kept: a refusal (a desk with no instrument, a year outside the policies) warmed the worker too.
  return warming.then(() => true, () => slot.worker !== null);
}

type PageInput = Extract<ReadTask, { kind: 'page' }>['input'];

/** What a page depends on besides the data: the desk's file, the year, scope and what-if grade, and the day (the profile in force). */
const pageKey = (src: ReadSource, input: PageInput) => JSON.stringify({
  file: src.databaseFile, year: input.year, scope: input.scope ?? { kind: 'unit' }, whatIf: input.whatIfGrade ?? null, day: civilDateInShanghai(src.now()),
});

/**
 * The last page computed, kept for the asks after it. The default page (last year, the whole
 * unit) is computed once the first screen has been answered (prepareAssessmentPage), so a user
 * opening the assessment page finds it computed or joins its computation; every page computed on
 * an ask is kept the same way. A kept page answers an ask for the same year, scope and grade on the
 * same day while the desk's data version is still the one it was computed at; if its check lists
 * records still running after now, only within the same civil minute (that check follows the
 * clock). Any other ask computes, and its page is kept instead: at national scale a page is
 * seconds of a core and a few hundred MB, so a second visit with nothing changed computes nothing.
 */
let kept: { key: string; version: string; minute: string; page: Promise<AssessmentPage> } | null = null;
let prepared = false;

/** The host connection's own changes, the first part of its data version (dataVersionOf). */
const ownChanges = (version: string) => version.slice(0, version.indexOf(':'));

/**
 * Runs a page job and keeps its page. The first whole-unit page of a year writes the year's summary
 * from the worker's connection, which moves the host's data version; the summary changes no figure,
 * and it is written only if nothing was committed since the page began reading (summary.ts). So if
 * the host itself has written nothing since the page was asked for, the kept page takes the version
 * of after that write. (The page workers' summaries are the only writes from another connection.)
 */
function pageJob(src: ReadSource, input: PageInput, slot?: SlotName): Promise<AssessmentPage> {
  const answer = runOffThread<PageAnswer>(src, { kind: 'page', input }, slot);
  const dataVersion = src.dataVersion;
  if (!dataVersion) return answer.then((a) => a.page); // without a data version a page cannot be known to hold
  const version = dataVersion();
  const page = answer.then((a) => {
    if (a.wroteSummary && kept?.page === page) {
      try {
        const now = dataVersion();
        if (ownChanges(now) === ownChanges(version)) kept.version = now;
      } catch { /* a desk being swapped or locked: the entry is forgotten with it */ }
    }
    return a.page;
  });
  const entry = { key: pageKey(src, input), version, minute: civilMinute(src), page };
  kept = entry;
  page.catch(() => { if (kept === entry) kept = null; });
  return page;
}

export function prepareAssessmentPage(src: ReadSource & { dataVersion(): string }, input: PageInput): void {
  if (swapsInProgress > 0) return;
  prepared = true;
  void pageJob(src, input, 'prepare').catch(() => undefined);
}

let keptAnswered = 0;
/** Whether a page is kept (prepared or computed on an ask), whether the default one was prepared, and how many asks a kept page answered (tests). */
export function keptPageState(): { kept: boolean; prepared: boolean; answered: number } {
  return { kept: kept !== null, prepared, answered: keptAnswered };
}

/** Resolves with `p`, or rejects CANCELLED as soon as the running call is cancelled (p goes on). */
function unlessCancelled<T>(p: Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const poll = setInterval(() => {
      if (jobCancelled()) { clearInterval(poll); reject(new AppFailure({ code: 'CANCELLED', reason: 'job.cancelled' })); }
    }, CANCEL_POLL_MS);
    poll.unref?.();
    p.then((v) => { clearInterval(poll); resolve(v); }, (e: unknown) => { clearInterval(poll); reject(e); });
  });
}

export function assessmentPageOffThread(src: ReadSource, input: PageInput): Promise<AssessmentPage> {
  const held = kept;
  const compute = () => pageJob(src, input);
  // A desk being swapped or locked has no version to read: the ask computes, and is refused as such.
  const version = () => { try { return src.dataVersion?.() ?? null; } catch { return null; } };
  if (!held || held.key !== pageKey(src, input) || held.version !== version()) return compute();
  return unlessCancelled(held.page.then(
    (page) => {
      // Records still running after now are the one part that follows the minute: with none, none
      // appear as now moves on (the data unchanged); with some, the page holds for its minute only.
      const running = page.checks.some((c) => c.code === 'future' && c.count > 0);
      if (version() !== held.version || (running && civilMinute(src) !== held.minute)) return compute();
      keptAnswered++;
      return page;
    },
    () => compute(),
  ));
}
export const assessmentXlsxOffThread = (src: ReadSource, input: { year: number; scope: AssessmentScope }) =>
  runOffThread<FileDownload>(src, { kind: 'xlsx', input });
export const assessmentPdfOffThread = (src: ReadSource, input: { year: number; scope: AssessmentScope }) =>
  runOffThread<FileDownload>(src, { kind: 'pdf', input });
