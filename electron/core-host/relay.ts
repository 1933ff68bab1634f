// Electron's utility process cannot share memory with the main process, and a cancel message
// would wait until a running synchronous loop ends. So the utility process runs the host in a
// worker thread and relays messages both ways, setting the shared cancel flag itself when a
// cancel arrives: the running loop sees it at its next step.
import type { Worker } from 'node:worker_threads';
import { spawnWorker } from './client';
import type { HostOptions, PortLike, ToHost } from './protocol';

export interface Relay {
  worker: Worker;
  /** Resolves when the worker has ended (after `closed` or `failed`, or a crash). */
  ended: Promise<number>;
}

export function relayToWorker(parent: PortLike, options: HostOptions, start: (workerData: unknown) => Worker = spawnWorker): Relay {
  const cancelBuffer = new SharedArrayBuffer(4);
  const cancelFlag = new Int32Array(cancelBuffer);
  const worker = start({ options, cancelBuffer });
  let finished = false;
  worker.on('message', (m: { t?: string }) => {
    parent.postMessage(m);
    if (m.t === 'closed' || m.t === 'failed') {
      finished = true;
      void worker.terminate();
    }
  });
  worker.on('error', (e) => parent.postMessage({ t: 'log', level: 'error', message: `[core] ${e instanceof Error ? e.stack ?? e.message : String(e)}` }));
  parent.onMessage((raw) => {
    const m = raw as ToHost;
    if (m.t === 'cancel') Atomics.store(cancelFlag, 0, m.id);
    worker.postMessage(m);
  });
  const ended = new Promise<number>((resolve) => worker.once('exit', (code) => resolve(finished ? 0 : code || 1)));
  return { worker, ended };
}
