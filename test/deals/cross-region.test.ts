// 京津冀 vouchers on a Beijing desk (京科发〔2023〕16号 第十九条): recorded with their scheme and
// issuing region, left out of the local face-value, quota and share checks, and shown with the
// rules the desk did not check. Real temp SQLite desk, real services.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getContract } from '../../electron/services/deals/contracts';
import { quotaReport } from '../../electron/services/deals/quota';
import { getVoucher, listVouchers } from '../../electron/services/deals/vouchers';
import { voucherListSchema } from '../../shared/ipc/deals';
import { contentHash, tempCore, type TempCore } from '../helpers/db';
import { claim, contract, firm, refusal, YUAN } from './helpers';

let core: TempCore; // today = 2025-06-16 (Shanghai)
beforeEach(() => { core = tempCore(); });
afterEach(() => core.cleanup());

// Beijing's rules the desk skips for it: the applicant conditions (not judged on claim), the amounts
// and the windows; Beijing vouchers are claimed, so the Shanghai-only refusal of claims is not listed.
const UNCHECKED = [
  'applicant', 'voucher.faceValue', 'voucher.annualQuota', 'voucher.contractShare', 'voucher.registerWithin', 'voucher.validity',
  'voucher.redemptionWithin',
];

function expectRefused(save: () => unknown, expected: Record<string, unknown>) {
  const before = contentHash(core);
  expect(refusal(save)).toMatchObject(expected);
  expect(contentHash(core)).toBe(before);
}

describe('recording a 京津冀 voucher', () => {
  it('is recorded with its scheme and issuing region, and its view lists the rules the desk did not check', () => {
    const a = firm(core.ctx);
    const local = claim(core.ctx, a.id);
    // 80,000元: over Beijing's 50,000元 face-value limit, which is not the issuing region's rule.
    const v = claim(core.ctx, a.id, { number: 'TJ2025-0001', crossRegion: 'jingjinji', issuingRegion: 'tianjin', faceValueFen: 80_000 * YUAN });
    expect(v).toMatchObject({ number: 'TJ2025-0001', crossRegion: 'jingjinji', issuingRegion: 'tianjin', profileId: 'beijing-2023', faceValueFen: 80_000 * YUAN });
    expect(getVoucher(core.ctx, v.id).uncheckedRules).toEqual(UNCHECKED);
    const rows = listVouchers(core.ctx, voucherListSchema.parse({})).rows;
    expect(rows.find((r) => r.id === v.id)?.uncheckedRules).toEqual(UNCHECKED);
    expect(rows.find((r) => r.id === local.id)).toMatchObject({ crossRegion: null, issuingRegion: null, uncheckedRules: [] });
    const detail = JSON.parse(core.db.prepare("SELECT detail FROM audit_log WHERE entity = 'voucher' AND entity_id = ? AND action = 'claim'").pluck().get(String(v.id)) as string);
    expect(detail).toMatchObject({ crossRegion: 'jingjinji', issuingRegion: 'tianjin' });
  });

  it.each([
    ['a 长三角 voucher on a Beijing desk', { crossRegion: 'yangtze' as const, issuingRegion: 'jiangsu' }, { code: 'RULE', rule: 'crossRegion.scheme', field: 'crossRegion' }],
    ['no issuing region', { crossRegion: 'jingjinji' as const, issuingRegion: '' }, { code: 'VALIDATION', rule: 'crossRegion.issuingRegion', field: 'issuingRegion' }],
    ['Beijing as its own issuing region', { crossRegion: 'jingjinji' as const, issuingRegion: 'beijing' }, { code: 'VALIDATION', rule: 'crossRegion.issuingRegion', field: 'issuingRegion' }],
  ])('%s is refused citing 第十九条 and writes nothing', (_n, input, expected) => {
    const a = firm(core.ctx);
    expectRefused(() => claim(core.ctx, a.id, input), { ...expected, article: '第十九条', document: '京科发〔2023〕16号' });
  });
});

describe('local quota checks leave 京津冀 vouchers out', () => {
  it('a claim the local 20万 quota refuses passes for a 京津冀 voucher, and the quota does not count it', () => {
    const a = firm(core.ctx); // other_enterprise: 200,000元 a year under 第十二条
    for (let i = 0; i < 4; i++) claim(core.ctx, a.id, { faceValueFen: 50_000 * YUAN });
    expectRefused(() => claim(core.ctx, a.id, { faceValueFen: 1 }), { code: 'RULE', rule: 'voucher.annualQuota', article: '第十二条', field: 'faceValueFen' });
    const v = claim(core.ctx, a.id, { crossRegion: 'jingjinji', issuingRegion: 'hebei', faceValueFen: 50_000 * YUAN });
    expect(v.crossRegion).toBe('jingjinji');
    expect(quotaReport(core.ctx, { applicantId: a.id })).toMatchObject({ claimedFen: 200_000 * YUAN, remainingClaimFen: 0 });
  });

  it('a contract over the local share and quota saves with a 京津冀 voucher, a local voucher is refused', () => {
    const a = firm(core.ctx);
    const locals = Array.from({ length: 4 }, () => claim(core.ctx, a.id, { faceValueFen: 50_000 * YUAN }));
    // The local 20万 of this year's use is taken.
    contract(core.ctx, { applicantId: a.id, amountFen: 400_000 * YUAN, vouchers: locals.map((l) => ({ voucherId: l.id, amountFen: 50_000 * YUAN })) });
    expect(quotaReport(core.ctx, { applicantId: a.id })).toMatchObject({ appliedFen: 200_000 * YUAN, remainingUseFen: 0 });

    const b = firm(core.ctx);
    const bLocal = claim(core.ctx, b.id, { faceValueFen: 50_000 * YUAN });
    // 30,000元 of a 50,000元 contract is 60%: over the local 50% share.
    expectRefused(() => contract(core.ctx, { applicantId: b.id, amountFen: 50_000 * YUAN, vouchers: [{ voucherId: bLocal.id, amountFen: 30_000 * YUAN }] }),
      { code: 'RULE', rule: 'voucher.contractShare', article: '第十二条' });

    const tj = claim(core.ctx, a.id, { crossRegion: 'jingjinji', issuingRegion: 'tianjin', faceValueFen: 80_000 * YUAN });
    // 80% of the contract, and over a used-up local quota: the issuing region's rules apply, not these.
    const c = contract(core.ctx, { applicantId: a.id, amountFen: 100_000 * YUAN, vouchers: [{ voucherId: tj.id, amountFen: 80_000 * YUAN }] });
    expect(getContract(core.ctx, c.id)).toMatchObject({ voucherTotalFen: 80_000 * YUAN, vouchers: [{ voucherId: tj.id, amountFen: 80_000 * YUAN }] });
    expect(getVoucher(core.ctx, tj.id)).toMatchObject({ contractId: c.id, uncheckedRules: UNCHECKED });
    expect(quotaReport(core.ctx, { applicantId: a.id })).toMatchObject({ appliedFen: 200_000 * YUAN });
  });

  it('the scope check still applies to a contract using a 京津冀 voucher (第五条 is the desk’s own rule)', () => {
    const a = firm(core.ctx);
    const tj = claim(core.ctx, a.id, { crossRegion: 'jingjinji', issuingRegion: 'tianjin', faceValueFen: 10_000 * YUAN });
    expectRefused(() => contract(core.ctx, { applicantId: a.id, serviceKinds: ['statutory_testing'], vouchers: [{ voucherId: tj.id, amountFen: 10_000 * YUAN }] }),
      { code: 'RULE', rule: 'voucher.serviceExcluded', article: '第五条' });
  });
});
