// Calendar reads: a week of one or more instruments, a day across instruments.
import { MAX_SLOT_DAYS, type Booking } from '../../../shared/ipc/bookings';
import { addDays } from '../../../shared/rules';
import type { ServiceContext } from '../context';
import { SELECT_BOOKING } from './bookings';
import { shiftSlotDays, startOfDay } from './slot-time';

/** Bookings overlapping [from, to), optionally limited to some instruments; same index bound as findConflicts. */
function bookingsBetween(ctx: ServiceContext, from: string, to: string, instrumentIds?: number[]): Booking[] {
  const params: unknown[] = [shiftSlotDays(from, -MAX_SLOT_DAYS), to, from];
  let byInstrument = '';
  if (instrumentIds) {
    if (!instrumentIds.length) return [];
    byInstrument = `AND b.instrument_id IN (${instrumentIds.map(() => '?').join(',')})`;
    params.push(...instrumentIds);
  }
  return ctx.db.prepare(`${SELECT_BOOKING}
    WHERE b.start_at >= ? AND b.start_at < ? AND b.end_at > ? ${byInstrument}
    ORDER BY b.start_at, b.instrument_id`).all(...params) as Booking[];
}

export function weekBookings(ctx: ServiceContext, weekStart: string, instrumentIds: number[]) {
  const days = Array.from({ length: 7 }, (_, i) => addDays(weekStart, i));
  const bookings = bookingsBetween(ctx, startOfDay(weekStart), startOfDay(addDays(weekStart, 7)), [...new Set(instrumentIds)]);
  return { weekStart, days, bookings };
}

export function dayBookings(ctx: ServiceContext, date: string, instrumentIds?: number[]) {
  const ids = instrumentIds ? [...new Set(instrumentIds)] : undefined;
  return { date, bookings: bookingsBetween(ctx, startOfDay(date), startOfDay(addDays(date, 1)), ids) };
}
