// Types only: the contract's zod schemas (and zod itself) stay out of the renderer's start-up script.
import type { Api, Channel, ChannelInput, ChannelOutput } from '../../shared/ipc';
import type { AppError, Result } from '../../shared/result';
import { useLocale } from './i18n';
import { describeError } from './i18n-errors';

/**
 * Browser mode: the server exchanged the launch code for an HttpOnly session cookie the page
 * never sees; every call sends it (same origin) with the desk's own header. The channel is the
 * property read (`api['catalog:list']`), so the renderer needs no runtime list of the contract's
 * channels; a channel the contract lacks is refused by the server.
 */
function httpApi(): Api {
  const callers = new Map<string, (input: unknown, jobToken?: string) => Promise<Result<unknown>>>();
  const callerOf = (c: string) => {
    let fn = callers.get(c);
    if (!fn) {
      fn = async (input: unknown, jobToken?: string): Promise<Result<unknown>> => {
        try {
          const res = await fetch(`./api/${encodeURIComponent(c)}`, {
            method: 'POST',
            credentials: 'same-origin',
            headers: { 'content-type': 'application/json', 'x-desk-call': '1', ...(jobToken ? { 'x-desk-job': jobToken } : {}) },
            body: JSON.stringify(input ?? {}),
          });
          return (await res.json()) as Result<unknown>;
        } catch (e) {
          return { ok: false, error: { code: 'INTERNAL', reason: 'net.unreachable', params: { detail: (e as Error).message } } };
        }
      };
      callers.set(c, fn);
    }
    return fn;
  };
  return new Proxy({} as Api, {
    // Channels are `domain:verb`; anything else (e.g. a `then` probe) is not a channel.
    get: (_target, c) => (typeof c === 'string' && c.includes(':') ? callerOf(c) : undefined),
  });
}

export const api: Api = window.api ?? httpApi();

/** A refused call. Its `message` is the refusal worded in the language chosen when it arrived. */
export class ApiError extends Error {
  readonly error: AppError;
  constructor(error: AppError) {
    super(describeError(error, useLocale.getState().locale));
    this.error = error;
  }
}

/** Calls a channel and returns its value, or throws ApiError carrying the typed error. */
export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  const fn = api[channel] as (i: ChannelInput<C>) => Promise<Result<ChannelOutput<C>>>;
  const result = await fn(input);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}

/**
 * Calls a long-running channel under `jobToken`: while it runs, `job:progress` / `job:cancel` with
 * the same token are answered by the window side (Electron main process or the browser-mode server).
 */
export async function callJob<C extends Channel>(channel: C, input: ChannelInput<C>, jobToken: string): Promise<ChannelOutput<C>> {
  const fn = api[channel] as unknown as (i: ChannelInput<C>, token: string) => Promise<Result<ChannelOutput<C>>>;
  const result = await fn(input, jobToken);
  if (!result.ok) throw new ApiError(result.error);
  return result.value;
}
