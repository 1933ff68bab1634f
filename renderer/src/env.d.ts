import type { Api } from '../../shared/ipc';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in browser mode, where an HTTP shim stands in. */
    api?: Api;
  }
}
export {};
