// Electron security checklist items written against minimal structural types, so tests can drive
// them with fakes (the Electron binary is not needed to check them).
import { isAppUrl } from './window';

export interface SenderLike {
  sender: unknown;
  senderFrame: { url: string } | null | undefined;
}

/** IPC is answered only for the app's own window showing the app's own page. */
export function makeSenderCheck(getWebContents: () => unknown, rendererUrl: string): (event: SenderLike) => boolean {
  return (event) => {
    const wc = getWebContents();
    const frame = event.senderFrame;
    return Boolean(wc && event.sender === wc && frame && isAppUrl(frame.url, rendererUrl));
  };
}

export interface PermissionSessionLike {
  setPermissionRequestHandler(handler: (wc: unknown, permission: string, callback: (granted: boolean) => void) => void): void;
  setPermissionCheckHandler(handler: (...args: unknown[]) => boolean): void;
}

/** No camera, microphone, notifications-from-web, geolocation, …: every request is denied. */
export function denyAllPermissions(session: PermissionSessionLike): void {
  session.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export interface ContentsLike {
  on(event: 'will-navigate' | 'will-redirect' | 'will-attach-webview', listener: (e: { preventDefault(): void }, url?: string) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Navigation stays on the app page; redirects and webviews are refused; new windows are never
 * opened (an https link goes to the system browser through `openExternal` when given).
 */
export function guardNavigation(contents: ContentsLike, rendererUrl: string, openExternal?: (url: string) => void): void {
  contents.on('will-navigate', (e, url) => { if (!isAppUrl(String(url), rendererUrl)) e.preventDefault(); });
  contents.on('will-redirect', (e) => e.preventDefault());
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (openExternal && /^https:\/\//i.test(url)) openExternal(url);
    return { action: 'deny' };
  });
}
