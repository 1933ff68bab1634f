// The window side of the core host: calls go out as messages and come back as results, so the
// Electron main process and the browser-mode server never run SQL on their own thread.
import { Worker } from 'node:worker_threads';
import type { Result } from '../../shared/result';
import type { FromHost, HostOptions, PortLike, StartupFailure } from './protocol';
import { startWorkerThread } from '../worker-thread';

export class StartupError extends Error {
  readonly failure: StartupFailure;
  constructor(failure: StartupFailure) {
    super(`${failure.kind}: ${failure.detail}`);
    this.name = 'StartupError';
    this.failure = failure;
  }
}

export interface CallOptions {
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface CoreClient {
  /** Resolves when the desk is open; rejects with StartupError saying why it could not open. */
  ready: Promise<void>;
  call(channel: string, input: unknown, options?: CallOptions): Promise<Result<unknown>>;
  /** Round trip to the host in ms (answers between calls: it measures the host's queue). */
  ping(): Promise<number>;
  onLocked(listener: (reason: 'idle') => void): void;
  onLog(listener: (level: 'info' | 'warn' | 'error', message: string) => void): void;
  /** The host went away (crash or exit): every waiting call is answered INTERNAL. */
  hostGone(detail: string): void;
  close(): Promise<void>;
}

const GONE: Result<unknown> = { ok: false, error: { code: 'INTERNAL', reason: 'core.gone' } };

export function createCoreClient(port: PortLike, cancelFlag?: Int32Array): CoreClient {
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: Result<unknown>) => void; onProgress?: CallOptions['onProgress'] }>();
  const pings = new Map<number, { at: number; resolve: (ms: number) => void }>();
  const lockedListeners: ((reason: 'idle') => void)[] = [];
  const logListeners: ((level: 'info' | 'warn' | 'error', message: string) => void)[] = [];
  let gone = false;
  let settleReady!: { resolve: () => void; reject: (e: Error) => void };
  let closedResolve: (() => void) | null = null;
  const ready = new Promise<void>((resolve, reject) => { settleReady = { resolve, reject }; });
  ready.catch(() => undefined); // the owner awaits it; an unobserved start-up failure must not crash the process

  port.onMessage((raw) => {
    const m = raw as FromHost;
    switch (m.t) {
      case 'ready': settleReady.resolve(); break;
      case 'failed': settleReady.reject(new StartupError(m.failure)); break;
      case 'result': {
        const p = pending.get(m.id);
        pending.delete(m.id);
        p?.resolve(m.result);
        break;
      }
      case 'progress': pending.get(m.id)?.onProgress?.(m.done, m.total); break;
      case 'pong': {
        const p = pings.get(m.id);
        pings.delete(m.id);
        p?.resolve(performance.now() - p.at);
        break;
      }
      case 'locked': for (const l of lockedListeners) l(m.reason); break;
      case 'log': for (const l of logListeners) l(m.level, m.message); break;
      case 'closed': closedResolve?.(); break;
    }
  });

  const client: CoreClient = {
    ready,
    call(channel, input, options = {}) {
      if (gone) return Promise.resolve(GONE);
      const id = nextId++;
      return new Promise<Result<unknown>>((resolve) => {
        pending.set(id, { resolve, onProgress: options.onProgress });
        const { signal } = options;
        if (signal) {
          const cancel = () => {
            if (!pending.has(id)) return;
            if (cancelFlag) Atomics.store(cancelFlag, 0, id);
            port.postMessage({ t: 'cancel', id });
          };
          if (signal.aborted) queueMicrotask(cancel);
          else signal.addEventListener('abort', cancel, { once: true });
        }
        port.postMessage({ t: 'call', id, channel, input });
      });
    },
    ping() {
      const id = nextId++;
      return new Promise<number>((resolve) => {
        pings.set(id, { at: performance.now(), resolve });
        port.postMessage({ t: 'ping', id });
      });
    },
    onLocked(l) { lockedListeners.push(l); },
    onLog(l) { logListeners.push(l); },
    hostGone(detail) {
      if (gone) return;
      gone = true;
      settleReady.reject(new StartupError({ kind: 'other', detail, dataDir: '' }));
      for (const p of pending.values()) p.resolve(GONE);
      pending.clear();
      closedResolve?.();
    },
    close() {
      if (gone) return Promise.resolve();
      return new Promise<void>((resolve) => {
        closedResolve = () => { gone = true; resolve(); };
        port.postMessage({ t: 'close' });
      });
    },
  };
  return client;
}

/**
 * The client's calls made to wait for the desk's open: the window loads its renderer while the host
 * opens the desk, and a call it makes meanwhile is sent once the desk is open. If the desk cannot
 * open, such a call is answered INTERNAL `core.gone` (the owner shows why the desk could not open).
 */
export function callsAfterOpen(client: Pick<CoreClient, 'ready' | 'call'>): Pick<CoreClient, 'call'> {
  let open = false;
  void client.ready.then(() => { open = true; }, () => undefined);
  return {
    call(channel, input, options) {
      if (open) return client.call(channel, input, options);
      return client.ready.then(() => client.call(channel, input, options), () => GONE);
    },
  };
}

/**
 * The worker thread running the host: the bundled core-host-worker.js beside the built server,
 * or, when running from the TypeScript sources (tests, tsx), worker.ts through tsx.
 */
export function spawnWorker(workerData: unknown): Worker {
  return startWorkerThread(__dirname, { built: 'core-host-worker.js', source: 'worker.ts' }, { workerData });
}

/** Browser mode: the core host in a worker thread of this process. */
export function startWorkerCore(options: HostOptions): CoreClient & { worker: Worker } {
  const cancelBuffer = new SharedArrayBuffer(4);
  const worker = spawnWorker({ options, cancelBuffer });
  const client = createCoreClient(
    { postMessage: (m) => worker.postMessage(m), onMessage: (l) => worker.on('message', l) },
    new Int32Array(cancelBuffer),
  );
  worker.on('error', (e) => client.hostGone(e instanceof Error ? e.stack ?? e.message : String(e)));
  worker.on('exit', (code) => client.hostGone(`core host exited (${code})`));
  const close = client.close.bind(client);
  return Object.assign(client, {
    worker,
    close: async () => {
      await close();
      await worker.terminate();
    },
  });
}
