// Batch packet export as a background job: one packet per contract, yielding to the event loop
// between contracts so the server stays responsive. Packets go to a temp folder; the result is a
// zip holding one packet zip per contract. Cancel stops before the next contract and removes the
// temp folder; nothing further is written.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { FileDownload } from '../../../shared/ipc/catalog';
import type { JobStatus } from '../../../shared/ipc/redemption';
import { AppFailure, fail } from '../../../shared/result';
import type { ServiceContext } from '../context';
import { today } from './contract-facts';
import { exportPacket, toDownload, zipFiles } from './packet';
import { uniqueName } from './safe-name';

interface Job {
  status: JobStatus;
  dir: string;
  cancelled: boolean;
  resultFile?: string;
}

/** Finished jobs kept for download; older ones are dropped with their files. */
const KEEP_FINISHED = 5;
const jobs = new Map<string, Job>();

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

function pruneFinished(): void {
  const finished = [...jobs.entries()].filter(([, j]) => j.status.state !== 'running');
  for (const [id, j] of finished.slice(0, Math.max(0, finished.length - KEEP_FINISHED))) {
    removeDir(j.dir);
    jobs.delete(id);
  }
}

/** Temp folders left by a previous run of the app (killed mid-job) are removed too. */
function removeStale(ctx: ServiceContext): void {
  const root = path.join(ctx.dataDir, 'tmp');
  if (!fs.existsSync(root)) return;
  const known = new Set([...jobs.values()].map((j) => path.basename(j.dir)));
  for (const name of fs.readdirSync(root)) {
    if (name.startsWith('packets-') && !known.has(name)) removeDir(path.join(root, name));
  }
}

function job(jobId: string): Job {
  const j = jobs.get(jobId);
  if (!j) fail('NOT_FOUND', `导出任务 ${jobId} 不存在或已过期 (job not found)`, { field: 'jobId' });
  return j;
}

async function run(ctx: ServiceContext, j: Job, contractIds: number[]): Promise<void> {
  const inner: { path: string; file: string }[] = [];
  const taken = new Set<string>();
  try {
    fs.mkdirSync(j.dir, { recursive: true });
    for (const contractId of contractIds) {
      await yieldToLoop();
      if (j.cancelled) return;
      const packet = await exportPacket(ctx, contractId);
      if (j.cancelled) return;
      const file = path.join(j.dir, `${inner.length + 1}.zip`);
      fs.writeFileSync(file, packet.bytes);
      inner.push({ path: uniqueName(packet.fileName, taken), file });
      j.status.done++;
    }
    await yieldToLoop();
    if (j.cancelled) return;
    const bundle = zipFiles(inner.map((p) => ({ path: `兑现材料/${p.path}`, bytes: fs.readFileSync(p.file) })), ctx.now());
    const fileName = `兑现材料-批量-${today(ctx).replace(/-/g, '')}-${contractIds.length}份.zip`;
    j.resultFile = path.join(j.dir, 'result.zip');
    fs.writeFileSync(j.resultFile, bundle);
    for (const p of inner) fs.rmSync(p.file, { force: true });
    j.status = { ...j.status, state: 'done', fileName };
  } catch (e) {
    removeDir(j.dir);
    const message = e instanceof AppFailure ? e.error.message : '导出失败 (export failed)';
    if (!(e instanceof AppFailure)) console.error('[packets:batch]', e);
    j.status = { ...j.status, state: 'failed', error: message };
  } finally {
    if (j.cancelled) {
      removeDir(j.dir);
      j.status = { ...j.status, state: 'cancelled' };
    }
  }
}

export function startBatch(ctx: ServiceContext, contractIds: number[]): { jobId: string } {
  pruneFinished();
  removeStale(ctx);
  const ids = [...new Set(contractIds)];
  // Unknown contracts are refused up front rather than failing the job half-way.
  const exists = ctx.db.prepare('SELECT 1 FROM contracts WHERE id = ?').pluck();
  const missing = ids.filter((id) => exists.get(id) === undefined);
  if (missing.length > 0) {
    fail('NOT_FOUND', `合同不存在 (contract not found)：${missing.slice(0, 10).join(', ')}`, { field: 'contractIds' });
  }
  const jobId = crypto.randomUUID();
  const j: Job = {
    status: { jobId, done: 0, total: ids.length, state: 'running' },
    dir: path.join(ctx.dataDir, 'tmp', `packets-${jobId}`),
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
    // The loop notices before its next write and removes the temp folder.
    j.cancelled = true;
    j.status = { ...j.status, state: 'cancelled' };
  }
  return { ...j.status };
}

export function jobResult(jobId: string): FileDownload {
  const j = job(jobId);
  if (j.status.state !== 'done' || !j.resultFile) {
    fail('CONFLICT', `导出任务尚未完成（${j.status.state}）(job has no result)`, { field: 'jobId' });
  }
  return toDownload({ fileName: j.status.fileName ?? 'packets.zip', bytes: fs.readFileSync(j.resultFile) });
}
