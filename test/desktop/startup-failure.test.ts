// The start-up failure dialog, from the real core host's classification to the words shown: a data
// folder held by another desk is `locked-by-other` and the dialog says to switch to it; the
// newer and damaged files are covered end to end in browser-server.test.ts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { StartupError, startWorkerCore } from '../../electron/core-host/client';
import { startupFailureMessage } from '../../electron/startup-failure';
import { rendererStub, startServerProcess } from './server-process';

describe('start-up failure: folder held by another desk', () => {
  it('the second host on a folder fails as locked-by-other; the dialog tells to switch; the first keeps working', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-held-'));
    const rendererDir = rendererStub();
    // The first desk: a browser-mode server in its own process holding the folder.
    const first = await startServerProcess(dataDir, rendererDir);
    try {
      const second = startWorkerCore({ dataDir, mode: 'electron', fixedToday: '2025-06-16' });
      const e = await second.ready.then(() => null, (x: unknown) => x);
      await second.worker.terminate();
      expect(e).toBeInstanceOf(StartupError);
      const failure = (e as StartupError).failure;
      expect(failure).toMatchObject({ kind: 'locked-by-other', dataDir });
      expect(failure.detail).toContain(String(first.proc.pid));
      const text = startupFailureMessage(failure, 'zh');
      expect(text.title).toBe('数据目录正被使用');
      expect(text.message).toContain('切换到那个窗口');
      expect(text.detail).toContain(dataDir);
      expect(startupFailureMessage(failure, 'en').message).toContain('Switch to it');
      expect(await first.call('labs:list', {})).toMatchObject({ ok: true });
    } finally {
      await first.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(rendererDir, { recursive: true, force: true });
    }
  }, 60_000);
});
