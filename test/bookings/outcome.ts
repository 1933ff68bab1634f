import { AppFailure, type AppError } from '../../shared/result';

/** Runs a service call and reports its typed refusal (or success) so tables can compare outcomes. */
export function outcome(fn: () => unknown): { ok: true } | ({ ok: false } & AppError) {
  try {
    fn();
    return { ok: true };
  } catch (e) {
    if (e instanceof AppFailure) return { ok: false, ...e.error };
    throw e;
  }
}
