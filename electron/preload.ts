// Builds window.api from the contract's channel names and nothing else.
import { contextBridge, ipcRenderer } from 'electron';
import { channels } from '../shared/ipc';

export function buildPreloadApi(call: (channel: string, input: unknown) => Promise<unknown>): Record<string, (input: unknown) => Promise<unknown>> {
  return Object.fromEntries(channels.map((c) => [c, (input: unknown) => call(c, input)]));
}

contextBridge.exposeInMainWorld('api', buildPreloadApi((c, input) => ipcRenderer.invoke(c, input)));
