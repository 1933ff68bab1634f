// One booking: create, edit, move, delete. Every write re-runs the full set of slot checks.
import type { Booking, BookingFields } from '../../../shared/ipc/bookings';
import { refuse } from '../../../shared/result';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { checkBookingOrder, checkInstrumentOpen, checkSpan, checkWithinContract, loadBookingContract } from './checks';
import { checkNoConflict } from './conflicts';
import { stmt } from './statements';

/** Booking with what the calendar shows next to it; shared by the get and the week/day queries. */
export const SELECT_BOOKING = `SELECT b.id, b.instrument_id AS instrumentId, i.name_cn AS instrumentName,
  b.contract_id AS contractId, c.number AS contractNumber, b.order_id AS orderId, o.number AS orderNumber,
  COALESCE(a.name, oa.name) AS applicantName, b.kind,
  b.start_at AS startAt, b.end_at AS endAt, b.title, b.series_id AS seriesId,
  (SELECT u.id FROM usage_logs u WHERE u.booking_id = b.id ORDER BY u.id LIMIT 1) AS usageId, b.created_at AS createdAt
  FROM bookings b JOIN instruments i ON i.id = b.instrument_id
  LEFT JOIN contracts c ON c.id = b.contract_id LEFT JOIN applicants a ON a.id = c.applicant_id
  LEFT JOIN orders o ON o.id = b.order_id LEFT JOIN applicants oa ON oa.id = o.applicant_id`;

export function getBooking(ctx: ServiceContext, id: number): Booking {
  const row = stmt(ctx.db, `${SELECT_BOOKING} WHERE b.id = ?`).get(id) as Booking | undefined;
  if (!row) refuse('NOT_FOUND', 'booking.notFound', { params: { id } });
  return row;
}

/** All checks for one slot; `excludeId` is the booking being edited. */
export function validateBooking(ctx: ServiceContext, f: BookingFields, excludeId?: number): void {
  checkSpan(f.startAt, f.endAt);
  checkInstrumentOpen(ctx, f.instrumentId, f.kind);
  checkWithinContract(loadBookingContract(ctx, f.kind, f.contractId, f.instrumentId), f.startAt, f.endAt);
  checkBookingOrder(ctx, f.kind, f.orderId);
  checkNoConflict(ctx, f.instrumentId, f.startAt, f.endAt, excludeId);
}

/** Inserts without its own transaction or audit: the caller (create, series) owns both. */
export function insertBookingRow(ctx: ServiceContext, f: BookingFields, seriesId: string | null): number {
  const info = stmt(ctx.db, `INSERT INTO bookings(instrument_id, contract_id, order_id, kind, start_at, end_at, title, series_id, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(f.instrumentId, f.contractId, f.orderId, f.kind, f.startAt, f.endAt, f.title, seriesId, ctx.now().toISOString());
  return Number(info.lastInsertRowid);
}

export function createBooking(ctx: ServiceContext, f: BookingFields): Booking {
  return ctx.db.transaction(() => {
    validateBooking(ctx, f);
    const id = insertBookingRow(ctx, f, null);
    audit(ctx, 'create', 'booking', id, f);
    return getBooking(ctx, id);
  })();
}

export function updateBooking(ctx: ServiceContext, id: number, f: BookingFields): Booking {
  return ctx.db.transaction(() => {
    const before = getBooking(ctx, id);
    validateBooking(ctx, f, id);
    stmt(ctx.db, `UPDATE bookings SET instrument_id = ?, contract_id = ?, order_id = ?, kind = ?, start_at = ?, end_at = ?, title = ? WHERE id = ?`)
      .run(f.instrumentId, f.contractId, f.orderId, f.kind, f.startAt, f.endAt, f.title, id);
    const from = { instrumentId: before.instrumentId, contractId: before.contractId, orderId: before.orderId, kind: before.kind, startAt: before.startAt, endAt: before.endAt, title: before.title };
    audit(ctx, 'update', 'booking', id, { from, to: f });
    return getBooking(ctx, id);
  })();
}

/** Drag-and-drop: new time and optionally another instrument; kind, contract and title stay. */
export function moveBooking(ctx: ServiceContext, id: number, to: { instrumentId?: number; startAt: string; endAt: string }): Booking {
  const b = getBooking(ctx, id);
  return updateBooking(ctx, id, {
    instrumentId: to.instrumentId ?? b.instrumentId, kind: b.kind, contractId: b.contractId, orderId: b.orderId, title: b.title, startAt: to.startAt, endAt: to.endAt,
  });
}

/** Deletes one booking, or every booking of its series; refused when actual use was logged against any. */
export function deleteBooking(ctx: ServiceContext, id: number, wholeSeries: boolean): { deleted: number } {
  return ctx.db.transaction(() => {
    const b = getBooking(ctx, id);
    const ids = wholeSeries && b.seriesId
      ? stmt(ctx.db, 'SELECT id FROM bookings WHERE series_id = ? ORDER BY start_at').pluck().all(b.seriesId) as number[]
      : [id];
    const logged = ctx.db.prepare(`SELECT b.start_at FROM bookings b WHERE b.id IN (${ids.map(() => '?').join(',')})
      AND EXISTS (SELECT 1 FROM usage_logs u WHERE u.booking_id = b.id) ORDER BY b.start_at`).pluck().all(...ids) as string[];
    if (logged.length) {
      const times = logged.map((s) => s.replace('T', ' '));
      refuse('RULE', 'booking.hasUsage', { rule: 'booking.hasUsage', params: { times } });
    }
    const del = stmt(ctx.db, 'DELETE FROM bookings WHERE id = ?');
    for (const x of ids) del.run(x);
    audit(ctx, 'delete', 'booking', id, { ids, seriesId: wholeSeries ? b.seriesId : null, instrumentId: b.instrumentId, startAt: b.startAt, endAt: b.endAt, kind: b.kind });
    return { deleted: ids.length };
  })();
}
