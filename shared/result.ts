// The one result envelope that crosses IPC. Services throw AppFailure (through `refuse`), the IPC
// wrapper turns it into this. An error carries a stable dotted `reason` and the `params` its
// message needs, never prose: the renderer words it in the chosen language with the form's label.

export type ErrorCode =
  | 'VALIDATION' // input does not match the contract or a field rule
  | 'RULE' // a policy rule refuses the change (rule id in `rule`, article in `article`)
  | 'NOT_FOUND'
  | 'CONFLICT' // overlapping booking, duplicate key, stale edit
  | 'DB_NEWER' // database written by a newer app version
  | 'LOCKED' // encrypted database not unlocked
  | 'FORBIDDEN' // sender or path not allowed
  | 'CANCELLED'
  | 'INTERNAL';

/** Values a message may interpolate: numbers, names, dates, lists of them. */
export type ParamValue = string | number | boolean | null | readonly (string | number)[];
export type Params = Record<string, ParamValue>;

/** One field's refusal. `row` is the index of a table row (e.g. the voucher row of a contract). */
export interface FieldIssue {
  field: string;
  /** Absent only on legacy issues worded in `message`. */
  reason?: string;
  params?: Params;
  rule?: string;
  article?: string;
  /** Document number of the policy the article belongs to, e.g. 京科发〔2023〕16号. */
  document?: string;
  row?: number;
  /** Legacy prose (only errors still raised through `fail`); the renderer prefers `reason`. */
  message?: string;
}

export interface AppError {
  code: ErrorCode;
  /**
   * Stable dotted key such as 'contract.voucher.over50' or 'field.tooLong'. Absent (or 'legacy')
   * only on errors still worded in prose, which then carry `message`.
   */
  reason?: string;
  params?: Params;
  field?: string;
  rule?: string;
  article?: string;
  document?: string;
  row?: number;
  issues?: FieldIssue[];
  /** Legacy prose (only errors still raised through `fail`); the renderer prefers `reason`. */
  message?: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

export class AppFailure extends Error {
  readonly error: AppError;
  constructor(error: AppError) {
    super(error.message ?? describeForLog(error));
    this.name = 'AppFailure';
    this.error = error;
  }
}

/** A one-line, language-neutral rendering for logs and test failures (never shown to users). */
export function describeForLog(error: Pick<AppError, 'code' | 'reason' | 'field' | 'params' | 'rule'>): string {
  const where = error.field ? ` @${error.field}` : '';
  const params = error.params && Object.keys(error.params).length ? ` ${JSON.stringify(error.params)}` : '';
  return `${error.code} ${error.reason ?? 'legacy'}${where}${params}`;
}

export interface RefuseExtra {
  field?: string;
  params?: Params;
  rule?: string;
  article?: string;
  document?: string;
  row?: number;
  issues?: FieldIssue[];
  /** Legacy wording kept as a fallback while a reason is not yet in the renderer's catalog. */
  message?: string;
}

/**
 * Refuses the call: nothing of the change may have been written. `reason` is a dotted key of the
 * renderer's message catalog; `params` the values it interpolates.
 */
export function refuse(code: ErrorCode, reason: string, extra: RefuseExtra = {}): never {
  const error: AppError = { code, reason };
  for (const [k, v] of Object.entries(extra)) if (v !== undefined) (error as unknown as Record<string, unknown>)[k] = v;
  if (!error.issues && error.field) {
    const { field, params, rule, article, document, row, message } = error;
    error.issues = [{ field, reason, ...(message ? { message } : {}), ...(params ? { params } : {}), ...(rule ? { rule } : {}), ...(article ? { article } : {}), ...(document ? { document } : {}), ...(row !== undefined ? { row } : {}) }];
  }
  throw new AppFailure(error);
}

/** Refuses with several field issues at once; the first one names the error. */
export function refuseAll(code: ErrorCode, issues: readonly FieldIssue[]): never {
  const [first] = issues;
  refuse(code, first.reason ?? 'field.invalid', {
    field: first.field, params: first.params, rule: first.rule, article: first.article, document: first.document, row: first.row,
    issues: [...issues], message: first.message,
  });
}

/**
 * Legacy: an error worded in prose. Kept so code not yet converted still builds; new code uses
 * `refuse`. The renderer shows `message` (its English part in English mode) under reason 'legacy'.
 */
export function fail(
  code: ErrorCode,
  message: string,
  extra: Omit<AppError, 'code' | 'message'> = {},
): never {
  throw new AppFailure({ code, reason: 'legacy', message, ...extra });
}

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}
