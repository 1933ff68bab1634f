// Shanghai orders through the real services on a real SQLite file: each refusal names its article
// of 沪科规〔2025〕6号 and writes nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeError } from '../../renderer/src/i18n-errors';
import { orderEventNote } from '../../renderer/src/i18n-messages-orders';
import { createUsage } from '../../electron/services/bookings/usage';
import { getOrder, orderQuota, saveOrder, transitionOrder } from '../../electron/services/orders/orders';
import { addOrderMaterial } from '../../electron/services/orders/materials';
import { saveProduct } from '../../electron/services/orders/products';
import { pdfDocument } from '../fixtures/documents';
import { updateSettings } from '../../electron/services/settings';
import { usageInputSchema } from '../../shared/ipc/bookings';
import { orderInputSchema, productInputSchema, type OrderInput } from '../../shared/ipc/orders';
import { addInstrument } from '../bookings/seed';
import { firm, refusal, YUAN } from '../deals/helpers';
import { contentHash, tempCore, type TempCore } from '../helpers/db';

let core: TempCore;
let productId: number;
let seq = 0;
beforeEach(() => {
  core = tempCore('2025-10-20T02:00:00.000Z'); // 2025-10-20 Shanghai, 沪科规〔2025〕6号 in force
  updateSettings(core.ctx, { region: 'shanghai' });
  productId = saveProduct(core.ctx, null, productInputSchema.parse({ code: 'P-01', name: '材料成分检验检测', serviceKind: 'inspection', itemCategory: '检验检测/成分分析' })).id;
});
afterEach(() => core.cleanup());

const shFirm = (patch = {}) => firm(core.ctx, { region: 'shanghai', smeListed: true, smeListedYear: 2025, ...patch });
const shTeam = (patch = {}) => firm(core.ctx, {
  kind: 'team', region: 'shanghai', coreMembers: 3, incubator: '张江孵化器', incubatorRegion: 'shanghai', companyRegions: [], ...patch,
});
const order = (applicantId: number, input: Partial<OrderInput> = {}, id: number | null = null) => saveOrder(core.ctx, id, orderInputSchema.parse({
  number: `DD${String(++seq).padStart(5, '0')}`, applicantId, productId, orderDate: '2025-10-10', totalFen: 20_000 * YUAN,
  voucherFen: 10_000 * YUAN, payoutParty: 'institution', ...input,
}));

const material = (orderId: number) => ({
  orderId, kind: 'deliverable' as const, uploadedBy: 'institution' as const, fileName: '检测报告.pdf', dataBase64: pdfDocument('report').toString('base64'),
});

describe('voucher amount per order ≤ 50% of its total (第二条), exact in fen', () => {
  it('an order of 10,000.01元 gives at most 5,000.00元; 5,000.01元 is refused and nothing is written', () => {
    const a = shFirm();
    const before = contentHash(core);
    expect(refusal(() => order(a.id, { totalFen: 1_000_001, voucherFen: 500_001 }))).toMatchObject({
      code: 'RULE', rule: 'order.voucherShare', article: '第二条', field: 'voucherFen',
    });
    expect(contentHash(core)).toBe(before);
    const o = order(a.id, { totalFen: 1_000_001, voucherFen: 500_000 });
    expect(o).toMatchObject({ voucherFen: 500_000, maxVoucherFen: 500_000, status: 'placed', profileId: 'shanghai-2025' });
  });
});

describe('annual use per enterprise 30万 and team 10万 (第二条), on orders by year', () => {
  it('an enterprise at 299,999.99元 used can take 0.01元 more, and not 0.02元', () => {
    const a = shFirm();
    for (let i = 0; i < 29; i++) order(a.id, { voucherFen: 10_000 * YUAN });
    order(a.id, { voucherFen: 999_999, totalFen: 2_000_000 });
    expect(orderQuota(core.ctx, { applicantId: a.id })).toMatchObject({ quotaFen: 30_000_000, usedFen: 29_999_999, remainingFen: 1 });
    const before = contentHash(core);
    expect(refusal(() => order(a.id, { voucherFen: 2, totalFen: 100 }))).toMatchObject({ code: 'RULE', rule: 'order.annualQuota', article: '第二条' });
    expect(contentHash(core)).toBe(before);
    expect(order(a.id, { voucherFen: 1, totalFen: 100 }).voucherFen).toBe(1);
    // Another year has its own quota; a cancelled order gives its amount back.
    expect(order(a.id, { orderDate: '2025-09-01', voucherFen: 0, totalFen: 100 }).status).toBe('placed');
  });

  it('a team has 10万; a cancelled order no longer counts', () => {
    const t = shTeam();
    const o = order(t.id, { voucherFen: 100_000 * YUAN, totalFen: 200_000 * YUAN });
    expect(refusal(() => order(t.id, { voucherFen: 1, totalFen: 100 }))).toMatchObject({ rule: 'order.annualQuota', article: '第二条' });
    transitionOrder(core.ctx, { id: o.id, to: 'cancelled', note: '企业撤单' });
    expect(order(t.id, { voucherFen: 1, totalFen: 100 }).voucherFen).toBe(1);
  });
});

describe('who may order (第七条)', () => {
  it('a team already registered as a company in Shanghai is refused citing 第七条; nothing written', () => {
    const t = shTeam({ companyRegions: ['shanghai'] });
    const before = contentHash(core);
    expect(refusal(() => order(t.id))).toMatchObject({ code: 'RULE', rule: 'applicant.team.company', article: '第七条', field: 'applicantId' });
    expect(contentHash(core)).toBe(before);
  });

  it.each([
    ['on the 经营异常名录', { abnormalList: true }, 'applicant.integrity.abnormalList'],
    ['major violation last year', { lastMajorViolationYear: 2024 }, 'applicant.integrity.majorViolation'],
    ['serious dishonesty', { seriousDishonesty: true }, 'applicant.integrity.dishonesty'],
    ['高企 that is not an SME', { smeListed: false, highTech: true, isSme: false }, 'applicant.enterprise.highTechSme'],
  ])('an enterprise %s is refused', (_n, patch, rule) => {
    const a = shFirm(patch);
    const before = contentHash(core);
    expect(refusal(() => order(a.id))).toMatchObject({ code: 'RULE', rule, article: '第七条' });
    expect(contentHash(core)).toBe(before);
  });
});

describe('scope, double funding and dealings', () => {
  it.each([
    ['already funded by city finance (第四条)', { cityFunded: true }, 'voucher.doubleFunding', '第四条'],
    ['关联交易 (第十二条)', { relatedParty: true }, 'order.relatedParty', '第十二条'],
    ['转包 (第十二条)', { subcontracted: true }, 'order.subcontract', '第十二条'],
  ])('%s is refused, nothing written', (_n, patch, rule, article) => {
    const a = shFirm();
    const before = contentHash(core);
    expect(refusal(() => order(a.id, patch))).toMatchObject({ code: 'RULE', rule, article });
    expect(contentHash(core)).toBe(before);
  });

  it('a product in an excluded category cannot be offered (第四条)', () => {
    const before = contentHash(core);
    expect(refusal(() => saveProduct(core.ctx, null, productInputSchema.parse({ code: 'P-X', name: '代理记账', serviceKind: 'bookkeeping' }))))
      .toMatchObject({ code: 'RULE', rule: 'voucher.serviceExcluded', article: '第四条' });
    expect(contentHash(core)).toBe(before);
  });

  it('an order on a product of an excluded category (a row from before the check) is refused citing 第四条, nothing written', () => {
    const a = shFirm();
    const old = Number(core.db.prepare(`INSERT INTO service_products(code, name, service_kind, created_at, updated_at)
      VALUES ('P-OLD', '强制性检验', 'statutory_testing', '2025-09-01T00:00:00Z', '2025-09-01T00:00:00Z')`).run().lastInsertRowid);
    const before = contentHash(core);
    expect(refusal(() => order(a.id, { productId: old }))).toMatchObject({ code: 'RULE', rule: 'voucher.serviceExcluded', article: '第四条', field: 'productId' });
    expect(contentHash(core)).toBe(before);
  });

  it('an order cannot pass to another applicant', () => {
    const a = shFirm();
    const b = shFirm();
    const o = order(a.id);
    const { number } = o;
    const before = contentHash(core);
    expect(refusal(() => order(b.id, { number }, o.id))).toMatchObject({ code: 'RULE', rule: 'voucher.transfer' });
    expect(contentHash(core)).toBe(before);
  });
});

describe('no profile, no order flow', () => {
  it('an order dated before 2025-09-01 is refused: no profile covers it', () => {
    const a = shFirm();
    const before = contentHash(core);
    const e = refusal(() => order(a.id, { orderDate: '2025-08-31' }));
    expect(e).toMatchObject({ code: 'RULE', rule: 'policy.notInForce', field: 'orderDate', params: { region: 'shanghai', date: '2025-08-31' } });
    expect(contentHash(core)).toBe(before);
    // Said plainly: no profile of Shanghai covers that day, and no other is used instead.
    expect(describeError(e, 'en')).toBe('No policy profile of Shanghai is in force on 2025-08-31: the desk does not hold the measures of that date and uses no other profile instead');
  });

  it('a Beijing desk has no orders', () => {
    updateSettings(core.ctx, { region: 'beijing' });
    const a = firm(core.ctx);
    const before = contentHash(core);
    expect(refusal(() => order(a.id))).toMatchObject({ code: 'RULE', rule: 'order.flow' });
    expect(contentHash(core)).toBe(before);
  });
});

describe('cross-region (长三角, 第十五条)', () => {
  it('is recorded with its issuing region, left out of the local quota and told which rules were not checked', () => {
    const t = shTeam();
    order(t.id, { voucherFen: 100_000 * YUAN, totalFen: 200_000 * YUAN });
    const jiangsu = firm(core.ctx, { kind: 'team', region: 'beijing' });
    expect(refusal(() => order(jiangsu.id))).toMatchObject({ rule: 'order.region', article: '第十五条' });
    expect(refusal(() => order(jiangsu.id, { crossRegion: 'yangtze', issuingRegion: 'guangdong' }))).toMatchObject({ field: 'issuingRegion' });
    expect(refusal(() => order(jiangsu.id, { crossRegion: 'jingjinji', issuingRegion: 'tianjin' }))).toMatchObject({ rule: 'crossRegion.scheme' });
    const x = order(t.id, { crossRegion: 'yangtze', issuingRegion: 'jiangsu', voucherFen: 15_000 * YUAN, totalFen: 20_000 * YUAN });
    expect(x).toMatchObject({ crossRegion: 'yangtze', issuingRegion: 'jiangsu', voucherFen: 1_500_000 });
    // Exactly the rules of 沪科规〔2025〕6号 the desk skipped, none of Beijing's (no face value, no windows).
    expect(x.uncheckedRules).toEqual(['applicant', 'order.voucherShare', 'order.annualQuota', 'voucher.doubleFunding', 'order.relatedParty', 'order.subcontract']);
    expect(orderQuota(core.ctx, { applicantId: t.id })).toMatchObject({ usedFen: 10_000_000, remainingFen: 0 });
  });

  it('is not judged by the local 第七条: a team the local profile refuses records a 长三角 order, saying so', () => {
    const registered = shTeam({ companyRegions: ['shanghai'] });
    expect(refusal(() => order(registered.id))).toMatchObject({ rule: 'applicant.team.company', article: '第七条' });
    const x = order(registered.id, { crossRegion: 'yangtze', issuingRegion: 'zhejiang' });
    expect(x).toMatchObject({ crossRegion: 'yangtze', issuingRegion: 'zhejiang', status: 'placed' });
    expect(x.uncheckedRules).toContain('applicant');
    // A local order has none.
    expect(order(shFirm().id).uncheckedRules).toEqual([]);
  });
});

describe('the order path (第十条, 第十一条)', () => {
  it('order → accept → usage → complete → evaluate → upload → verify → notice (7 days) → paid, each dated and audited', () => {
    core.setNow('2025-11-03T02:00:00.000Z');
    const a = shFirm();
    const instrumentId = addInstrument(core, 'SH-001');
    const o = order(a.id);
    const step = (to: Parameters<typeof transitionOrder>[1]['to'], date: string) => transitionOrder(core.ctx, { id: o.id, to, date, note: '' });
    step('accepted', '2025-10-11');
    // Materials come after the service (第十一条): refused before completion, nothing written.
    const beforeMaterial = contentHash(core);
    expect(refusal(() => addOrderMaterial(core.ctx, material(o.id)))).toMatchObject({ code: 'RULE', rule: 'order.materials', article: '第十一条' });
    expect(contentHash(core)).toBe(beforeMaterial);
    expect(refusal(() => step('completed', '2025-10-12'))).toMatchObject({ rule: 'order.usageRequired' });
    createUsage(core.ctx, usageInputSchema.parse({ instrumentId, orderId: o.id, startAt: '2025-10-12T09:00', endAt: '2025-10-12T12:00', external: true, serviceWay: '委托' }));
    step('completed', '2025-10-12');
    expect(refusal(() => step('verified', '2025-10-13'))).toMatchObject({ code: 'CONFLICT', rule: 'order.transition', article: '第十条' });
    step('evaluated', '2025-10-13');
    const beforeUpload = contentHash(core);
    expect(refusal(() => step('uploaded', '2025-10-14'))).toMatchObject({ code: 'RULE', reason: 'order.materialsRequired', article: '第十一条' });
    expect(contentHash(core)).toBe(beforeUpload);
    expect(addOrderMaterial(core.ctx, material(o.id))).toMatchObject({ orderId: o.id, kind: 'deliverable', uploadedBy: 'institution' });
    // Who uploaded is stored as a code with its party, worded by the renderer in either language.
    const up = step('uploaded', '2025-10-14').events.at(-1)!;
    expect(up).toMatchObject({ note: '', noteCode: 'orderEvent.uploadedBy', noteParams: { party: 'institution' } });
    expect([orderEventNote(up, 'zh'), orderEventNote(up, 'en')]).toEqual(['服务机构上传兑付材料', 'Materials uploaded by the service institution']);
    step('verified', '2025-10-15');
    const n = step('notice', '2025-10-16');
    expect(n).toMatchObject({ status: 'notice', noticeStart: '2025-10-16', noticeEnd: '2025-10-23', usageMinutes: 180 });
    expect(n.timeline.notice).toMatchObject({ lastDay: '2025-10-23', article: '第十一条' });
    // Payment on the timeline: the first day after the 7-day notice, then the day it was paid.
    expect(n.payment).toEqual({ earliestOn: '2025-10-24', paidOn: null, refusedOn: null });
    const before = contentHash(core);
    expect(refusal(() => step('paid', '2025-10-23'))).toMatchObject({ rule: 'order.publicNotice', article: '第十一条' });
    expect(contentHash(core)).toBe(before);
    const paid = step('paid', '2025-10-24');
    expect(paid.status).toBe('paid');
    expect(paid.payment).toEqual({ earliestOn: '2025-10-24', paidOn: '2025-10-24', refusedOn: null });
    expect(paid.events.map((e) => [e.status, e.date])).toEqual([
      ['placed', '2025-10-10'], ['accepted', '2025-10-11'], ['completed', '2025-10-12'], ['evaluated', '2025-10-13'],
      ['uploaded', '2025-10-14'], ['verified', '2025-10-15'], ['notice', '2025-10-16'], ['paid', '2025-10-24'],
    ]);
    const audits = core.db.prepare("SELECT action FROM audit_log WHERE entity = 'order' ORDER BY id").pluck().all();
    expect(audits).toEqual(['create', ...Array(7).fill('order.transition')]);
    // Once accepted the amounts are evidence: no edit after the service.
    expect(refusal(() => order(a.id, { number: o.number }, o.id))).toMatchObject({ rule: 'order.locked' });
    expect(getOrder(core.ctx, o.id).nextStatuses).toEqual([]);
    // After verification the materials are what was verified: no more uploads.
    expect(refusal(() => addOrderMaterial(core.ctx, material(o.id)))).toMatchObject({ rule: 'order.materials' });
  });
});

describe('every refusal on the order path writes nothing', () => {
  type O = { id: number; number: string; applicantId: number };
  const accept = (o: O) => transitionOrder(core.ctx, { id: o.id, to: 'accepted', date: '2025-10-11', note: '' });
  it.each<[string, ((o: O) => unknown) | null, (o: O) => unknown, Record<string, unknown>]>([
    ['a step out of order (第十条)', null, (o) => transitionOrder(core.ctx, { id: o.id, to: 'verified', date: '2025-10-12', note: '' }), { code: 'CONFLICT', rule: 'order.transition', article: '第十条' }],
    ['a step dated in the future', null, (o) => transitionOrder(core.ctx, { id: o.id, to: 'accepted', date: '2025-10-21', note: '' }), { code: 'VALIDATION', reason: 'date.future', field: 'date' }],
    ['a step dated before the previous one', null, (o) => transitionOrder(core.ctx, { id: o.id, to: 'accepted', date: '2025-10-09', note: '' }), { code: 'VALIDATION', reason: 'order.dateBeforePrevious', params: { last: '2025-10-10' } }],
    ['a cancellation without a reason', null, (o) => transitionOrder(core.ctx, { id: o.id, to: 'cancelled', date: '2025-10-11', note: '' }), { code: 'VALIDATION', reason: 'order.reasonRequired', field: 'note' }],
    ['completion without a service record', accept, (o) => transitionOrder(core.ctx, { id: o.id, to: 'completed', date: '2025-10-12', note: '' }), { code: 'RULE', reason: 'order.usageRequired' }],
    ['an order dated in the future', null, (o) => order(o.applicantId, { orderDate: '2025-10-21' }), { code: 'VALIDATION', reason: 'date.future', field: 'orderDate' }],
    ['a second order with the same number', null, (o) => order(o.applicantId, { number: o.number }), { code: 'CONFLICT', rule: 'order.numberUnique', field: 'number' }],
    ['a 长三角 voucher from a region outside the scheme', null, (o) => order(o.applicantId, { crossRegion: 'yangtze', issuingRegion: 'guangdong' }), { field: 'issuingRegion', rule: 'crossRegion.issuingRegion' }],
  ])('%s', (_label, setup, act, expected) => {
    const o = order(shFirm().id);
    setup?.(o);
    const before = contentHash(core);
    expect(refusal(() => act(o))).toMatchObject(expected);
    expect(contentHash(core)).toBe(before);
  });

  it('an applicant outside Shanghai without a 长三角 voucher (第十五条)', () => {
    const outside = firm(core.ctx, { region: 'beijing' });
    const before = contentHash(core);
    expect(refusal(() => order(outside.id))).toMatchObject({ code: 'RULE', rule: 'order.region', article: '第十五条' });
    expect(contentHash(core)).toBe(before);
  });
});
