import { z } from 'zod';
import { contract, type Channel } from '../../shared/ipc';
import { issuesOfZod } from '../../shared/issues';
import { AppFailure, type AppError, type FieldIssue, type Result } from '../../shared/result';
import type { HandlerContext, HandlerTable } from './types';

function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Maps SQLite constraint failures that slipped past service checks to typed errors. */
function sqliteError(e: unknown): AppError | null {
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  if (code.startsWith('SQLITE_CONSTRAINT')) {
    // The constraint's name is diagnostic, not a message: "UNIQUE constraint failed: contracts.number".
    const m = /constraint failed: ([\w.]+)/i.exec((e as Error).message);
    return { code: 'CONFLICT', reason: 'db.constraint', params: { constraint: m?.[1] ?? code } };
  }
  if (code === 'SQLITE_BUSY') return { code: 'CONFLICT', reason: 'db.busy' };
  return null;
}

/** A VALIDATION error naming every refused field; the first one is the error's own field. */
export function validationError(issues: FieldIssue[]): AppError {
  const first = issues[0] ?? { field: '(input)', reason: 'field.invalid' };
  const error: AppError = { code: 'VALIDATION', reason: first.reason, field: first.field, issues };
  if (first.params) error.params = first.params;
  if (first.row !== undefined) error.row = first.row;
  if (first.message) error.message = first.message;
  return error;
}

/**
 * The single wrapper every call goes through, in Electron and in browser mode: unknown channel
 * refused, input parsed with zod, handler run, any failure returned as a typed error.
 */
export async function invoke(handlers: HandlerTable, ctx: HandlerContext, name: string, raw: unknown): Promise<Result<unknown>> {
  if (!isChannel(name)) return { ok: false, error: { code: 'FORBIDDEN', reason: 'ipc.unknownChannel', params: { channel: name.slice(0, 80) } } };
  let parsed: ReturnType<(typeof contract)[Channel]['input']['safeParse']>;
  try {
    parsed = contract[name].input.safeParse(raw ?? {});
  } catch (e) {
    // A refinement that throws on hostile input is a schema bug, but the boundary must still answer, not crash.
    console.error(`[${name}] schema threw`, e);
    return { ok: false, error: { code: 'VALIDATION', reason: 'ipc.unparseable', field: '(input)' } };
  }
  if (!parsed.success) return { ok: false, error: validationError(issuesOfZod(parsed.error, raw ?? {})) };
  try {
    const handler = handlers[name] as (input: unknown, c: HandlerContext) => unknown;
    const value = await handler(parsed.data, ctx);
    return { ok: true, value };
  } catch (e) {
    if (e instanceof AppFailure) return { ok: false, error: e.error };
    if (e instanceof z.ZodError) {
      // A service that re-validates derived data with zod refused it: that is a validation answer.
      return { ok: false, error: validationError(issuesOfZod(e)) };
    }
    const mapped = sqliteError(e);
    if (mapped) return { ok: false, error: mapped };
    console.error(`[${name}]`, e);
    return { ok: false, error: { code: 'INTERNAL', reason: 'internal.unexpected' } };
  }
}
