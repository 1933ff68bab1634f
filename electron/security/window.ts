// The window baseline of the Electron security checklist, kept as data so a test can check it.
export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
  // Middle-click opens links in new windows: off (new windows are denied anyway).
  disableBlinkFeatures: 'Auxclick',
} as const;

/** The app's own pages: file:// from the packaged renderer folder only. */
export function isAppUrl(url: string, rendererIndexUrl: string): boolean {
  try {
    const u = new URL(url);
    const base = new URL(rendererIndexUrl);
    return u.protocol === 'file:' && u.pathname === base.pathname;
  } catch {
    return false;
  }
}
