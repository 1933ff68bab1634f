// The idle lock is enforced by the core host itself: with no window open, an encrypted desk
// locks after its idle minutes, and only a passphrase opens it again.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { coreOf } from '../../electron/app-core';
import { createIdleLock } from '../../electron/core-host/host';
import { handlers } from '../../electron/handlers';
import { dispatch } from '../../electron/security/gate';
import { setupSecurity } from '../../electron/security/session';
import { writeReliabilitySettings } from '../../electron/services/backup/settings';
import { tempCore, type TempCore } from '../helpers/db';

const PASS = 'correct horse battery staple';
let core: TempCore | null = null;
afterEach(() => { core?.cleanup(); core = null; });

describe('idle lock in the core host (no window)', () => {
  it('locks an encrypted desk after its idle minutes; calls reset the clock; status polls do not', async () => {
    core = tempCore();
    setupSecurity(core, { mode: 'encrypted', passphrase: PASS });
    writeReliabilitySettings(core.ctx, { idleMinutes: 2 });
    let t = 1_000_000;
    const live = coreOf(core.ctx); // the core itself (TempCore copies its getters' first values)
    const idle = createIdleLock(live, () => t);
    const call = (channel: string, input: unknown = {}) => {
      if (channel !== 'security:status') idle.touch();
      return dispatch(live, handlers, channel, input);
    };
    expect(await call('labs:create', { name: '空闲测试' })).toMatchObject({ ok: true });
    t += 119_000;
    expect(idle.check()).toBe(false);
    expect(await call('labs:list')).toMatchObject({ ok: true }); // activity: the clock starts again
    t += 119_000;
    expect(idle.check()).toBe(false);
    await call('security:status'); // the renderer's poll is not activity
    t += 2_000;
    expect(idle.check()).toBe(true);
    expect(live.locked).toBe(true);
    expect(await call('labs:list')).toMatchObject({ ok: false, error: { code: 'LOCKED', reason: 'desk.locked' } });
    expect(await call('security:status')).toMatchObject({ ok: true, value: { locked: true } });
    expect(await call('security:unlock', { passphrase: PASS })).toMatchObject({ ok: true, value: { locked: false } });
    const audit = live.db.prepare("SELECT action FROM audit_log WHERE action LIKE 'security.%' ORDER BY id").all() as { action: string }[];
    expect(audit.map((a) => a.action)).toEqual(['security.setup', 'security.lock', 'security.unlock']);
  });

  it('never locks a plain desk, nor when idle minutes are 0', async () => {
    core = tempCore();
    let t = 0;
    const live = coreOf(core.ctx);
    const idle = createIdleLock(live, () => t);
    t += 24 * 60 * 60_000;
    expect(idle.check()).toBe(false);
    expect(live.locked).toBe(false);
    setupSecurity(core, { mode: 'encrypted', passphrase: PASS });
    writeReliabilitySettings(core.ctx, { idleMinutes: 0 });
    t += 24 * 60 * 60_000;
    expect(idle.check()).toBe(false);
    expect(live.locked).toBe(false);
    expect(fs.existsSync(path.join(core.dir, 'desk.sqlite'))).toBe(true);
  });
});
