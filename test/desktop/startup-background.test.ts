// What the core host does in the background after the desk opens, on real desk folders with the
// host in this thread: the daily backup due at start-up is taken, but only once the desk is quiet
// (start-up and the first pages never wait for it or share the cores with it), and the assessment
// page's worker is pre-started as soon as the desk opens (before the window's first call) or, once
// calls have come, when the desk is idle — not counted as the user's activity, and not while the
// desk is locked or its file is being swapped.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { serveCore } from '../../electron/core-host/host';
import type { FromHost, HostOptions, ToHost } from '../../electron/core-host/protocol';
import { setupSecurity } from '../../electron/security/session';
import { holdReadJobsForSwap, keptPageState, readWorkerRunning, stopReadWorkers, warmAssessmentWorker } from '../../electron/services/assessment/off-thread';
import { writeReliabilitySettings } from '../../electron/services/backup/settings';
import { tempCore } from '../helpers/db';

const MIGRATIONS = path.join(__dirname, '..', '..', 'electron', 'db', 'migrations');
const TODAY = '2025-06-16';
const PASS = 'background start passphrase';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, test: () => boolean, timeoutMs = 20_000): Promise<number> {
  const t0 = performance.now();
  while (!test()) {
    if (performance.now() - t0 > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
  return performance.now() - t0;
}

interface Host { messages: FromHost[]; call(channel: string, input?: unknown): Promise<unknown>; close(): Promise<void>; dir: string }
const open: Host[] = [];
const dirs: string[] = [];

/** A desk folder whose first-run choice is made (plain, or encrypted with idle minutes). */
function deskFolder(setup: { mode: 'plain' } | { mode: 'encrypted'; idleMinutes: number }): string {
  const core = tempCore(`${TODAY}T02:00:00.000Z`);
  if (setup.mode === 'plain') setupSecurity(core, { mode: 'plain' });
  else {
    setupSecurity(core, { mode: 'encrypted', passphrase: PASS });
    writeReliabilitySettings(core.ctx, { idleMinutes: setup.idleMinutes });
  }
  core.close();
  dirs.push(core.dir);
  return core.dir;
}

/** serveCore on this thread, through a port that keeps every message. */
function host(dir: string, options: Partial<HostOptions>, idleClock?: () => number): Host {
  const messages: FromHost[] = [];
  let deliver: (m: unknown) => void = () => undefined;
  let nextId = 1;
  const waiting = new Map<number, (r: unknown) => void>();
  serveCore({
    postMessage: (m) => {
      const msg = m as FromHost;
      messages.push(msg);
      if (msg.t === 'result') waiting.get(msg.id)?.(msg.result);
    },
    onMessage: (l) => { deliver = l; },
  }, { dataDir: dir, mode: 'browser', migrationsDir: MIGRATIONS, fixedToday: TODAY, ...options }, undefined, idleClock);
  const h: Host = {
    messages,
    dir,
    call: (channel, input = {}) => new Promise((resolve) => {
      const id = nextId++;
      waiting.set(id, resolve);
      deliver({ t: 'call', id, channel, input } satisfies ToHost);
    }),
    close: async () => {
      deliver({ t: 'close' } satisfies ToHost);
      await until('the host to close', () => messages.some((m) => m.t === 'closed'));
    },
  };
  open.push(h);
  return h;
}

const backups = (dir: string) => (fs.existsSync(path.join(dir, 'backups')) ? fs.readdirSync(path.join(dir, 'backups')).sort() : []);

afterEach(async () => {
  for (const h of open.splice(0)) if (!h.messages.some((m) => m.t === 'closed')) await h.close();
  stopReadWorkers();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('the daily backup waits for a quiet desk', () => {
  it('start-up does not wait for the backup due; the copy waits while calls keep coming, then is taken', async () => {
    const dir = deskFolder({ mode: 'plain' });
    const h = host(dir, { autoBackup: true, autoBackupDelayMs: 100, autoBackupQuietMs: 700, autoBackupLatestMs: 60_000 });
    // serveCore has returned ready with the backup due and not taken.
    expect(h.messages[0]).toEqual({ t: 'ready' });
    expect(backups(dir)).toEqual([]);
    // A user opening pages: a call every 150 ms for 2 s, well past the 100 ms delay.
    const busyUntil = performance.now() + 2_000;
    while (performance.now() < busyUntil) {
      expect(await h.call('labs:list')).toMatchObject({ ok: true });
      await sleep(150);
    }
    expect(backups(dir)).toEqual([]); // not started while the desk was answering calls
    const quietAt = performance.now();
    await until('the backup', () => backups(dir).includes('desk-20250616-100000.sqlite.mac'));
    const after = performance.now() - quietAt;
    expect(after).toBeGreaterThanOrEqual(600); // it waited for the quiet the gate asks for
    expect(backups(dir)).toEqual(['desk-20250616-100000.sqlite', 'desk-20250616-100000.sqlite.mac']);
    const list = await h.call('backup:list') as { ok: boolean; value: { name: string }[] };
    expect(list.ok).toBe(true);
    expect(list.value.map((b) => b.name)).toContain('desk-20250616-100000.sqlite');
  }, 60_000);

  it('a desk that never goes quiet still gets its backup, at the gate\'s latest start', async () => {
    const dir = deskFolder({ mode: 'plain' });
    const h = host(dir, { autoBackup: true, autoBackupDelayMs: 100, autoBackupQuietMs: 60_000, autoBackupLatestMs: 800 });
    let calls = 0;
    const busy = (async () => {
      while (!backups(dir).includes('desk-20250616-100000.sqlite.mac') && calls < 400) {
        await h.call('labs:list');
        calls++;
        await sleep(50);
      }
    })();
    const ms = await until('the backup', () => backups(dir).includes('desk-20250616-100000.sqlite.mac'), 30_000);
    await busy;
    expect(ms).toBeGreaterThanOrEqual(800);
    expect(calls).toBeGreaterThan(5);
  }, 60_000);

  it('the copy thread runs at a lower priority than the desk (Linux)', async () => {
    if (process.platform !== 'linux') return;
    const tsx = require.resolve('tsx/cjs');
    const entry = path.join(__dirname, '..', '..', 'electron', 'services', 'backup', 'copy-worker.ts');
    const w = new Worker(`require(${JSON.stringify(tsx)}); const m = require(${JSON.stringify(entry)}); const os = require('node:os');
      const before = os.getPriority(0); const lowered = m.lowerCopyPriority();
      require('node:worker_threads').parentPort.postMessage({ before, lowered, after: os.getPriority(0) });`, { eval: true });
    const seen = await new Promise<{ before: number; lowered: boolean; after: number }>((resolve, reject) => { w.once('message', resolve); w.once('error', reject); });
    await w.terminate();
    expect(seen.lowered).toBe(true);
    expect(seen.after).toBeGreaterThanOrEqual(10);
    expect(seen.after).toBeGreaterThan(seen.before);
    expect(os.getPriority(0)).toBe(seen.before); // this thread (the desk's) keeps its priority
  }, 30_000);
});

describe('the assessment page worker is pre-started', () => {
  it('starts as soon as the desk opens, before the window\'s first call, and a page then uses it', async () => {
    const dir = deskFolder({ mode: 'plain' });
    expect(readWorkerRunning('page')).toBe(false);
    const h = host(dir, { warmAssessment: true });
    // While the window loads its script the desk has nothing to answer: the worker starts in that time.
    const tookMs = await until('the pre-start', () => h.messages.some((m) => m.t === 'log' && m.message.includes('pre-started')));
    expect(h.messages.some((m) => m.t === 'result')).toBe(false); // no call was needed for it
    expect(tookMs).toBeLessThan(15_000);
    expect(readWorkerRunning('page')).toBe(true);
    expect(await h.call('labs:list')).toMatchObject({ ok: true }); // the first screen's call
    const page = await h.call('assessment:page', { year: 2024 }) as { ok: boolean };
    expect(page.ok).toBe(true);
  }, 60_000);

  it('then computes last year\'s page once the first screen is answered; every ask gets it while the data is unchanged', async () => {
    const dir = deskFolder({ mode: 'plain' });
    const h = host(dir, { warmAssessment: true });
    await until('the pre-start', () => h.messages.some((m) => m.t === 'log' && m.message.includes('pre-started')));
    expect(keptPageState()).toMatchObject({ kept: false, prepared: false }); // not before the first screen's calls
    expect(await h.call('labs:list')).toMatchObject({ ok: true });
    await until('the default page', () => keptPageState().prepared);
    const before = keptPageState().answered;
    const first = await h.call('assessment:page', { year: 2024, scope: { kind: 'unit' } }) as { ok: boolean; value: unknown };
    expect(first.ok).toBe(true);
    expect(keptPageState()).toMatchObject({ kept: true, answered: before + 1 });
    await until('the preparing thread to end after its one page', () => !readWorkerRunning('prepare'));
    expect(readWorkerRunning('page')).toBe(true); // the pre-started page worker stays for the next pages
    // Kept: the next ask, nothing changed, is answered from it as well, without computing.
    const again = await h.call('assessment:page', { year: 2024 }) as { ok: boolean; value: unknown };
    expect(again).toEqual(first);
    expect(keptPageState().answered).toBe(before + 2);
    // After a write the next ask computes (the lab is in the unit's page now), and the ask after it gets that page.
    expect(await h.call('labs:create', { name: '考核后新建实验室' })).toMatchObject({ ok: true });
    const afterWrite = await h.call('assessment:page', { year: 2024 }) as { ok: boolean; value: unknown };
    expect(afterWrite.ok).toBe(true);
    expect(keptPageState().answered).toBe(before + 2);
    expect(await h.call('assessment:page', { year: 2024 })).toEqual(afterWrite);
    expect(keptPageState().answered).toBe(before + 3);
  }, 60_000);

  it('a kept page is not answered after a write, nor for another year', async () => {
    const dir = deskFolder({ mode: 'plain' });
    const h = host(dir, { warmAssessment: true });
    expect(await h.call('labs:list')).toMatchObject({ ok: true });
    await until('the default page', () => keptPageState().prepared);
    const before = keptPageState().answered;
    expect(await h.call('labs:create', { name: '新建实验室' })).toMatchObject({ ok: true }); // the data changed
    expect(await h.call('assessment:page', { year: 2024 })).toMatchObject({ ok: true });
    expect(keptPageState().answered).toBe(before);

    const dir2 = deskFolder({ mode: 'plain' });
    await h.close();
    stopReadWorkers();
    const h2 = host(dir2, { warmAssessment: true });
    expect(await h2.call('labs:list')).toMatchObject({ ok: true });
    await until('the default page', () => keptPageState().prepared);
    expect(await h2.call('assessment:page', { year: 2023 })).toMatchObject({ ok: true }); // not the year prepared
    expect(keptPageState().answered).toBe(before);
  }, 60_000);

  it('once calls have come, it waits until the desk has been quiet for 0.7 s', async () => {
    const dir = deskFolder({ mode: 'plain' });
    const h = host(dir, { warmAssessment: true, warmAfterMs: 300 });
    // The window's calls keep coming every 150 ms for 1.5 s: no pre-start beside them.
    const t0 = performance.now();
    let lastCall = t0;
    while (performance.now() - t0 < 1_500) {
      expect(await h.call('labs:list')).toMatchObject({ ok: true });
      lastCall = performance.now();
      expect(readWorkerRunning('page')).toBe(false);
      await sleep(150);
    }
    await until('the pre-start', () => h.messages.some((m) => m.t === 'log' && m.message.includes('pre-started')));
    expect(performance.now() - lastCall).toBeGreaterThanOrEqual(700);
    expect(readWorkerRunning('page')).toBe(true);
  }, 60_000);

  it('is not the user\'s activity: the idle lock still locks on time', async () => {
    const dir = deskFolder({ mode: 'encrypted', idleMinutes: 2 });
    let t = 1_000_000;
    const h = host(dir, { warmAssessment: true, warmAfterMs: 100, idleCheckMs: 30 }, () => t);
    // Locked at start (no passphrase yet): nothing to open the file with, so no pre-start.
    await sleep(1_200);
    expect(readWorkerRunning('page')).toBe(false);
    expect(await h.call('security:unlock', { passphrase: PASS })).toMatchObject({ ok: true });
    t += 119_000; // the user's last call was 119 s ago on the idle clock
    await until('the pre-start', () => readWorkerRunning('page'));
    await until('its log line', () => h.messages.some((m) => m.t === 'log' && m.message.includes('pre-started')));
    expect(h.messages.some((m) => m.t === 'locked')).toBe(false);
    t += 2_000; // 121 s since the unlock: locks, because the pre-start did not count as activity
    await until('the idle lock', () => h.messages.some((m) => m.t === 'locked'));
    expect(readWorkerRunning('page')).toBe(false); // locking ends the worker that held the passphrase
  }, 60_000);

  it('waits while the desk\'s file is being swapped, and starts once the swap is over', async () => {
    const dir = deskFolder({ mode: 'plain' });
    const release = holdReadJobsForSwap();
    try {
      expect(await warmAssessmentWorker({ databaseFile: path.join(dir, 'desk.sqlite'), key: undefined, dataDir: dir, actor: 't', now: () => new Date() })).toBe(false);
      const h = host(dir, { warmAssessment: true, warmAfterMs: 100 });
      expect(await h.call('labs:list')).toMatchObject({ ok: true });
      await sleep(1_500);
      expect(readWorkerRunning('page')).toBe(false);
    } finally {
      release();
    }
    await until('the pre-start after the swap', () => readWorkerRunning('page'));
  }, 60_000);
});
