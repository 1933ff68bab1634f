// A page or report job reads the database file in a worker thread of its own. When a restore or an
// encryption swap starts while one runs, the job is ended and answered desk.swapping instead of
// finishing on the file that is being replaced; no job starts while the swap is in progress; the
// next page reads the new file. Real workers, real files, the real services behind dispatch.
import { afterEach, describe, expect, it } from 'vitest';
import { holdReadJobsForSwap, runOffThread, stopReadWorkers, type PageAnswer } from '../../electron/services/assessment/off-thread';
import type { AssessmentPage } from '../../shared/ipc/assessment';
import { insertInstrument } from '../assessment/fixtures';
import { freshCores, type TestCore } from '../security/helpers';

const fresh = freshCores();
afterEach(() => stopReadWorkers());

function addInstruments(c: TestCore, from: number, n: number): void {
  c.db.transaction(() => {
    for (let i = from; i < from + n; i++) insertInstrument(c.db, { innerId: `SW-${i}`, valueFen: 600_000_00 });
  })();
}

const page = (c: TestCore) => c.call('assessment:page', { year: 2025, scope: { kind: 'unit' } });
const instruments = (r: unknown) => (r as { ok: true; value: AssessmentPage }).value.result.instrumentCount;

describe('page jobs and swaps of the database file', () => {
  it('a restore ends the page job running on the old file; the next page reads the restored file', async () => {
    const c = fresh();
    addInstruments(c, 0, 3);
    const backup = await c.call('backup:create', {});
    expect(backup).toMatchObject({ ok: true });
    addInstruments(c, 3, 5);
    expect(instruments(await page(c))).toBe(8); // a page job works, and its worker is up
    addInstruments(c, 8, 1); // the data changed: the next page computes (the one above is kept while nothing changes)

    const running = page(c);
    const restored = await c.call('backup:restore', { name: (backup as { value: { name: string } }).value.name });
    expect(restored).toMatchObject({ ok: true });
    // Without the swap ending it, the job would answer 9 instruments from the replaced file.
    expect(await running).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'desk.swapping' } });
    expect(instruments(await page(c))).toBe(3);
  }, 120_000);

  it('enabling encryption ends the running page job; the next page reads the encrypted file with the new key', async () => {
    const c = fresh();
    addInstruments(c, 0, 4);
    expect(instruments(await page(c))).toBe(4);
    addInstruments(c, 4, 1); // the next page computes
    const running = page(c);
    expect(await c.call('security:setup', { mode: 'encrypted', passphrase: 'swap test passphrase' })).toMatchObject({ ok: true });
    expect(await running).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'desk.swapping' } });
    expect(c.encrypted).toBe(true);
    expect(instruments(await page(c))).toBe(5);
  }, 120_000);

  it('refuses new jobs while a swap is in progress and takes them again once it is released', async () => {
    const c = fresh();
    addInstruments(c, 0, 2);
    const src = { databaseFile: c.ctx.databaseFile, key: undefined, dataDir: c.ctx.dataDir, actor: 'test', now: () => new Date('2025-06-16T02:00:00.000Z') };
    const release = holdReadJobsForSwap();
    try {
      await expect(runOffThread(src, { kind: 'page', input: { year: 2025 } })).rejects.toMatchObject({ error: { code: 'CONFLICT', reason: 'desk.swapping' } });
    } finally {
      release();
    }
    release(); // a second release changes nothing
    expect((await runOffThread<PageAnswer>(src, { kind: 'page', input: { year: 2025 } })).page.result.instrumentCount).toBe(2);
  }, 120_000);

  it('locking an encrypted desk ends a running page job (its worker holds the passphrase)', async () => {
    const c = fresh();
    addInstruments(c, 0, 2);
    expect(await c.call('security:setup', { mode: 'encrypted', passphrase: 'lock test passphrase' })).toMatchObject({ ok: true });
    expect(instruments(await page(c))).toBe(2);
    addInstruments(c, 2, 1); // the next page computes in the worker
    const running = page(c);
    expect(await c.call('security:lock', {})).toMatchObject({ ok: true });
    expect(await running).toMatchObject({ ok: false, error: { code: 'LOCKED', reason: 'desk.locked' } });
  }, 120_000);
});
