import { z } from 'zod';
import { contract, type Channel } from '../../shared/ipc';
import { AppFailure, type AppError, type FieldIssue, type Result } from '../../shared/result';
import type { HandlerContext, HandlerTable } from './types';

function isChannel(name: string): name is Channel {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Maps SQLite constraint failures that slipped past service checks to typed errors. */
function sqliteError(e: unknown): AppError | null {
  const code = (e as { code?: unknown }).code;
  if (typeof code !== 'string' || !code.startsWith('SQLITE_')) return null;
  const message = (e as Error).message;
  if (code.startsWith('SQLITE_CONSTRAINT')) return { code: 'CONFLICT', message: `数据约束不满足：${message}` };
  if (code === 'SQLITE_BUSY') return { code: 'CONFLICT', message: '数据库正忙，请稍后再试 (database busy)' };
  return null;
}

/**
 * The single wrapper every call goes through, in Electron and in browser mode: unknown channel
 * refused, input parsed with zod, handler run, any failure returned as a typed error.
 */
export async function invoke(handlers: HandlerTable, ctx: HandlerContext, name: string, raw: unknown): Promise<Result<unknown>> {
  if (!isChannel(name)) return { ok: false, error: { code: 'FORBIDDEN', message: `未知的调用通道 ${name.slice(0, 80)}` } };
  let parsed: ReturnType<(typeof contract)[Channel]['input']['safeParse']>;
  try {
    parsed = contract[name].input.safeParse(raw ?? {});
  } catch (e) {
    // A refinement that throws on hostile input is a schema bug, but the boundary must still answer, not crash.
    console.error(`[${name}] schema threw`, e);
    return { ok: false, error: { code: 'VALIDATION', message: '输入无法通过校验 (input could not be validated)', field: '(input)' } };
  }
  if (!parsed.success) {
    const issues: FieldIssue[] = parsed.error.issues.slice(0, 50).map((i) => ({
      field: i.path.map(String).join('.') || '(input)',
      message: i.message,
    }));
    const first = issues[0];
    return {
      ok: false,
      error: { code: 'VALIDATION', message: `${first.field}：${first.message}`, field: first.field, issues },
    };
  }
  try {
    const handler = handlers[name] as (input: unknown, c: HandlerContext) => unknown;
    const value = await handler(parsed.data, ctx);
    return { ok: true, value };
  } catch (e) {
    if (e instanceof AppFailure) return { ok: false, error: e.error };
    if (e instanceof z.ZodError) {
      // A service that re-validates derived data with zod refused it: that is a validation answer.
      const first = e.issues[0];
      const field = first?.path.map(String).join('.') || '(input)';
      return { ok: false, error: { code: 'VALIDATION', message: `${field}：${first?.message ?? 'invalid'}`, field } };
    }
    const mapped = sqliteError(e);
    if (mapped) return { ok: false, error: mapped };
    console.error(`[${name}]`, e);
    return { ok: false, error: { code: 'INTERNAL', message: '内部错误，操作未完成 (internal error; nothing was changed)' } };
  }
}
