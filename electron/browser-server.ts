// Browser mode: the same handler table served on 127.0.0.1 to the same renderer, for machines
// where the Electron binary is unavailable. The database and the handlers run in a worker thread
// (core-host), so this event loop only moves bytes. The one-time launch code is exchanged for an
// HttpOnly, SameSite=Strict session cookie and dropped from the address.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { callsAfterOpen, startWorkerCore, StartupError } from './core-host/client';
import { CONTENT_SECURITY_POLICY } from './security/csp';
import { confinedPath, MIME } from './renderer-files';

const MAX_BODY = 100 * 1024 * 1024;
/** Open sockets kept at most; beyond it the oldest socket that never sent a request is dropped. */
export const MAX_CONNECTIONS = 256;
/** A client has this long to send a request's headers (a half-open socket is closed after it). */
export const HEADERS_TIMEOUT_MS = 10_000;
const SESSION_COOKIE = 'desk_session';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function timingSafeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

export interface BrowserServer {
  /** The launch address with the one-time code; valid for one exchange. */
  url: string;
  /** The session secret (the cookie's value); Node tooling may send it as x-desk-token. */
  token: string;
  /** Round trip to the core host, in ms. */
  ping(): Promise<number>;
  close: () => Promise<void>;
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/**
 * Starts the server: it listens at once, while the core host opens the desk, so a window can load
 * the renderer meanwhile (`onListening` gives the address and session secret then); calls made before the desk is open
 * are answered once it is. Resolves when the desk is open; rejects with StartupError (why the desk
 * could not open: newer database, corrupt file, folder used by another desk, …), the server closed.
 */
export async function startBrowserServer(opts: { dataDir: string; port: number; rendererDir: string; fixedToday?: string; autoBackup?: boolean; autoBackupDelayMs?: number; onListening?: (url: string, token: string) => void }): Promise<BrowserServer> {
  const token = crypto.randomBytes(24).toString('hex');
  let launchCode: string | null = crypto.randomBytes(24).toString('hex');
  // An encrypted database starts locked: only security:* answers until security:unlock. The core
  // host's thread starts first: this thread's own modules (the job desk and its schemas) load
  // while the host opens the desk, not before it starts.
  const core = startWorkerCore({ dataDir: opts.dataDir, mode: 'browser', fixedToday: opts.fixedToday, autoBackup: opts.autoBackup ?? true, autoBackupDelayMs: opts.autoBackupDelayMs, warmAssessment: true });
  core.onLog((level, message) => (level === 'error' ? console.error(message) : console.log(message)));
  const root = path.resolve(opts.rendererDir);
  const jobs = (await import('./core-host/jobs')).createJobDesk(callsAfterOpen(core));

  const authorised = (req: http.IncomingMessage): boolean => {
    const given = req.headers['x-desk-token'];
    if (typeof given === 'string') return timingSafeEqual(given, token);
    const cookie = cookieValue(req.headers.cookie, SESSION_COOKIE);
    // A cookie call must carry the desk's own header: a cross-origin page cannot add it without a preflight.
    return cookie !== undefined && req.headers['x-desk-call'] === '1' && timingSafeEqual(cookie, token);
  };

  // Half-open sockets must not starve real calls: headers within 10 s (checked every second).
  const server = http.createServer({ headersTimeout: HEADERS_TIMEOUT_MS, requestTimeout: 120_000, connectionsCheckingInterval: 1_000 }, (req, res) => {
    const host = req.headers.host ?? '';
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    // Refuse other Host names (DNS rebinding) and cross-origin callers.
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      res.writeHead(421).end('misdirected');
      return;
    }
    const url = req.url ?? '/';
    if (url.startsWith('/launch')) {
      // The one exchange: a valid code sets the session cookie; the address becomes "/" either way.
      const code = new URL(url, 'http://x').searchParams.get('code') ?? '';
      const headers: http.OutgoingHttpHeaders = { location: '/', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' };
      if (launchCode !== null && timingSafeEqual(code, launchCode)) {
        launchCode = null;
        headers['set-cookie'] = `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
      }
      res.writeHead(303, headers).end();
      return;
    }
    if (url.startsWith('/api/')) {
      const origin = req.headers.origin;
      if (req.method !== 'POST' || (origin !== undefined && origin !== `http://${host}`)) {
        res.writeHead(403).end();
        return;
      }
      if (!authorised(req)) {
        res.writeHead(401, { 'content-type': 'application/json' })
          .end(JSON.stringify({ ok: false, error: { code: 'FORBIDDEN', reason: 'session.invalid' } }));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) { req.destroy(); return; }
        chunks.push(c);
      });
      req.on('end', () => {
        let body: unknown;
        try {
          body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
        } catch {
          res.writeHead(400, { 'content-type': 'application/json' })
            .end(JSON.stringify({ ok: false, error: { code: 'VALIDATION', reason: 'request.notJson' } }));
          return;
        }
        let name: string;
        try {
          name = decodeURIComponent(url.slice(5));
        } catch {
          name = '';
        }
        // A closed tab cancels its call if the host has not reached it yet (or at the job's next step).
        const abort = new AbortController();
        res.on('close', () => { if (!res.writableFinished) abort.abort(); });
        const jobToken = req.headers['x-desk-job'];
        void jobs.call(name, body, typeof jobToken === 'string' ? jobToken : undefined, abort.signal).then((result) => {
          res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
          res.end(JSON.stringify(result));
        });
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405).end();
      return;
    }
    let file = confinedPath(root, url === '/' ? '/index.html' : url);
    if (!file) { res.writeHead(404).end(); return; }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) file = path.join(root, 'index.html');
    res.writeHead(200, {
      'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    });
    fs.createReadStream(file).pipe(res);
  });

  // Past the cap, the oldest socket that never sent a request makes room for the new one.
  server.keepAliveTimeout = 5_000;
  const sockets = new Map<net.Socket, { served: boolean }>();
  server.on('connection', (socket: net.Socket) => {
    sockets.set(socket, { served: false });
    socket.on('close', () => sockets.delete(socket));
    if (sockets.size > MAX_CONNECTIONS) {
      for (const [s, state] of sockets) {
        if (!state.served && s !== socket) { s.destroy(); break; }
      }
    }
  });
  server.on('request', (req: http.IncomingMessage) => {
    const state = sockets.get(req.socket);
    if (state) state.served = true;
  });

  const closeServer = () => {
    server.close();
    for (const s of sockets.keys()) s.destroy();
  };
  const url = await new Promise<string>((resolve, reject) => {
    // The port cannot be had (in use): the desk is closed once its open has settled (never cut off
    // mid-upgrade), or its thread ended if it could not open.
    server.once('error', (e) => { void core.ready.then(() => core.close(), () => core.worker.terminate()).finally(() => reject(e)); });
    server.listen(opts.port, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : opts.port;
      resolve(`http://127.0.0.1:${port}/launch?code=${launchCode}`);
    });
  });
  opts.onListening?.(url, token);
  try {
    await core.ready;
  } catch (e) {
    closeServer();
    await core.worker.terminate();
    throw e;
  }
  return {
    url,
    token,
    ping: () => core.ping(),
    close: async () => {
      closeServer();
      await core.close();
    },
  };
}

/** The one paragraph the terminal shows when the desk cannot open. */
export function describeStartupFailure(e: unknown): string {
  if (!(e instanceof StartupError)) return e instanceof Error ? e.message : String(e);
  const f = e.failure;
  switch (f.kind) {
    case 'newer':
      return `数据库由更新版本的工作台写入：请升级本程序；文件未被改动。\nThe database was written by a newer version of the desk: update this program; the file was not changed.\n${f.detail}`;
    case 'corrupt':
      return `数据库文件已损坏，可从备份恢复。\nThe database file is damaged; restore it from a backup.\n${(f.backups ?? []).map((b) => `  ${b.name}`).join('\n') || '  (没有备份 / no backups)'}\n${f.detail}`;
    case 'locked-by-other':
      return `另一个工作台正在使用这个数据目录：请切换到它，或先关闭它。\nAnother desk is using this data folder: switch to it or close it first.\n${f.detail}`;
    case 'driver':
      return `数据库驱动与本程序不匹配：请重新安装。\nThe database driver does not match this program: reinstall it.\n${f.detail}`;
    default:
      return f.detail;
  }
}

if (require.main === module) {
  const dataDir = arg('data-dir') ?? process.env.OIVD_DATA_DIR ?? path.join(os.homedir(), '.open-instrument-desk');
  const port = Number(arg('port') ?? process.env.OIVD_PORT ?? 5719);
  const rendererDir = arg('renderer-dir') ?? path.join(__dirname, '..', 'renderer');
  // Tooling that opens the window as the Electron desk does (while the desk opens) starts on this line.
  const onListening = (url: string) => console.log(`OIVD_LISTENING ${JSON.stringify({ url })}`);
  startBrowserServer({ dataDir, port, rendererDir, fixedToday: arg('today'), onListening }).then(({ url, token, close }) => {
    console.log(`开放仪器创新券工作台 — browser mode\n数据目录 (data folder): ${dataDir}\n打开 (open, once): ${url}`);
    // Test tooling asks for the session secret to call channels from Node; people never see it.
    const ready = process.argv.includes('--print-token') ? { url, token } : { url };
    console.log(`OIVD_READY ${JSON.stringify(ready)}`);
    const stop = () => { void close().finally(() => process.exit(0)); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }).catch((e) => {
    console.error(describeStartupFailure(e));
    process.exit(1);
  });
}
