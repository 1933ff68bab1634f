// Recurring blocks (e.g. maintenance every Monday 9:00–12:00 for N weeks): all occurrences or none.
import { randomUUID } from 'node:crypto';
import type { Booking, BookingFields, SeriesFields } from '../../../shared/ipc/bookings';
import { addDays } from '../../../shared/rules';
import { refuse } from '../../../shared/result';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { getBooking, insertBookingRow } from './bookings';
import { checkBookingOrder, checkInstrumentOpen, checkSpan, loadBookingContract, outsideContract } from './checks';
import { conflictParams, findConflicts } from './conflicts';
import { slotDate } from './slot-time';

export function seriesOccurrences(s: SeriesFields): BookingFields[] {
  return Array.from({ length: s.count }, (_, i) => {
    const date = addDays(s.firstDate, 7 * s.everyWeeks * i);
    return { instrumentId: s.instrumentId, kind: s.kind, contractId: s.contractId, orderId: s.orderId, title: s.title, startAt: `${date}T${s.startTime}`, endAt: `${date}T${s.endTime}` };
  });
}

function listDates(slots: { startAt: string }[]): string[] {
  return slots.map((o) => slotDate(o.startAt));
}

/** Checks every occurrence first and lists every failing date; writes only when all pass. */
export function createSeries(ctx: ServiceContext, s: SeriesFields): { seriesId: string; bookings: Booking[] } {
  const occurrences = seriesOccurrences(s);
  checkSpan(occurrences[0].startAt, occurrences[0].endAt);
  return ctx.db.transaction(() => {
    checkInstrumentOpen(ctx, s.instrumentId, s.kind);
    const contract = loadBookingContract(ctx, s.kind, s.contractId, s.instrumentId);
    checkBookingOrder(ctx, s.kind, s.orderId);
    if (contract) {
      const outside = occurrences.filter((o) => outsideContract(contract, o.startAt, o.endAt));
      if (outside.length) {
        const dates = listDates(outside);
        refuse('RULE', 'booking.seriesOutsideContract', {
          field: 'count', rule: 'booking.contractPeriod', params: { dates, number: contract.number, startDate: contract.startDate, endDate: contract.endDate },
        });
      }
    }
    const clashes = occurrences
      .map((o) => ({ o, conflicts: findConflicts(ctx, s.instrumentId, o.startAt, o.endAt) }))
      .filter((x) => x.conflicts.length);
    if (clashes.length) {
      const dates = listDates(clashes.map((x) => x.o));
      const { conflictsZh, conflictsEn } = conflictParams(clashes.flatMap((x) => x.conflicts));
      refuse('CONFLICT', 'booking.seriesOverlap', { field: 'firstDate', rule: 'booking.overlap', params: { dates, conflictsZh, conflictsEn } });
    }
    const seriesId = randomUUID();
    const ids = occurrences.map((o) => insertBookingRow(ctx, o, seriesId));
    audit(ctx, 'createSeries', 'booking', ids[0], { seriesId, ids, ...s });
    return { seriesId, bookings: ids.map((id) => getBooking(ctx, id)) };
  })();
}
