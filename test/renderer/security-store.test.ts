// The window's security store against out-of-order answers: a status look-up asked before a newer
// status arrived (encryption finished, lock, unlock) must not put the older state back on screen.
import { beforeAll, describe, expect, it } from 'vitest';

type Pending = { resolve(v: unknown): void };
const statusCalls: Pending[] = [];
const plain = { encrypted: false, locked: false, setupDone: true, idleMinutes: 10, kdf: 'sqlcipher-4' };
const encrypted = { ...plain, encrypted: true };
const lockedState = { ...encrypted, locked: true };

let useSecurity: typeof import('../../renderer/src/stores/security').useSecurity;

beforeAll(async () => {
  const api = {
    'security:status': () => new Promise((resolve) => statusCalls.push({ resolve })),
    'security:lock': async () => ({ ok: true, value: lockedState }),
    'security:unlock': async () => ({ ok: true, value: encrypted }),
  };
  (globalThis as unknown as { window: unknown }).window = { api };
  ({ useSecurity } = await import('../../renderer/src/stores/security'));
});

const answerStatus = async (value: unknown) => {
  const call = statusCalls.shift();
  if (!call) throw new Error('no status call waiting');
  call.resolve({ ok: true, value });
  await new Promise((r) => setTimeout(r, 0));
};

describe('security store', () => {
  it('a look-up answered after the encryption finished keeps the encrypted state', async () => {
    const asked = useSecurity.getState().refresh();
    useSecurity.getState().set(encrypted as never); // security:setup came back first
    await answerStatus(plain); // …then the look-up asked before it
    await asked;
    expect(useSecurity.getState().status?.encrypted).toBe(true);
  });

  it('a look-up answered after a lock keeps the lock screen', async () => {
    const asked = useSecurity.getState().refresh();
    await useSecurity.getState().lock();
    await answerStatus(encrypted);
    await asked;
    expect(useSecurity.getState().status?.locked).toBe(true);
  });

  it('a look-up with nothing newer in between is taken', async () => {
    const asked = useSecurity.getState().refresh();
    await answerStatus(plain);
    await expect(asked).resolves.toMatchObject({ encrypted: false });
    expect(useSecurity.getState().status?.encrypted).toBe(false);
  });
});
