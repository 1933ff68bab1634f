import type { IpcMain, IpcMainInvokeEvent } from 'electron';
import { channels } from '../shared/ipc';
import type { Result } from '../shared/result';

/**
 * Registers every channel of the contract through one wrapper: the sender must be the app's own
 * main frame, then `dispatch` (lock gate, zod parse, handler, result envelope) answers.
 */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  dispatch: (channel: string, raw: unknown, jobToken?: unknown) => Promise<Result<unknown>>,
  isTrustedSender: (event: IpcMainInvokeEvent) => boolean,
): string[] {
  for (const name of channels) {
    ipcMain.handle(name, async (event, raw: unknown, jobToken?: unknown) => {
      if (!isTrustedSender(event)) return { ok: false, error: { code: 'FORBIDDEN', reason: 'session.unknownSender' } };
      // A long call carries the token the window asks its progress with (job:progress / job:cancel).
      return jobToken === undefined ? dispatch(name, raw) : dispatch(name, raw, jobToken);
    });
  }
  return [...channels];
}
