// Browser mode: the same handler table served on 127.0.0.1 to the same renderer, for machines
// where the Electron binary is unavailable. Every call needs the per-launch token.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { openCore } from './app-core';
import { handlers } from './handlers';
import { CONTENT_SECURITY_POLICY } from './security/csp';
import { dispatch } from './security/gate';
import { backupIfDue } from './services/backup/backups';

const MAX_BODY = 100 * 1024 * 1024;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json',
  '.woff2': 'font/woff2', '.ttf': 'font/ttf',
};

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** Resolves a URL path inside root, or null when it would leave it. */
export function confinedPath(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const resolved = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  return resolved === root || resolved.startsWith(root + path.sep) ? resolved : null;
}

function timingSafeEqual(a: string, b: string): boolean {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && crypto.timingSafeEqual(ab, bb);
}

export function startBrowserServer(opts: { dataDir: string; port: number; rendererDir: string; fixedToday?: string }) {
  const token = crypto.randomBytes(24).toString('hex');
  const now = opts.fixedToday ? () => new Date(`${opts.fixedToday}T02:00:00.000Z`) : undefined;
  // An encrypted database starts locked: only security:* answers until security:unlock.
  const core = openCore({ dataDir: opts.dataDir, mode: 'browser', now, autoBackup: true });
  const backupTimer = setInterval(() => {
    if (core.locked) return;
    try { backupIfDue(core.ctx); } catch (e) { console.error('[backup]', (e as Error).message); }
  }, 60 * 60 * 1000);
  backupTimer.unref();
  const root = path.resolve(opts.rendererDir);

  const server = http.createServer((req, res) => {
    const host = req.headers.host ?? '';
    const address = server.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    // Refuse other Host names (DNS rebinding) and cross-origin callers.
    if (host !== `127.0.0.1:${port}` && host !== `localhost:${port}`) {
      res.writeHead(421).end('misdirected');
      return;
    }
    const url = req.url ?? '/';
    if (url.startsWith('/api/')) {
      const origin = req.headers.origin;
      if (req.method !== 'POST' || (origin !== undefined && origin !== `http://${host}`)) {
        res.writeHead(403).end();
        return;
      }
      const given = req.headers['x-desk-token'];
      if (typeof given !== 'string' || !timingSafeEqual(given, token)) {
        res.writeHead(401, { 'content-type': 'application/json' })
          .end(JSON.stringify({ ok: false, error: { code: 'FORBIDDEN', message: '令牌无效 (invalid token)' } }));
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY) { req.destroy(); return; }
        chunks.push(c);
      });
      req.on('end', async () => {
        let body: unknown;
        try {
          body = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
        } catch {
          res.writeHead(400, { 'content-type': 'application/json' })
            .end(JSON.stringify({ ok: false, error: { code: 'VALIDATION', message: '请求不是有效的 JSON' } }));
          return;
        }
        let name: string;
        try {
          name = decodeURIComponent(url.slice(5));
        } catch {
          name = '';
        }
        // dispatch answers every failure as an envelope; the catch only guards the process itself.
        const result = await dispatch(core, handlers, name, body)
          .catch(() => ({ ok: false, error: { code: 'INTERNAL', message: '内部错误 (internal error)' } }));
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' });
        res.end(JSON.stringify(result));
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

  return new Promise<{ url: string; token: string; close: () => void }>((resolve) => {
    server.listen(opts.port, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : opts.port;
      resolve({
        url: `http://127.0.0.1:${port}/#token=${token}`,
        token,
        close: () => { clearInterval(backupTimer); server.close(); core.close(); },
      });
    });
  });
}

if (require.main === module) {
  const dataDir = arg('data-dir') ?? process.env.OIVD_DATA_DIR ?? path.join(os.homedir(), '.open-instrument-desk');
  const port = Number(arg('port') ?? process.env.OIVD_PORT ?? 5719);
  const rendererDir = arg('renderer-dir') ?? path.join(__dirname, '..', 'renderer');
  startBrowserServer({ dataDir, port, rendererDir, fixedToday: arg('today') }).then(({ url, close }) => {
    console.log(`开放仪器创新券工作台 — browser mode\n数据目录 (data folder): ${dataDir}\n打开 (open): ${url}`);
    console.log(`OIVD_READY ${JSON.stringify({ url })}`);
    const stop = () => { close(); process.exit(0); };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  }).catch((e) => {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  });
}
