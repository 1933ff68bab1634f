// The lock gate in front of the handler table: while the encrypted database is locked only the
// channels needed to unlock answer; everything else gets LOCKED without reaching a handler.
import type { Result } from '../../shared/result';
import type { Core } from '../app-core';
import { invoke } from '../handlers/invoke';
import type { HandlerTable } from '../handlers/types';

export const OPEN_WHEN_LOCKED: ReadonlySet<string> = new Set(['security:status', 'security:unlock', 'security:lock']);

export function dispatch(core: Core, handlers: HandlerTable, name: string, raw: unknown): Promise<Result<unknown>> {
  if (core.locked && !OPEN_WHEN_LOCKED.has(name)) {
    return Promise.resolve({ ok: false, error: { code: 'LOCKED', reason: 'desk.locked' } });
  }
  return invoke(handlers, core.ctx, name, raw);
}
