// Charges, statement and payments of a Shanghai order through the same money services as a
// Beijing contract, on a real SQLite file: usage × the rate in force on the day of use for the
// enterprise's price group, manual lines and adjustments, the order total set from the charges
// (50% voucher share checked on it, 沪 第二条), a 费用结算单 (PDF + xlsx) and payments. Each refusal
// writes nothing.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlers } from '../../electron/handlers';
import { computeAssessment } from '../../electron/services/assessment/compute';
import { invoke } from '../../electron/handlers/invoke';
import { createUsage } from '../../electron/services/bookings/usage';
import { addAdjustment, addManualLine, adoptActual, confirmDifference, contractCharges, refreshCharges } from '../../electron/services/money/charges';
import { quotePdfDownload, quoteXlsxDownload } from '../../electron/services/money/quote-docs';
import { adoptQuote, getQuote, saveQuote } from '../../electron/services/money/quotes';
import { addRateVersion, saveRateItem, setApplicantGroup } from '../../electron/services/money/rates';
import { PassThrough } from 'node:stream';
import { batchOrders, issueFromCharges, statementPdfDownload, statementXlsxDownload, writeBatch } from '../../electron/services/money/statements';
import { addPayment, removePayment, voidStatement } from '../../electron/services/money/statements-store';
import { addOrderMaterial } from '../../electron/services/orders/materials';
import { getOrder, saveOrder, transitionOrder } from '../../electron/services/orders/orders';
import { exportOrderPacket } from '../../electron/services/orders/packet';
import { saveProduct } from '../../electron/services/orders/products';
import { unzipSync } from 'fflate';
import { updateSettings } from '../../electron/services/settings';
import { usageInputSchema } from '../../shared/ipc/bookings';
import { adjustmentSchema, manualLineSchema, quoteFieldsSchema, rateVersionFieldsSchema } from '../../shared/ipc/money';
import { orderInputSchema, productInputSchema, type OrderInput } from '../../shared/ipc/orders';
import { addInstrument } from '../bookings/seed';
import { firm, refusal, YUAN } from '../deals/helpers';
import { pdfDocument } from '../fixtures/documents';
import { contentHash, tempCore, type TempCore } from '../helpers/db';
import { ENTERPRISE, INTERNAL } from '../helpers/money';
import { orderEventNoteZh } from '../../shared/rules/orders';
import { orderEventNote } from '../../renderer/src/i18n-messages-orders';

let core: TempCore;
let productId: number;
let instrumentId: number;
let applicantId: number;
let rateItemId: number;
beforeEach(() => {
  core = tempCore('2025-10-20T02:00:00.000Z'); // 2025-10-20 Shanghai
  updateSettings(core.ctx, { region: 'shanghai' });
  productId = saveProduct(core.ctx, null, productInputSchema.parse({ code: 'P-01', name: '材料成分检验检测', serviceKind: 'inspection' })).id;
  applicantId = firm(core.ctx, { name: '上海某材料科技有限公司', region: 'shanghai', smeListed: true, smeListedYear: 2025 }).id;
  instrumentId = addInstrument(core, 'SH-001');
  // 上机 400元/h for enterprises (200元/h on campus), 30-minute increments; 500元/h from 10-15.
  const item = saveRateItem(core.ctx, null, { instrumentId, name: '上机', unit: 'hour', billsUsage: true });
  rateItemId = item.id;
  addRateVersion(core.ctx, item.id, rateVersionFieldsSchema.parse({ effectiveFrom: '2025-01-01', incrementMinutes: 30,
    prices: [{ priceGroupId: INTERNAL, unitPriceFen: 200 * YUAN }, { priceGroupId: ENTERPRISE, unitPriceFen: 400 * YUAN }] }));
  addRateVersion(core.ctx, item.id, rateVersionFieldsSchema.parse({ effectiveFrom: '2025-10-15', incrementMinutes: 30,
    prices: [{ priceGroupId: ENTERPRISE, unitPriceFen: 500 * YUAN }] }));
});
afterEach(() => core.cleanup());

function accepted(input: Partial<OrderInput> = {}) {
  const o = saveOrder(core.ctx, null, orderInputSchema.parse({
    number: 'DD00001', applicantId, productId, orderDate: '2025-10-10', totalFen: 2_000 * YUAN, voucherFen: 1_000 * YUAN, payoutParty: 'institution', ...input,
  }));
  transitionOrder(core.ctx, { id: o.id, to: 'accepted', date: '2025-10-11', note: '' });
  return o.id;
}
const use = (orderId: number, startAt: string, endAt: string) =>
  createUsage(core.ctx, usageInputSchema.parse({ instrumentId, orderId, startAt, endAt, external: true, serviceWay: '委托' }));

describe('charges of an order', () => {
  it('prices each usage record at the rate in force on its day for the enterprise’s group, plus manual lines and adjustments', () => {
    const orderId = accepted();
    use(orderId, '2025-10-13T09:00', '2025-10-13T11:10'); // 2 h 10 → 2.5 h × 400 = 1,000.00
    use(orderId, '2025-10-16T14:00', '2025-10-16T15:00'); // 1 h × 500 (new rate) = 500.00
    expect(refreshCharges(core.ctx, { orderId })).toMatchObject({ created: 2, unpriced: [] });
    addManualLine(core.ctx, manualLineSchema.parse({ orderId, category: 'consumable', serviceDate: '2025-10-16', description: '标样', quantityMilli: 2000, unitPriceFen: 12_50 }));
    addAdjustment(core.ctx, adjustmentSchema.parse({ orderId, category: 'discount', serviceDate: '2025-10-16', amountFen: -25 * YUAN, reason: '首单优惠' }));
    const c = contractCharges(core.ctx, { orderId });
    expect(c).toMatchObject({ orderId, contractId: null, number: 'DD00001', totalFen: 1_500 * YUAN, actualAmountFen: 2_000 * YUAN, differenceFen: 500 * YUAN });
    expect(c.lines.map((l) => [l.serviceDate, l.kind, l.amountFen])).toEqual([
      ['2025-10-13', 'usage', 100_000], ['2025-10-16', 'usage', 50_000], ['2025-10-16', 'manual', 2_500], ['2025-10-16', 'adjustment', -2_500],
    ]);
    expect(c.priceGroup.name).toBe('企业');
    // The lines are the order's, not any contract's; the audit log has every change.
    expect(core.db.prepare('SELECT count(*) FROM charges WHERE order_id = ? AND contract_id IS NULL').pluck().get(orderId)).toBe(4);
    const audited = core.db.prepare("SELECT action FROM audit_log WHERE entity IN ('charges', 'charge') ORDER BY id").pluck().all();
    expect(audited).toEqual(['refresh', 'create', 'create']);
    // Another price group prices the next refresh of a changed record, never the lines already made.
    setApplicantGroup(core.ctx, applicantId, INTERNAL);
    expect(refreshCharges(core.ctx, { orderId })).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
  });

  it('refuses an adjustment that takes the total below zero, and writes nothing', () => {
    const orderId = accepted();
    use(orderId, '2025-10-13T09:00', '2025-10-13T10:00');
    refreshCharges(core.ctx, { orderId });
    const before = contentHash(core);
    expect(refusal(() => addAdjustment(core.ctx, adjustmentSchema.parse({ orderId, category: 'waiver', serviceDate: '2025-10-13', amountFen: -400 * YUAN - 1, reason: '减免' }))))
      .toMatchObject({ code: 'RULE', rule: 'charge.totalNegative' });
    expect(contentHash(core)).toBe(before);
  });

  it('takes exactly one owner at the boundary', async () => {
    const orderId = accepted();
    const r = await invoke(handlers, core.ctx, 'money:charges', { orderId, contractId: 1 });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await invoke(handlers, core.ctx, 'money:charges', {})).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await invoke(handlers, core.ctx, 'money:charges', { orderId })).toMatchObject({ ok: true, value: { orderId } });
  });
});

describe('the order total from its charges (第二条: voucher ≤ 50% of the total, exact in fen)', () => {
  it('adopts the charges as the order total while accepted; a total that would put the voucher over 50% is refused and nothing is written', () => {
    const orderId = accepted({ totalFen: 2_000 * YUAN, voucherFen: 1_000 * YUAN });
    use(orderId, '2025-10-13T09:00', '2025-10-13T13:30'); // 4.5 h × 400 = 1,800.00 → voucher 1,000 > 900
    refreshCharges(core.ctx, { orderId });
    const before = contentHash(core);
    expect(refusal(() => adoptActual(core.ctx, { orderId }))).toMatchObject({ code: 'RULE', rule: 'order.voucherShare', article: '第二条' });
    expect(contentHash(core)).toBe(before);
    // 1,999.99 of charges allows 999.99, so a 1,000.00 voucher is still refused by one fen.
    addManualLine(core.ctx, manualLineSchema.parse({ orderId, category: 'staff', serviceDate: '2025-10-13', description: '制样', quantityMilli: 1000, unitPriceFen: 199_99 }));
    expect(refusal(() => adoptActual(core.ctx, { orderId }))).toMatchObject({ rule: 'order.voucherShare', params: { maxFen: 99_999 } });
    addManualLine(core.ctx, manualLineSchema.parse({ orderId, category: 'other', serviceDate: '2025-10-13', description: '报告', quantityMilli: 1000, unitPriceFen: 1 }));
    const c = adoptActual(core.ctx, { orderId });
    expect(c).toMatchObject({ totalFen: 200_000, actualAmountFen: 200_000, differenceFen: 0, maxVoucherFen: 100_000, ownPartFen: 100_000 });
    expect(getOrder(core.ctx, orderId)).toMatchObject({ totalFen: 200_000, maxVoucherFen: 100_000 });
    expect(core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'adopt_charges' AND entity = 'order'").pluck().get()).toBe(1);
  });

  it('adopting the charges is a dated event of the order\'s history, worded in zh and en, that does not hold back the next step\'s date', () => {
    const orderId = accepted({ totalFen: 2_000 * YUAN, voucherFen: 500 * YUAN });
    use(orderId, '2025-10-13T09:00', '2025-10-13T12:00'); // 3 h × 400 = 1,200.00
    refreshCharges(core.ctx, { orderId });
    adoptActual(core.ctx, { orderId });
    const o = getOrder(core.ctx, orderId);
    const adopted = o.events.at(-1)!;
    expect(adopted).toMatchObject({ status: 'accepted', date: '2025-10-20', noteCode: 'orderEvent.chargesAdopted', noteParams: { beforeFen: 200_000, afterFen: 120_000 } });
    expect(o.events.map((e) => e.status)).toEqual(['placed', 'accepted', 'accepted']);
    expect(orderEventNoteZh(adopted.noteCode!, adopted.noteParams)).toBe('订单总额按费用合计确定：2,000.00 元 → 1,200.00 元');
    expect(orderEventNote(adopted, 'en')).toBe('Order total set from the charges: ¥2,000.00 → ¥1,200.00');
    expect(orderEventNote(adopted, 'zh')).toBe('订单总额按费用合计确定：2,000.00 元 → 1,200.00 元');
    // The service was completed on 10-13, recorded after the adoption of 10-20: the step date follows the accepted step.
    expect(transitionOrder(core.ctx, { id: orderId, to: 'completed', date: '2025-10-13', note: '' }).status).toBe('completed');
    // A refused adoption adds no event.
    const before = contentHash(core);
    expect(refusal(() => adoptActual(core.ctx, { orderId }))).toMatchObject({ rule: 'order.locked' });
    expect(contentHash(core)).toBe(before);
  });

  it('keeps the total once the service is completed: a difference is confirmed with a reason instead', () => {
    const orderId = accepted();
    use(orderId, '2025-10-13T09:00', '2025-10-13T12:00'); // 1,200.00 against a total of 2,000.00
    refreshCharges(core.ctx, { orderId });
    transitionOrder(core.ctx, { id: orderId, to: 'completed', date: '2025-10-13', note: '' });
    const before = contentHash(core);
    expect(refusal(() => adoptActual(core.ctx, { orderId }))).toMatchObject({ code: 'CONFLICT', rule: 'order.locked' });
    expect(refusal(() => issueFromCharges(core.ctx, { orderId }, '2025-10-20'))).toMatchObject({ rule: 'statement.actualNotSettled' });
    expect(contentHash(core)).toBe(before);
    const c = confirmDifference(core.ctx, { orderId }, '平台按服务清单核定订单总额，含报告费');
    expect(c).toMatchObject({ differenceFen: 800 * YUAN, differenceConfirmed: { reason: '平台按服务清单核定订单总额，含报告费' }, amountEditable: false });
    expect(issueFromCharges(core.ctx, { orderId }, '2025-10-20')).toMatchObject({ orderId, contractId: null, totalFen: 1_200 * YUAN, voucherFen: 1_000 * YUAN, ownFen: 1_000 * YUAN });
  });
});

describe('the 费用结算单 and payments of an order', () => {
  it('issues one statement (PDF + xlsx with the totals in 大写), freezes the lines, records payments; voided with a reason it frees them', async () => {
    const orderId = accepted({ totalFen: 1_409_50, voucherFen: 704_75 });
    use(orderId, '2025-10-13T09:00', '2025-10-13T12:00'); // 1,200.00
    refreshCharges(core.ctx, { orderId });
    addManualLine(core.ctx, manualLineSchema.parse({ orderId, category: 'service', serviceDate: '2025-10-13', description: '检测报告', quantityMilli: 1000, unitPriceFen: 209_50 }));
    adoptActual(core.ctx, { orderId });
    const s = issueFromCharges(core.ctx, { orderId }, '2025-10-20');
    expect(s).toMatchObject({ number: 'JS-2025-0001', orderId, totalFen: 1_409_50, voucherFen: 704_75, ownFen: 704_75 });
    const before = contentHash(core);
    expect(refusal(() => addAdjustment(core.ctx, adjustmentSchema.parse({ orderId, category: 'correction', serviceDate: '2025-10-20', amountFen: 100, reason: '补' }))))
      .toMatchObject({ rule: 'charges.statementIssued', params: { number: 'JS-2025-0001' } });
    expect(refusal(() => issueFromCharges(core.ctx, { orderId }, '2025-10-20'))).toMatchObject({ rule: 'statement.exists' });
    expect(contentHash(core)).toBe(before);

    const pdf = Buffer.from((await statementPdfDownload(core.ctx, { orderId })).dataBase64, 'base64');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const x = await statementXlsxDownload(core.ctx, { orderId });
    expect(x.fileName).toBe('费用结算单-DD00001.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.dataBase64, 'base64') as unknown as ArrayBuffer);
    const cells = wb.worksheets[0].getSheetValues().flatMap((r) => (Array.isArray(r) ? r : [])).map(String);
    expect(cells).toEqual(expect.arrayContaining(['订单编号', 'DD00001', '服务产品', '材料成分检验检测', '订单总额', '人民币壹仟肆佰零玖元伍角', '人民币柒佰零肆元柒角伍分']));

    const p = addPayment(core.ctx, { orderId, receiptNumber: 'HD20251021001', paidOn: '2025-10-21', amountFen: 704_75, payer: '上海某材料科技有限公司', note: '' });
    expect(p).toMatchObject({ orderId, contractId: null, statementId: s.id });
    expect(contractCharges(core.ctx, { orderId })).toMatchObject({ paidFen: 704_75, dueFromApplicantFen: 704_75 });
    // The assessment's service income takes the order's charges (usage and service lines), and its payments received.
    expect(computeAssessment(core.ctx, { year: 2025 })).toMatchObject({ serviceIncomeFen: 1_409_50, paymentsReceivedFen: 704_75, payments: 1 });
    // The order packet carries the issued statement.
    expect(Object.keys(unzipSync(new Uint8Array((await exportOrderPacket(core.ctx, orderId)).bytes)))).toContain('费用结算单.pdf');
    const voided = voidStatement(core.ctx, { orderId }, '开票信息有误');
    expect(Object.keys(unzipSync(new Uint8Array((await exportOrderPacket(core.ctx, orderId)).bytes)))).not.toContain('费用结算单.pdf');
    expect(voided.voidedAt).not.toBeNull();
    expect(contractCharges(core.ctx, { orderId }).lines.every((l) => l.statementId === null)).toBe(true);
  });

  it('with 兑付方式 企业 the enterprise owes the whole total; payments stand once the materials are uploaded', () => {
    const orderId = accepted({ payoutParty: 'enterprise', totalFen: 1_200 * YUAN, voucherFen: 600 * YUAN });
    use(orderId, '2025-10-13T09:00', '2025-10-13T12:00');
    refreshCharges(core.ctx, { orderId });
    expect(contractCharges(core.ctx, { orderId })).toMatchObject({ payoutParty: 'enterprise', ownPartFen: 600 * YUAN, dueFromApplicantFen: 1_200 * YUAN, differenceFen: 0 });
    issueFromCharges(core.ctx, { orderId }, '2025-10-14');
    const p = addPayment(core.ctx, { orderId, receiptNumber: 'HD1', paidOn: '2025-10-14', amountFen: 1_200 * YUAN, payer: '', note: '' });
    for (const [to, date] of [['completed', '2025-10-13'], ['evaluated', '2025-10-14']] as const) transitionOrder(core.ctx, { id: orderId, to, date, note: '' });
    addOrderMaterial(core.ctx, { orderId, kind: 'payment_proof', uploadedBy: 'enterprise', fileName: '回单.pdf', dataBase64: pdfDocument('receipt').toString('base64') });
    transitionOrder(core.ctx, { id: orderId, to: 'uploaded', date: '2025-10-15', note: '' });
    const before = contentHash(core);
    expect(refusal(() => removePayment(core.ctx, p.id, '录错'))).toMatchObject({ code: 'CONFLICT', rule: 'payment.orderMaterialsUploaded' });
    expect(contentHash(core)).toBe(before);
  });

  it('a cancelled order takes no statement and no payment', () => {
    const orderId = accepted();
    use(orderId, '2025-10-13T09:00', '2025-10-13T10:00');
    refreshCharges(core.ctx, { orderId });
    transitionOrder(core.ctx, { id: orderId, to: 'cancelled', date: '2025-10-14', note: '企业撤单' });
    const before = contentHash(core);
    expect(refusal(() => issueFromCharges(core.ctx, { orderId }, '2025-10-20'))).toMatchObject({ rule: 'statement.orderClosed' });
    expect(refusal(() => addPayment(core.ctx, { orderId, receiptNumber: 'HD2', paidOn: '2025-10-20', amountFen: 1, payer: '', note: '' }))).toMatchObject({ rule: 'payment.orderClosed' });
    expect(contentHash(core)).toBe(before);
  });
});

describe('the year\'s statement batch', () => {
  it('has a row per order with charges, with what is still owed by its 兑付方式', async () => {
    const orderId = accepted({ payoutParty: 'enterprise', totalFen: 1_200 * YUAN, voucherFen: 600 * YUAN });
    use(orderId, '2025-10-13T09:00', '2025-10-13T12:00');
    refreshCharges(core.ctx, { orderId });
    addPayment(core.ctx, { orderId, receiptNumber: 'HD9', paidOn: '2025-10-14', amountFen: 1_000 * YUAN, payer: '', note: '' });
    expect(batchOrders(core.ctx, 2025)).toEqual([orderId]);
    expect(batchOrders(core.ctx, 2024)).toEqual([]);
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    expect(await writeBatch(core.ctx, [], sink, () => true, [orderId])).toBe(true);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
    // 1,200 total, 600 voucher, 600 own part; paid to the enterprise, so it owes 1,200 and 200 is outstanding.
    expect(wb.getWorksheet('结算汇总')!.getRow(2).values).toEqual([undefined, 'DD00001', '上海某材料科技有限公司', 1200, 1200, 600, 600, 1000, 200]);
    expect(wb.getWorksheet('费用明细')!.rowCount).toBe(2);
  });
});

describe('a quote (报价单) for an order: the same service as for a contract, the owner generalised', () => {
  const quote = (number: string, hoursMilli: number, extraFen: number, forApplicant = applicantId) => saveQuote(core.ctx, null, quoteFieldsSchema.parse({
    number, applicantId: forApplicant, quoteDate: '2025-10-12', validUntil: '2025-11-12', title: '材料成分检验',
    lines: [{ rateItemId, quantityMilli: hoursMilli }, { description: '检测报告', unit: 'item', quantityMilli: 1000, unitPriceFen: extraFen }],
  }));

  it('prices the lines at the enterprise rate of the quote date; the order adopts the total while accepted, as a dated event, the 50% share checked exactly in fen', () => {
    const orderId = accepted({ totalFen: 2_000 * YUAN, voucherFen: 1_000 * YUAN });
    // 4.5 h × 400 (the rate of 10-12, not the 500 of 10-15) + 199.99 = 1,999.99 → a voucher of 1,000.00 is one fen over 50%.
    const short = quote('BJ-Q-001', 4500, 199_99);
    expect(short.totalFen).toBe(1_999_99);
    expect(short.lines.map((l) => [l.unitPriceFen, l.amountFen])).toEqual([[400 * YUAN, 1_800 * YUAN], [199_99, 199_99]]);
    const before = contentHash(core);
    expect(refusal(() => adoptQuote(core.ctx, short.id, { orderId }))).toMatchObject({ code: 'RULE', rule: 'order.voucherShare', article: '第二条', params: { maxFen: 99_999 } });
    expect(contentHash(core)).toBe(before);

    const q = quote('BJ-Q-002', 4500, 200_00);
    expect(adoptQuote(core.ctx, q.id, { orderId })).toEqual({ contractId: null, orderId, amountFen: 2_000_00 });
    expect(getQuote(core.ctx, q.id)).toMatchObject({ orderId, contractId: null, adoptedByNumber: 'DD00001' });
    expect(core.db.prepare('SELECT total_fen, quote_id FROM orders WHERE id = ?').get(orderId)).toEqual({ total_fen: 2_000_00, quote_id: q.id });
    const o = getOrder(core.ctx, orderId);
    expect(o.events.at(-1)).toMatchObject({ status: 'accepted', noteCode: 'orderEvent.quoteAdopted', noteParams: { number: 'BJ-Q-002', beforeFen: 2_000_00, afterFen: 2_000_00 } });
    expect(orderEventNote(o.events.at(-1)!, 'en')).toBe('Order total taken from quote BJ-Q-002: ¥2,000.00 → ¥2,000.00');
    expect(core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'adopt_quote' AND entity = 'order'").pluck().get()).toBe(1);
    // An adopted quote no longer changes.
    expect(refusal(() => saveQuote(core.ctx, q.id, quoteFieldsSchema.parse({ number: 'BJ-Q-002', applicantId, quoteDate: '2025-10-12', validUntil: '2025-11-12', lines: [{ rateItemId, quantityMilli: 1000 }] }))))
      .toMatchObject({ code: 'CONFLICT', rule: 'quote.adopted' });
  });

  it('refuses, writing nothing, a quote adopted by another order, one of another applicant, and any quote once the service is completed', () => {
    const orderId = accepted({ totalFen: 2_000 * YUAN, voucherFen: 500 * YUAN });
    const other = accepted({ number: 'DD00002', totalFen: 2_000 * YUAN, voucherFen: 500 * YUAN });
    const q = quote('BJ-Q-010', 3000, 0);
    adoptQuote(core.ctx, q.id, { orderId: other });
    const stranger = firm(core.ctx, { name: '上海另一科技有限公司', region: 'shanghai', smeListed: true, smeListedYear: 2025 }).id;
    const foreign = quote('BJ-Q-011', 3000, 0, stranger);
    const fresh = quote('BJ-Q-012', 3000, 0);
    use(orderId, '2025-10-13T09:00', '2025-10-13T10:00');
    transitionOrder(core.ctx, { id: orderId, to: 'completed', date: '2025-10-13', note: '' });
    const before = contentHash(core);
    expect(refusal(() => adoptQuote(core.ctx, q.id, { orderId }))).toMatchObject({ code: 'CONFLICT', rule: 'quote.adopted' });
    expect(refusal(() => adoptQuote(core.ctx, foreign.id, { orderId }))).toMatchObject({ code: 'RULE', rule: 'quote.applicant' });
    expect(refusal(() => adoptQuote(core.ctx, fresh.id, { orderId }))).toMatchObject({ code: 'CONFLICT', rule: 'order.locked' });
    expect(contentHash(core)).toBe(before);
  });

  it('takes exactly one owner at the boundary', async () => {
    const orderId = accepted();
    const q = quote('BJ-Q-020', 1000, 0);
    expect(await invoke(handlers, core.ctx, 'money:quoteAdopt', { quoteId: q.id })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(await invoke(handlers, core.ctx, 'money:quoteAdopt', { quoteId: q.id, orderId, contractId: 1 })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('prints the quote as PDF in the desk\'s form frame and as .xlsx, with the total in 大写 and the order that adopted it', async () => {
    const orderId = accepted({ totalFen: 2_000 * YUAN, voucherFen: 500 * YUAN });
    const q = quote('BJ-Q-030', 3500, 9_50); // 3.5 h × 400 + 9.50 = 1,409.50
    adoptQuote(core.ctx, q.id, { orderId });
    const x = await quoteXlsxDownload(core.ctx, q.id);
    expect(x.fileName).toBe('报价单-BJ-Q-030.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.dataBase64, 'base64') as unknown as ArrayBuffer);
    const cells = wb.worksheets[0].getSheetValues().flatMap((r) => (Array.isArray(r) ? r : [])).map(String);
    expect(cells).toEqual(expect.arrayContaining(['报价单 BJ-Q-030', '上海某材料科技有限公司', '企业', '订单 DD00001', '报价合计', '人民币壹仟肆佰零玖元伍角', '1409.5']));
    const pdf = await quotePdfDownload(core.ctx, q.id);
    expect(pdf.fileName).toBe('报价单-BJ-Q-030.pdf');
    const bytes = Buffer.from(pdf.dataBase64, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    if (fs.existsSync('/usr/bin/pdftotext')) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quote-pdf-'));
      try {
        fs.writeFileSync(path.join(dir, 'q.pdf'), bytes);
        // pdftotext keeps the words but not always the spaces between CJK and figures.
        const text = execFileSync('pdftotext', [path.join(dir, 'q.pdf'), '-']).toString().replace(/\s+/g, '');
        for (const t of ['报价单', '一、双方', '二、报价明细', '三、报价金额', '五、签章', '开放单位（盖章）', 'BJ-Q-030', '订单DD00001', '1,409.50', '人民币壹仟肆佰零玖元伍角', '第1页/共1页']) {
          expect(text, t).toContain(t);
        }
      } finally { fs.rmSync(dir, { recursive: true, force: true }); }
    }
  });
});
