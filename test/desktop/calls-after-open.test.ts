// The window's calls made while the core host is still opening the desk (the Electron window and the
// browser-mode page load beside the open): they wait for the open and are answered after it, or
// answered core.gone when the desk cannot open; none is lost or left waiting.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { callsAfterOpen, startWorkerCore } from '../../electron/core-host/client';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });
function tempDir(): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-open-calls-'));
  dirs.push(d);
  return d;
}

describe('calls made while the desk opens', () => {
  it('are answered in order once the desk is open, a write among them included', async () => {
    const core = startWorkerCore({ dataDir: tempDir(), mode: 'browser', fixedToday: '2025-06-16' });
    try {
      let open = false;
      void core.ready.then(() => { open = true; });
      const calls = callsAfterOpen(core);
      const answeredOpen: boolean[] = [];
      const made = [
        calls.call('labs:create', { name: '开门前的实验室' }),
        calls.call('labs:list', {}),
        calls.call('labs:create', { name: '' }),
      ].map((p) => p.then((r) => { answeredOpen.push(open); return r; }));
      expect(open).toBe(false);
      const [created, listed, refused] = await Promise.all(made);
      expect(created).toMatchObject({ ok: true });
      expect(listed).toMatchObject({ ok: true, value: [{ name: '开门前的实验室' }] });
      expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
      expect(answeredOpen).toEqual([true, true, true]);
      // Once open, a call goes straight through.
      expect(await calls.call('labs:list', {})).toMatchObject({ ok: true, value: [{ name: '开门前的实验室' }] });
    } finally {
      await core.close();
    }
  }, 60_000);

  it('are answered core.gone when the desk cannot open', async () => {
    const dataDir = tempDir();
    const db = new Database(path.join(dataDir, 'desk.sqlite'));
    db.pragma('user_version = 9999');
    db.close();
    const core = startWorkerCore({ dataDir, mode: 'browser', fixedToday: '2025-06-16' });
    try {
      const calls = callsAfterOpen(core);
      const before = calls.call('labs:list', {});
      await expect(core.ready).rejects.toMatchObject({ failure: { kind: 'newer' } });
      expect(await before).toEqual({ ok: false, error: { code: 'INTERNAL', reason: 'core.gone' } });
      expect(await calls.call('labs:list', {})).toEqual({ ok: false, error: { code: 'INTERNAL', reason: 'core.gone' } });
    } finally {
      await core.worker.terminate();
    }
  }, 60_000);
});
