// Slot-time helpers for the grid: 'YYYY-MM-DDTHH:MM' Shanghai civil times, via the pure date rules.
import { addDays, dayOfWeek, diffDays } from '../../../../shared/rules/civil-date';

/** Visible hours of the grid and its snap step. */
export const GRID = { startMin: 8 * 60, endMin: 22 * 60, stepMin: 30 } as const;
export const GRID_SPAN = GRID.endMin - GRID.startMin;

export function mondayOf(date: string): string {
  return addDays(date, 1 - dayOfWeek(date));
}

export function clock(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** A slot time from a date and minutes after its midnight (1440 = next day 00:00). */
export function slotAt(date: string, minute: number): string {
  const days = Math.floor(minute / 1440);
  return `${addDays(date, days)}T${clock(minute - days * 1440)}`;
}

export function minuteOfDay(t: string): number {
  return Number(t.slice(11, 13)) * 60 + Number(t.slice(14, 16));
}

/** Shifts a slot time by whole minutes (may cross days). */
export function shiftMinutes(t: string, delta: number): string {
  return slotAt(t.slice(0, 10), minuteOfDay(t) + delta);
}

export function daysBetween(a: string, b: string): number {
  return diffDays(a, b);
}

export function snap(minute: number): number {
  return Math.round(minute / GRID.stepMin) * GRID.stepMin;
}

/** The part of [startAt, endAt) visible on `date` within the grid hours, as minutes of that day. */
export function visibleSegment(date: string, startAt: string, endAt: string): { from: number; to: number } | null {
  const lo = slotAt(date, GRID.startMin);
  const hi = slotAt(date, GRID.endMin);
  const s = startAt > lo ? startAt : lo;
  const e = endAt < hi ? endAt : hi;
  if (s >= e) return null;
  return { from: minuteOfDay(s), to: e === hi ? GRID.endMin : minuteOfDay(e) };
}

/** '06-16 10:00–12:00', with both dates when the span crosses midnight. */
export function spanLabel(startAt: string, endAt: string): string {
  const sameDay = startAt.slice(0, 10) === endAt.slice(0, 10);
  return `${startAt.slice(5, 10)} ${startAt.slice(11)}–${sameDay ? endAt.slice(11) : `${endAt.slice(5, 10)} ${endAt.slice(11)}`}`;
}
