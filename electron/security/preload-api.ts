import { channels } from '../../shared/ipc';

/** window.api: one function per contract channel and nothing else (kept out of preload.ts so tests can import it). */
export function buildPreloadApi(call: (channel: string, input: unknown) => Promise<unknown>): Record<string, (input: unknown) => Promise<unknown>> {
  return Object.freeze(Object.fromEntries(channels.map((c) => [c, (input: unknown) => call(c, input)])));
}
