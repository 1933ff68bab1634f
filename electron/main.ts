import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, protocol, safeStorage, session, shell, utilityProcess } from 'electron';
import crypto from 'node:crypto';
import log from 'electron-log/main';
import fs from 'node:fs';
import path from 'node:path';
import { callsAfterOpen, createCoreClient, StartupError, type CoreClient } from './core-host/client';
import { createJobDesk } from './core-host/jobs';
import type { SettingsView } from '../shared/ipc/assessment';
import type { HostOptions, StartupFailure } from './core-host/protocol';
import { writeDiagnosticsZip } from './diagnostics';
import { registerIpc } from './ipc';
import { confinedPath, MIME } from './renderer-files';
import { CONTENT_SECURITY_POLICY } from './security/csp';
import { denyAllPermissions, guardNavigation, makeSenderCheck } from './security/guards';
import { WEB_PREFERENCES } from './security/window';
import { civilDateInShanghai } from '../shared/rules/civil-date';
import { nativeLang, nativeWords, startupFailureMessage } from './startup-failure';

const words = (): ReturnType<typeof nativeWords> => nativeWords(nativeLang(app.getLocale()));

// One writer per data folder: a second launch hands over to the first window and quits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
  process.exit(0);
}

log.initialize();
log.transports.file.maxSize = 5 * 1024 * 1024; // rotated to main.old.log in the user-data logs folder
log.errorHandler.startCatching();
const coreLog = log.scope('core');

let core: CoreClient | null = null;
let mainWindow: BrowserWindow | null = null;
/** The desk could not open: the failure dialog quits the app once the user has read it. */
let startupFailed = false;
const rendererDir = path.join(__dirname, '..', 'renderer');
/** The renderer is served on app:// so the CSP (frame-ancestors included) is a real response header. */
const rendererUrl = 'app://desk/index.html';

protocol.registerSchemesAsPrivileged([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

const isTrustedSender = makeSenderCheck(() => mainWindow?.webContents, rendererUrl);

function serveRenderer(): void {
  protocol.handle('app', (request) => {
    const url = new URL(request.url);
    const file = url.host === 'desk' ? confinedPath(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname) : null;
    if (!file || !fs.existsSync(file) || fs.statSync(file).isDirectory()) return new Response('not found', { status: 404 });
    return new Response(fs.readFileSync(file), {
      headers: {
        'content-type': MIME[path.extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  });
}

/**
 * The window, hidden until its first paint. It is created while the core host opens the desk, so it
 * shows the desk's shell with its lists loading during a long open (an upgrade of a large file);
 * if the desk cannot open, it is closed and the failure dialog says why.
 */
function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1360,
    height: 860,
    title: words().windowTitle,
    show: false,
    // The three key options are repeated literally so static scanners (electronegativity) see them;
    // hardening.test.ts checks they agree with WEB_PREFERENCES.
    webPreferences: { ...WEB_PREFERENCES, contextIsolation: true, nodeIntegration: false, sandbox: true, preload: path.join(__dirname, 'preload.js') },
  });
  // The desk has no external links: every navigation and new window outside the app is denied.
  guardNavigation(mainWindow.webContents, rendererUrl);
  // Renderer errors reach the log file (a packaged app has no console to read them from).
  mainWindow.webContents.on('console-message', (e) => {
    if (e.level === 'error') log.scope('renderer').error(`${e.message} (${e.sourceId}:${e.lineNumber})`);
  });
  mainWindow.webContents.on('render-process-gone', (_e, details) => log.scope('renderer').error('renderer gone', details));
  mainWindow.once('ready-to-show', () => { if (!startupFailed) mainWindow?.show(); });
  mainWindow.on('closed', () => { mainWindow = null; });
  void mainWindow.loadURL(rendererUrl);
}

/**
 * The secret that wraps a plain desk's data key, kept under the OS keystore (safeStorage) in the
 * user-data folder, outside the data folder. Linux's 'basic_text' fallback is no keystore: then the
 * core uses a key file outside the data folder instead.
 */
function osKeyStoreSecret(): string | undefined {
  try {
    if (!safeStorage.isEncryptionAvailable()) return undefined;
    if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
    const file = path.join(app.getPath('userData'), 'keystore.bin');
    if (fs.existsSync(file)) return safeStorage.decryptString(fs.readFileSync(file));
    const secret = crypto.randomBytes(32).toString('hex');
    fs.writeFileSync(file, safeStorage.encryptString(secret), { mode: 0o600 });
    return secret;
  } catch (e) {
    log.error('[keystore]', e);
    return undefined;
  }
}

/** Starts the core host (database + handlers) in a utility process; resolves once the desk is open. */
function startCore(options: HostOptions): CoreClient {
  const child = utilityProcess.fork(path.join(__dirname, 'core-host.js'), [], { serviceName: 'desk-core', stdio: 'pipe' });
  child.stdout?.on('data', (c: Buffer) => coreLog.info(c.toString().trimEnd()));
  child.stderr?.on('data', (c: Buffer) => coreLog.error(c.toString().trimEnd()));
  const listeners: ((m: unknown) => void)[] = [];
  child.on('message', (m: unknown) => { for (const l of listeners) l(m); });
  const client = createCoreClient({ postMessage: (m) => child.postMessage(m), onMessage: (l) => listeners.push(l) });
  child.on('exit', (code) => {
    coreLog.error(`core host exited (${code})`);
    client.hostGone(`core host exited (${code})`);
  });
  client.onLog((level, message) => coreLog[level](message));
  child.postMessage({ t: 'init', options });
  return client;
}

/** Once a day, a desktop notification for items due within the desk's notification days. */
async function notifyDueSoon(): Promise<void> {
  if (!core || !Notification.isSupported()) return;
  const settings = await core.call('settings:get', {});
  if (!settings.ok) return; // locked or not set up: nothing to announce
  const withinDays = (settings.value as SettingsView).settings.notificationDays;
  const due = await core.call('dashboard:dueSoon', { withinDays, limit: 1 });
  if (!due.ok) return;
  const { total } = due.value as { total: number };
  if (total > 0) {
    new Notification({ title: words().dueTitle, body: words().dueBody(total, withinDays) }).show();
  }
}

function buildMenu(dataDir: string): void {
  const w = words();
  const exportDiagnostics = async () => {
    const { canceled, filePath } = await dialog.showSaveDialog({
      title: w.diagnosticsTitle,
      defaultPath: path.join(app.getPath('downloads'), `desk-diagnostics-${civilDateInShanghai(new Date())}.zip`),
      filters: [{ name: 'Zip', extensions: ['zip'] }],
    });
    if (canceled || !filePath) return;
    try {
      await writeDiagnosticsZip(filePath, {
        logsDir: path.dirname(log.transports.file.getFile().path),
        versions: { app: app.getVersion(), electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node, platform: `${process.platform} ${process.arch}` },
        call: (channel) => core?.call(channel, {}) ?? Promise.resolve({ ok: false, error: { code: 'INTERNAL', reason: 'core.gone' } }),
        dataDir,
      });
      shell.showItemInFolder(filePath);
    } catch (e) {
      log.error('[diagnostics]', e);
      dialog.showErrorBox(w.diagnosticsFailed, (e as Error).message);
    }
  };
  const template: Electron.MenuItemConstructorOptions[] = [
    { role: 'fileMenu', label: w.menu.file },
    { role: 'editMenu', label: w.menu.edit },
    // Reload and DevTools only while developing: a packaged desk has no View menu.
    ...(app.isPackaged ? [] : [{ role: 'viewMenu' as const, label: w.menu.view }]),
    { role: 'windowMenu', label: w.menu.window },
    { label: w.menu.help, submenu: [{ label: w.menu.exportDiagnostics, click: () => void exportDiagnostics() }] },
  ];
  Menu.setApplicationMenu(Menu.buildFromTemplate(template));
}

/** The start-up failure dialog: what happened and what to do; resolves when the user chose. */
async function showStartupFailure(failure: StartupFailure): Promise<void> {
  const m = startupFailureMessage(failure, nativeLang(app.getLocale()));
  const { response } = await dialog.showMessageBox({ type: 'error', title: m.title, message: m.message, detail: m.detail, buttons: m.buttons, defaultId: 0, cancelId: 0, noLink: true });
  if (response === 1) await shell.openPath(failure.dataDir);
  if (response === 2) await shell.openPath(path.dirname(log.transports.file.getFile().path));
}

app.enableSandbox();

app.on('second-instance', () => {
  if (!mainWindow) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
});

app.whenReady().then(async () => {
  denyAllPermissions(session.defaultSession);
  serveRenderer();
  // OIVD_DATA_DIR moves the data folder (portable installs, tests); the default is the user-data folder.
  const dataDir = process.env.OIVD_DATA_DIR ?? path.join(app.getPath('userData'), 'data');
  buildMenu(dataDir);
  core = startCore({ dataDir, mode: 'electron', migrationsDir: path.join(__dirname, 'migrations'), autoBackup: true, warmAssessment: true, keyStoreSecret: osKeyStoreSecret() });
  const client = core;
  const smoke = process.argv.includes('--smoke');
  if (!smoke) {
    // The window loads the renderer while the core host opens the desk, instead of after it: its
    // calls wait for the open. An encrypted database opens locked: the renderer shows the lock
    // screen until security:unlock.
    const jobs = createJobDesk(callsAfterOpen(client));
    registerIpc(ipcMain, (name, raw, jobToken) => jobs.call(name, raw, jobToken), isTrustedSender);
    createWindow();
  }
  try {
    await client.ready;
  } catch (e) {
    const failure = e instanceof StartupError ? e.failure : { kind: 'other' as const, detail: String(e), dataDir };
    log.error('[startup]', failure);
    startupFailed = true;
    core = null;
    mainWindow?.destroy();
    if (smoke) {
      process.stdout.write(`OIVD_SMOKE ${JSON.stringify({ ok: false, failure })}\n`);
      app.exit(1);
      return;
    }
    await showStartupFailure(failure);
    app.quit();
    return;
  }
  if (smoke) {
    // scripts/smoke-packaged.mjs: prove the packed driver, migrations and core host work, then quit.
    const info = await client.call('app:info', {});
    process.stdout.write(`OIVD_SMOKE ${JSON.stringify(info)}\n`);
    await client.close();
    app.exit(info.ok ? 0 : 1);
    return;
  }
  void notifyDueSoon().catch((e) => log.error('[due soon]', e));
  setInterval(() => void notifyDueSoon().catch((e) => log.error('[due soon]', e)), 24 * 60 * 60 * 1000).unref();
}).catch((e) => {
  log.error('[startup]', e);
  app.quit();
});

app.on('web-contents-created', (_e, contents) => guardNavigation(contents, rendererUrl));

app.on('window-all-closed', () => {
  if (startupFailed) return; // the failure dialog quits when the user has read it
  const closing = core?.close() ?? Promise.resolve();
  core = null;
  void closing.finally(() => app.quit());
});
