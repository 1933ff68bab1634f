// The Electron relay in plain Node: the utility process runs the core host in a worker thread and
// relays messages both ways (relay.ts), setting the shared cancel flag itself when a cancel
// arrives; utility.ts starts it on the first init message and exits when the host has ended.
// Workers here are real threads (a small echo host, or the real host); the utility process is a
// real child process with Electron's parentPort played over the fork IPC channel.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import type { FromHost, HostOptions, PortLike } from '../../electron/core-host/protocol';
import { relayToWorker } from '../../electron/core-host/relay';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });
const tempDir = () => { const d = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-relay-')); dirs.push(d); return d; };
const OPTIONS: HostOptions = { dataDir: '/nowhere', mode: 'electron', fixedToday: '2025-06-16' };

/**
 * A small host in a worker thread: answers a call with the value of the shared cancel flag as it
 * reads it, reports the flag when a cancel message reaches it, echoes its workerData options, and
 * on request closes, fails, crashes or throws.
 */
const ECHO_HOST = `
const { parentPort, workerData } = require('node:worker_threads');
const flag = new Int32Array(workerData.cancelBuffer);
parentPort.postMessage({ t: 'ready', options: workerData.options });
parentPort.on('message', (m) => {
  if (m.t === 'call' && m.channel === 'echo') parentPort.postMessage({ t: 'result', id: m.id, result: { ok: true, value: { flag: Atomics.load(flag, 0), input: m.input } } });
  if (m.t === 'call' && m.channel === 'busy') {
    // A synchronous loop that never yields: only the shared flag can reach it.
    const until = Date.now() + 5000;
    while (Atomics.load(flag, 0) !== m.id && Date.now() < until) {}
    parentPort.postMessage({ t: 'result', id: m.id, result: Atomics.load(flag, 0) === m.id ? { ok: false, error: { code: 'CANCELLED', reason: 'job.cancelled' } } : { ok: true, value: 'ran out' } });
  }
  if (m.t === 'cancel') parentPort.postMessage({ t: 'log', level: 'info', message: 'cancel ' + m.id + ' seen with flag ' + Atomics.load(flag, 0) });
  if (m.t === 'close') parentPort.postMessage({ t: 'closed' });
  if (m.t === 'call' && m.channel === 'fail') parentPort.postMessage({ t: 'failed', failure: { kind: 'other', detail: 'x', dataDir: '' } });
  if (m.t === 'call' && m.channel === 'throw') setTimeout(() => { throw new Error('host blew up'); });
});`;

function echoStart(seen: unknown[] = []) {
  return (workerData: unknown) => { seen.push(workerData); return new Worker(ECHO_HOST, { eval: true, workerData }); };
}

/** Messages received from a host, and a wait for the first one that matches. */
function inbox() {
  const got: FromHost[] = [];
  const waiters: { pred: (m: FromHost) => boolean; resolve: (m: FromHost) => void }[] = [];
  return {
    got,
    take(m: FromHost) {
      got.push(m);
      for (const w of waiters.splice(0)) { if (w.pred(m)) w.resolve(m); else waiters.push(w); }
    },
    next: (pred: (m: FromHost) => boolean) => new Promise<FromHost>((resolve) => {
      const found = got.find(pred);
      if (found) resolve(found); else waiters.push({ pred, resolve });
    }),
  };
}

/** The main process's side of a relay: what it received, and a way to wait for one message. */
function mainSide() {
  const channel = new MessageChannel();
  const box = inbox();
  channel.port2.on('message', box.take);
  const utilityEnd: PortLike = { postMessage: (m) => channel.port1.postMessage(m), onMessage: (l) => channel.port1.on('message', l) };
  return {
    utilityEnd,
    got: box.got,
    send: (m: unknown) => channel.port2.postMessage(m),
    next: box.next,
    close: () => { channel.port1.close(); channel.port2.close(); },
  };
}

describe('relay over a MessageChannel with a worker', () => {
  it('starts the worker with the options and a shared flag, and carries calls and results both ways', async () => {
    const main = mainSide();
    const seen: unknown[] = [];
    const relay = relayToWorker(main.utilityEnd, OPTIONS, echoStart(seen));
    try {
      const ready = await main.next((m) => m.t === 'ready');
      expect(ready).toMatchObject({ options: OPTIONS });
      expect((seen[0] as { cancelBuffer: unknown }).cancelBuffer).toBeInstanceOf(SharedArrayBuffer);
      main.send({ t: 'call', id: 1, channel: 'echo', input: { name: '分析测试中心' } });
      expect(await main.next((m) => m.t === 'result' && m.id === 1)).toMatchObject({ result: { ok: true, value: { flag: 0, input: { name: '分析测试中心' } } } });
    } finally {
      main.send({ t: 'close' });
      expect(await relay.ended).toBe(0);
      main.close();
    }
  });

  it('a cancel sets the shared flag before the worker sees the message, so a running loop that never yields stops', async () => {
    const main = mainSide();
    const relay = relayToWorker(main.utilityEnd, OPTIONS, echoStart());
    try {
      await main.next((m) => m.t === 'ready');
      main.send({ t: 'call', id: 7, channel: 'busy', input: {} });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const t0 = performance.now();
      main.send({ t: 'cancel', id: 7 });
      expect(await main.next((m) => m.t === 'result' && m.id === 7)).toMatchObject({ result: { ok: false, error: { code: 'CANCELLED' } } });
      expect(performance.now() - t0).toBeLessThan(2_000); // the loop would run 5 s
      // The cancel message itself reached the worker after its loop, with the flag already set.
      expect(await main.next((m) => m.t === 'log')).toMatchObject({ message: 'cancel 7 seen with flag 7' });
      main.send({ t: 'call', id: 8, channel: 'echo', input: null });
      expect(await main.next((m) => m.t === 'result' && m.id === 8)).toMatchObject({ result: { ok: true, value: { flag: 7 } } });
    } finally {
      main.send({ t: 'close' });
      await relay.ended;
      main.close();
    }
  });

  it('ends the worker after closed or failed (code 0), and says 1 when the worker dies on its own', async () => {
    for (const [how, code] of [['close', 0], ['fail', 0]] as const) {
      const main = mainSide();
      const relay = relayToWorker(main.utilityEnd, OPTIONS, echoStart());
      await main.next((m) => m.t === 'ready');
      main.send(how === 'close' ? { t: 'close' } : { t: 'call', id: 1, channel: 'fail', input: null });
      expect(await main.next((m) => m.t === (how === 'close' ? 'closed' : 'failed'))).toBeTruthy();
      expect(await relay.ended, how).toBe(code);
      expect(relay.worker.threadId).toBe(-1);
      main.close();
    }
    const main = mainSide();
    const relay = relayToWorker(main.utilityEnd, OPTIONS, echoStart());
    await main.next((m) => m.t === 'ready');
    main.send({ t: 'call', id: 1, channel: 'throw', input: null });
    // The error reaches the main process's log, and the relay ends with a failure code.
    const log = await main.next((m) => m.t === 'log' && m.level === 'error');
    expect(log).toMatchObject({ t: 'log', level: 'error' });
    expect((log as { message: string }).message).toMatch(/^\[core\] .*host blew up/s);
    expect(await relay.ended).toBe(1);
    main.close();
  });

  it('the real host behind the relay: a damaged database is reported as such with the backups to restore, and the worker ends', async () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'desk.sqlite'), Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(8192, 0x5a)]));
    const main = mainSide();
    const relay = relayToWorker(main.utilityEnd, { dataDir, mode: 'electron', fixedToday: '2025-06-16' });
    try {
      expect(await main.next((m) => m.t === 'ready' || m.t === 'failed')).toMatchObject({ t: 'failed', failure: { kind: 'corrupt', dataDir, backups: [] } });
      expect(await relay.ended).toBe(0);
      expect(relay.worker.threadId).toBe(-1);
    } finally {
      main.close();
    }
  }, 60_000);
});

/** utility.ts in a child process, with Electron's parentPort played over the fork IPC channel. */
function utilityChild() {
  const child = fork(path.join(__dirname, 'utility-shim.ts'), [], {
    execArgv: ['--require', require.resolve('tsx/cjs')], stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (c) => { stderr += String(c); });
  const box = inbox();
  child.on('message', box.take);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, got: box.got, next: box.next, exited, stderr: () => stderr };
}

describe('utility.ts in a child process playing the utility process', () => {
  it('starts the host on the first init only, answers calls and a cancel, and exits 0 once the host has closed', async () => {
    const dataDir = tempDir();
    const u = utilityChild();
    const { child, got, next, exited } = u;
    try {
      // A call before init reaches no host: nothing answers it.
      child.send({ t: 'call', id: 99, channel: 'labs:list', input: {} });
      child.send({ t: 'init', options: { dataDir, mode: 'electron', fixedToday: '2025-06-16' } });
      expect(await next((m) => m.t === 'ready' || m.t === 'failed')).toMatchObject({ t: 'ready' });
      // A second init starts nothing more (one host, one folder lock).
      child.send({ t: 'init', options: { dataDir, mode: 'electron', fixedToday: '2025-06-16' } });
      child.send({ t: 'call', id: 1, channel: 'labs:create', input: { name: '分析测试中心' } });
      expect(await next((m) => m.t === 'result' && m.id === 1)).toMatchObject({ result: { ok: true } });
      // A cancel for a queued call reaches it before it runs. The call waits behind forty others, so
      // it is still queued when the cancel comes (sent right after it, but a loaded machine may hand
      // the two messages over apart).
      const ahead = Array.from({ length: 40 }, (_, i) => `排队实验室 ${String(i).padStart(2, '0')}`);
      ahead.forEach((name, i) => child.send({ t: 'call', id: 100 + i, channel: 'labs:create', input: { name } }));
      child.send({ t: 'call', id: 2, channel: 'labs:create', input: { name: '已撤回' } });
      child.send({ t: 'cancel', id: 2 });
      child.send({ t: 'call', id: 3, channel: 'labs:list', input: {} });
      expect(await next((m) => m.t === 'result' && m.id === 2)).toMatchObject({ result: { ok: false, error: { code: 'CANCELLED' } } });
      const list = await next((m) => m.t === 'result' && m.id === 3);
      expect((list as { result: { value: { name: string }[] } }).result.value.map((l) => l.name).sort()).toEqual(['分析测试中心', ...ahead].sort());
      child.send({ t: 'ping', id: 4 });
      expect(await next((m) => m.t === 'pong')).toMatchObject({ id: 4 });
      expect(got.some((m) => m.t === 'result' && m.id === 99)).toBe(false);
      expect(got.filter((m) => m.t === 'ready' || m.t === 'failed')).toHaveLength(1);
      child.send({ t: 'close' });
      expect(await next((m) => m.t === 'closed')).toBeTruthy();
      expect(await exited, u.stderr()).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 60_000);

  it('a second utility process on the same data folder is told it is locked by the first, and exits', async () => {
    const dataDir = tempDir();
    const first = utilityChild();
    const second = utilityChild();
    try {
      first.child.send({ t: 'init', options: { dataDir, mode: 'electron', fixedToday: '2025-06-16' } });
      expect(await first.next((m) => m.t === 'ready' || m.t === 'failed')).toMatchObject({ t: 'ready' });
      second.child.send({ t: 'init', options: { dataDir, mode: 'electron', fixedToday: '2025-06-16' } });
      expect(await second.next((m) => m.t === 'ready' || m.t === 'failed')).toMatchObject({ t: 'failed', failure: { kind: 'locked-by-other', dataDir } });
      expect(await second.exited, second.stderr()).toBe(0);
      // The first desk is untouched and still answers.
      first.child.send({ t: 'call', id: 1, channel: 'labs:create', input: { name: '唯一的写入者' } });
      expect(await first.next((m) => m.t === 'result' && m.id === 1)).toMatchObject({ result: { ok: true } });
      first.child.send({ t: 'close' });
      expect(await first.exited, first.stderr()).toBe(0);
    } finally {
      for (const c of [first.child, second.child]) if (c.exitCode === null) c.kill('SIGKILL');
    }
  }, 60_000);
});
