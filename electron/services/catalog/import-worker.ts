// The worker thread that reads an uploaded sheet (.xlsx, .xls, .csv) into a grid, so the core
// host's thread keeps answering calls while a large file is parsed (import-read.ts starts it).
import { parentPort, workerData } from 'node:worker_threads';
import { AppFailure } from '../../../shared/result';
import { readGrid } from '../tabular';
import type { ReadJob, ReadResult } from './import-read';

const job = (workerData as { importRead?: ReadJob } | null)?.importRead;
if (parentPort && job) {
  let result: ReadResult;
  try {
    result = { ok: true, grid: readGrid(job.fileName, Buffer.from(job.bytes), job.encoding, job.sheet, job.extraSheets) };
  } catch (e) {
    result = e instanceof AppFailure ? { ok: false, error: e.error } : { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  parentPort.postMessage(result);
}
