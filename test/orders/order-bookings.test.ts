// Bookings for Shanghai orders through the real services on a real SQLite file: a slot books an
// accepted order as a contract booking books its contract, the usage logged from it carries the
// order, and each refusal writes nothing.
import ExcelJS from 'exceljs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeAssessment } from '../../electron/services/assessment/compute';
import { exportAssessmentXlsx, SERVICE_RECORD_COLUMNS } from '../../electron/services/assessment/export-xlsx';
import { createBooking, getBooking, moveBooking } from '../../electron/services/bookings/bookings';
import { createSeries } from '../../electron/services/bookings/series';
import { createUsage, usageDraft } from '../../electron/services/bookings/usage';
import { saveOrder, transitionOrder } from '../../electron/services/orders/orders';
import { saveProduct } from '../../electron/services/orders/products';
import { updateSettings } from '../../electron/services/settings';
import { bookingInputSchema, seriesInputSchema } from '../../shared/ipc/bookings';
import { orderInputSchema, productInputSchema } from '../../shared/ipc/orders';
import { addInstrument } from '../bookings/seed';
import { firm, refusal, YUAN } from '../deals/helpers';
import { contentHash, tempCore, type TempCore } from '../helpers/db';

let core: TempCore;
let instrumentId: number;
let orderId: number;
beforeEach(() => {
  core = tempCore('2025-10-20T02:00:00.000Z');
  updateSettings(core.ctx, { region: 'shanghai' });
  const productId = saveProduct(core.ctx, null, productInputSchema.parse({ code: 'P-01', name: '材料成分检验检测', serviceKind: 'inspection' })).id;
  const a = firm(core.ctx, { name: '上海某材料科技有限公司', region: 'shanghai', smeListed: true, smeListedYear: 2025 });
  orderId = saveOrder(core.ctx, null, orderInputSchema.parse({
    number: 'DD00001', applicantId: a.id, productId, orderDate: '2025-10-10', totalFen: 20_000 * YUAN, voucherFen: 10_000 * YUAN, payoutParty: 'institution',
  })).id;
  instrumentId = addInstrument(core, 'SH-001');
});
afterEach(() => core.cleanup());

const slot = (patch: Record<string, unknown> = {}) => bookingInputSchema.parse({
  instrumentId, kind: 'order', orderId, startAt: '2025-10-21T09:00', endAt: '2025-10-21T12:00', title: '成分分析', ...patch,
});

describe('an order booking', () => {
  it('is refused while the order is only placed (第十条: service follows acceptance), writing nothing', () => {
    const before = contentHash(core);
    expect(refusal(() => createBooking(core.ctx, slot()))).toMatchObject({ code: 'RULE', reason: 'booking.orderState', field: 'orderId', params: { number: 'DD00001' } });
    expect(contentHash(core)).toBe(before);
  });

  it('books an accepted order, shows its number and applicant, and keeps the order when moved', () => {
    transitionOrder(core.ctx, { id: orderId, to: 'accepted', date: '2025-10-11', note: '' });
    const b = createBooking(core.ctx, slot());
    expect(b).toMatchObject({ kind: 'order', orderId, orderNumber: 'DD00001', contractId: null, applicantName: '上海某材料科技有限公司' });
    expect(getBooking(core.ctx, b.id)).toEqual(b);
    const moved = moveBooking(core.ctx, b.id, { startAt: '2025-10-22T09:00', endAt: '2025-10-22T12:00' });
    expect(moved).toMatchObject({ orderId, startAt: '2025-10-22T09:00' });
  });

  it('logs its usage against the order, as external service to the applicant', () => {
    transitionOrder(core.ctx, { id: orderId, to: 'accepted', date: '2025-10-11', note: '' });
    const b = createBooking(core.ctx, slot({ startAt: '2025-10-20T07:00', endAt: '2025-10-20T09:30' }));
    const draft = usageDraft(core.ctx, b.id);
    expect(draft).toMatchObject({ orderId, contractId: null, external: true, userUnit: '上海某材料科技有限公司' });
    const u = createUsage(core.ctx, { ...draft, operator: '李工' });
    expect(u).toMatchObject({ orderId, orderNumber: 'DD00001', bookingId: b.id });
  });

  it('needs an order, and only an order booking may name one', () => {
    transitionOrder(core.ctx, { id: orderId, to: 'accepted', date: '2025-10-11', note: '' });
    expect(refusal(() => createBooking(core.ctx, slot({ orderId: null })))).toMatchObject({ code: 'VALIDATION', reason: 'booking.orderRequired', field: 'orderId' });
    expect(refusal(() => createBooking(core.ctx, slot({ kind: 'internal' })))).toMatchObject({ code: 'VALIDATION', reason: 'booking.orderKind', field: 'orderId' });
    expect(refusal(() => createBooking(core.ctx, slot({ orderId: 9999 })))).toMatchObject({ code: 'NOT_FOUND', reason: 'order.notFound' });
  });

  it('is refused on a cancelled order, also when a whole series is booked (nothing created)', () => {
    transitionOrder(core.ctx, { id: orderId, to: 'cancelled', date: '2025-10-11', note: '企业撤单' });
    const before = contentHash(core);
    expect(refusal(() => createSeries(core.ctx, seriesInputSchema.parse({
      instrumentId, kind: 'order', orderId, firstDate: '2025-10-21', startTime: '09:00', endTime: '12:00', count: 3,
    })))).toMatchObject({ reason: 'booking.orderState' });
    expect(contentHash(core)).toBe(before);
  });

  it('on an instrument that is not shared is refused like a contract booking', () => {
    transitionOrder(core.ctx, { id: orderId, to: 'accepted', date: '2025-10-11', note: '' });
    const closed = addInstrument(core, 'SH-002', { shareMode: '不共享' });
    expect(refusal(() => createBooking(core.ctx, slot({ instrumentId: closed })))).toMatchObject({ code: 'RULE', rule: 'booking.shareMode' });
  });
});

describe('orders in the annual assessment', () => {
  it('count as service contracts once accepted, with their totals and voucher amounts, in the unit and the instrument scope', () => {
    const empty = computeAssessment(core.ctx, { year: 2025, scope: { kind: 'unit' } });
    expect(empty).toMatchObject({ contracts: 0, voucherContracts: 0, contractAmountFen: 0, voucherAmountFen: 0 });
    transitionOrder(core.ctx, { id: orderId, to: 'accepted', date: '2025-10-11', note: '' });
    const b = createBooking(core.ctx, slot({ startAt: '2025-10-20T07:00', endAt: '2025-10-20T09:30' }));
    createUsage(core.ctx, { ...usageDraft(core.ctx, b.id), operator: '李工' });
    const unit = computeAssessment(core.ctx, { year: 2025, scope: { kind: 'unit' } });
    expect(unit).toMatchObject({ contracts: 1, voucherContracts: 1, contractAmountFen: 20_000 * YUAN, voucherAmountFen: 10_000 * YUAN });
    expect(computeAssessment(core.ctx, { year: 2025, scope: { kind: 'instrument', instrumentId } })).toMatchObject({ contracts: 1 });
    const other = addInstrument(core, 'SH-009');
    expect(computeAssessment(core.ctx, { year: 2025, scope: { kind: 'instrument', instrumentId: other } })).toMatchObject({ contracts: 0 });
    // Another year does not see it.
    expect(computeAssessment(core.ctx, { year: 2026, scope: { kind: 'unit' } })).toMatchObject({ contracts: 0 });
  });
});

describe('the national 服务记录 export', () => {
  it('lists the usage of a Shanghai order as external service, with the order number where a contract\'s would be', async () => {
    transitionOrder(core.ctx, { id: orderId, to: 'accepted', date: '2025-10-11', note: '' });
    const b = createBooking(core.ctx, slot({ startAt: '2025-10-20T07:00', endAt: '2025-10-20T09:30' }));
    createUsage(core.ctx, { ...usageDraft(core.ctx, b.id), operator: '李工' });
    const file = await exportAssessmentXlsx(core.ctx, { year: 2025, scope: { kind: 'unit' } });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    const svc = wb.getWorksheet('服务记录')!;
    expect(svc.rowCount).toBe(2);
    const at = (name: (typeof SERVICE_RECORD_COLUMNS)[number]) => svc.getRow(2).getCell(SERVICE_RECORD_COLUMNS.indexOf(name) + 1).value;
    expect(at('所在单位内部编号')).toBe('SH-001');
    expect(at('合同编号')).toBe('DD00001');
    expect(at('服务对象')).toBe('外部');
    expect(at('本年机时（小时）')).toBe(2.5);
  });
});
