import { describe, expect, it } from 'vitest';
import { handlers } from '../../electron/handlers';
import { invoke } from '../../electron/handlers/invoke';
import {
  addAdjustment, addManualLine, adoptActual, confirmDifference, contractCharges, refreshCharges, removeLine,
} from '../../electron/services/money/charges';
import { adoptQuote, saveQuote } from '../../electron/services/money/quotes';
import { computeAssessment } from '../../electron/services/assessment/compute';
import { computeSubsidy, setYearInputs } from '../../electron/services/assessment/subsidy';
import { addRateVersion, referenceFeeText, saveRateItem, setApplicantGroup, updateRateVersion } from '../../electron/services/money/rates';
import { issueFromCharges } from '../../electron/services/money/statements';
import { checkRedemption } from '../../electron/services/redemption/check';
import { addPayment, voidStatement } from '../../electron/services/money/statements-store';
import { adjustmentSchema, manualLineSchema, quoteFieldsSchema, rateVersionFieldsSchema } from '../../shared/ipc/money';
import { contentHash, tempCoreEach } from '../helpers/db';
import { failure } from '../helpers/failure';
import { ENTERPRISE, INTERNAL } from '../helpers/money';
import { insertContract } from '../redemption/fixtures';

const core = tempCoreEach();

/** An hour rate on the fixture's instrument: 400元/h for enterprises, 30-minute increments. */
function hourRate(instrumentId: number, o: { from?: string; price?: number; inc?: 6 | 12 | 15 | 30 | 60; min?: number; setup?: number } = {}) {
  const item = saveRateItem(core.ctx, null, { instrumentId, name: '上机', unit: 'hour', billsUsage: true });
  return addRateVersion(core.ctx, item.id, rateVersionFieldsSchema.parse({
    effectiveFrom: o.from ?? '2025-01-01', incrementMinutes: o.inc ?? 30, minimumFen: o.min ?? 0, setupFeeFen: o.setup ?? 0,
    prices: [{ priceGroupId: INTERNAL, unitPriceFen: 20_000 }, { priceGroupId: ENTERPRISE, unitPriceFen: o.price ?? 40_000 }],
  }));
}

describe('charges from usage records', () => {
  it('prices each record at the rate in force on its day, for the applicant’s group, rounded up to the increment', () => {
    // 3.5 h on 05-10 and 4 h on 06-02 (fixture); a new rate from 06-01.
    const { contractId, instrumentId } = insertContract(core.db, { vouchersFen: [] });
    const item = hourRate(instrumentId);
    addRateVersion(core.ctx, item.id, rateVersionFieldsSchema.parse({ effectiveFrom: '2025-06-01', incrementMinutes: 60,
      prices: [{ priceGroupId: ENTERPRISE, unitPriceFen: 50_000 }] }));
    expect(refreshCharges(core.ctx, { contractId })).toMatchObject({ created: 2, unpriced: [] });
    const c = contractCharges(core.ctx, { contractId });
    expect(c.lines.map((l) => [l.serviceDate, l.quantityMilli, l.unitPriceFen, l.amountFen])).toEqual([
      ['2025-05-10', 3500, 40_000, 140_000], ['2025-06-02', 4000, 50_000, 200_000],
    ]);
    expect(c.totalFen).toBe(340_000);
    expect(c.priceGroup.name).toBe('企业');
    setApplicantGroup(core.ctx, c.lines.length && (core.db.prepare('SELECT applicant_id FROM contracts WHERE id = ?').pluck().get(contractId) as number), INTERNAL);
    // The new group has no price from 06-01 on: the second record is reported, not guessed.
    core.db.prepare('DELETE FROM charges').run();
    const r = refreshCharges(core.ctx, { contractId });
    expect(r.created).toBe(1);
    expect(r.unpriced).toMatchObject([{ reason: 'charge.noPriceForGroup' }]);
  });

  it('never rewrites a priced line when a rate changes later; a changed record is repriced', () => {
    const { contractId, instrumentId } = insertContract(core.db, { vouchersFen: [] });
    const item = hourRate(instrumentId);
    refreshCharges(core.ctx, { contractId });
    const before = contractCharges(core.ctx, { contractId }).lines.map((l) => l.amountFen);
    // A retroactive version from 05-01 does not touch the existing lines.
    addRateVersion(core.ctx, item.id, rateVersionFieldsSchema.parse({ effectiveFrom: '2025-05-01', incrementMinutes: 30, prices: [{ priceGroupId: ENTERPRISE, unitPriceFen: 99_900 }] }));
    expect(refreshCharges(core.ctx, { contractId })).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(contractCharges(core.ctx, { contractId }).lines.map((l) => l.amountFen)).toEqual(before);
    // Editing a record's time reprices just that record, at the version now in force.
    core.db.prepare("UPDATE usage_logs SET end_at = '2025-05-10T10:00' WHERE start_at = '2025-05-10T09:00'").run();
    expect(refreshCharges(core.ctx, { contractId })).toMatchObject({ updated: 1, unchanged: 1 });
    expect(contractCharges(core.ctx, { contractId }).lines[0]).toMatchObject({ quantityMilli: 1000, unitPriceFen: 99_900, amountFen: 99_900 });
    // The used version can no longer be edited.
    const used = item.versions[0];
    const f = failure(() => updateRateVersion(core.ctx, used.id, rateVersionFieldsSchema.parse({ effectiveFrom: '2025-01-01', incrementMinutes: 30, prices: [{ priceGroupId: ENTERPRISE, unitPriceFen: 1 }] })));
    expect(f.error).toMatchObject({ code: 'CONFLICT', rule: 'rate.versionUsed' });
  });

  it('reports records of an instrument without a rate', () => {
    const { contractId } = insertContract(core.db);
    expect(refreshCharges(core.ctx, { contractId })).toMatchObject({ created: 0, unpriced: [{ reason: 'charge.noRateItem' }, { reason: 'charge.noRateItem' }] });
  });

  it('computes 1,000 records in one transaction', () => {
    const usage: [string, string][] = [];
    for (let i = 0; i < 1000; i++) {
      const d = new Date(Date.UTC(2025, 4, 1) + Math.floor(i / 8) * 86_400_000).toISOString().slice(0, 10);
      const h = 8 + (i % 8);
      usage.push([`${d}T${String(h).padStart(2, '0')}:00`, `${d}T${String(h).padStart(2, '0')}:50`]);
    }
    const { contractId, instrumentId } = insertContract(core.db, { usage, vouchersFen: [] });
    hourRate(instrumentId, { inc: 15 });
    expect(refreshCharges(core.ctx, { contractId }).created).toBe(1000);
    // 50 min → 1 h at 15-minute increments → 400元 each.
    expect(contractCharges(core.ctx, { contractId }).totalFen).toBe(1000 * 40_000);
  });
});

describe('manual lines and adjustments', () => {
  it('adds consumables at a typed price and a service item from the table', () => {
    const { contractId, instrumentId } = insertContract(core.db, { vouchersFen: [] });
    const item = saveRateItem(core.ctx, null, { instrumentId, name: '元素分析', unit: 'sample', billsUsage: false });
    addRateVersion(core.ctx, item.id, rateVersionFieldsSchema.parse({ effectiveFrom: '2025-01-01', prices: [{ priceGroupId: ENTERPRISE, unitPriceFen: 12_000 }] }));
    const a = addManualLine(core.ctx, manualLineSchema.parse({ contractId, category: 'service', serviceDate: '2025-05-12', description: '元素分析', rateItemId: item.id, quantityMilli: 3000 }));
    expect(a).toMatchObject({ amountFen: 36_000, unitPriceFen: 12_000, unit: 'sample' });
    const b = addManualLine(core.ctx, manualLineSchema.parse({ contractId, category: 'consumable', serviceDate: '2025-05-12', description: '导电胶', quantityMilli: 2000, unitPriceFen: 1_550 }));
    expect(b.amountFen).toBe(3_100);
    expect(referenceFeeText(core.ctx, instrumentId, '2025-06-01')).toBe('元素分析：企业 120元/样品');
  });

  it('refuses an adjustment without a reason on its field', async () => {
    const { contractId } = insertContract(core.db, { vouchersFen: [] });
    const before = contentHash(core);
    const r = await invoke(handlers, core.ctx, 'money:addAdjustment', { contractId, category: 'discount', serviceDate: '2025-06-10', amountFen: -100, reason: ' ' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'reason' } });
    expect(contentHash(core)).toBe(before);
  });

  it('prices only an hourly item from usage records: a 核时 item is refused as usage-billed (usage holds no core count) and writes nothing', () => {
    const { instrumentId } = insertContract(core.db, { vouchersFen: [] });
    const before = contentHash(core);
    const f = failure(() => saveRateItem(core.ctx, null, { instrumentId, name: 'GPU 计算', unit: 'core_hour', billsUsage: true }));
    expect(f.error).toMatchObject({ code: 'VALIDATION', rule: 'rate.usageItemHourly', field: 'billsUsage' });
    expect(contentHash(core)).toBe(before);
    const typed = saveRateItem(core.ctx, null, { instrumentId, name: 'GPU 计算', unit: 'core_hour', billsUsage: false });
    expect(typed).toMatchObject({ unit: 'core_hour', billsUsage: false });
  });

  it('refuses a discount that takes the total below zero, and writes nothing', () => {
    const { contractId } = insertContract(core.db, { vouchersFen: [] });
    addManualLine(core.ctx, manualLineSchema.parse({ contractId, category: 'staff', serviceDate: '2025-05-12', description: '制样', quantityMilli: 1000, unitPriceFen: 10_000 }));
    const before = contentHash(core);
    const f = failure(() => addAdjustment(core.ctx, adjustmentSchema.parse({ contractId, category: 'discount', serviceDate: '2025-06-10', amountFen: -10_001, reason: '老客户' })));
    expect(f.error).toMatchObject({ code: 'RULE', rule: 'charge.totalNegative', field: 'amountFen' });
    expect(failure(() => addAdjustment(core.ctx, adjustmentSchema.parse({ contractId, category: 'waiver', serviceDate: '2025-06-10', amountFen: 500, reason: 'x' }))).error.rule).toBe('charge.adjustmentSign');
    expect(contentHash(core)).toBe(before);
    const ok = addAdjustment(core.ctx, adjustmentSchema.parse({ contractId, category: 'discount', serviceDate: '2025-06-10', amountFen: -1_000, reason: '九折' }));
    expect(ok).toMatchObject({ kind: 'adjustment', amountFen: -1_000, reason: '九折' });
    expect(core.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'charge'").pluck().get()).toBe(2);
    removeLine(core.ctx, ok.id, '录错');
    expect(contractCharges(core.ctx, { contractId }).totalFen).toBe(10_000);
  });
});

describe('actual amount, voucher cap, quote, statement and payments', () => {
  it('adopts the charges as 实际发生金额 with the 50% cap applied to that amount', () => {
    // Voucher 30,000元 on a contract whose charges come to 3,400元: over 50%, refused.
    const { contractId, instrumentId } = insertContract(core.db, { vouchersFen: [3_000_000], actualAmountFen: null });
    hourRate(instrumentId);
    refreshCharges(core.ctx, { contractId });
    const before = contentHash(core);
    expect(failure(() => adoptActual(core.ctx, { contractId })).error).toMatchObject({ code: 'RULE', rule: 'voucher.contractShare' });
    expect(contentHash(core)).toBe(before);
    core.db.prepare('UPDATE contract_vouchers SET amount_fen = 150000').run();
    const c = adoptActual(core.ctx, { contractId });
    expect(c).toMatchObject({ actualAmountFen: 300_000, totalFen: 300_000, differenceFen: 0, maxVoucherFen: 150_000, ownPartFen: 150_000 });
  });

  it('shows a difference and needs a reason before a statement', () => {
    const { contractId, instrumentId } = insertContract(core.db, { vouchersFen: [], actualAmountFen: 350_000 });
    hourRate(instrumentId);
    refreshCharges(core.ctx, { contractId });
    expect(contractCharges(core.ctx, { contractId })).toMatchObject({ differenceFen: 50_000, differenceConfirmed: null });
    expect(failure(() => issueFromCharges(core.ctx, { contractId }, '2025-06-15')).error.rule).toBe('statement.actualNotSettled');
    const c = confirmDifference(core.ctx, { contractId }, '含现场技术服务费（合同约定）');
    expect(c.differenceConfirmed).toMatchObject({ reason: '含现场技术服务费（合同约定）' });
    const s = issueFromCharges(core.ctx, { contractId }, '2025-06-15');
    expect(s).toMatchObject({ number: 'JS-2025-0001', totalFen: 300_000, ownFen: 350_000 });
  });

  it('freezes the lines while a statement stands and records payments against it', () => {
    const { contractId, instrumentId } = insertContract(core.db, { vouchersFen: [100_000], actualAmountFen: null });
    hourRate(instrumentId);
    refreshCharges(core.ctx, { contractId });
    adoptActual(core.ctx, { contractId });
    const s = issueFromCharges(core.ctx, { contractId }, '2025-06-15');
    expect(failure(() => refreshCharges(core.ctx, { contractId })).error.rule).toBe('charges.statementIssued');
    const p = addPayment(core.ctx, { contractId, receiptNumber: 'HD20250618001', paidOn: '2025-06-18', amountFen: 200_000, payer: '北京新材科技有限公司', note: '' });
    expect(p.statementId).toBe(s.id);
    expect(failure(() => addPayment(core.ctx, { contractId, receiptNumber: 'HD20250618001', paidOn: '2025-06-18', amountFen: 1, payer: '', note: '' })).error.rule).toBe('payment.receiptUnique');
    expect(contractCharges(core.ctx, { contractId })).toMatchObject({ paidFen: 200_000, ownPartFen: 200_000 });
    voidStatement(core.ctx, { contractId }, '重新计算');
    expect(refreshCharges(core.ctx, { contractId }).unchanged).toBe(2);
  });

  it('prices a quote from the table and lets the contract adopt its total as its amount', () => {
    const { contractId, instrumentId, applicantId } = insertContract(core.db, { vouchersFen: [] });
    const item = hourRate(instrumentId);
    const q = saveQuote(core.ctx, null, quoteFieldsSchema.parse({
      number: 'BJ-2025-001', applicantId, quoteDate: '2025-04-20', validUntil: '2025-05-20',
      lines: [{ rateItemId: item.id, quantityMilli: 8000 }, { description: '加急', unit: 'item', quantityMilli: 1000, unitPriceFen: 50_000 }],
    }));
    expect(q.totalFen).toBe(8 * 40_000 + 50_000);
    expect(adoptQuote(core.ctx, q.id, { contractId })).toEqual({ contractId, orderId: null, amountFen: 370_000 });
    expect(core.db.prepare('SELECT amount_fen, quote_id FROM contracts WHERE id = ?').get(contractId)).toEqual({ amount_fen: 370_000, quote_id: q.id });
  });
});

describe('payments as the proof of own payment', () => {
  it('stand for the bank receipt in the packet check once they cover the own part, and are flagged while short', () => {
    // 实际发生金额 60,000元, voucher 30,000元: the applicant's own part is 30,000元.
    const { contractId } = insertContract(core.db);
    const codes = () => checkRedemption(core.ctx, contractId).items.map((i) => i.code);
    expect(codes()).toContain('missing.bank_receipt');
    addPayment(core.ctx, { contractId, receiptNumber: 'HD20250611001', paidOn: '2025-06-11', amountFen: 1_000_000, payer: '', note: '' });
    expect(codes()).toEqual(expect.arrayContaining(['missing.bank_receipt', 'payments.ownShort']));
    expect(checkRedemption(core.ctx, contractId).items.find((i) => i.code === 'payments.ownShort')).toMatchObject({ params: { paidFen: 1_000_000, ownFen: 3_000_000 } });
    addPayment(core.ctx, { contractId, receiptNumber: 'HD20250612001', paidOn: '2025-06-12', amountFen: 2_000_000, payer: '', note: '' });
    expect(codes()).not.toContain('missing.bank_receipt');
    expect(codes()).not.toContain('payments.ownShort');
  });
});

describe('figures downstream', () => {
  it('takes the assessment’s service income from the charges (charged records, then the other lines)', () => {
    const { contractId, instrumentId } = insertContract(core.db, { vouchersFen: [] });
    // The fixture types 3,000元 on each record; charged, they count at their charge.
    hourRate(instrumentId);
    refreshCharges(core.ctx, { contractId });
    addManualLine(core.ctx, manualLineSchema.parse({ contractId, category: 'consumable', serviceDate: '2025-05-12', description: '导电胶', quantityMilli: 1000, unitPriceFen: 500 }));
    expect(computeAssessment(core.ctx, { year: 2025 }).serviceIncomeFen).toBe(300_000 + 500);
  });

  it('gives the net income and the staff-award share from the charges less the year’s costs, the payments received beside them', () => {
    // Charged: 3.5 h + 4 h at 400元 = 3,000元 (typed on the records: 2 × 3,000元, not used once charged).
    const { contractId, instrumentId } = insertContract(core.db, { vouchersFen: [] });
    hourRate(instrumentId);
    refreshCharges(core.ctx, { contractId });
    addPayment(core.ctx, { contractId, receiptNumber: 'HD20250618009', paidOn: '2025-06-18', amountFen: 100_000, payer: '', note: '' });
    setYearInputs(core.ctx, { year: 2025, classBoundaryFen: null, publishedGrade: null, incomeFen: null, costsFen: 100_000 });
    expect(computeAssessment(core.ctx, { year: 2025 })).toMatchObject({ serviceIncomeFen: 300_000, paymentsReceivedFen: 100_000, payments: 1 });
    // 70% of (3,000 − 1,000)元 (京 第十三条) is where the staff-award use starts.
    expect(computeSubsidy(core.ctx, 2025)).toMatchObject({ incomeFen: 300_000, incomeSource: 'usage', costsFen: 100_000, netFen: 200_000, staffAwardMinFen: 140_000 });
  });
});
