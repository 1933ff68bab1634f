import { channels } from '../../shared/ipc';

/** window.api: one function per contract channel and nothing else (kept out of preload.ts so tests can import it). */
/** A long call may pass a job token as its second argument (a string only), for job:progress / job:cancel. */
export function buildPreloadApi(call: (channel: string, input: unknown, jobToken?: string) => Promise<unknown>): Record<string, (input: unknown, jobToken?: unknown) => Promise<unknown>> {
  return Object.freeze(Object.fromEntries(channels.map((c) => [c, (input: unknown, jobToken?: unknown) =>
    (typeof jobToken === 'string' ? call(c, input, jobToken) : call(c, input))])));
}
