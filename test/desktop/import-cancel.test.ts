// Cancelling the import parse: the file is read in a worker thread (catalog/import-read.ts), and a
// cancel from the window ends that worker at once and answers CANCELLED; nothing of the parse is
// kept, and the desk goes on answering and parsing.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { startWorkerCore } from '../../electron/core-host/client';
import { withJob } from '../../electron/core-host/job';
import { createJobDesk } from '../../electron/core-host/jobs';
import { readGridOffThread, spawnReadWorker, type ReadJob } from '../../electron/services/catalog/import-read';
import { AppFailure } from '../../shared/result';
import { sampleCsv, SAMPLE_VALID } from '../fixtures/catalog-sample';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });

function bigCsv(rows: number): string {
  const template = SAMPLE_VALID[0];
  return sampleCsv(Array.from({ length: rows }, (_, i) => [`CX-${String(i).padStart(5, '0')}`, `气相色谱仪 ${i}`, ...template.slice(2, 11), `实验室 ${i % 20}`, template[12]]));
}
const csvJob = (rows: number): ReadJob => ({ fileName: 'big.csv', bytes: Buffer.from(bigCsv(rows), 'utf8'), encoding: 'utf8', extraSheets: [] });

/** A worker that never answers: only a cancel can end the wait for it. */
function silentWorker(): Worker {
  return new Worker('setInterval(() => {}, 1000);', { eval: true });
}

/** Runs the read as the core host runs a call: under a job whose cancel flag the test sets. */
function cancellableRead(job: ReadJob, spawn: (j: ReadJob) => Worker) {
  let cancelled = false;
  const workers: { worker: Worker; exited: Promise<number>; answered: boolean }[] = [];
  const tracked = (j: ReadJob) => {
    const worker = spawn(j);
    const entry = { worker, exited: new Promise<number>((resolve) => worker.once('exit', resolve)), answered: false };
    worker.once('message', () => { entry.answered = true; });
    workers.push(entry);
    return worker;
  };
  const read = withJob({ progress: () => {}, cancelled: () => cancelled }, () => readGridOffThread(job, tracked));
  return { read, workers, cancel: () => { cancelled = true; } };
}

/** The median of five pings of the core host, one after another. */
async function medianPing(core: { ping(): Promise<number> }): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < 5; i++) times.push(await core.ping());
  return times.sort((a, b) => a - b)[2];
}

const CANCELLED = { error: { code: 'CANCELLED', reason: 'job.cancelled' } };

describe('cancelling the parse worker', () => {
  it('a cancel ends a worker that would never answer, and the read is refused CANCELLED', async () => {
    const r = cancellableRead(csvJob(10), silentWorker);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const t0 = performance.now();
    r.cancel();
    await expect(r.read).rejects.toMatchObject(CANCELLED);
    expect(performance.now() - t0).toBeLessThan(1_000);
    expect(r.workers).toHaveLength(1);
    await r.workers[0].exited; // the thread has ended: terminated, as it would never finish
    expect(r.workers[0].worker.threadId).toBe(-1);
  });

  it('a 10,000-row file: the real worker is terminated before it answers; without a cancel it is read whole', async () => {
    const r = cancellableRead(csvJob(10_000), spawnReadWorker);
    await new Promise((resolve) => setTimeout(resolve, 150));
    r.cancel();
    await expect(r.read).rejects.toBeInstanceOf(AppFailure);
    await expect(r.read).rejects.toMatchObject(CANCELLED);
    await r.workers[0].exited;
    expect(r.workers[0].answered).toBe(false);
    const whole = cancellableRead(csvJob(10_000), spawnReadWorker);
    const grid = await whole.read;
    expect(grid.rows.length).toBe(10_001);
    expect(whole.workers[0].answered).toBe(true);
  }, 60_000);

  it('a call cancelled before its read starts starts no worker', async () => {
    let spawned = 0;
    const read = withJob({ progress: () => {}, cancelled: () => true }, () => readGridOffThread(csvJob(10), (j) => { spawned++; return spawnReadWorker(j); }));
    await expect(read).rejects.toMatchObject(CANCELLED);
    expect(spawned).toBe(0);
  });

  it('from the window side: job:cancel of a running catalog:importParse answers CANCELLED, the desk keeps answering and parses the next file', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-parse-cancel-'));
    dirs.push(dataDir);
    const core = startWorkerCore({ dataDir, mode: 'browser', fixedToday: '2025-06-16' });
    try {
      await core.ready;
      const jobs = createJobDesk(core);
      // The desk's own answer time on this machine, now, before any parse: the bound after the cancel
      // is relative to it, as a loaded machine slows every ping alike.
      const idle = await medianPing(core);
      const upload = { fileName: 'big.csv', dataBase64: Buffer.from(bigCsv(10_000), 'utf8').toString('base64'), encoding: 'utf8' };
      const token = 'parse-0123456789abcdef';
      const parsing = jobs.call('catalog:importParse', upload, token);
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(await jobs.call('job:progress', { token })).toMatchObject({ ok: true, value: { state: 'running' } });
      const t0 = performance.now();
      expect(await jobs.call('job:cancel', { token })).toMatchObject({ ok: true, value: { token, state: 'running' } });
      expect(await parsing).toMatchObject({ ok: false, ...CANCELLED });
      const answeredIn = performance.now() - t0;
      expect(answeredIn).toBeLessThan(2_000);
      // The desk answers as it did before the parse (the median of five pings, so one pause of the
      // machine is not read as the desk's): a parse left running on the core thread would hold it for
      // the whole read, hundreds of ms.
      expect(await medianPing(core)).toBeLessThan(Math.max(50, 4 * idle));
      expect(await jobs.call('job:progress', { token })).toMatchObject({ ok: true, value: { state: 'unknown' } });
      // The same file without a cancel is read whole.
      const again = await jobs.call('catalog:importParse', upload, 'parse-fedcba9876543210');
      expect(again).toMatchObject({ ok: true, value: { rowCount: 10_000 } });
      console.log(`[parse cancel] answered CANCELLED ${Math.round(answeredIn)} ms after job:cancel`);
    } finally {
      await core.close();
    }
  }, 120_000);
});
