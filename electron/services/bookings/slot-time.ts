// Arithmetic on 'YYYY-MM-DDTHH:MM' Shanghai civil times, through the civil-date rules (no host time zone).
import { addDays, toEpochDay } from '../../../shared/rules';

export function slotDate(t: string): string {
  return t.slice(0, 10);
}

export function slotClock(t: string): string {
  return t.slice(11, 16);
}

/** Same clock time, `days` calendar days later (negative: earlier). */
export function shiftSlotDays(t: string, days: number): string {
  return addDays(slotDate(t), days) + t.slice(10);
}

/** Start of the civil day after `date`: the exclusive end of that day. */
export function endOfDay(date: string): string {
  return `${addDays(date, 1)}T00:00`;
}

export function startOfDay(date: string): string {
  return `${date}T00:00`;
}

function epochMinutes(t: string): number {
  return toEpochDay(slotDate(t)) * 1440 + Number(t.slice(11, 13)) * 60 + Number(t.slice(14, 16));
}

export function minutesBetween(a: string, b: string): number {
  return epochMinutes(b) - epochMinutes(a);
}

/** '2025-06-16 10:00–12:00', or both dates when the span crosses midnight. */
export function formatSpan(startAt: string, endAt: string): string {
  const start = startAt.replace('T', ' ');
  return slotDate(startAt) === slotDate(endAt) || endAt === endOfDay(slotDate(startAt))
    ? `${start}–${endAt === endOfDay(slotDate(startAt)) ? '24:00' : slotClock(endAt)}`
    : `${start}–${endAt.replace('T', ' ')}`;
}
