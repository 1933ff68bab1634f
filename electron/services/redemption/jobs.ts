// Batch packet export as a background job: one packet per contract, built in a worker thread of
// its own (packet-worker.ts) on a read-only connection to the desk's file, so the thread that
// answers calls never renders: a search arriving during a packet is answered at once. Packets are
// built in memory only: the bundle (attachments, applicant and bank data) is never written to disk.
// It is dropped when downloaded, when the desk locks or closes, and when the job is cancelled (the
// worker is ended with everything it held); a restart has nothing to clean.
import crypto from 'node:crypto';
import { Worker } from 'node:worker_threads';
import type { FileDownload } from '../../../shared/ipc/catalog';
import type { JobStatus } from '../../../shared/ipc/redemption';
import { refuse, type AppError } from '../../../shared/result';
import { coreOf } from '../../app-core';
import type { HandlerContext } from '../../handlers/types';
import { keysOf } from '../../security/keyring';
import { contractProfileIssue, today } from './contract-facts';
import { auditPacketExport, toDownload } from './packet';
import type { PacketBatchJob, PacketBatchMessage } from './packet-worker';
import { startWorkerThread } from '../../worker-thread';

interface Job {
  status: JobStatus;
  cancelled: boolean;
  result?: Uint8Array;
  /** The thread building the packets while the job runs. */
  worker: Worker | null;
}

/** Finished jobs kept for download; older ones are dropped with their bytes. */
const KEEP_FINISHED = 5;
const jobs = new Map<string, Job>();

function pruneFinished(): void {
  const finished = [...jobs.entries()].filter(([, j]) => j.status.state !== 'running');
  for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) jobs.delete(id);
}

/** Ends a job's worker: its packets, held only in that thread's memory, go with it. */
function endWorker(j: Job): void {
  const w = j.worker;
  j.worker = null;
  if (w) void w.terminate();
}

/** Drops every export held in memory (lock, quit): running jobs end at once, their workers with them. */
export function purgeExports(): void {
  for (const j of jobs.values()) {
    j.cancelled = true;
    endWorker(j);
    j.result = undefined;
  }
  jobs.clear();
}

/**
 * The desk's file is about to be swapped (restore, encryption, passphrase change): running batches
 * read the old file in their workers, so they end, failed with `desk.swapping` (the user starts
 * the batch again on the new file).
 */
export function endBatchesForSwap(): void {
  for (const j of jobs.values()) {
    if (j.status.state !== 'running') continue;
    j.cancelled = true;
    endWorker(j);
    const failure: AppError = { code: 'CONFLICT', reason: 'desk.swapping' };
    j.status = { ...j.status, state: 'failed', error: 'desk.swapping', failure };
  }
}

function job(jobId: string): Job {
  const j = jobs.get(jobId);
  if (!j) refuse('NOT_FOUND', 'packetJob.notFound', { field: 'jobId', params: { id: jobId } });
  return j;
}

function spawnPacketWorker(): Worker {
  const workerData = { packetWorker: true };
  // pdfmake and exceljs allocate much short-lived memory per packet: a larger young generation
  // than a worker's default keeps the rendering as fast as on the host's thread.
  const resourceLimits = { maxYoungGenerationSizeMb: 64 };
  return startWorkerThread(__dirname, { built: 'packet-worker.js', source: 'packet-worker.ts' }, { workerData, resourceLimits });
}

function run(ctx: HandlerContext, j: Job, ids: number[]): void {
  const core = coreOf(ctx);
  const task: PacketBatchJob = {
    file: ctx.databaseFile, key: core.key, keys: keysOf(ctx), dataDir: ctx.dataDir, actor: ctx.actor,
    nowIso: ctx.now().toISOString(), contractIds: ids,
  };
  const fileName = `兑现材料-批量-${today(ctx).replace(/-/g, '')}-${ids.length}份.zip`;
  const w = spawnPacketWorker();
  w.unref(); // never keeps the process alive on its own
  j.worker = w;
  const fail = (status: Partial<JobStatus>) => {
    if (j.cancelled || j.status.state !== 'running') return;
    j.status = { ...j.status, state: 'failed', ...status };
    endWorker(j);
  };
  w.on('message', (m: PacketBatchMessage) => {
    if (j.cancelled || j.worker !== w) return;
    switch (m.t) {
      case 'packet':
        // The packet carries bank details and personal data: every export is on the record.
        try {
          auditPacketExport(ctx, m.contractId, m.files);
        } catch (e) {
          console.error('[packets:batch]', e);
          fail({ error: 'export failed' });
          return;
        }
        j.status.done++;
        break;
      case 'done':
        j.result = m.bytes;
        j.status = { ...j.status, state: 'done', fileName };
        endWorker(j);
        break;
      case 'failed':
        if ('error' in m) {
          // The refusal travels as its code and reason; the renderer words it in the chosen language.
          fail({ error: m.message, failure: m.error });
        } else {
          console.error('[packets:batch]', m.message);
          fail({ error: 'export failed' });
        }
        break;
    }
  });
  w.once('error', (e) => { console.error('[packets:batch]', e); fail({ error: 'export failed' }); });
  w.once('exit', () => { if (j.worker === w) fail({ error: 'export failed' }); });
  w.postMessage(task);
}

export function startBatch(ctx: HandlerContext, contractIds: number[]): { jobId: string } {
  pruneFinished();
  const ids = [...new Set(contractIds)];
  // Unknown contracts are refused up front rather than failing the job half-way.
  const exists = ctx.db.prepare('SELECT 1 FROM contracts WHERE id = ?').pluck();
  const missing = ids.filter((id) => exists.get(id) === undefined);
  if (missing.length > 0) {
    refuse('NOT_FOUND', 'redemption.contractsMissing', { field: 'contractIds', params: { ids: missing.slice(0, 10) } });
  }
  // So are contracts stored under a profile the desk does not hold: no packet of theirs is computed by another one.
  const stored = ctx.db.prepare('SELECT number, profile_id AS profileId FROM contracts WHERE id = ?');
  const unknown = ids.map((id) => stored.get(id) as { number: string; profileId: string })
    .filter((c) => contractProfileIssue(c) !== null).map((c) => c.number);
  if (unknown.length > 0) {
    refuse('RULE', 'redemption.contractsProfileUnknown', {
      field: 'contractIds', rule: 'policy.storedProfileUnknown', params: { numbers: unknown.slice(0, 10) },
    });
  }
  const jobId = crypto.randomUUID();
  const j: Job = {
    status: { jobId, done: 0, total: ids.length, state: 'running' },
    cancelled: false,
    worker: null,
  };
  jobs.set(jobId, j);
  run(ctx, j, ids);
  return { jobId };
}

export function jobStatus(jobId: string): JobStatus {
  return { ...job(jobId).status };
}

export function cancelJob(jobId: string): JobStatus {
  const j = job(jobId);
  if (j.status.state === 'running') {
    // The worker ends now, with the packets it held; nothing was written to disk.
    j.cancelled = true;
    endWorker(j);
    j.status = { ...j.status, state: 'cancelled' };
  }
  return { ...j.status };
}

export function jobResult(jobId: string): FileDownload {
  const j = job(jobId);
  if (j.status.state !== 'done' || !j.result) {
    refuse('CONFLICT', 'packetJob.noResult', { field: 'jobId', params: { state: j.status.state } });
  }
  const download = toDownload({ fileName: j.status.fileName ?? 'packets.zip', bytes: j.result });
  // Downloaded once, then gone: the bundle holds attachments and bank data.
  jobs.delete(jobId);
  j.result = undefined;
  return download;
}
