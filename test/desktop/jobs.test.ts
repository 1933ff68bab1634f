// Long jobs report progress to the window and can be cancelled from it, on the real services:
// the window side answers job:progress / job:cancel without waiting behind the job, and a
// cancelled job leaves nothing half-written (its one transaction rolls back).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { createCoreClient, startWorkerCore } from '../../electron/core-host/client';
import { withJob } from '../../electron/core-host/job';
import { createJobDesk } from '../../electron/core-host/jobs';
import { relayToWorker } from '../../electron/core-host/relay';
import { exportCatalog } from '../../electron/services/catalog/export';
import { exportServiceRecords } from '../../electron/services/catalog/platform';
import { exportLabPackage } from '../../electron/services/facility/package/export-lab';
import { importLabPackage } from '../../electron/services/facility/package/import-lab';
import { AppFailure } from '../../shared/result';
import { insertInstrument, insertUsage } from '../assessment/fixtures';
import { labDesk, officeDesk, register } from '../facility/lab-fixture';
import { sampleCsv, SAMPLE_VALID } from '../fixtures/catalog-sample';
import { contentHash, tempCore, type TempCore } from '../helpers/db';
import { rendererStub, startServerProcess } from './server-process';

const dirs: string[] = [];
const cores: TempCore[] = [];
afterEach(() => {
  while (cores.length) cores.pop()!.cleanup();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
const track = (c: TempCore) => { cores.push(c); return c; };

function tempDir(prefix: string): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
}

function bigCsv(rows: number): string {
  const template = SAMPLE_VALID[0];
  return sampleCsv(Array.from({ length: rows }, (_, i) => [`JOB-${String(i).padStart(5, '0')}`, `气相色谱仪 ${i}`, ...template.slice(2, 11), `实验室 ${i % 20}`, template[12]]));
}
const upload = (csv: string) => ({ fileName: 'big.csv', dataBase64: Buffer.from(csv, 'utf8').toString('base64'), encoding: 'utf8' as const });
type Parsed = { parseId: string; headerRow: number; suggestedMapping: Record<string, string | null> };
const commitInput = (p: Parsed) => ({ parseId: p.parseId, headerRow: p.headerRow, mapping: p.suggestedMapping, onDuplicate: 'skip', acceptValidRows: true });

/** Runs fn as a job that is cancelled once it has reported `after` progress steps; returns the steps seen. */
function runCancelledAfter<T>(after: number, fn: () => T): { steps: [number, number][]; error: unknown } {
  const steps: [number, number][] = [];
  let error: unknown = null;
  try {
    withJob({ progress: (d, t) => steps.push([d, t]), cancelled: () => steps.length >= after }, fn);
  } catch (e) { error = e; }
  return { steps, error };
}
const isCancelled = (e: unknown) => e instanceof AppFailure && e.error.code === 'CANCELLED' && e.error.reason === 'job.cancelled';

describe('job progress and cancel from the window side', () => {
  it('browser mode: job:progress answers while the import runs, job:cancel rolls it back, nothing is written', async () => {
    const dataDir = tempDir('desk-jobs-');
    const rendererDir = rendererStub();
    dirs.push(rendererDir);
    const s = await startServerProcess(dataDir, rendererDir);
    try {
      const post = (channel: string, input: unknown, job?: string) => fetch(`http://127.0.0.1:${s.port}/api/${encodeURIComponent(channel)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-desk-token': s.token, ...(job ? { 'x-desk-job': job } : {}) },
        body: JSON.stringify(input),
      }).then((r) => r.json() as Promise<{ ok: boolean; value?: unknown; error?: { code: string; reason?: string } }>);
      const parsed = await post('catalog:importParse', upload(bigCsv(10_000)));
      expect(parsed.ok).toBe(true);
      const token = 'import-0123456789abcdef';
      const committing = post('catalog:importCommit', commitInput(parsed.value as Parsed), token);
      // Poll as the renderer does until the rows are being written.
      let seen = { state: 'unknown', done: 0, total: 0 };
      for (let i = 0; i < 400 && !(seen.state === 'running' && seen.done > 0); i++) {
        const p = await post('job:progress', { token });
        expect(p.ok).toBe(true);
        seen = p.value as typeof seen;
        await new Promise((r) => setTimeout(r, 10));
      }
      expect(seen).toMatchObject({ state: 'running', total: 10_000 });
      expect(seen.done).toBeGreaterThan(0);
      expect(seen.done).toBeLessThan(10_000);
      const cancelled = await post('job:cancel', { token });
      expect(cancelled).toMatchObject({ ok: true, value: { token, state: 'running' } });
      expect(await committing).toMatchObject({ ok: false, error: { code: 'CANCELLED', reason: 'job.cancelled' } });
      expect(await post('job:progress', { token })).toMatchObject({ ok: true, value: { state: 'unknown' } });
      expect(await post('catalog:list', { limit: 1 })).toMatchObject({ ok: true, value: { total: 0 } });
      // A token outside the rule is refused on the field, and reaches nothing.
      expect(await post('job:progress', { token: '../x' })).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'token' } });
    } finally {
      await s.stop();
    }
  }, 180_000);

  it('Electron shape: a host behind the utility-process relay stops a running import at the cancel', async () => {
    const channel = new MessageChannel();
    const relay = relayToWorker(
      { postMessage: (m) => channel.port1.postMessage(m), onMessage: (l) => channel.port1.on('message', l) },
      { dataDir: tempDir('desk-relay-'), mode: 'electron', fixedToday: '2025-06-16' },
    );
    // The main process's client has no shared memory with the host: only messages cross.
    const client = createCoreClient({ postMessage: (m) => channel.port2.postMessage(m), onMessage: (l) => channel.port2.on('message', l) });
    const jobs = createJobDesk(client);
    try {
      await client.ready;
      const parsed = await client.call('catalog:importParse', upload(bigCsv(10_000)));
      expect(parsed.ok).toBe(true);
      const token = 'relay-0123456789abcdef';
      const committing = jobs.call('catalog:importCommit', commitInput((parsed as { value: Parsed }).value), token);
      let done = 0;
      for (let i = 0; i < 400 && done === 0; i++) {
        await new Promise((r) => setTimeout(r, 10));
        done = ((await jobs.call('job:progress', { token })) as { value: { done: number } }).value.done;
      }
      expect(done).toBeGreaterThan(0);
      await jobs.call('job:cancel', { token });
      expect(await committing).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
      expect(await client.call('catalog:list', { limit: 1 })).toMatchObject({ ok: true, value: { total: 0 } });
      // Without a cancel the same import completes.
      expect(await jobs.call('catalog:importCommit', commitInput((parsed as { value: Parsed }).value), token)).toMatchObject({ ok: true, value: { inserted: 10_000 } });
    } finally {
      await client.close();
      expect(await relay.ended).toBe(0);
      channel.port1.close();
    }
  }, 180_000);

  it('a worker-thread host reports progress of a call made through the job desk', async () => {
    const core = startWorkerCore({ dataDir: tempDir('desk-jobdesk-'), mode: 'browser', fixedToday: '2025-06-16' });
    try {
      await core.ready;
      const jobs = createJobDesk(core);
      // A call without a token goes straight through; an unknown token is no job.
      expect(await jobs.call('labs:list', {})).toMatchObject({ ok: true });
      expect(await jobs.call('job:cancel', { token: 'nothing-running-here' })).toMatchObject({ ok: true, value: { state: 'unknown' } });
      const parsed = await core.call('catalog:importParse', upload(bigCsv(3_000)));
      const result = await jobs.call('catalog:importCommit', commitInput((parsed as { value: Parsed }).value), 'small-0123456789');
      expect(result).toMatchObject({ ok: true, value: { inserted: 3_000 } });
    } finally {
      await core.close();
    }
  }, 120_000);
});

describe('cancelled jobs on the real services', () => {
  it('lab package import: cancelled, the office desk is unchanged; without a cancel it imports', () => {
    const lab = track(labDesk('分析测试中心', 'JB'));
    const office = track(officeDesk());
    register(office, lab);
    const bytes = new Uint8Array(Buffer.from(exportLabPackage(lab.ctx, { fromYear: 2025, toYear: 2026, attachments: false }).dataBase64, 'base64'));
    const before = contentHash(office);
    const { steps, error } = runCancelledAfter(0, () => importLabPackage(office.ctx, bytes));
    expect(isCancelled(error)).toBe(true);
    expect(steps).toEqual([]);
    expect(contentHash(office)).toBe(before);
    const seen: [number, number][] = [];
    withJob({ progress: (d, t) => seen.push([d, t]), cancelled: () => false }, () => importLabPackage(office.ctx, bytes));
    expect(seen.length).toBeGreaterThan(0);
    const [lastDone, lastTotal] = seen[seen.length - 1];
    expect(lastDone).toBe(lastTotal);
    expect(contentHash(office)).not.toBe(before);
  });

  it('platform exports: progress over the rows, a cancel stops them before the file is made', async () => {
    const core = track(tempCore());
    for (let i = 0; i < 30; i++) {
      const id = insertInstrument(core.db, { innerId: `EX-${i}`, valueFen: 1_000_000 });
      insertUsage(core.db, { instrumentId: id, start: '2025-03-10T09:00', end: '2025-03-10T12:00', external: true, userUnit: 'X公司' });
    }
    const before = contentHash(core);
    const filter: Parameters<typeof exportCatalog>[1] = {};
    const cat = runCancelledAfter(5, () => exportCatalog(core.ctx, filter, { year: 2025, format: 'xlsx', deskSheet: true }));
    expect(isCancelled(cat.error)).toBe(true);
    expect(cat.steps).toHaveLength(5);
    expect(cat.steps.every(([, t]) => t === 30)).toBe(true);
    const svc = runCancelledAfter(3, () => exportServiceRecords(core.ctx, filter, { year: 2025, format: 'xlsx' }));
    expect(isCancelled(svc.error)).toBe(true);
    expect(svc.steps.every(([, t]) => t === 30)).toBe(true);
    expect(contentHash(core)).toBe(before);
    // Outside a job (scripts, tests) the steps are no-ops and the export is whole.
    expect((await exportCatalog(core.ctx, filter, { year: 2025, format: 'xlsx', deskSheet: false })).fileName).toMatch(/\.xlsx$/);
  });
});

describe('the parse worker', () => {
  it('keeps the refusals of hostile files (raised in the worker) and reuses one parse for the next steps', async () => {
    const { parseImportOffThread } = await import('../../electron/services/catalog/import');
    const core = track(tempCore());
    // One cell in column XFD on each row: refused from the declared range, before cells are parsed.
    const XLSX = await import('@e965/xlsx');
    const ws: Record<string, unknown> = { '!ref': 'A1:XFD3' };
    for (let r = 1; r <= 3; r++) ws[`XFD${r}`] = { t: 's', v: 'x' };
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, ws as never, 'S');
    const hostile = (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64');
    await expect(parseImportOffThread(core.ctx, { fileName: 'wide.xlsx', dataBase64: hostile, encoding: 'auto' }))
      .rejects.toMatchObject({ error: { code: 'VALIDATION', reason: 'import.tooManyColumns', field: 'file' } });
    await expect(parseImportOffThread(core.ctx, { fileName: 'x.pdf', dataBase64: 'AAAA', encoding: 'auto' }))
      .rejects.toMatchObject({ error: { reason: 'import.fileType', field: 'fileName' } });
    const first = await parseImportOffThread(core.ctx, upload(bigCsv(50)));
    expect(first.rowCount).toBe(50);
    // Another header row reuses the kept grid: no file is sent again.
    const again = await parseImportOffThread(core.ctx, { parseId: first.parseId, headerRow: 2 });
    expect(again.parseId).toBe(first.parseId);
    expect(again.rowCount).toBe(49);
  });
});
