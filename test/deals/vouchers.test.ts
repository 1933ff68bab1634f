import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { quotaReport } from '../../electron/services/deals/quota';
import { listVouchers, registerVoucher, voidVoucher } from '../../electron/services/deals/vouchers';
import { voucherListSchema } from '../../shared/ipc/deals';
import { contentHash, tempCore, type TempCore } from '../helpers/db';
import { claim, firm, refusal, YUAN } from './helpers';

let core: TempCore; // today = 2025-06-16 (Shanghai)
beforeEach(() => { core = tempCore(); });
afterEach(() => core.cleanup());

const list = (q = {}) => listVouchers(core.ctx, voucherListSchema.parse(q));

describe('voucher face value (第十二条)', () => {
  it.each([
    [50_000 * YUAN, null],
    [50_000 * YUAN + 1, 'voucher.faceValue'],
  ])('%i fen → %s', (faceValueFen, rule) => {
    const a = firm(core.ctx);
    if (rule === null) {
      expect(claim(core.ctx, a.id, { faceValueFen }).faceValueFen).toBe(faceValueFen);
    } else {
      const before = contentHash(core);
      expect(refusal(() => claim(core.ctx, a.id, { faceValueFen }))).toMatchObject({ code: 'RULE', rule, article: '第十二条', field: 'faceValueFen' });
      expect(contentHash(core)).toBe(before);
    }
  });
});

describe('annual quota by applicant kind', () => {
  it.each([
    ['other firm', {}, 200_000],
    ['high-tech firm', { highTech: true }, 500_000],
    ['team', { kind: 'team' as const, legalEntity: false, teamMembers: 4, studentMembers: 3, projectStage: 'development' as const }, 200_000],
  ])('%s: exactly the quota passes, one fen more is refused', (_n, patch, quotaYuan) => {
    const a = firm(core.ctx, patch);
    for (let i = 0; i < quotaYuan / 50_000; i++) claim(core.ctx, a.id);
    expect(quotaReport(core.ctx, { applicantId: a.id })).toMatchObject({ year: 2025, quotaFen: quotaYuan * YUAN, claimedFen: quotaYuan * YUAN, remainingClaimFen: 0 });
    const before = contentHash(core);
    expect(refusal(() => claim(core.ctx, a.id, { faceValueFen: 1 }))).toMatchObject({ code: 'RULE', rule: 'voucher.annualQuota', article: '第十二条' });
    expect(contentHash(core)).toBe(before);
    // Another year has its own quota.
    expect(claim(core.ctx, a.id, { claimDate: '2024-12-30' }).state).toBe('expired_unregistered');
  });

  it('Shanghai vouchers are not claimed (免申即享, 第二条): refused, nothing written; before 2025-09-01 no profile at all', () => {
    core.setNow('2025-10-10T02:00:00.000Z');
    const sme = firm(core.ctx, { region: 'shanghai', smeListed: true, smeListedYear: 2024 });
    const before = contentHash(core);
    expect(refusal(() => claim(core.ctx, sme.id, { claimDate: '2025-10-09' }))).toMatchObject({ code: 'RULE', rule: 'voucher.flow', article: '第二条' });
    // Before the Shanghai document was in force there is no profile to claim under, and none stands in.
    expect(refusal(() => claim(core.ctx, sme.id, { claimDate: '2025-08-31' }))).toMatchObject({ code: 'RULE', rule: 'policy.notInForce', field: 'claimDate' });
    expect(contentHash(core)).toBe(before);
  });

  it('the 50万 quota needs the 高企 status valid on the day of use; outside its validity the firm has 20万', () => {
    const a = firm(core.ctx, { highTech: true, highTechValidFrom: '2022-01-01', highTechValidTo: '2025-06-09' });
    for (let i = 0; i < 4; i++) claim(core.ctx, a.id); // claimed 2025-06-10: the certificate expired the day before
    const before = contentHash(core);
    expect(refusal(() => claim(core.ctx, a.id))).toMatchObject({ code: 'RULE', rule: 'voucher.annualQuota', article: '第十二条' });
    expect(contentHash(core)).toBe(before);
    // On a day the certificate was valid, the same firm has the 50万 quota.
    expect(claim(core.ctx, a.id, { claimDate: '2025-06-09' })).toMatchObject({ state: 'claimed', faceValueFen: 50_000 * YUAN });
  });

  it('a status without its validity dates is refused on save, naming the field', () => {
    expect(refusal(() => firm(core.ctx, { highTech: true, highTechValidFrom: null, highTechValidTo: null }))).toMatchObject({
      code: 'VALIDATION', field: 'highTechValidFrom', rule: 'applicant.statusValidity',
    });
  });

  it('expired and void vouchers no longer count toward the quota', () => {
    const a = firm(core.ctx);
    claim(core.ctx, a.id, { claimDate: '2025-05-01' }); // not registered by 05-16: expired
    const v = claim(core.ctx, a.id);
    voidVoucher(core.ctx, v.id, '企业放弃');
    expect(quotaReport(core.ctx, { applicantId: a.id }).claimedFen).toBe(0);
  });
});

describe('voucher states and deadlines for today', () => {
  it('computes register-by, valid-until and days left with the engine', () => {
    const a = firm(core.ctx);
    const due = claim(core.ctx, a.id, { claimDate: '2025-06-01' });
    expect(due).toMatchObject({ state: 'claimed', registerBy: '2025-06-16', daysLeft: 0 });
    const reg = claim(core.ctx, a.id, { claimDate: '2025-06-02', registeredDate: '2025-06-05' });
    expect(reg).toMatchObject({ state: 'registered', validUntil: '2025-09-05', daysLeft: 81 });
    const late = claim(core.ctx, a.id, { claimDate: '2025-05-20' });
    expect(late).toMatchObject({ state: 'expired_unregistered', daysLeft: null });
    expect(list({ state: 'claimed' }).map((v) => v.id)).toEqual([due.id]);
    expect(list({ year: 2025, applicantId: a.id })).toHaveLength(3);
  });

  it('refuses a registration after the register-by date, citing 第十五条', () => {
    const a = firm(core.ctx);
    const v = claim(core.ctx, a.id, { claimDate: '2025-05-20' });
    const before = contentHash(core);
    expect(refusal(() => registerVoucher(core.ctx, v.id, '2025-06-05'))).toMatchObject({ code: 'RULE', rule: 'voucher.registerWithin', article: '第十五条' });
    expect(contentHash(core)).toBe(before);
    expect(registerVoucher(core.ctx, claim(core.ctx, a.id).id, '2025-06-16').state).toBe('registered');
  });

  it('refuses a duplicate number, a future claim date and a double void', () => {
    const a = firm(core.ctx);
    const v = claim(core.ctx, a.id, { number: 'N1' });
    expect(refusal(() => claim(core.ctx, a.id, { number: 'N1' }))).toMatchObject({ code: 'CONFLICT', field: 'number' });
    expect(refusal(() => claim(core.ctx, a.id, { claimDate: '2025-06-17' }))).toMatchObject({ code: 'VALIDATION', field: 'claimDate' });
    expect(voidVoucher(core.ctx, v.id, '录入错误').state).toBe('void');
    expect(refusal(() => voidVoucher(core.ctx, v.id, '再次')).code).toBe('CONFLICT');
  });
});
