// The window side's view of long calls. The renderer makes up a token for a long call; while the
// core host works on it, `job:progress` and `job:cancel` with that token are answered here, on the
// window side's own thread, so neither waits behind the job they ask about.
import { systemChannels, type JobProgress } from '../../shared/ipc/system';
import type { Result } from '../../shared/result';
import type { CoreClient } from './client';

const JOB_CHANNELS: ReadonlySet<string> = new Set(['job:progress', 'job:cancel']);

interface Held {
  done: number;
  total: number;
  abort: AbortController;
}

export interface JobDesk {
  /** Forwards a call to the core host; with a token, records its progress and lets it be cancelled. */
  call(channel: string, raw: unknown, token?: unknown, signal?: AbortSignal): Promise<Result<unknown>>;
  /** Cancels every call still held (the window that made them went away). */
  cancelAll(): void;
}

export function createJobDesk(client: Pick<CoreClient, 'call'>): JobDesk {
  const held = new Map<string, Held>();

  const view = (token: string): JobProgress => {
    const h = held.get(token);
    return h ? { token, state: 'running', done: h.done, total: h.total } : { token, state: 'unknown', done: 0, total: 0 };
  };

  const answerJobChannel = (channel: string, raw: unknown): Result<unknown> => {
    const parsed = systemChannels['job:progress'].input.safeParse(raw);
    if (!parsed.success) {
      return { ok: false, error: { code: 'VALIDATION', reason: 'job.token', field: 'token', rule: 'job.token' } };
    }
    const { token } = parsed.data;
    if (channel === 'job:cancel') held.get(token)?.abort.abort();
    return { ok: true, value: view(token) };
  };

  return {
    call(channel, raw, token, signal) {
      if (JOB_CHANNELS.has(channel)) return Promise.resolve(answerJobChannel(channel, raw));
      const parsedToken = systemChannels['job:progress'].input.shape.token.safeParse(token);
      if (token === undefined || !parsedToken.success || held.has(parsedToken.data)) return client.call(channel, raw, { signal });
      const key = parsedToken.data;
      const entry: Held = { done: 0, total: 0, abort: new AbortController() };
      if (signal?.aborted) entry.abort.abort();
      else signal?.addEventListener('abort', () => entry.abort.abort(), { once: true });
      held.set(key, entry);
      return client.call(channel, raw, {
        signal: entry.abort.signal,
        onProgress: (done, total) => { entry.done = done; entry.total = total; },
      }).finally(() => held.delete(key));
    },
    cancelAll() {
      for (const h of held.values()) h.abort.abort();
    },
  };
}
