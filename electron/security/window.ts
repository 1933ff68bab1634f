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

/** The app's own page: the renderer's index on the app's own scheme and host (app://desk/index.html). */
export function isAppUrl(url: string, rendererIndexUrl: string): boolean {
  try {
    const u = new URL(url);
    const base = new URL(rendererIndexUrl);
    return (base.protocol === 'app:' || base.protocol === 'file:') && u.protocol === base.protocol && u.host === base.host && u.pathname === base.pathname;
  } catch {
    return false;
  }
}
