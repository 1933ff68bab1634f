import { channels, type Api, type Channel, type ChannelInput, type ChannelOutput } from '../../shared/ipc';
import type { AppError, Result } from '../../shared/result';
import { useLocale } from './i18n';
import { describeError } from './i18n-errors';

/**
 * Browser mode: the server exchanged the launch code for an HttpOnly session cookie the page
 * never sees; every call sends it (same origin) with the desk's own header.
 */
function httpApi(): Api {
  const entries = channels.map((c) => [c, async (input: unknown, jobToken?: string): Promise<Result<unknown>> => {
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
  }]);
  return Object.fromEntries(entries) as Api;
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
