// Reads an uploaded sheet in a worker thread: parsing a 10,000-row workbook takes seconds of CPU,
// and on the core host's thread every other call would wait for it. The worker has a memory
// ceiling of its own, so a file that slips past the size checks ends the worker, not the desk.
// A cancel from the window ends the worker at once and the call answers CANCELLED.
import { Worker } from 'node:worker_threads';
import { AppFailure, refuse, type AppError } from '../../../shared/result';
import { jobCancelled } from '../../core-host/job';
import type { Grid } from '../tabular';
import { startWorkerThread } from '../../worker-thread';

export interface ReadJob {
  fileName: string;
  bytes: Uint8Array;
  encoding: 'auto' | 'utf8' | 'gbk';
  sheet?: string;
  extraSheets: string[];
}

export type ReadResult = { ok: true; grid: Grid } | { ok: false; error: AppError } | { ok: false; message: string };

/** Heap ceiling of the parse worker (a 20,000-row workbook needs a few hundred MB). */
export const PARSE_HEAP_MB = 1536;

/** How often a waiting parse looks whether its call was cancelled, in ms. */
const CANCEL_POLL_MS = 25;

export function spawnReadWorker(job: ReadJob): Worker {
  const workerData = { importRead: job };
  const resourceLimits = { maxOldGenerationSizeMb: PARSE_HEAP_MB };
  return startWorkerThread(__dirname, { built: 'import-worker.js', source: 'import-worker.ts' }, { workerData, resourceLimits });
}

/**
 * The grid of an uploaded file, read off this thread; refusals come back as they were raised.
 * While it waits it looks whether the running call was cancelled: then the worker is terminated
 * (its half-read grid goes with it) and the call is refused CANCELLED.
 */
export async function readGridOffThread(job: ReadJob, spawn: (job: ReadJob) => Worker = spawnReadWorker): Promise<Grid> {
  const result = await new Promise<ReadResult | 'memory' | 'cancelled'>((resolve, reject) => {
    if (jobCancelled()) { resolve('cancelled'); return; }
    const w = spawn(job);
    let answered = false;
    const settle = (then: () => void) => {
      if (answered) return;
      answered = true;
      clearInterval(poll);
      then();
    };
    const poll = setInterval(() => {
      if (jobCancelled()) settle(() => { void w.terminate(); resolve('cancelled'); });
    }, CANCEL_POLL_MS);
    w.once('message', (m: ReadResult) => settle(() => { resolve(m); void w.terminate(); }));
    w.once('error', (e: Error & { code?: string }) => settle(() => {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') resolve('memory');
      else reject(e);
    }));
    w.once('exit', (code) => settle(() => reject(new Error(`import worker exited with code ${code}`))));
  });
  if (result === 'cancelled') throw new AppFailure({ code: 'CANCELLED', reason: 'job.cancelled' });
  if (result === 'memory') refuse('VALIDATION', 'import.parseMemory', { field: 'file', params: { max: PARSE_HEAP_MB } });
  if (result.ok) return result.grid;
  if ('error' in result) throw new AppFailure(result.error);
  throw new Error(result.message);
}
