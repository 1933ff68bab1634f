import { AppFailure, type AppError } from '../../shared/result';

/**
 * Runs fn and returns the AppFailure it throws. Anything else it throws is thrown on, and a call
 * that returns fails the test: a refusal the code no longer makes cannot pass unnoticed.
 */
export function failure(fn: () => unknown): AppFailure {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppFailure) return e;
    throw e;
  }
  throw new Error('expected an AppFailure, but the call returned');
}

/** The typed error (code, reason, field, params) of the AppFailure fn throws; see failure(). */
export function refusal(fn: () => unknown): AppError {
  return failure(fn).error;
}
