// One writer per data folder, the launch code exchanged once for an HttpOnly cookie, and sockets
// that cannot starve real calls.
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { afterEach, describe, expect, it } from 'vitest';
import { describeStartupFailure, HEADERS_TIMEOUT_MS, MAX_CONNECTIONS, startBrowserServer } from '../../electron/browser-server';
import { StartupError } from '../../electron/core-host/client';
import { rendererStub, startServerProcess, type ServerProcess } from './server-process';

const dirs: string[] = [];
const procs: ServerProcess[] = [];
afterEach(async () => {
  for (const p of procs.splice(0)) await p.stop();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});
function tempDir(prefix = 'desk-srv-'): string {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(d);
  return d;
}
function ui(): string {
  const d = rendererStub();
  dirs.push(d);
  return d;
}

function request(port: number, opts: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: opts.path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${port}`, ...opts.headers }, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => { body += c; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('one writer per data folder', () => {
  it('a second server on the same folder is refused with a clear message; the first keeps working', async () => {
    const dataDir = tempDir();
    const first = await startServerProcess(dataDir, ui());
    procs.push(first);
    expect(await first.call('labs:create', { name: '第一台' })).toMatchObject({ ok: true });
    const second = await startServerProcess(dataDir, ui()).then(() => null, (e: Error & { code?: number; output?: string }) => e);
    expect(second).not.toBeNull();
    expect(second!.code).toBe(1);
    expect(second!.output).toContain('另一个工作台正在使用这个数据目录');
    expect(second!.output).toContain('Another desk is using this data folder');
    expect(second!.output).toContain(`pid ${first.proc.pid}`);
    // The refused server wrote nothing and did not take the lock away.
    expect(await first.call('labs:create', { name: '第一台之后' })).toMatchObject({ ok: true });
    const labs = await first.call('labs:list', {});
    expect((labs.value as { name: string }[]).map((l) => l.name)).toEqual(expect.arrayContaining(['第一台', '第一台之后']));
    await first.stop();
    // Once the first is gone, the folder is free again.
    const third = await startServerProcess(dataDir, ui());
    procs.push(third);
    expect((await third.call('labs:list', {})).value).toHaveLength(2);
  }, 120_000);

  it('a lock left by a process that no longer runs is taken over', async () => {
    const dataDir = tempDir();
    fs.writeFileSync(path.join(dataDir, 'desk.lock'), JSON.stringify({ pid: 2 ** 22 + 12345, mode: 'browser', startedAt: '2025-01-01T00:00:00Z' }));
    const s = await startServerProcess(dataDir, ui());
    procs.push(s);
    expect(await s.call('labs:list', {})).toMatchObject({ ok: true });
    expect(JSON.parse(fs.readFileSync(path.join(dataDir, 'desk.lock'), 'utf8')).pid).toBe(s.proc.pid);
  }, 60_000);
});

describe('start-up failures say what happened', () => {
  it('a database from a newer app: kind newer, file unchanged', async () => {
    const dataDir = tempDir();
    const file = path.join(dataDir, 'desk.sqlite');
    const db = new Database(file);
    db.exec('CREATE TABLE t(x)');
    db.pragma('user_version = 9999');
    db.close();
    const before = fs.readFileSync(file);
    const e = await startBrowserServer({ dataDir, port: 0, rendererDir: ui(), autoBackup: false }).then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(StartupError);
    expect((e as StartupError).failure.kind).toBe('newer');
    expect(describeStartupFailure(e)).toContain('请升级本程序');
    expect(fs.readFileSync(file).equals(before)).toBe(true);
    expect(fs.existsSync(path.join(dataDir, 'desk.lock'))).toBe(false); // released on failure
  }, 60_000);

  it('a damaged file: kind corrupt, with the backups to restore from', async () => {
    const dataDir = tempDir();
    fs.mkdirSync(path.join(dataDir, 'backups'));
    // A real backup taken by the desk, then the live file damaged.
    const s = await startBrowserServer({ dataDir, port: 0, rendererDir: ui(), autoBackup: false });
    const made = await fetch(`http://127.0.0.1:${new URL(s.url).port}/api/backup%3Acreate`, { method: 'POST', headers: { 'x-desk-token': s.token, 'content-type': 'application/json' }, body: '{}' }).then((r) => r.json()) as { ok: boolean; value: { name: string } };
    expect(made.ok).toBe(true);
    await s.close();
    const file = path.join(dataDir, 'desk.sqlite');
    for (const x of ['-wal', '-shm']) fs.rmSync(file + x, { force: true });
    const bytes = fs.readFileSync(file);
    bytes.fill(0x5a, 100, bytes.length); // header kept, every page overwritten
    fs.writeFileSync(file, bytes);
    const e = await startBrowserServer({ dataDir, port: 0, rendererDir: ui(), autoBackup: false }).then(async (srv) => { await srv.close(); return null; }, (x: unknown) => x);
    expect(e).toBeInstanceOf(StartupError);
    const failure = (e as StartupError).failure;
    expect(failure.kind).toBe('corrupt');
    expect(failure.backups?.map((b) => b.name)).toContain(made.value.name);
    expect(describeStartupFailure(e)).toContain(made.value.name);
  }, 60_000);
});

describe('the window loads while the desk opens', () => {
  const post = (port: number, token: string, channel: string) => fetch(`http://127.0.0.1:${port}/api/${encodeURIComponent(channel)}`,
    { method: 'POST', headers: { 'x-desk-token': token, 'content-type': 'application/json' }, body: '{}' }).then((r) => r.json() as Promise<{ ok: boolean; error?: { reason: string } }>);

  it('the server listens before the desk is open: the page and a call made then are answered, the call once the desk is open', async () => {
    const dataDir = tempDir();
    let resolved = false;
    const early: { page?: Promise<number>; call?: Promise<{ ok: boolean }>; sentBeforeOpen?: boolean } = {};
    const started = startBrowserServer({
      dataDir, port: 0, rendererDir: ui(), autoBackup: false,
      onListening: (url, token) => {
        const port = Number(new URL(url).port);
        early.sentBeforeOpen = !resolved;
        early.call = post(port, token, 'labs:list');
        early.page = request(port, { path: '/index.html' }).then((r) => r.status);
      },
    });
    void started.then(() => { resolved = true; });
    const s = await started;
    try {
      expect(early.sentBeforeOpen).toBe(true);
      expect(await early.page).toBe(200);
      expect(await early.call).toEqual({ ok: true, value: [] });
    } finally {
      await s.close();
    }
  }, 60_000);

  it('a desk that cannot open: the call made meanwhile is answered or dropped, never left waiting, and the server is closed', async () => {
    const dataDir = tempDir();
    const db = new Database(path.join(dataDir, 'desk.sqlite'));
    db.pragma('user_version = 9999');
    db.close();
    let port = 0;
    let call: Promise<string> | undefined;
    const e = await startBrowserServer({
      dataDir, port: 0, rendererDir: ui(), autoBackup: false,
      onListening: (url, token) => {
        port = Number(new URL(url).port);
        call = post(port, token, 'labs:list').then((r) => (r.ok ? 'ok' : r.error!.reason), () => 'dropped');
      },
    }).then(() => null, (x: unknown) => x);
    expect(e).toBeInstanceOf(StartupError);
    expect(port).toBeGreaterThan(0);
    const answer = await Promise.race([call!, new Promise<string>((r) => setTimeout(() => r('waiting'), 5_000))]);
    expect(['core.gone', 'dropped']).toContain(answer);
    const refused = await new Promise<boolean>((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => { socket.destroy(); resolve(false); });
      socket.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
  }, 60_000);
});

describe('a port already in use', () => {
  it('is refused with the listen error once the desk has opened and closed again; the folder is free after', async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', () => resolve()));
    const port = (busy.address() as net.AddressInfo).port;
    const dataDir = tempDir();
    try {
      const e = await startBrowserServer({ dataDir, port, rendererDir: ui(), autoBackup: false }).then(() => null, (x: unknown) => x);
      expect((e as NodeJS.ErrnoException).code).toBe('EADDRINUSE');
      expect(fs.existsSync(path.join(dataDir, 'desk.lock'))).toBe(false); // the desk was closed, its lock released
      const s = await startBrowserServer({ dataDir, port: 0, rendererDir: ui(), autoBackup: false });
      await s.close();
    } finally {
      busy.close();
    }
  }, 60_000);

  it('with a desk that cannot open either: refused, not left waiting', async () => {
    const busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', () => resolve()));
    const port = (busy.address() as net.AddressInfo).port;
    const dataDir = tempDir();
    const db = new Database(path.join(dataDir, 'desk.sqlite'));
    db.pragma('user_version = 9999');
    db.close();
    try {
      const e = await Promise.race([
        startBrowserServer({ dataDir, port, rendererDir: ui(), autoBackup: false }).then(() => 'started', (x: unknown) => x),
        new Promise((resolve) => setTimeout(() => resolve('waiting'), 20_000)),
      ]);
      expect(e).not.toBe('waiting');
      expect(e).not.toBe('started');
      expect(e instanceof StartupError || (e as NodeJS.ErrnoException).code === 'EADDRINUSE').toBe(true);
    } finally {
      busy.close();
    }
  }, 60_000);
});

describe('launch code and session cookie', () => {
  it('the code is exchanged once for an HttpOnly SameSite=Strict cookie and the address becomes /', async () => {
    const s = await startServerProcess(tempDir(), ui());
    procs.push(s);
    const launch = new URL(s.url);
    expect(launch.pathname).toBe('/launch');
    const first = await request(s.port, { path: launch.pathname + launch.search });
    expect(first.status).toBe(303);
    expect(first.headers.location).toBe('/');
    const cookie = first.headers['set-cookie']?.[0] ?? '';
    expect(cookie).toMatch(/^desk_session=[0-9a-f]{48}; /);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const code = launch.searchParams.get('code')!;
    expect(cookie).not.toContain(code);
    // Spent: a second exchange (a history file replayed) gets no cookie.
    const again = await request(s.port, { path: launch.pathname + launch.search });
    expect(again.status).toBe(303);
    expect(again.headers['set-cookie']).toBeUndefined();

    const session = cookie.split(';')[0];
    const api = (headers: Record<string, string>) => request(s.port, { path: '/api/labs%3Alist', method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    expect(JSON.parse((await api({ cookie: session, 'x-desk-call': '1' })).body)).toEqual({ ok: true, value: [] });
    // The cookie alone (a cross-origin form or fetch without the desk's header) is refused.
    expect((await api({ cookie: session })).status).toBe(401);
    expect((await api({ cookie: 'desk_session=' + 'a'.repeat(48), 'x-desk-call': '1' })).status).toBe(401);
    expect((await api({ 'x-desk-call': '1' })).status).toBe(401);
    expect((await api({ cookie: session, 'x-desk-call': '1', origin: 'http://127.0.0.1:1' })).status).toBe(403);
    // The page itself never carries the code or the session.
    const page = await request(s.port, { path: '/', headers: { cookie: session } });
    expect(page.body).not.toContain(code);
    expect(page.body).not.toContain(session.split('=')[1]);
  }, 60_000);
});

describe('sockets', () => {
  it(`1,000 half-open sockets, then a real call still answers at once`, async () => {
    const s = await startServerProcess(tempDir(), ui());
    procs.push(s);
    const sockets: net.Socket[] = [];
    let closedByServer = 0;
    await Promise.all(Array.from({ length: 1_000 }, () => new Promise<void>((resolve) => {
      const sock = net.connect(s.port, '127.0.0.1', () => {
        sock.write('POST /api/labs%3Alist HTTP/1.1\r\nHost: 127.0.0.1\r\n'); // headers never finished
        resolve();
      });
      sock.on('close', () => { closedByServer++; });
      sock.on('error', () => resolve());
      sockets.push(sock);
    })));
    try {
      const t = performance.now();
      const answer = await s.call('labs:list', {});
      const ms = performance.now() - t;
      expect(answer).toEqual({ ok: true, value: [] });
      expect(ms).toBeLessThan(2_000);
      // The server kept at most its cap open: the oldest half-open sockets were dropped.
      await new Promise((r) => setTimeout(r, 200));
      expect(closedByServer).toBeGreaterThanOrEqual(1_000 - MAX_CONNECTIONS);
    } finally {
      for (const sock of sockets) sock.destroy();
    }
  }, 60_000);

  it('a socket that never finishes its headers is closed after the header timeout', async () => {
    const s = await startServerProcess(tempDir(), ui());
    procs.push(s);
    const t = performance.now();
    const closedAfter = await new Promise<number>((resolve) => {
      const sock = net.connect(s.port, '127.0.0.1', () => sock.write('GET / HTTP/1.1\r\nHost: 127.0.0.1\r\n'));
      sock.on('data', () => undefined);
      sock.on('close', () => resolve(performance.now() - t));
      sock.on('error', () => undefined);
    });
    expect(closedAfter).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 500);
    expect(closedAfter).toBeLessThan(HEADERS_TIMEOUT_MS + 3_000);
  }, 30_000);
});
