// The core host's queue, in process: a cancel that arrives while an earlier call runs reaches a
// call queued behind it before that call starts, however the messages were batched.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serveCore } from '../../electron/core-host/host';
import type { FromHost, PortLike, ToHost } from '../../electron/core-host/protocol';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });

function host() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-queue-'));
  dirs.push(dataDir);
  let deliver: (m: unknown) => void = () => {};
  const results = new Map<number, unknown>();
  const waiting = new Map<number, (r: unknown) => void>();
  let closed: () => void = () => {};
  const port: PortLike = {
    postMessage(raw) {
      const m = raw as FromHost;
      if (m.t === 'result') { results.set(m.id, m.result); waiting.get(m.id)?.(m.result); }
      if (m.t === 'closed') closed();
    },
    onMessage(listener) { deliver = listener; },
  };
  serveCore(port, { dataDir, mode: 'browser', fixedToday: '2025-06-16' });
  return {
    send: (m: ToHost) => deliver(m),
    result: (id: number) => new Promise<unknown>((resolve) => {
      if (results.has(id)) resolve(results.get(id));
      else waiting.set(id, resolve);
    }),
    close: () => new Promise<void>((resolve) => { closed = resolve; deliver({ t: 'close' }); }),
  };
}

describe('core host queue', () => {
  it('a cancel delivered after its call, while the call before it runs, keeps the queued call from running', async () => {
    const h = host();
    try {
      // Both calls arrive in one batch; the cancel of the second comes in a later turn of the
      // event loop, as it does when the sender posted it a moment after the call.
      h.send({ t: 'call', id: 1, channel: 'labs:create', input: { name: '先到的实验室' } });
      h.send({ t: 'call', id: 2, channel: 'labs:create', input: { name: '已撤回的实验室' } });
      setImmediate(() => h.send({ t: 'cancel', id: 2 }));
      expect(await h.result(1)).toMatchObject({ ok: true });
      expect(await h.result(2)).toMatchObject({ ok: false, error: { code: 'CANCELLED', reason: 'job.cancelled' } });
      h.send({ t: 'call', id: 3, channel: 'labs:list', input: {} });
      const names = ((await h.result(3)) as { value: { name: string }[] }).value.map((l) => l.name);
      expect(names).toContain('先到的实验室');
      expect(names).not.toContain('已撤回的实验室');
    } finally {
      await h.close();
    }
  });

  it('a cancel flagged in shared memory before the call is reached stops it without the message', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-queue-'));
    dirs.push(dataDir);
    const flag = new Int32Array(new SharedArrayBuffer(4));
    const got = new Map<number, unknown>();
    let deliver: (m: unknown) => void = () => {};
    let done: () => void = () => {};
    serveCore({
      postMessage(raw) { const m = raw as FromHost; if (m.t === 'result') { got.set(m.id, m.result); if (got.size === 2) done(); } },
      onMessage(l) { deliver = l; },
    }, { dataDir, mode: 'browser', fixedToday: '2025-06-16' }, flag);
    const finished = new Promise<void>((resolve) => { done = resolve; });
    deliver({ t: 'call', id: 7, channel: 'labs:create', input: { name: '甲' } });
    deliver({ t: 'call', id: 8, channel: 'labs:create', input: { name: '乙' } });
    Atomics.store(flag, 0, 8);
    await finished;
    expect(got.get(7)).toMatchObject({ ok: true });
    expect(got.get(8)).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    deliver({ t: 'close' });
  });
});
