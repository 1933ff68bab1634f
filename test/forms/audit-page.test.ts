// The audit log pages in SQL: a window of rows newest first with the total the filter matches.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlers } from '../../electron/handlers';
import { dispatch } from '../../electron/security/gate';
import { audit } from '../../electron/services/audit';
import type { Page } from '../../shared/ipc/paging';
import type { AuditRow } from '../../shared/ipc/system';
import { tempCore, type TempCore } from '../helpers/db';

let core: TempCore;
beforeEach(() => {
  core = tempCore();
  core.db.prepare('DELETE FROM audit_log').run();
  core.db.transaction(() => {
    for (let i = 1; i <= 250; i++) audit(core.ctx, i % 2 ? 'claim' : 'register', 'voucher', i, { number: `BJKJQ-2026-${String(i).padStart(4, '0')}` });
    audit(core.ctx, 'create', 'contract', 7, { number: 'HT_100%' });
  })();
});
afterEach(() => core.cleanup());

async function page(input: unknown): Promise<Page<AuditRow>> {
  const r = await dispatch(core, handlers, 'audit:page', input);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value as Page<AuditRow>;
}

describe('audit log pages', () => {
  it('answers one window, newest first, with the total', async () => {
    const first = await page({ limit: 100 });
    expect(first.total).toBe(251);
    expect(first.rows).toHaveLength(100);
    expect(first.rows[0]).toMatchObject({ entity: 'contract', entityId: '7' });
    const third = await page({ offset: 200, limit: 100 });
    expect(third.rows).toHaveLength(51);
    expect(third.rows.at(-1)).toMatchObject({ entityId: '1', action: 'claim' });
  });

  it('filters in SQL by entity and by words; % and _ are plain characters', async () => {
    expect((await page({ entity: 'voucher', limit: 1 })).total).toBe(250);
    expect((await page({ query: 'BJKJQ-2026-000', limit: 10 })).total).toBe(9);
    expect((await page({ query: '_100%' })).rows.map((r) => r.entityId)).toEqual(['7']);
    expect((await page({ query: '1_0' })).total).toBe(0);
  });

  it('refuses a window larger than the paging contract', async () => {
    const r = await dispatch(core, handlers, 'audit:page', { limit: 10_000 });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', reason: 'field.tooBig' } });
  });
});
