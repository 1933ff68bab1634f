// Progress and cancellation for the call the core host is running. A long service loop calls
// jobStep(done, total): the window side sees progress, and a cancel from the window side makes
// the step throw CANCELLED, so the service's transaction rolls back and nothing is written.
// Outside a core host (tests, scripts) both are no-ops.
import { AsyncLocalStorage } from 'node:async_hooks';
import { AppFailure } from '../../shared/result';

export interface RunningJob {
  progress(done: number, total: number): void;
  cancelled(): boolean;
}

// Follows the call across its awaits (a service may read its file before its loop starts).
const running = new AsyncLocalStorage<RunningJob>();

/** Runs fn with `job` as the current call's job (the host wraps every call in it). */
export function withJob<T>(job: RunningJob, fn: () => T): T {
  return running.run(job, fn);
}

/** Reports progress of the running call and stops it when the user cancelled it. */
export function jobStep(done: number, total: number): void {
  const current = running.getStore();
  if (!current) return;
  if (current.cancelled()) throw new AppFailure({ code: 'CANCELLED', reason: 'job.cancelled' });
  current.progress(done, total);
}

/** Whether the user cancelled the running call (a call waiting on another thread polls it). */
export function jobCancelled(): boolean {
  return running.getStore()?.cancelled() ?? false;
}
