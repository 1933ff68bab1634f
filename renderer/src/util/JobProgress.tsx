// Progress of a long job with its 取消 / Cancel button: one component for every page that starts
// one (catalog import, packet batch, reseal after a key change, exports, lab package import).
// `useJob` runs a channel under a job token and polls `job:progress`, which the window side
// answers without waiting behind the job; cancelling rolls the job's transaction back.
import { Button, Progress, Space } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Channel, ChannelInput, ChannelOutput } from '../../../shared/ipc';
import { ApiError, call, callJob } from '../api';
import { fmt, useT } from '../i18n';

export type JobPhase = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobView {
  done: number;
  total: number;
  state: JobPhase;
  /** Shown beside the bar when the job failed (already worded in the chosen language). */
  error?: string;
}

const L = {
  zh: { working: '正在处理…', count: '{done}/{total}', cancel: '取消', cancelling: '正在取消…', cancelled: '已取消，未作任何更改', failed: '未完成', done: '已完成' },
  en: { working: 'Working…', count: '{done}/{total}', cancel: 'Cancel', cancelling: 'Cancelling…', cancelled: 'Cancelled; nothing was changed', failed: 'Not completed', done: 'Done' },
};

const POLL_MS = 250;

/** The bar and, while the job runs and can be stopped, the 取消 / Cancel button. */
export function JobProgress({ job, onCancel, cancelling = false, testId = 'job-progress' }: {
  job: JobView | null;
  /** Absent when the job cannot be stopped (a key change always finishes). */
  onCancel?: () => void;
  cancelling?: boolean;
  testId?: string;
}) {
  const t = useT(L);
  if (!job) return null;
  const percent = job.total > 0 ? Math.min(100, Math.floor((job.done / job.total) * 100)) : 0;
  const status = job.state === 'failed' ? 'exception' : job.state === 'done' ? 'success' : job.state === 'cancelled' ? 'normal' : 'active';
  return (
    <Space data-testid={testId} role="status" aria-live="polite" wrap>
      <Progress style={{ width: 220 }} size="small" percent={job.state === 'done' ? 100 : percent} status={status}
        format={() => (job.total > 0 ? fmt(t.count, { done: job.done, total: job.total }) : t.working)} />
      {job.state === 'running' && onCancel && (
        <Button size="small" danger onClick={onCancel} disabled={cancelling} data-testid={`${testId}-cancel`}>
          {cancelling ? t.cancelling : t.cancel}
        </Button>
      )}
      {job.state === 'cancelled' && <span>{t.cancelled}</span>}
      {job.state === 'failed' && <span>{job.error ? `${t.failed}：${job.error}` : t.failed}</span>}
    </Space>
  );
}

function newToken(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** True when a job's call ended because the user cancelled it. */
export function isCancelled(e: unknown): boolean {
  return e instanceof ApiError && e.error.code === 'CANCELLED';
}

/**
 * Runs long calls with progress and cancel. `run` resolves with the channel's value or throws
 * the ApiError (CANCELLED when the user cancelled: check with isCancelled).
 */
export function useJob() {
  const [job, setJob] = useState<JobView | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const token = useRef<string | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  const stopPolling = () => {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
  };
  useEffect(() => () => stopPolling(), []);

  const run = useCallback(async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const mine = newToken();
    token.current = mine;
    setCancelling(false);
    setJob({ done: 0, total: 0, state: 'running' });
    stopPolling();
    timer.current = setInterval(() => {
      void call('job:progress', { token: mine }).then((p) => {
        if (token.current === mine && p.state === 'running') setJob((j) => (j?.state === 'running' ? { ...j, done: p.done, total: p.total } : j));
      }).catch(() => undefined); // a missed poll only delays the bar
    }, POLL_MS);
    try {
      const value = await callJob(channel, input, mine);
      if (token.current === mine) setJob((j) => ({ done: j?.total ?? 0, total: j?.total ?? 0, state: 'done' }));
      return value;
    } catch (e) {
      if (token.current === mine) {
        setJob((j) => ({ done: j?.done ?? 0, total: j?.total ?? 0, state: isCancelled(e) ? 'cancelled' : 'failed', error: isCancelled(e) ? undefined : (e as Error).message }));
      }
      throw e;
    } finally {
      if (token.current === mine) stopPolling();
      setCancelling(false);
    }
  }, []);

  const cancel = useCallback(() => {
    const current = token.current;
    if (!current) return;
    setCancelling(true);
    void call('job:cancel', { token: current }).catch(() => setCancelling(false));
  }, []);

  const clear = useCallback(() => { token.current = null; stopPolling(); setJob(null); }, []);

  return { job, running: job?.state === 'running', cancelling, run, cancel, clear };
}
