import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeError } from '../../renderer/src/i18n-errors';
import { handlers } from '../../electron/handlers';
import { invoke } from '../../electron/handlers/invoke';
import { getContract, listContracts } from '../../electron/services/deals/contracts';
import { quotaReport } from '../../electron/services/deals/quota';
import { getVoucher, voidVoucher } from '../../electron/services/deals/vouchers';
import { contractListSchema } from '../../shared/ipc/deals';
import { contentHash, tempCore, type TempCore } from '../helpers/db';
import { claim, contract, firm, refusal, YUAN } from './helpers';

let core: TempCore; // today = 2025-06-16 (Shanghai)
beforeEach(() => { core = tempCore(); });
afterEach(() => core.cleanup());

/** Expects the save to be refused with these fields and the database to be unchanged. */
function expectRefused(save: () => unknown, expected: Record<string, unknown>) {
  const before = contentHash(core);
  expect(refusal(save)).toMatchObject(expected);
  expect(contentHash(core)).toBe(before);
}

describe('voucher share of the contract (≤ 50%, 第十二条)', () => {
  it.each([
    ['exactly 50% of the actual amount', 100_000 * YUAN, 80_000 * YUAN, 40_000 * YUAN, true],
    ['one fen over 50% of the actual amount', 100_000 * YUAN, 80_000 * YUAN, 40_000 * YUAN + 1, false],
    ['actual unknown: exactly 50% of the amount', 90_000 * YUAN, null, 45_000 * YUAN, true],
    ['actual unknown: one fen over 50% of the amount', 90_000 * YUAN, null, 45_000 * YUAN + 1, false],
    ['odd fen: floor of half passes', 3, null, 1, true],
    ['odd fen: 2 of 3 fen refused', 3, null, 2, false],
  ])('%s', (_n, amountFen, actualAmountFen, voucherFen, ok) => {
    const a = firm(core.ctx);
    const v = claim(core.ctx, a.id);
    const save = () => contract(core.ctx, { applicantId: a.id, amountFen, actualAmountFen, vouchers: [{ voucherId: v.id, amountFen: voucherFen }] });
    if (ok) {
      const c = save();
      expect(c.voucherTotalFen).toBe(voucherFen);
      expect(c.vouchers).toEqual([{ voucherId: v.id, number: v.number, faceValueFen: v.faceValueFen, amountFen: voucherFen }]);
    } else {
      expectRefused(save, { code: 'RULE', rule: 'voucher.contractShare', article: '第十二条', field: 'vouchers' });
    }
  });
});

describe('voucher validity on the contract date', () => {
  it.each([
    ['claimed, registered by the contract within 15 days', { claimDate: '2025-06-01' }, { registrationDate: '2025-06-16' }, null],
    ['claimed 16 days before registration', { claimDate: '2025-05-31' }, { registrationDate: '2025-06-16' }, 'voucher.registerWithin'],
    ['unregistered contract, signed after the register-by date', { claimDate: '2025-05-20' }, { signedDate: '2025-06-12' }, 'voucher.registerWithin'],
    ['registered voucher past its 3 months', { claimDate: '2025-03-01', registeredDate: '2025-03-05' }, { signedDate: '2025-06-06', startDate: '2025-06-06' }, 'voucher.validity'],
    ['contract ends after the validity', { claimDate: '2025-06-01', registeredDate: '2025-06-02' }, { endDate: '2025-09-03' }, 'voucher.validity'],
    ['contract ends on the last valid day', { claimDate: '2025-06-01', registeredDate: '2025-06-02' }, { endDate: '2025-09-02' }, null],
  ])('%s', (_n, voucher, dates, rule) => {
    const a = firm(core.ctx);
    const v = claim(core.ctx, a.id, voucher);
    const save = () => contract(core.ctx, { applicantId: a.id, ...dates, vouchers: [{ voucherId: v.id, amountFen: 10_000 * YUAN }] });
    if (rule === null) {
      save();
      expect(getVoucher(core.ctx, v.id).state).toBe('registered');
    } else {
      expectRefused(save, { code: 'RULE', rule, article: '第十五条', field: 'vouchers.0.voucherId' });
    }
  });

  it('refuses a void voucher', () => {
    const a = firm(core.ctx);
    const v = claim(core.ctx, a.id);
    voidVoucher(core.ctx, v.id, '放弃');
    expectRefused(() => contract(core.ctx, { applicantId: a.id, vouchers: [{ voucherId: v.id, amountFen: 100 }] }), { code: 'RULE', rule: 'voucher.void' });
  });

  it('registering the contract registers its vouchers', () => {
    const a = firm(core.ctx);
    const v = claim(core.ctx, a.id, { claimDate: '2025-06-10' });
    contract(core.ctx, { applicantId: a.id, registrationDate: '2025-06-14', vouchers: [{ voucherId: v.id, amountFen: 100 }] });
    expect(getVoucher(core.ctx, v.id)).toMatchObject({ registeredDate: '2025-06-14', validUntil: '2025-09-14', contractNumber: expect.any(String) });
  });
});

describe('voucher holder, single use, quota and double funding', () => {
  it('refuses another applicant\'s voucher', () => {
    const a = firm(core.ctx);
    const b = firm(core.ctx);
    const v = claim(core.ctx, b.id);
    expectRefused(() => contract(core.ctx, { applicantId: a.id, vouchers: [{ voucherId: v.id, amountFen: 100 }] }), { code: 'RULE', rule: 'voucher.holder' });
  });

  it('refuses a voucher already used by another contract, but keeps it on its own contract when editing', () => {
    const a = firm(core.ctx);
    const v = claim(core.ctx, a.id);
    const first = contract(core.ctx, { applicantId: a.id, vouchers: [{ voucherId: v.id, amountFen: 100 }] });
    expectRefused(() => contract(core.ctx, { applicantId: a.id, vouchers: [{ voucherId: v.id, amountFen: 100 }] }), { code: 'CONFLICT', rule: 'voucher.singleContract' });
    const edited = contract(core.ctx, { applicantId: a.id, number: first.number, title: '改', vouchers: [{ voucherId: v.id, amountFen: 200 }] }, first.id);
    expect(edited).toMatchObject({ title: '改', voucherTotalFen: 200, voucherCount: 1 });
  });

  it('refuses more than the face value on one voucher', () => {
    const a = firm(core.ctx);
    const v = claim(core.ctx, a.id, { faceValueFen: 1_000 * YUAN });
    expectRefused(() => contract(core.ctx, { applicantId: a.id, vouchers: [{ voucherId: v.id, amountFen: 1_000 * YUAN + 1 }] }), { code: 'VALIDATION', field: 'vouchers.0.amountFen' });
  });

  it.each([
    ['contract city-funded', { cityFunded: true }, {}],
    ['voucher city-funded', {}, { cityFunded: true }],
  ])('refuses double funding: %s', (_n, contractPatch, voucherPatch) => {
    const a = firm(core.ctx);
    const v = claim(core.ctx, a.id, voucherPatch);
    expectRefused(() => contract(core.ctx, { applicantId: a.id, ...contractPatch, vouchers: [{ voucherId: v.id, amountFen: 100 }] }),
      { code: 'RULE', rule: 'voucher.doubleFunding', article: '第十二条' });
  });

  it('annual use: exactly the quota passes, one fen over is refused', () => {
    core.setNow('2025-01-10T02:00:00.000Z');
    const a = firm(core.ctx); // other enterprise: 200,000 元 a year
    const old = [0, 1, 2].map(() => claim(core.ctx, a.id, { claimDate: '2024-12-20', registeredDate: '2024-12-25' }));
    const c1 = contract(core.ctx, {
      applicantId: a.id, signedDate: '2025-01-05', startDate: '2025-01-05', endDate: '2025-03-20', amountFen: 300_000 * YUAN,
      vouchers: old.map((v) => ({ voucherId: v.id, amountFen: 50_000 * YUAN })),
    });
    // Applied for in time, so the 150,000 元 still count in 2025 (a missed window would not).
    core.db.prepare("INSERT INTO redemptions(contract_id, status, submitted_date, created_at, updated_at) VALUES (?, 'submitted', '2025-04-01', 'x', 'x')").run(c1.id);
    core.setNow('2025-06-16T02:00:00.000Z');
    const [b1, b2] = [claim(core.ctx, a.id), claim(core.ctx, a.id)];
    contract(core.ctx, { applicantId: a.id, amountFen: 100_000 * YUAN, vouchers: [{ voucherId: b1.id, amountFen: 50_000 * YUAN }] });
    expect(quotaReport(core.ctx, { applicantId: a.id })).toMatchObject({ appliedFen: 200_000 * YUAN, remainingUseFen: 0 });
    expectRefused(() => contract(core.ctx, { applicantId: a.id, vouchers: [{ voucherId: b2.id, amountFen: 1 }] }),
      { code: 'RULE', rule: 'voucher.annualQuota', article: '第十二条', field: 'vouchers' });
  });
});

describe('contract list and detail', () => {
  it('lists status, applicant, voucher total and the redemption deadline (end + 1 month)', () => {
    const a = firm(core.ctx, { name: '列表企业' });
    const v = claim(core.ctx, a.id);
    const c = contract(core.ctx, { applicantId: a.id, endDate: '2025-07-31', title: '光谱测试', vouchers: [{ voucherId: v.id, amountFen: 30_000 * YUAN }] });
    const plain = contract(core.ctx, { applicantId: a.id });
    const { rows, total } = listContracts(core.ctx, contractListSchema.parse({ query: '列表' }));
    expect(total).toBe(2);
    expect(rows.find((r) => r.id === c.id)).toMatchObject({
      applicantName: '列表企业', status: 'active', voucherTotalFen: 30_000 * YUAN, redemptionApplyBy: '2025-08-31', redemptionDaysLeft: 76,
    });
    expect(rows.find((r) => r.id === plain.id)).toMatchObject({ voucherTotalFen: 0, redemptionApplyBy: null });
    expect(getContract(core.ctx, c.id)).toMatchObject({ maxVoucherFen: 50_000 * YUAN, services: '', cityFunded: false });
  });

  it('refuses inverted dates, unknown instruments and a duplicate number without writing', () => {
    const a = firm(core.ctx);
    const c = contract(core.ctx, { applicantId: a.id });
    expectRefused(() => contract(core.ctx, { applicantId: a.id, startDate: '2025-07-01', endDate: '2025-06-30' }), { code: 'VALIDATION', field: 'endDate' });
    expectRefused(() => contract(core.ctx, { applicantId: a.id, instrumentIds: [999] }), { code: 'VALIDATION', field: 'instrumentIds.0' });
    expectRefused(() => contract(core.ctx, { applicantId: a.id, number: c.number }), { code: 'CONFLICT', field: 'number' });
  });
});

describe('one transaction per save', () => {
  it('replaces the links on update, frees a removed voucher and audits each save', () => {
    const a = firm(core.ctx);
    const [v1, v2] = [claim(core.ctx, a.id), claim(core.ctx, a.id)];
    const c = contract(core.ctx, { applicantId: a.id, vouchers: [{ voucherId: v1.id, amountFen: 100 }] });
    contract(core.ctx, { applicantId: a.id, number: c.number, vouchers: [{ voucherId: v2.id, amountFen: 300 }] }, c.id);
    expect(getContract(core.ctx, c.id).vouchers.map((v) => v.voucherId)).toEqual([v2.id]);
    expect(getVoucher(core.ctx, v1.id).contractId).toBeNull();
    const other = contract(core.ctx, { applicantId: a.id, vouchers: [{ voucherId: v1.id, amountFen: 100 }] });
    expect(getVoucher(core.ctx, v1.id).contractId).toBe(other.id);
    const actions = core.db.prepare("SELECT action FROM audit_log WHERE entity = 'contract' ORDER BY id").pluck().all();
    expect(actions).toEqual(['create', 'update', 'create']);
  });

  it('crosses IPC as a typed RULE error naming field, rule and article', async () => {
    const a = firm(core.ctx);
    const v = claim(core.ctx, a.id);
    const r = await invoke(handlers, core.ctx, 'contracts:create', {
      number: 'IPC-1', applicantId: a.id, signedDate: '2025-06-12', startDate: '2025-06-12', endDate: '2025-06-30',
      amountFen: 10_000 * YUAN, serviceKinds: ['testing'], vouchers: [{ voucherId: v.id, amountFen: 5_000 * YUAN + 1 }],
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'RULE', field: 'vouchers', rule: 'voucher.contractShare', article: '第十二条' } });
    expect(r.ok ? '' : describeError(r.error, 'en')).toMatch(/^Voucher payment ¥5,000\.01 is more than 50% of the actual amount ¥10,000\.00 \(at most ¥5,000\.00\) \(Article 12,/);
  });
});

describe('after the redemption application', () => {
  it('refuses to change the vouchers of a contract whose redemption was applied for, other fields still save', () => {
    const a = firm(core.ctx);
    const [v1, v2] = [claim(core.ctx, a.id), claim(core.ctx, a.id)];
    const c = contract(core.ctx, { applicantId: a.id, vouchers: [{ voucherId: v1.id, amountFen: 100 }] });
    core.db.prepare("INSERT INTO redemptions(contract_id, status, submitted_date, created_at, updated_at) VALUES (?, 'submitted', '2025-06-15', 'x', 'x')").run(c.id);
    expectRefused(() => contract(core.ctx, { applicantId: a.id, number: c.number, vouchers: [{ voucherId: v2.id, amountFen: 100 }] }, c.id),
      { code: 'CONFLICT', rule: 'contract.redemptionSubmitted' });
    const kept = contract(core.ctx, { applicantId: a.id, number: c.number, services: '补充说明', vouchers: [{ voucherId: v1.id, amountFen: 100 }] }, c.id);
    expect(kept.services).toBe('补充说明');
  });
});

describe('service scope on save (京科发〔2023〕16号 第五条)', () => {
  it('refuses a contract without any service kind from the scope, citing 第五条, and writes nothing', () => {
    const a = firm(core.ctx);
    const v = claim(core.ctx, a.id);
    for (const vouchers of [[], [{ voucherId: v.id, amountFen: 10_000 * YUAN }]]) {
      const before = contentHash(core);
      const e = refusal(() => contract(core.ctx, { applicantId: a.id, services: '扫描电镜形貌观察', serviceKinds: [], vouchers }));
      expect(e).toMatchObject({
        code: 'RULE', field: 'serviceKinds', rule: 'voucher.scope.kindRequired', article: '第五条', document: '京科发〔2023〕16号',
        params: { serviceKinds: ['analysis', 'testing', 'inspection', 'rnd_service', 'ai_compute_rental'] },
      });
      expect(contentHash(core)).toBe(before);
      expect(describeError(e, 'zh')).toMatch(/^未选择服务类别：.*分析、测试.*（京科发〔2023〕16号 第五条）$/);
      expect(describeError(e, 'en')).toMatch(/^No service kind chosen: .*Analysis, Testing.* \(Article 5, Jing Ke Fa \[2023\] No\. 16/);
    }
  });

  it('refuses statutory or mandatory testing, citing 第五条, and writes nothing', () => {
    const a = firm(core.ctx);
    const v = claim(core.ctx, a.id);
    expectRefused(
      () => contract(core.ctx, { applicantId: a.id, serviceKinds: ['testing', 'statutory_testing'], vouchers: [{ voucherId: v.id, amountFen: 10_000 * YUAN }] }),
      { code: 'RULE', field: 'serviceKinds', rule: 'voucher.serviceExcluded', article: '第五条', params: { serviceKind: 'statutory_testing' } },
    );
    expect(getVoucher(core.ctx, v.id).contractId).toBeNull();
  });

  it('saves a kind in scope, with the free text kept as a note', () => {
    const a = firm(core.ctx);
    const c = contract(core.ctx, { applicantId: a.id, services: '扫描电镜形貌观察', serviceKinds: ['analysis', 'testing'] });
    expect(getContract(core.ctx, c.id)).toMatchObject({ serviceKinds: ['analysis', 'testing'], services: '扫描电镜形貌观察' });
  });

  it('a stored contract without a kind asks for one when edited, and is not given one silently', () => {
    const a = firm(core.ctx);
    const c = contract(core.ctx, { applicantId: a.id });
    // A contract stored before kinds were recorded.
    core.db.prepare("UPDATE contracts SET service_kinds = '' WHERE id = ?").run(c.id);
    const legacy = getContract(core.ctx, c.id);
    expect(legacy.serviceKinds).toEqual([]);
    const { id: _id, ...fields } = legacy;
    expectRefused(() => contract(core.ctx, { ...fields, title: '新标题', vouchers: [] }, c.id),
      { code: 'RULE', field: 'serviceKinds', rule: 'voucher.scope.kindRequired', article: '第五条' });
    expect(getContract(core.ctx, c.id)).toMatchObject({ serviceKinds: [], title: legacy.title });
    const saved = contract(core.ctx, { ...fields, title: '新标题', serviceKinds: ['inspection'], vouchers: [] }, c.id);
    expect(saved).toMatchObject({ serviceKinds: ['inspection'], title: '新标题' });
  });

  it('crosses IPC as a field error on serviceKinds', async () => {
    const a = firm(core.ctx);
    const r = await invoke(handlers, core.ctx, 'contracts:create', {
      number: 'IPC-SCOPE', applicantId: a.id, signedDate: '2025-06-12', startDate: '2025-06-12', endDate: '2025-06-30', amountFen: 10_000 * YUAN,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'RULE', field: 'serviceKinds', rule: 'voucher.scope.kindRequired', article: '第五条' } });
  });
});
