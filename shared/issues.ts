// zod issues → reasons with params, the same on both sides: the renderer validates a form with the
// schema the service parses it with, and both word the refusal from the same reason.
import type { z } from 'zod';
import type { FieldIssue, Params, ParamValue } from './result';

/** A dotted catalog key ('field.tooLong', 'date.impossible'); schemas put one as their message. */
export const REASON_KEY = /^[a-z][a-zA-Z0-9]*(\.[a-zA-Z0-9_]+)+$/;

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v = root;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
}

function asParam(v: unknown): ParamValue | undefined {
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : String(v);
  if (typeof v === 'bigint') return String(v);
  if (Array.isArray(v)) return v.filter((x) => typeof x === 'string' || typeof x === 'number') as (string | number)[];
  return undefined;
}

function paramsOf(extra: Record<string, unknown> | undefined): Params {
  const out: Params = {};
  for (const [k, v] of Object.entries(extra ?? {})) {
    const p = asParam(v);
    if (p !== undefined) out[k] = p;
  }
  return out;
}

/** One zod issue as a reason with params. `raw` is the parsed input (to tell "missing" from "wrong"). */
export function reasonOfIssue(issue: z.core.$ZodIssue, raw?: unknown): { reason: string; params: Params } {
  const custom = REASON_KEY.test(issue.message) ? issue.message : null;
  const base = paramsOf('params' in issue ? (issue.params as Record<string, unknown>) : undefined);
  const withBase = (reason: string, params: Params = {}) => ({ reason: custom ?? reason, params: { ...params, ...base } });
  switch (issue.code) {
    case 'too_big': {
      const max = asParam(issue.maximum) ?? null;
      const inclusive = issue.inclusive !== false;
      if (issue.origin === 'string') return withBase('field.tooLong', { max });
      if (issue.origin === 'array' || issue.origin === 'set') return withBase('field.tooMany', { max });
      if (issue.origin === 'date') return withBase('field.tooLate', { max });
      return withBase(inclusive ? 'field.tooBig' : 'field.notBelow', { max });
    }
    case 'too_small': {
      const min = asParam(issue.minimum) ?? null;
      const inclusive = issue.inclusive !== false;
      if (issue.origin === 'string') return withBase(min === 1 ? 'field.required' : 'field.tooShort', { min });
      if (issue.origin === 'array' || issue.origin === 'set') return withBase(min === 1 ? 'field.required' : 'field.tooFew', { min });
      if (issue.origin === 'date') return withBase('field.tooEarly', { min });
      if (min === 0 && inclusive) return withBase('field.negative', { min });
      return withBase(inclusive ? 'field.tooSmall' : 'field.notAbove', { min });
    }
    case 'invalid_type': {
      const value = valueAt(raw, issue.path);
      if (issue.expected === 'int') return withBase('field.integer');
      if (value === undefined || value === null) return withBase('field.required', { expected: issue.expected });
      if (issue.expected === 'number' && typeof value === 'number') return withBase('field.notFinite');
      if (issue.expected === 'number' && typeof value === 'string') return withBase('field.notNumber', { value });
      return withBase('field.invalidType', { expected: issue.expected });
    }
    case 'invalid_format':
      if (issue.format === 'email') return withBase('field.email');
      return withBase('field.format', { format: issue.format });
    case 'invalid_value':
      return withBase('field.oneOf', { values: issue.values.map((v) => String(v)) });
    case 'not_multiple_of':
      return withBase('field.multipleOf', { divisor: asParam(issue.divisor) ?? null });
    case 'unrecognized_keys':
      return withBase('field.unknownKeys', { keys: issue.keys });
    case 'custom':
      // Prose of a schema not yet converted travels as legacy `message` (see issuesOfZod).
      return withBase(issue.message && !custom ? 'legacy' : 'field.invalid');
    default:
      return withBase('field.invalid');
  }
}

/** All issues of a zod error as field issues (at most `limit`); the path becomes the dotted field. */
export function issuesOfZod(error: z.ZodError, raw?: unknown, limit = 50): FieldIssue[] {
  return error.issues.slice(0, limit).map((i) => {
    const { reason, params } = reasonOfIssue(i, raw);
    const field = i.path.map(String).join('.') || '(input)';
    const rowIndex = i.path.findIndex((p) => typeof p === 'number');
    const issue: FieldIssue = { field, reason };
    if (Object.keys(params).length) issue.params = params;
    if (rowIndex >= 0) issue.row = i.path[rowIndex] as number;
    // Untouched custom prose of a schema not yet converted: keep it for the renderer's fallback.
    if (reason === 'legacy') issue.message = i.message;
    return issue;
  });
}
