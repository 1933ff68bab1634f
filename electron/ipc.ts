import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channels } from '../shared/ipc';
import type { HandlerContext, HandlerTable } from './handlers/types';
import { invoke } from './handlers/invoke';

/**
 * Registers every channel of the contract through one wrapper: the sender must be the app's own
 * main frame, then input is zod-parsed and the result comes back as the envelope.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: HandlerTable,
  getCtx: () => HandlerContext | null,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): string[] {
  for (const name of channels) {
    ipcMain.handle(name, async (event, raw: unknown) => {
      if (!isTrustedSender(event)) return { ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自未知页面的调用' } };
      const ctx = getCtx();
      if (!ctx) return { ok: false, error: { code: 'LOCKED', message: '数据库尚未解锁' } };
      return invoke(handlers, ctx, name, raw);
    });
  }
  return [...channels];
}
