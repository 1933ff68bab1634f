// The audit log pages in SQL: a window of rows newest first with the total the filter matches.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlers } from '../../electron/handlers';
import { dispatch } from '../../electron/security/gate';
import { audit } from '../../electron/services/audit';
import type { Page } from '../../shared/ipc/paging';
import type { AuditRow } from '../../shared/ipc/system';
import { tempCore, type TempCore } from '../helpers/db';
import { auditSentence } from '../../renderer/src/pages/security/audit-sentences';
import { beijingTime } from '../../renderer/src/util/time';
import { registerVoucher } from '../../electron/services/deals/vouchers';
import { deleteApplicant } from '../../electron/services/deals/applicants';
import { claim, contract, firm } from '../deals/helpers';

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

describe('audit rows read as sentences', () => {
  const row = (over: Partial<AuditRow>): AuditRow => ({ id: 1, at: '2026-03-01T20:05:00.000Z', actor: '王敏', action: 'register', entity: 'voucher', entityId: '3', detail: '{}', ...over });

  it.each([
    [row({ detail: JSON.stringify({ number: 'BJKJQ-2026-0003', registeredDate: '2026-03-02' }) }), '王敏 登记了创新券 BJKJQ-2026-0003', 'Wang Min registered voucher BJKJQ-2026-0003'],
    [row({ action: 'update', entity: 'contract', entityId: '9', detail: JSON.stringify({ before: { number: 'HT-7' }, after: { number: 'HT-7' } }) }), '王敏 修改了服务合同 HT-7', 'Wang Min updated contract HT-7'],
    [row({ action: 'invoice.add', entity: 'invoice', detail: JSON.stringify({ number: '25112000000012345678' }) }), '王敏 添加了发票 25112000000012345678', 'Wang Min added invoice 25112000000012345678'],
    [row({ action: 'backup.create', entity: 'backup', entityId: 'desk-20250616-100000.sqlite', detail: JSON.stringify({ reason: 'manual' }) }), '王敏 新建了备份 desk-20250616-100000.sqlite', 'Wang Min created backup desk-20250616-100000.sqlite'],
    [row({ action: 'mystery', entity: 'unknown_thing', entityId: '5' }), '王敏 操作了记录 #5', 'Wang Min changed record #5'],
  ])('%#: zh and en', (r, zh, en) => {
    expect(auditSentence(r, 'zh')).toBe(zh);
    expect(auditSentence({ ...r, actor: 'Wang Min' }, 'en')).toBe(en);
    expect(/[\u4e00-\u9fff]/.test(auditSentence({ ...r, actor: 'Wang Min' }, 'en'))).toBe(false);
  });

  it('names the object by its number or name as it is now, through the real services', async () => {
    const ctx = { ...core.ctx, actor: '王敏' };
    const a = firm(ctx, { name: '北京某材料科技有限公司' });
    const v = claim(ctx, a.id, { number: 'BJKJQ-2026-0003' });
    registerVoucher(ctx, v.id, '2025-06-12');
    contract(ctx, { applicantId: a.id, number: 'HT-2025-009', vouchers: [{ voucherId: v.id, amountFen: 1_000_000 }] });
    const gone = firm(ctx, { name: '已删除的单位' });
    deleteApplicant(ctx, gone.id);
    const rows = (await page({ query: '王敏', limit: 50 })).rows;
    const zh = rows.map((r) => auditSentence(r, 'zh'));
    expect(zh).toEqual([
      '王敏 删除了申领单位 已删除的单位',
      '王敏 新建了申领单位 已删除的单位',
      '王敏 新建了服务合同 HT-2025-009',
      '王敏 登记了创新券 BJKJQ-2026-0003',
      '王敏 申领了创新券 BJKJQ-2026-0003',
      '王敏 新建了申领单位 北京某材料科技有限公司',
    ]);
    expect(auditSentence({ ...rows[3], actor: 'Wang Min' }, 'en')).toBe('Wang Min registered voucher BJKJQ-2026-0003');
    // The details name the records the row refers to by id: the contract's applicant and voucher.
    const contractRow = rows.find((r) => r.entity === 'contract')!;
    expect(contractRow.refs).toEqual({ [`applicant:${a.id}`]: '北京某材料科技有限公司', [`voucher:${v.id}`]: 'BJKJQ-2026-0003' });
    // The search finds a row by the number its sentence shows, though its detail does not hold it.
    const found = (await page({ query: 'BJKJQ-2026-0003', limit: 50 })).rows.filter((r) => r.actor === '王敏');
    expect(found.map((r) => r.action)).toEqual(['register', 'claim']);
  });

  it('shows Beijing time: 04:05 on 2 March in Beijing is 20:05 UTC the day before', () => {
    expect(beijingTime('2026-03-01T20:05:00.000Z')).toBe('2026-03-02 04:05:00');
  });
});
