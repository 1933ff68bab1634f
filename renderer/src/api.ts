import { channels, type Api, type Channel, type ChannelInput, type ChannelOutput } from '../../shared/ipc';
import type { AppError, Result } from '../../shared/result';
import { useLocale } from './i18n';
import { describeError } from './i18n-errors';

const TOKEN_KEY = 'desk-token';

/** Browser mode: the launch URL carries #token=…; keep it for this tab and drop it from the address bar. */
function takeToken(): string {
  const match = /token=([0-9a-f]+)/.exec(window.location.hash);
  if (match) {
    sessionStorage.setItem(TOKEN_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(TOKEN_KEY) ?? '';
}

function httpApi(): Api {
  const token = takeToken();
  const entries = channels.map((c) => [c, async (input: unknown): Promise<Result<unknown>> => {
    try {
      const res = await fetch(`./api/${encodeURIComponent(c)}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-desk-token': token },
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
