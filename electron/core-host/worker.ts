// Browser mode: the core host in a worker thread of the server process.
import { parentPort, workerData } from 'node:worker_threads';
import { serveCore } from './host';
import type { HostOptions } from './protocol';

if (parentPort) {
  const port = parentPort;
  const { options, cancelBuffer } = workerData as { options: HostOptions; cancelBuffer?: SharedArrayBuffer };
  serveCore(
    { postMessage: (m) => port.postMessage(m), onMessage: (l) => port.on('message', l) },
    options,
    cancelBuffer ? new Int32Array(cancelBuffer) : undefined,
  );
}
