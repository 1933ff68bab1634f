// The IPC surface is one contract: its keys, the registered handlers and the preload's window.api
// must be the same set (a channel without a handler, or a handler nobody declared, fails here).
import { describe, expect, it } from 'vitest';
import { channels, contract } from '../../shared/ipc';
import { handlers } from '../../electron/handlers';
import { registerIpc } from '../../electron/ipc';
import { buildPreloadApi } from '../../electron/security/preload-api';

describe('IPC contract surface', () => {
  const contractKeys = Object.keys(contract).sort();

  it('contract keys == handler keys', () => {
    expect(Object.keys(handlers).sort()).toEqual(contractKeys);
  });

  it('every handler is a function', () => {
    for (const [name, fn] of Object.entries(handlers)) expect(typeof fn, name).toBe('function');
  });

  it('contract keys == preload keys == registered ipc channels', () => {
    expect(Object.keys(buildPreloadApi(async () => null)).sort()).toEqual(contractKeys);
    const registered: string[] = [];
    registerIpc({ handle: (name: string) => { registered.push(name); } } as never, async () => ({ ok: true, value: null }), () => true);
    expect(registered.sort()).toEqual(contractKeys);
    expect([...channels].sort()).toEqual(contractKeys);
  });

  it('channel names are domain:verb', () => {
    for (const name of contractKeys) expect(name).toMatch(/^[a-z]+:[a-zA-Z]+$/);
  });
});
