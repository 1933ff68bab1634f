// Overlap detection on an instrument's calendar, fast at millions of bookings.
import { BOOKING_KIND_LABELS, MAX_SLOT_DAYS, type BookingConflict } from '../../../shared/ipc/bookings';
import { refuse } from '../../../shared/result';
import type { ServiceContext } from '../context';
import { formatSpan, shiftSlotDays } from './slot-time';
import { stmt } from './statements';

/**
 * Bookings on the instrument that overlap [startAt, endAt). Touching edges do not overlap.
 * No slot exceeds MAX_SLOT_DAYS, so the scan of the (instrument_id, start_at) index starts at
 * startAt − MAX_SLOT_DAYS instead of the beginning of time.
 */
export function findConflicts(ctx: Pick<ServiceContext, 'db'>, instrumentId: number, startAt: string, endAt: string, excludeId?: number): BookingConflict[] {
  return stmt(ctx.db, `SELECT b.id, b.kind, b.start_at AS startAt, b.end_at AS endAt, b.title, c.number AS contractNumber, o.number AS orderNumber
    FROM bookings b LEFT JOIN contracts c ON c.id = b.contract_id LEFT JOIN orders o ON o.id = b.order_id
    WHERE b.instrument_id = ? AND b.start_at >= ? AND b.start_at < ? AND b.end_at > ? AND b.id <> ?
    ORDER BY b.start_at LIMIT 20`)
    .all(instrumentId, shiftSlotDays(startAt, -MAX_SLOT_DAYS), endAt, startAt, excludeId ?? 0) as BookingConflict[];
}

/** An existing booking in one language: its kind's name, number, span and (user's) title. */
export function describeConflict(c: BookingConflict, locale: 'zh' | 'en' = 'zh'): string {
  const number = c.contractNumber ?? c.orderNumber;
  const kind = BOOKING_KIND_LABELS[c.kind][locale];
  const what = number ? `${kind} ${number}` : kind;
  const title = c.title ? (locale === 'zh' ? `「${c.title}」` : ` "${c.title}"`) : '';
  return `${what} ${formatSpan(c.startAt, c.endAt)}${title}`;
}

/** The clashing bookings as params of both languages (the message shows the list of the chosen one). */
export function conflictParams(conflicts: readonly BookingConflict[]): { conflictsZh: string[]; conflictsEn: string[] } {
  return { conflictsZh: conflicts.map((c) => describeConflict(c, 'zh')), conflictsEn: conflicts.map((c) => describeConflict(c, 'en')) };
}

export function checkNoConflict(ctx: ServiceContext, instrumentId: number, startAt: string, endAt: string, excludeId?: number): void {
  const conflicts = findConflicts(ctx, instrumentId, startAt, endAt, excludeId);
  if (conflicts.length) {
    const { conflictsZh, conflictsEn } = conflictParams(conflicts);
    const span = formatSpan(startAt, endAt);
    refuse('CONFLICT', 'booking.overlap', { field: 'startAt', rule: 'booking.overlap', params: { span, conflictsZh, conflictsEn } });
  }
}
