// Batch packet export as a background job: one packet per contract, yielding to the event loop
// between contracts so the server stays responsive. Packets are built in memory only: the bundle
// (attachments, applicant and bank data) is never written to disk. It is dropped when downloaded,
// when the desk locks or closes, and when the job is cancelled; a restart has nothing to clean.
import crypto from 'node:crypto';
import type { FileDownload } from '../../../shared/ipc/catalog';
import type { JobStatus } from '../../../shared/ipc/redemption';
import { AppFailure, refuse } from '../../../shared/result';
import type { ServiceContext } from '../context';
import { today } from './contract-facts';
import { exportPacket, toDownload, zipFiles } from './packet';
import { uniqueName } from './safe-name';

interface Job {
  status: JobStatus;
  cancelled: boolean;
  result?: Uint8Array;
}

/** Finished jobs kept for download; older ones are dropped with their bytes. */
const KEEP_FINISHED = 5;
const jobs = new Map<string, Job>();

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function pruneFinished(): void {
  const finished = [...jobs.entries()].filter(([, j]) => j.status.state !== 'running');
  for (const [id] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) jobs.delete(id);
}

/** Drops every export held in memory (lock, quit): running jobs stop before their next packet. */
export function purgeExports(): void {
  for (const j of jobs.values()) {
    j.cancelled = true;
    j.result = undefined;
  }
  jobs.clear();
}

function job(jobId: string): Job {
  const j = jobs.get(jobId);
  if (!j) refuse('NOT_FOUND', 'packetJob.notFound', { field: 'jobId', params: { id: jobId } });
  return j;
}

async function run(ctx: ServiceContext, j: Job, contractIds: number[]): Promise<void> {
  const inner: { path: string; bytes: Uint8Array }[] = [];
  const taken = new Set<string>();
  try {
    for (const contractId of contractIds) {
      await yieldToLoop();
      if (j.cancelled) return;
      const packet = await exportPacket(ctx, contractId);
      if (j.cancelled) return;
      inner.push({ path: uniqueName(packet.fileName, taken), bytes: packet.bytes });
      j.status.done++;
    }
    await yieldToLoop();
    if (j.cancelled) return;
    const bundle = zipFiles(inner.map((p) => ({ path: `兑现材料/${p.path}`, bytes: p.bytes })), ctx.now());
    const fileName = `兑现材料-批量-${today(ctx).replace(/-/g, '')}-${contractIds.length}份.zip`;
    j.result = bundle;
    j.status = { ...j.status, state: 'done', fileName };
  } catch (e) {
    if (e instanceof AppFailure) {
      // The refusal travels as its code and reason; the renderer words it in the chosen language.
      j.status = { ...j.status, state: 'failed', error: e.message, failure: e.error };
    } else {
      console.error('[packets:batch]', e);
      j.status = { ...j.status, state: 'failed', error: 'export failed' };
    }
  } finally {
    inner.length = 0;
    if (j.cancelled) {
      j.result = undefined;
      j.status = { ...j.status, state: 'cancelled' };
    }
  }
}

export function startBatch(ctx: ServiceContext, contractIds: number[]): { jobId: string } {
  pruneFinished();
  const ids = [...new Set(contractIds)];
  // Unknown contracts are refused up front rather than failing the job half-way.
  const exists = ctx.db.prepare('SELECT 1 FROM contracts WHERE id = ?').pluck();
  const missing = ids.filter((id) => exists.get(id) === undefined);
  if (missing.length > 0) {
    refuse('NOT_FOUND', 'redemption.contractsMissing', { field: 'contractIds', params: { ids: missing.slice(0, 10) } });
  }
  const jobId = crypto.randomUUID();
  const j: Job = {
    status: { jobId, done: 0, total: ids.length, state: 'running' },
    cancelled: false,
  };
  jobs.set(jobId, j);
  void run(ctx, j, ids);
  return { jobId };
}

export function jobStatus(jobId: string): JobStatus {
  return { ...job(jobId).status };
}

export function cancelJob(jobId: string): JobStatus {
  const j = job(jobId);
  if (j.status.state === 'running') {
    // The loop notices before its next packet; nothing was written to disk.
    j.cancelled = true;
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
