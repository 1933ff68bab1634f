// The checks a slot must pass before it is written: sane span, open instrument, contract and its period.
// The overlap check is in conflicts.ts.
import { BOOKING_KIND_LABELS, MAX_SLOT_DAYS, type BookingKind } from '../../../shared/ipc/bookings';
import { refuse } from '../../../shared/result';
import { vocabularyLabel } from '../../../shared/vocabulary-labels';
import { ORDER_STATES_WITHOUT_SERVICE, type OrderStatus } from '../../../shared/rules/orders';
import type { ServiceContext } from '../context';
import { endOfDay, formatSpan, minutesBetween, startOfDay } from './slot-time';
import { stmt } from './statements';

/** Instrument states in which it takes no bookings except maintenance (national platform 运行状态). */
const NOT_OPEN_STATUSES = ['待修', '待报废'];

export function checkSpan(startAt: string, endAt: string): void {
  if (endAt <= startAt) {
    refuse('VALIDATION', 'slot.endAfterStart', { field: 'endAt', rule: 'slot.endAfterStart', params: { start: startAt.replace('T', ' '), end: endAt.replace('T', ' ') } });
  }
  if (minutesBetween(startAt, endAt) > MAX_SLOT_DAYS * 1440) {
    refuse('VALIDATION', 'slot.maxDuration', { field: 'endAt', rule: 'slot.maxDuration', params: { maxDays: MAX_SLOT_DAYS } });
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
  if (!row) refuse('NOT_FOUND', 'instrument.notFound', { field: 'instrumentId', params: { id: instrumentId } });
  return row;
}

/** Refuses instruments that are not open for this kind of booking. */
export function checkInstrumentOpen(ctx: ServiceContext, instrumentId: number, kind: BookingKind): InstrumentState {
  const inst = loadInstrument(ctx, instrumentId);
  if (inst.retiredAt) {
    refuse('RULE', 'booking.instrumentRetired', { field: 'instrumentId', rule: 'booking.instrumentRetired', params: { name: inst.name } });
  }
  // A broken instrument can still get its repair scheduled.
  if (kind !== 'maintenance' && NOT_OPEN_STATUSES.includes(inst.status)) {
    const status = vocabularyLabel(inst.status);
    refuse('RULE', 'booking.instrumentStatus', { field: 'instrumentId', rule: 'booking.instrumentStatus', params: { name: inst.name, statusZh: status.zh, statusEn: status.en } });
  }
  if ((kind === 'contract' || kind === 'order') && inst.shareMode === '不共享') {
    refuse('RULE', 'booking.shareMode', { field: 'instrumentId', rule: 'booking.shareMode', params: { name: inst.name } });
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
      const label = BOOKING_KIND_LABELS[kind];
      refuse('VALIDATION', 'booking.contractKind', { field: 'contractId', rule: 'booking.contractKind', params: { kindZh: label.zh, kindEn: label.en } });
    }
    return null;
  }
  if (contractId === null) {
    refuse('VALIDATION', 'booking.contractRequired', { field: 'contractId', rule: 'booking.contractRequired' });
  }
  const c = stmt(ctx.db, `SELECT id, number, start_date AS startDate, end_date AS endDate, status FROM contracts WHERE id = ?`)
    .get(contractId) as (ContractPeriod & { status: string }) | undefined;
  if (!c) refuse('NOT_FOUND', 'contract.notFound', { field: 'contractId', params: { id: contractId } });
  if (c.status === 'void') {
    refuse('RULE', 'booking.contractVoid', { field: 'contractId', rule: 'booking.contractVoid', params: { number: c.number } });
  }
  // When the contract lists its instruments, the booking must use one of them.
  const listed = stmt(ctx.db, `SELECT instrument_id FROM contract_instruments WHERE contract_id = ?`).pluck().all(c.id) as number[];
  if (listed.length && !listed.includes(instrumentId)) {
    refuse('RULE', 'booking.contractInstrument', { field: 'instrumentId', rule: 'booking.contractInstrument', params: { number: c.number } });
  }
  return { id: c.id, number: c.number, startDate: c.startDate, endDate: c.endDate };
}

export function outsideContract(c: ContractPeriod, startAt: string, endAt: string): boolean {
  return startAt < startOfDay(c.startDate) || endAt > endOfDay(c.endDate);
}

export function checkWithinContract(c: ContractPeriod | null, startAt: string, endAt: string): void {
  if (c && outsideContract(c, startAt, endAt)) {
    const span = formatSpan(startAt, endAt);
    refuse('RULE', 'booking.contractPeriod', { field: 'startAt', rule: 'booking.contractPeriod', params: { span, number: c.number, startDate: c.startDate, endDate: c.endDate } });
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
