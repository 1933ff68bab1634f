// Electron security checklist items that can be checked in code, without the Electron binary.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { channels } from '../../shared/ipc';
import { startBrowserServer } from '../../electron/browser-server';
import { registerIpc } from '../../electron/ipc';
import { CONTENT_SECURITY_POLICY } from '../../electron/security/csp';
import { denyAllPermissions, guardNavigation, makeSenderCheck, type ContentsLike } from '../../electron/security/guards';
import { buildPreloadApi } from '../../electron/security/preload-api';
import { isAppUrl, WEB_PREFERENCES } from '../../electron/security/window';

const APP = 'file:///opt/desk/resources/app/dist/renderer/index.html';
const root = path.join(__dirname, '..', '..');

describe('window baseline (checklist 2–5, 8–10)', () => {
  it.each([
    ['contextIsolation', true], ['sandbox', true], ['nodeIntegration', false], ['nodeIntegrationInWorker', false],
    ['nodeIntegrationInSubFrames', false], ['webSecurity', true], ['allowRunningInsecureContent', false],
    ['experimentalFeatures', false], ['webviewTag', false], ['navigateOnDragDrop', false],
  ] as const)('%s is %s', (key, expected) => {
    expect(WEB_PREFERENCES[key]).toBe(expected);
  });

  it('no blink features, preload only from the app folder, and main uses this baseline with the sandbox on', () => {
    expect(Object.keys(WEB_PREFERENCES)).not.toContain('enableBlinkFeatures');
    expect(WEB_PREFERENCES.disableBlinkFeatures).toBe('Auxclick');
    const main = fs.readFileSync(path.join(root, 'electron', 'main.ts'), 'utf8');
    expect(main).toMatch(/webPreferences:\s*\{\s*\.\.\.WEB_PREFERENCES,\s*contextIsolation: true, nodeIntegration: false, sandbox: true, preload: path\.join\(__dirname, 'preload\.js'\)\s*\}/);
    expect(main).toContain('app.enableSandbox()');
    expect(main).toContain('denyAllPermissions(session.defaultSession)');
    expect(main).toMatch(/app\.on\('web-contents-created', \(_e, contents\) => guardNavigation\(contents, rendererUrl\)\)/);
    expect(main).not.toMatch(/enableRemoteModule|nodeIntegration:\s*true|contextIsolation:\s*false|webSecurity:\s*false/);
  });
});

describe('Content-Security-Policy (checklist 7)', () => {
  const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split(';').map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
  it('scripts only from the app itself: no eval, no inline, no remote host', () => {
    expect(directives['script-src']).toEqual(["'self'"]);
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|wasm-unsafe-eval|strict-dynamic/);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*|ws:|wss:/);
  });
  it.each([['object-src', "'none'"], ['base-uri', "'none'"], ['frame-ancestors', "'none'"], ['form-action', "'none'"], ['connect-src', "'self'"]])('%s is %s', (k, v) => {
    expect(directives[k]).toEqual([v]);
  });
});

describe('navigation and new windows (checklist 13–14)', () => {
  it.each([
    [APP, true],
    [APP + '#/catalog', true],
    [APP + '?x=1', true],
    ['file:///etc/passwd', false],
    ['file:///opt/desk/resources/app/dist/renderer/other.html', false],
    ['https://example.com/', false],
    ['http://127.0.0.1:5719/', false],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>1</script>', false],
    ['not a url', false],
  ])('isAppUrl(%s) = %s', (url, ok) => {
    expect(isAppUrl(url, APP)).toBe(ok);
  });

  function fakeContents() {
    const listeners: Record<string, (e: { preventDefault(): void }, url?: string) => void> = {};
    let openHandler: ((d: { url: string }) => { action: 'deny' }) | null = null;
    const contents: ContentsLike = {
      on: (event, l) => { listeners[event] = l; return contents; },
      setWindowOpenHandler: (h) => { openHandler = h; },
    };
    const fire = (event: string, url?: string) => {
      const e = { preventDefault: vi.fn() };
      listeners[event](e, url);
      return e.preventDefault.mock.calls.length > 0;
    };
    return { contents, fire, open: (url: string) => openHandler!({ url }) };
  }

  it('will-navigate away is prevented, in-app navigation allowed; redirects and webviews refused', () => {
    const f = fakeContents();
    guardNavigation(f.contents, APP);
    expect(f.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(f.fire('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(f.fire('will-navigate', APP + '#/security')).toBe(false);
    expect(f.fire('will-redirect', 'https://evil.example/')).toBe(true);
    expect(f.fire('will-attach-webview')).toBe(true);
  });

  it('new windows are always denied; only https links go to the system browser', () => {
    const f = fakeContents();
    const openExternal = vi.fn();
    guardNavigation(f.contents, APP, openExternal);
    for (const url of ['https://www.most.gov.cn/', 'http://plain.example/', 'file:///etc/passwd', 'javascript:alert(1)', APP]) {
      expect(f.open(url)).toEqual({ action: 'deny' });
    }
    expect(openExternal.mock.calls).toEqual([['https://www.most.gov.cn/']]);
  });
});

describe('permissions (checklist 6)', () => {
  it('every permission request and check is denied', () => {
    let request: ((wc: unknown, p: string, cb: (g: boolean) => void) => void) | null = null;
    let check: ((...a: unknown[]) => boolean) | null = null;
    denyAllPermissions({ setPermissionRequestHandler: (h) => { request = h; }, setPermissionCheckHandler: (h) => { check = h; } });
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      const cb = vi.fn();
      request!({}, p, cb);
      expect(cb).toHaveBeenCalledWith(false);
      expect(check!({}, p, 'file://')).toBe(false);
    }
  });
});

describe('IPC sender validation (checklist 17)', () => {
  const appContents = { id: 1 };
  function setup() {
    const registered = new Map<string, (event: unknown, raw: unknown) => Promise<unknown>>();
    const dispatch = vi.fn(async (name: string) => ({ ok: true as const, value: name }));
    const ipcMain = { handle: (name: string, fn: (event: unknown, raw: unknown) => Promise<unknown>) => { registered.set(name, fn); } };
    const names = registerIpc(ipcMain as never, dispatch, makeSenderCheck(() => appContents, APP) as never);
    return { registered, dispatch, names };
  }

  it('registers exactly the contract channels', () => {
    const { registered, names } = setup();
    expect([...registered.keys()].sort()).toEqual([...channels].sort());
    expect(names.sort()).toEqual([...channels].sort());
  });

  it.each([
    ['another webContents', { sender: { id: 2 }, senderFrame: { url: APP } }],
    ['a foreign page in the app window', { sender: appContents, senderFrame: { url: 'https://evil.example/' } }],
    ['a file outside the app', { sender: appContents, senderFrame: { url: 'file:///tmp/evil.html' } }],
    ['a destroyed frame', { sender: appContents, senderFrame: null }],
  ])('%s gets FORBIDDEN and no handler runs', async (_label, event) => {
    const { registered, dispatch } = setup();
    for (const name of channels) {
      expect(await registered.get(name)!(event, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
  });

  it('the app page is answered', async () => {
    const { registered, dispatch } = setup();
    expect(await registered.get(channels[0])!({ sender: appContents, senderFrame: { url: APP + '#/catalog' } }, {})).toEqual({ ok: true, value: channels[0] });
    expect(dispatch).toHaveBeenCalledTimes(1);
  });
});

describe('preload (checklist 3, 20)', () => {
  it('exposes one function per contract channel and nothing else, frozen', async () => {
    const call = vi.fn(async (c: string, input: unknown) => ({ c, input }));
    const api = buildPreloadApi(call);
    expect(Object.keys(api).sort()).toEqual([...channels].sort());
    expect(Object.isFrozen(api)).toBe(true);
    await api[channels[0]]({ a: 1 });
    expect(call).toHaveBeenCalledWith(channels[0], { a: 1 });
  });

  it('preload.ts imports only electron and the pure builder (no ipcRenderer leak)', () => {
    const src = fs.readFileSync(path.join(root, 'electron', 'preload.ts'), 'utf8');
    const imports = [...src.matchAll(/from '([^']+)'/g)].map((m) => m[1]);
    expect(imports.sort()).toEqual(['./security/preload-api', 'electron']);
    expect(src).toMatch(/exposeInMainWorld\('api', buildPreloadApi\(/);
    expect(src).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
  });
});

describe('browser mode server', () => {
  function request(port: number, opts: { path: string; method?: string; headers?: Record<string, string>; body?: string }) {
    return new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const req = http.request({ host: '127.0.0.1', port, path: opts.path, method: opts.method ?? 'GET', headers: opts.headers }, (res) => {
        let body = '';
        res.on('data', (c) => { body += c; });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      });
      req.on('error', reject);
      req.end(opts.body);
    });
  }

  it('serves the CSP, and refuses calls without token, from other hosts or origins', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-srv-'));
    const rendererDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-ui-'));
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>x</title>');
    const server = await startBrowserServer({ dataDir, port: 0, rendererDir });
    const port = Number(new URL(server.url).port);
    const host = `127.0.0.1:${port}`;
    try {
      const page = await request(port, { path: '/', headers: { host } });
      expect(page.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
      expect(page.headers['x-content-type-options']).toBe('nosniff');
      expect((await request(port, { path: '/../../etc/passwd', headers: { host } })).body).not.toContain('root:');
      const api = (headers: Record<string, string>) => request(port, { path: '/api/labs%3Alist', method: 'POST', headers, body: '{}' });
      expect((await api({ host })).status).toBe(401);
      expect((await api({ host, 'x-desk-token': 'f'.repeat(48) })).status).toBe(401);
      expect((await api({ host: `evil.example:${port}`, 'x-desk-token': server.token })).status).toBe(421);
      expect((await api({ host, origin: 'http://evil.example', 'x-desk-token': server.token })).status).toBe(403);
      const ok = await api({ host, 'x-desk-token': server.token, 'content-type': 'application/json' });
      expect(JSON.parse(ok.body)).toEqual({ ok: true, value: [] });
      const bad = await request(port, { path: '/api/%E0%A4%A', method: 'POST', headers: { host, 'x-desk-token': server.token }, body: '{}' });
      expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    } finally {
      server.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
      fs.rmSync(rendererDir, { recursive: true, force: true });
    }
  });
});
