import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlers } from '../../electron/handlers';
import { invoke } from '../../electron/handlers/invoke';
import { getRedemption, openRedemption, transitionRedemption } from '../../electron/services/redemption/applications';
import { contractProfile } from '../../electron/services/redemption/contract-facts';
import { startBatch } from '../../electron/services/redemption/jobs';
import type { Page } from '../../shared/ipc/paging';
import { REDEMPTION_STATUSES, REDEMPTION_TRANSITIONS, type RedemptionRow, type RedemptionStatus } from '../../shared/ipc/redemption';
import { contentHash, tempCore, type TempCore } from '../helpers/db';
import { refusal } from '../helpers/failure';
import { insertContract } from './fixtures';

let core: TempCore;
beforeEach(() => { core = tempCore(); });
afterEach(() => core.cleanup());

/** Walks a fresh application to `status` along the happy path (or via rejection). */
function reach(contractId: number, status: RedemptionStatus): void {
  openRedemption(core.ctx, contractId);
  const path: Record<RedemptionStatus, RedemptionStatus[]> = {
    draft: [], submitted: ['submitted'], under_review: ['submitted', 'under_review'],
    approved: ['submitted', 'under_review', 'approved'], paid: ['submitted', 'under_review', 'approved', 'paid'],
    rejected: ['submitted', 'rejected'], void: ['void'],
  };
  for (const to of path[status]) transitionRedemption(core.ctx, { contractId, to, note: to === 'rejected' ? '材料不全' : '' });
}

describe('redemption status transitions', () => {
  const cases = REDEMPTION_STATUSES.flatMap((from) => REDEMPTION_STATUSES.map((to) => ({
    from, to, allowed: REDEMPTION_TRANSITIONS[from].includes(to),
  })));

  it('has the documented transition table', () => {
    expect(REDEMPTION_TRANSITIONS.draft).toEqual(['submitted', 'void']);
    expect(REDEMPTION_TRANSITIONS.approved).toContain('paid');
    expect(REDEMPTION_TRANSITIONS.paid).toEqual([]);
    expect(REDEMPTION_TRANSITIONS.void).toEqual([]);
    expect(cases.filter((c) => c.allowed)).toHaveLength(12);
  });

  it.each(cases)('$from → $to allowed=$allowed', ({ from, to, allowed }) => {
    const { contractId } = insertContract(core.db);
    reach(contractId, from);
    const before = contentHash(core);
    const run = () => transitionRedemption(core.ctx, { contractId, to, note: '原因说明' });
    if (allowed) {
      const d = run();
      expect(d.status).toBe(to);
      expect(d.events.at(-1)).toMatchObject({ status: to, date: '2025-06-16' });
    } else {
      expect(refusal(run)).toMatchObject({ code: 'CONFLICT', rule: 'redemption.transition' });
      expect(contentHash(core)).toBe(before);
    }
  });
});

describe('redemption application', () => {
  it('shows the deadline one month after the contract end, amounts and the voucher total', () => {
    const { contractId } = insertContract(core.db, { endDate: '2025-06-10', actualAmountFen: 5_800_000, vouchersFen: [2_000_000, 900_000] });
    const d = openRedemption(core.ctx, contractId);
    expect(d.deadline).toMatchObject({ due: '2025-07-10', daysLeft: 24, article: '第十五条' });
    expect(d.amounts).toEqual({ contractFen: 6_000_000, actualFen: 5_800_000, voucherFen: 2_900_000, ownPaymentFen: 2_900_000 });
    expect(d.voucherNumbers).toHaveLength(2);
    expect(d.nextStatuses).toEqual(['submitted', 'void']);
  });

  it('uses the strict calendar end of the month period (2025-01-31 → 2025-02-28)', () => {
    const { contractId } = insertContract(core.db, { startDate: '2025-01-02', endDate: '2025-01-31' });
    expect(getRedemption(core.ctx, contractId).deadline?.due).toBe('2025-02-28');
  });

  it('records submitted, approved and paid dates with the history', () => {
    const { contractId } = insertContract(core.db);
    core.setNow('2025-06-11T02:00:00.000Z');
    openRedemption(core.ctx, contractId);
    core.setNow('2025-06-16T02:00:00.000Z');
    transitionRedemption(core.ctx, { contractId, to: 'submitted', date: '2025-06-12', note: '' });
    transitionRedemption(core.ctx, { contractId, to: 'under_review', date: '2025-06-13', note: '' });
    transitionRedemption(core.ctx, { contractId, to: 'approved', date: '2025-06-14', note: '' });
    const d = transitionRedemption(core.ctx, { contractId, to: 'paid', note: '' });
    expect([d.submittedDate, d.approvedDate, d.paidDate]).toEqual(['2025-06-12', '2025-06-14', '2025-06-16']);
    expect(d.events.map((e) => e.status)).toEqual(['draft', 'submitted', 'under_review', 'approved', 'paid']);
    const audits = core.db.prepare("SELECT count(*) FROM audit_log WHERE action LIKE 'redemption.%'").pluck().get();
    expect(audits).toBe(5);
  });

  it.each([
    { name: 'submission after the deadline', end: '2025-05-10', date: undefined, code: 'RULE', rule: 'voucher.redemptionWithin' },
    { name: 'a date in the future', end: '2025-06-10', date: '2025-06-17', code: 'VALIDATION', rule: undefined },
    { name: 'a date before the previous step', end: '2025-06-10', date: '2025-06-01', code: 'VALIDATION', rule: undefined },
  ])('refuses $name and writes nothing', ({ end, date, code, rule }) => {
    const { contractId } = insertContract(core.db, { startDate: '2025-04-01', endDate: end });
    openRedemption(core.ctx, contractId);
    const before = contentHash(core);
    const err = refusal(() => transitionRedemption(core.ctx, { contractId, to: 'submitted', date, note: '' }));
    expect(err.code).toBe(code);
    if (rule) expect(err).toMatchObject({ rule, article: '第十五条' });
    expect(contentHash(core)).toBe(before);
  });

  it('refuses a second application and an unknown contract through the IPC wrapper', async () => {
    const { contractId } = insertContract(core.db);
    expect((await invoke(handlers, core.ctx, 'redemption:open', { contractId })).ok).toBe(true);
    const again = await invoke(handlers, core.ctx, 'redemption:open', { contractId });
    expect(again).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    const missing = await invoke(handlers, core.ctx, 'redemption:get', { contractId: 9999 });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    const bad = await invoke(handlers, core.ctx, 'redemption:transition', { contractId, to: 'finished' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'to' } });
  });

  it('lists contracts with their status and filters those without an application', async () => {
    const a = insertContract(core.db);
    insertContract(core.db);
    openRedemption(core.ctx, a.contractId);
    const all = await invoke(handlers, core.ctx, 'redemption:list', { view: 'all' });
    const none = await invoke(handlers, core.ctx, 'redemption:list', { view: 'all', status: 'none' });
    const drafts = await invoke(handlers, core.ctx, 'redemption:list', { view: 'all', status: 'draft' });
    if (!all.ok || !none.ok || !drafts.ok) throw new Error('list failed');
    const page = (v: unknown) => v as Page<RedemptionRow>;
    expect(page(all.value).rows).toHaveLength(2);
    expect(page(all.value).total).toBe(2);
    expect(page(none.value).rows).toHaveLength(1);
    expect(page(drafts.value).rows).toMatchObject([{ contractId: a.contractId, status: 'draft' }]);
  });
});

describe('a contract stored under a profile the desk does not hold', () => {
  const UNKNOWN = 'beijing-2019';

  it('is refused by its profile, never judged by the region current one', () => {
    expect(refusal(() => contractProfile({ profileId: UNKNOWN }))).toMatchObject({
      code: 'RULE', reason: 'policy.storedProfileUnknown', rule: 'policy.storedProfileUnknown', params: { profileId: UNKNOWN },
    });
    expect(contractProfile({ profileId: 'beijing-2023' }).id).toBe('beijing-2023');
  });

  it('shows its row with the reason and no deadline, the rest of the page as usual', async () => {
    const good = insertContract(core.db, { endDate: '2025-06-10', vouchersFen: [1_000_000] });
    const odd = insertContract(core.db, { endDate: '2025-06-10', vouchersFen: [1_000_000], profileId: UNKNOWN });
    for (const view of ['all', 'action'] as const) {
      const res = await invoke(handlers, core.ctx, 'redemption:list', { view });
      if (!res.ok) throw new Error(`list ${view} failed: ${JSON.stringify(res.error)}`);
      const rows = (res.value as Page<RedemptionRow>).rows;
      expect(rows.find((r) => r.contractId === good.contractId)).toMatchObject({ profileIssue: null, deadline: { due: '2025-07-10' } });
      expect(rows.find((r) => r.contractId === odd.contractId)).toMatchObject({
        deadline: null, profileIssue: { reason: 'policy.storedProfileUnknown', params: { profileId: UNKNOWN } },
      });
    }
  });

  it('opens with no deadline or timeline, the reason given; its check and packet are refused with it and write nothing', async () => {
    const { contractId } = insertContract(core.db, { profileId: UNKNOWN });
    const d = getRedemption(core.ctx, contractId);
    expect(d).toMatchObject({ deadline: null, timeline: null, profileIssue: { reason: 'policy.storedProfileUnknown' } });
    const before = contentHash(core);
    const check = await invoke(handlers, core.ctx, 'redemption:check', { contractId });
    expect(check).toMatchObject({ ok: false, error: { code: 'RULE', reason: 'policy.storedProfileUnknown', params: { profileId: UNKNOWN } } });
    const packet = await invoke(handlers, core.ctx, 'packets:export', { contractId });
    expect(packet).toMatchObject({ ok: false, error: { code: 'RULE', reason: 'policy.storedProfileUnknown' } });
    expect(refusal(() => startBatch(core.ctx, [contractId]))).toMatchObject({
      code: 'RULE', reason: 'redemption.contractsProfileUnknown', params: { numbers: [expect.any(String)] },
    });
    expect(contentHash(core)).toBe(before);
  });
});
