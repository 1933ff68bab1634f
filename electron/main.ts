import { app, BrowserWindow, ipcMain, Menu, Notification, session, shell, type IpcMainInvokeEvent } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { openCore, type Core } from './app-core';
import { handlers } from './handlers';
import { registerIpc } from './ipc';
import { CONTENT_SECURITY_POLICY } from './security/csp';
import { isAppUrl, WEB_PREFERENCES } from './security/window';

let core: Core | null = null;
let mainWindow: BrowserWindow | null = null;
const rendererIndex = path.join(__dirname, '..', 'renderer', 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).toString();

function isTrustedSender(event: IpcMainInvokeEvent): boolean {
  const frame = event.senderFrame;
  return Boolean(mainWindow && event.sender === mainWindow.webContents && frame && isAppUrl(frame.url, rendererUrl));
}

function createWindow(): void {
  mainWindow = new BrowserWindow({
    width: 1360,
    height: 860,
    title: '开放仪器创新券工作台',
    show: false,
    webPreferences: { ...WEB_PREFERENCES, preload: path.join(__dirname, 'preload.js') },
  });
  const wc = mainWindow.webContents;
  wc.on('will-navigate', (e, url) => { if (!isAppUrl(url, rendererUrl)) e.preventDefault(); });
  wc.on('will-redirect', (e) => e.preventDefault());
  wc.on('will-attach-webview', (e) => e.preventDefault());
  wc.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  void mainWindow.loadURL(rendererUrl);
}

function notifyDueSoon(): void {
  // Once a day a desktop notification for items due within 3 days; the dashboard service decides what is due.
  if (!core || !Notification.isSupported()) return;
  const due = (handlers as Record<string, unknown>)['dashboard:dueSoon'];
  if (typeof due !== 'function') return;
  Promise.resolve(due({ withinDays: 3 }, core.ctx))
    .then((items: unknown) => {
      const count = Array.isArray(items) ? items.length : Array.isArray((items as { items?: unknown[] })?.items) ? (items as { items: unknown[] }).items.length : 0;
      if (count > 0) new Notification({ title: '创新券期限提醒', body: `${count} 项将在 3 天内到期，请打开“到期提醒”查看。` }).show();
    })
    .catch(() => undefined);
}

app.enableSandbox();

app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  core = openCore({ dataDir: path.join(app.getPath('userData'), 'data'), mode: 'electron' });
  registerIpc(ipcMain, handlers, () => core?.ctx ?? null, isTrustedSender);
  Menu.setApplicationMenu(Menu.buildFromTemplate([
    { role: 'fileMenu', label: '文件' },
    { role: 'editMenu', label: '编辑' },
    { role: 'viewMenu', label: '视图' },
    { role: 'windowMenu', label: '窗口' },
  ]));
  createWindow();
  notifyDueSoon();
  setInterval(notifyDueSoon, 24 * 60 * 60 * 1000).unref();
});

app.on('web-contents-created', (_e, contents) => {
  contents.on('will-navigate', (ev, url) => { if (!isAppUrl(url, rendererUrl)) ev.preventDefault(); });
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
});

app.on('window-all-closed', () => {
  core?.close();
  core = null;
  app.quit();
});
