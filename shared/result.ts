// The one result envelope that crosses IPC; services throw AppFailure, the IPC wrapper turns it into this.

export type ErrorCode =
  | 'VALIDATION' // input does not match the contract or a field rule
  | 'RULE' // a policy rule refuses the change (article in `rule`)
  | 'NOT_FOUND'
  | 'CONFLICT' // overlapping booking, duplicate key, stale edit
  | 'DB_NEWER' // database written by a newer app version
  | 'LOCKED' // encrypted database not unlocked
  | 'FORBIDDEN' // sender or path not allowed
  | 'CANCELLED'
  | 'INTERNAL';

export interface FieldIssue {
  field: string;
  message: string;
  rule?: string;
  article?: string;
  row?: number;
}

export interface AppError {
  code: ErrorCode;
  message: string;
  field?: string;
  rule?: string;
  article?: string;
  issues?: FieldIssue[];
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export class AppFailure extends Error {
  readonly error: AppError;
  constructor(error: AppError) {
    super(error.message);
    this.name = 'AppFailure';
    this.error = error;
  }
}

export function fail(code: ErrorCode, message: string, extra: Omit<AppError, 'code' | 'message'> = {}): never {
  throw new AppFailure({ code, message, ...extra });
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}
