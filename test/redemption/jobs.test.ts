import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cancelJob, jobResult, jobStatus, startBatch } from '../../electron/services/redemption/jobs';
import type { JobStatus } from '../../shared/ipc/redemption';
import { openCore } from '../../electron/app-core';
import { tempCore, type TempCore } from '../helpers/db';
import { insertContract } from './fixtures';

let core: TempCore;
beforeEach(() => { core = tempCore(); });
afterEach(() => core.cleanup());

async function until(jobId: string, done: (s: JobStatus) => boolean): Promise<JobStatus> {
  for (let i = 0; i < 600; i++) {
    const s = jobStatus(jobId);
    if (done(s)) return s;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error('job did not finish');
}

const tmpDir = () => path.join(core.dir, 'tmp');
const tmpEntries = () => (fs.existsSync(tmpDir()) ? fs.readdirSync(tmpDir()) : []);

describe('batch packet export', () => {
  it('exports one packet zip per contract inside one zip, with progress', async () => {
    const ids = [1, 2, 3].map((n) => insertContract(core.db, { number: `HT-B-${n}`, applicantName: '同一公司' }).contractId);
    const { jobId } = startBatch(core.ctx, ids);
    expect(jobStatus(jobId)).toMatchObject({ state: 'running', total: 3 });
    const s = await until(jobId, (x) => x.state !== 'running');
    expect(s).toMatchObject({ state: 'done', done: 3, total: 3 });
    const dl = jobResult(jobId);
    expect(dl.fileName).toBe(s.fileName);
    const outer = unzipSync(Buffer.from(dl.dataBase64, 'base64'));
    expect(Object.keys(outer).sort()).toEqual(['兑现材料/兑现材料-HT-B-1-同一公司.zip', '兑现材料/兑现材料-HT-B-2-同一公司.zip', '兑现材料/兑现材料-HT-B-3-同一公司.zip']);
    for (const inner of Object.values(outer)) expect(Object.keys(unzipSync(inner))).toContain('manifest.json');
  });

  it('stops on cancel, writes nothing further and removes its temp files', async () => {
    const ids = Array.from({ length: 8 }, () => insertContract(core.db).contractId);
    const { jobId } = startBatch(core.ctx, ids);
    await until(jobId, (x) => x.done >= 1);
    const cancelled = cancelJob(jobId);
    expect(cancelled.state).toBe('cancelled');
    const doneAtCancel = cancelled.done;
    await new Promise((r) => setTimeout(r, 1500));
    const s = jobStatus(jobId);
    expect(s.state).toBe('cancelled');
    expect(s.done).toBeLessThanOrEqual(doneAtCancel + 1);
    expect(s.done).toBeLessThan(8);
    expect(tmpEntries()).toEqual([]);
    expect(() => jobResult(jobId)).toThrow(/packetJob\.noResult/);
  });

  it('writes no temp files, and the next start removes temp folders an older version left behind', async () => {
    const { jobId } = startBatch(core.ctx, [insertContract(core.db).contractId]);
    await until(jobId, (x) => x.state !== 'running');
    expect(tmpEntries()).toEqual([]);
    fs.mkdirSync(path.join(tmpDir(), 'packets-stale'), { recursive: true });
    fs.writeFileSync(path.join(tmpDir(), 'packets-stale', 'result.zip'), 'old bundle');
    core.close();
    const again = openCore({ dataDir: core.dir, mode: 'browser', migrationsDir: path.join(__dirname, '..', '..', 'electron', 'db', 'migrations') });
    try {
      expect(fs.existsSync(tmpDir())).toBe(false);
    } finally {
      again.close();
    }
  });

  it('refuses unknown contracts up front', () => {
    const good = insertContract(core.db).contractId;
    expect(() => startBatch(core.ctx, [good, 9999])).toThrow(/9999/);
  });

  it('fails the job with a clear reason when no CJK font can be used, cleaning up', async () => {
    const ids = [insertContract(core.db).contractId];
    const saved = process.env.OIVD_CJK_FONT;
    process.env.OIVD_CJK_FONT = '/nonexistent/font.ttf';
    try {
      const { jobId } = startBatch(core.ctx, ids);
      const s = await until(jobId, (x) => x.state !== 'running');
      expect(s.state).toBe('failed');
      expect(s.failure).toMatchObject({ code: 'NOT_FOUND', reason: 'font.fileMissing', params: { file: '/nonexistent/font.ttf' } });
      expect(tmpEntries()).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.OIVD_CJK_FONT; else process.env.OIVD_CJK_FONT = saved;
    }
  });

  it('answers status calls while the job runs (event loop not blocked)', async () => {
    const ids = Array.from({ length: 4 }, () => insertContract(core.db).contractId);
    const { jobId } = startBatch(core.ctx, ids);
    let ticks = 0;
    const timer = setInterval(() => { ticks++; }, 5);
    await until(jobId, (x) => x.state !== 'running');
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(3);
    expect(() => jobStatus('nope')).toThrow(/packetJob\.notFound/);
  });
});
