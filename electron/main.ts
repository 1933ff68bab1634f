import { app, BrowserWindow, ipcMain, Menu, Notification, session, safeStorage } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openCore, type Core } from './app-core';
import type { PlainKeyStore } from './security/keyring';
import { handlers } from './handlers';
import { registerIpc } from './ipc';
import { CONTENT_SECURITY_POLICY } from './security/csp';
import { dispatch } from './security/gate';
import { denyAllPermissions, guardNavigation, makeSenderCheck } from './security/guards';
import { WEB_PREFERENCES } from './security/window';
import { backupIfDue } from './services/backup/backups';
import { dueSoon } from './services/deals/dashboard';

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;
const rendererIndex = path.join(__dirname, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).toString();

const isTrustedSender = makeSenderCheck(() => mainWindow?.webContents, rendererUrl);

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1360,
    height: 860,
    title: '开放仪器创新券工作台',
    show: false,
    // The three key options are repeated literally so static scanners (electronegativity) see them;
    // hardening.test.ts checks they agree with WEB_PREFERENCES.
    webPreferences: { ...WEB_PREFERENCES, contextIsolation: true, nodeIntegration: false, sandbox: true, preload: path.join(__dirname, 'preload.js') },
  });
  // The desk has no external links: every navigation and new window outside the app is denied.
  guardNavigation(mainWindow.webContents, rendererUrl);
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  void mainWindow.loadURL(rendererUrl);
}

/** Once a day, a desktop notification for items due within 3 days. */
function notifyDueSoon(): void {
  if (!core || core.locked || !Notification.isSupported()) return;
  try {
    const { items } = dueSoon(core.ctx, { withinDays: 3 });
    if (items.length > 0) new Notification({ title: '创新券期限提醒', body: `${items.length} 项将在 3 天内到期，请打开“到期提醒”查看。` }).show();
  } catch (e) {
    console.error('[due soon]', e);
  }
}

app.enableSandbox();

/** The OS keystore wraps the data key of a plain desk; Linux's 'basic_text' fallback is no keystore, so a key file is used instead. */
function osKeyStore(): PlainKeyStore | undefined {
  if (!safeStorage.isEncryptionAvailable()) return undefined;
  if (process.platform === 'linux' && safeStorage.getSelectedStorageBackend() === 'basic_text') return undefined;
  return {
    encrypt: (plain) => safeStorage.encryptString(plain.toString('base64')),
    decrypt: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
  };
}

app.whenReady().then(() => {
  denyAllPermissions(session.defaultSession);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // An encrypted database opens locked: the renderer shows the lock screen until security:unlock.
  // OIVD_DATA_DIR moves the data folder (portable installs, tests); the default is the user-data folder.
  const dataDir = process.env.OIVD_DATA_DIR ?? path.join(app.getPath('userData'), 'data');
  core = openCore({ dataDir, mode: 'electron', autoBackup: true, keyStore: osKeyStore() });
  registerIpc(ipcMain, (name, raw) => (core
    ? dispatch(core, handlers, name, raw)
    : Promise.resolve({ ok: false, error: { code: 'LOCKED', message: '数据库尚未打开 (database not open)' } })), isTrustedSender);
  Menu.setApplicationMenu(Menu.buildFromTemplate([
    { role: 'fileMenu', label: '文件' },
    { role: 'editMenu', label: '编辑' },
    { role: 'viewMenu', label: '视图' },
    { role: 'windowMenu', label: '窗口' },
  ]));
  createWindow();
  notifyDueSoon();
  setInterval(notifyDueSoon, 24 * 60 * 60 * 1000).unref();
  // The app may stay open for days: check hourly whether the daily backup is due.
  setInterval(() => { if (core && !core.locked) { try { backupIfDue(core.ctx); } catch (e) { console.error('[backup]', e); } } }, 60 * 60 * 1000).unref();
});

app.on('web-contents-created', (_e, contents) => guardNavigation(contents, rendererUrl));

app.on('window-all-closed', () => {
  core?.close();
  core = null;
  app.quit();
});
