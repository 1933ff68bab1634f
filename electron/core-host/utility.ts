// Electron: the core host in a utility process (a Node process Electron starts and supervises).
// The main process sends the host options as the first message, then calls; the host itself runs
// in a worker thread of this process (relay.ts), so a cancel reaches a running job at its next step.
import type { HostOptions } from './protocol';
import { relayToWorker } from './relay';

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
      const relay = relayToWorker({
        postMessage: (m) => parentPort.postMessage(m),
        onMessage: (l) => listeners.push(l),
      }, data.options);
      // The host closed the database and released the folder (or could not open it): nothing left to do.
      void relay.ended.then((code) => setTimeout(() => process.exit(code), 20));
      return;
    }
    for (const l of listeners) l(e.data);
  });
}
