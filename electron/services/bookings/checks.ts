// The checks a slot must pass before it is written: sane span, open instrument, contract and its period.
// The overlap check is in conflicts.ts.
import { BOOKING_KIND_LABELS, MAX_SLOT_DAYS, type BookingKind } from '../../../shared/ipc/bookings';
import { fail, refuse } from '../../../shared/result';
import { ORDER_STATES_WITHOUT_SERVICE, type OrderStatus } from '../../../shared/rules/orders';
import type { ServiceContext } from '../context';
import { endOfDay, formatSpan, minutesBetween, startOfDay } from './slot-time';
import { stmt } from './statements';

/** Instrument states in which it takes no bookings except maintenance (national platform 运行状态). */
const NOT_OPEN_STATUSES = ['待修', '待报废'];

export function checkSpan(startAt: string, endAt: string): void {
  if (endAt <= startAt) {
    fail('VALIDATION', `结束时间 ${endAt.replace('T', ' ')} 须晚于开始时间 ${startAt.replace('T', ' ')} (end must be after start)`,
      { field: 'endAt', rule: 'slot.endAfterStart' });
  }
  if (minutesBetween(startAt, endAt) > MAX_SLOT_DAYS * 1440) {
    fail('VALIDATION', `单个时段不能超过 ${MAX_SLOT_DAYS} 天，请分段登记 (a slot may not exceed ${MAX_SLOT_DAYS} days; split it)`,
      { field: 'endAt', rule: 'slot.maxDuration' });
  }
}

interface InstrumentState {
  id: number;
  name: string;
  status: string;
  shareMode: string;
  retiredAt: string | null;
}

export function loadInstrument(ctx: ServiceContext, instrumentId: number): InstrumentState {
  const row = stmt(ctx.db, `SELECT id, name_cn AS name, status, share_mode AS shareMode, retired_at AS retiredAt
    FROM instruments WHERE id = ?`).get(instrumentId) as InstrumentState | undefined;
  if (!row) fail('NOT_FOUND', `仪器 ${instrumentId} 不存在 (instrument not found)`, { field: 'instrumentId' });
  return row;
}

/** Refuses instruments that are not open for this kind of booking. */
export function checkInstrumentOpen(ctx: ServiceContext, instrumentId: number, kind: BookingKind): InstrumentState {
  const inst = loadInstrument(ctx, instrumentId);
  if (inst.retiredAt) {
    fail('RULE', `仪器「${inst.name}」已停用，不能预约 (the instrument is retired)`, { field: 'instrumentId', rule: 'booking.instrumentRetired' });
  }
  // A broken instrument can still get its repair scheduled.
  if (kind !== 'maintenance' && NOT_OPEN_STATUSES.includes(inst.status)) {
    fail('RULE', `仪器「${inst.name}」运行状态为“${inst.status}”，只能安排维护 (instrument status ${inst.status}: maintenance only)`,
      { field: 'instrumentId', rule: 'booking.instrumentStatus' });
  }
  if ((kind === 'contract' || kind === 'order') && inst.shareMode === '不共享') {
    fail('RULE', `仪器「${inst.name}」共享模式为“不共享”，不能用于合同服务 (instrument not shared: no contract bookings)`,
      { field: 'instrumentId', rule: 'booking.shareMode' });
  }
  return inst;
}

export interface ContractPeriod {
  id: number;
  number: string;
  startDate: string;
  endDate: string;
}

/** Checks the kind/contract pairing and the contract itself; returns the contract of a contract booking. */
export function loadBookingContract(ctx: ServiceContext, kind: BookingKind, contractId: number | null, instrumentId: number): ContractPeriod | null {
  if (kind !== 'contract') {
    if (contractId !== null) {
      fail('VALIDATION', `只有“合同服务”预约可以关联合同（当前类型：${BOOKING_KIND_LABELS[kind].zh}）(only contract bookings link a contract)`,
        { field: 'contractId', rule: 'booking.contractKind' });
    }
    return null;
  }
  if (contractId === null) {
    fail('VALIDATION', '合同服务预约须选择合同 (a contract booking needs a contract)', { field: 'contractId', rule: 'booking.contractRequired' });
  }
  const c = stmt(ctx.db, `SELECT id, number, start_date AS startDate, end_date AS endDate, status FROM contracts WHERE id = ?`)
    .get(contractId) as (ContractPeriod & { status: string }) | undefined;
  if (!c) fail('NOT_FOUND', `合同 ${contractId} 不存在 (contract not found)`, { field: 'contractId' });
  if (c.status === 'void') {
    fail('RULE', `合同 ${c.number} 已作废，不能预约 (the contract is void)`, { field: 'contractId', rule: 'booking.contractVoid' });
  }
  // When the contract lists its instruments, the booking must use one of them.
  const listed = stmt(ctx.db, `SELECT instrument_id FROM contract_instruments WHERE contract_id = ?`).pluck().all(c.id) as number[];
  if (listed.length && !listed.includes(instrumentId)) {
    fail('RULE', `合同 ${c.number} 未约定使用该仪器 (the contract does not cover this instrument)`,
      { field: 'instrumentId', rule: 'booking.contractInstrument' });
  }
  return { id: c.id, number: c.number, startDate: c.startDate, endDate: c.endDate };
}

export function outsideContract(c: ContractPeriod, startAt: string, endAt: string): boolean {
  return startAt < startOfDay(c.startDate) || endAt > endOfDay(c.endDate);
}

export function checkWithinContract(c: ContractPeriod | null, startAt: string, endAt: string): void {
  if (c && outsideContract(c, startAt, endAt)) {
    fail('RULE', `预约时段 ${formatSpan(startAt, endAt)} 超出合同 ${c.number} 的服务期 ${c.startDate} 至 ${c.endDate} (slot outside the contract period)`,
      { field: 'startAt', rule: 'booking.contractPeriod' });
  }
}

/**
 * Checks the kind/order pairing of a Shanghai order booking (沪科规〔2025〕6号 第十条: the service is
 * given once the institution has accepted the order). Returns the order number of an order booking.
 */
export function checkBookingOrder(ctx: ServiceContext, kind: BookingKind, orderId: number | null): string | null {
  if (kind !== 'order') {
    if (orderId !== null) refuse('VALIDATION', 'booking.orderKind', { field: 'orderId', rule: 'booking.orderKind' });
    return null;
  }
  if (orderId === null) refuse('VALIDATION', 'booking.orderRequired', { field: 'orderId', rule: 'booking.orderRequired' });
  const o = stmt(ctx.db, 'SELECT number, status FROM orders WHERE id = ?').get(orderId) as { number: string; status: string } | undefined;
  if (!o) refuse('NOT_FOUND', 'order.notFound', { field: 'orderId', params: { id: orderId } });
  if (ORDER_STATES_WITHOUT_SERVICE.includes(o.status as OrderStatus)) {
    refuse('RULE', 'booking.orderState', { field: 'orderId', rule: 'booking.orderState', params: { number: o.number } });
  }
  return o.number;
}
