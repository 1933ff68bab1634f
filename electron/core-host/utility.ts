// Electron: the core host in a utility process (a Node process Electron starts and supervises).
// The main process sends the host options as the first message, then calls.
import { serveCore } from './host';
import type { HostOptions } from './protocol';

interface ParentPortLike {
  on(event: 'message', listener: (e: { data: unknown }) => void): void;
  postMessage(message: unknown): void;
}

const parentPort = (process as unknown as { parentPort?: ParentPortLike }).parentPort;

if (parentPort) {
  let started = false;
  const listeners: ((m: unknown) => void)[] = [];
  parentPort.on('message', (e) => {
    const data = e.data as { t?: string; options?: HostOptions };
    if (!started && data.t === 'init' && data.options) {
      started = true;
      serveCore({
        postMessage: (m) => {
          parentPort.postMessage(m);
          // The host closed the database and released the folder: the process has nothing left to do.
          if ((m as { t?: string }).t === 'closed' || (m as { t?: string }).t === 'failed') setTimeout(() => process.exit(0), 20);
        },
        onMessage: (l) => listeners.push(l),
      }, data.options);
      return;
    }
    for (const l of listeners) l(e.data);
  });
}
