// Civil (calendar) dates as ISO 'YYYY-MM-DD' strings. All arithmetic goes through integer
// epoch days built with Date.UTC and read back with getUTC*, so the host time zone never
// leaks in: results are identical under Asia/Shanghai, UTC and America/Los_Angeles.

import type { Reason } from './text';

/** ISO civil date 'YYYY-MM-DD' in Asia/Shanghai. Plain string so parsed values pass anywhere. */
export type CivilDate = string;

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export type IsoWeekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export type ParseDateResult = { ok: true; date: CivilDate } | { ok: false; reason: Reason };

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Date.UTC maps years 0–99 to 1900–1999, so keep to four-digit years it handles literally.
const MIN_YEAR = 1000;
const MAX_YEAR = 9999;

interface Ymd {
  y: number;
  m: number;
  d: number;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in the month (1-based month). */
export function lastDayOfMonth(year: number, month: number): number {
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Invalid month: ${month}`);
  const days = [31, isLeapYear(year) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return days[month - 1] as number;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

function format({ y, m, d }: Ymd): CivilDate {
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

export function parseCivilDate(text: string): ParseDateResult {
  const match = typeof text === 'string' ? ISO_DATE.exec(text.trim()) : null;
  if (!match) {
    return {
      ok: false,
      reason: { code: 'format', zh: '日期格式应为 YYYY-MM-DD', en: 'Date must be formatted YYYY-MM-DD' },
    };
  }
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (y < MIN_YEAR || y > MAX_YEAR) {
    return {
      ok: false,
      reason: { code: 'year', zh: `年份须在 ${MIN_YEAR}–${MAX_YEAR} 之间`, en: `Year must be ${MIN_YEAR}–${MAX_YEAR}` },
    };
  }
  if (m < 1 || m > 12) {
    return { ok: false, reason: { code: 'month', zh: `月份 ${m} 不存在`, en: `Month ${m} does not exist` } };
  }
  const last = lastDayOfMonth(y, m);
  if (d < 1 || d > last) {
    return {
      ok: false,
      reason: {
        code: 'day',
        zh: `${y}年${m}月只有 ${last} 天，不存在 ${d} 日`,
        en: `${y}-${pad(m, 2)} has ${last} days; day ${d} does not exist`,
      },
    };
  }
  return { ok: true, date: format({ y, m, d }) };
}

export function isValidCivilDate(text: string): boolean {
  const parsed = parseCivilDate(text);
  return parsed.ok && parsed.date === text;
}

function ymdOf(date: CivilDate): Ymd {
  const parsed = parseCivilDate(date);
  // Rule functions receive dates validated at the boundary; a bad one here is a programming error.
  if (!parsed.ok || parsed.date !== date) throw new RangeError(`Invalid civil date: ${String(date)}`);
  return { y: Number(date.slice(0, 4)), m: Number(date.slice(5, 7)), d: Number(date.slice(8, 10)) };
}

/** Throws RangeError unless `date` is an exact, valid 'YYYY-MM-DD'. */
export function assertCivilDate(date: CivilDate): CivilDate {
  ymdOf(date);
  return date;
}

export function yearOf(date: CivilDate): number {
  return ymdOf(date).y;
}

export function monthOf(date: CivilDate): number {
  return ymdOf(date).m;
}

/** Days since 1970-01-01 (integer). */
export function toEpochDay(date: CivilDate): number {
  const { y, m, d } = ymdOf(date);
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

export function fromEpochDay(epochDay: number): CivilDate {
  if (!Number.isInteger(epochDay)) throw new RangeError(`Epoch day must be an integer: ${epochDay}`);
  const t = new Date(epochDay * MS_PER_DAY);
  const y = t.getUTCFullYear();
  if (y < MIN_YEAR || y > MAX_YEAR) throw new RangeError(`Date out of range: epoch day ${epochDay}`);
  return format({ y, m: t.getUTCMonth() + 1, d: t.getUTCDate() });
}

export function addDays(date: CivilDate, days: number): CivilDate {
  if (!Number.isInteger(days)) throw new RangeError(`Days must be an integer: ${days}`);
  return fromEpochDay(toEpochDay(date) + days);
}

/** b − a in days: diffDays('2025-01-01', '2025-01-02') === 1. */
export function diffDays(a: CivilDate, b: CivilDate): number {
  return toEpochDay(b) - toEpochDay(a);
}

export function dayOfWeek(date: CivilDate): IsoWeekday {
  // 1970-01-01 was a Thursday (ISO 4).
  const mod = (((toEpochDay(date) + 3) % 7) + 7) % 7;
  return (mod + 1) as IsoWeekday;
}

/**
 * Calendar month arithmetic per 民法典 第二百零二条: the same day-of-month in the target month,
 * or that month's last day when it has no such day (2025-11-30 + 3 → 2026-02-28).
 */
export function addMonths(date: CivilDate, months: number): CivilDate {
  if (!Number.isInteger(months)) throw new RangeError(`Months must be an integer: ${months}`);
  const { y, m, d } = ymdOf(date);
  const index = y * 12 + (m - 1) + months;
  const ty = Math.floor(index / 12);
  const tm = index - ty * 12 + 1;
  if (ty < MIN_YEAR || ty > MAX_YEAR) throw new RangeError(`Date out of range: ${date} + ${months} months`);
  return format({ y: ty, m: tm, d: Math.min(d, lastDayOfMonth(ty, tm)) });
}

/** −1, 0 or 1, usable as an Array.prototype.sort comparator. */
export function compareCivilDates(a: CivilDate, b: CivilDate): -1 | 0 | 1 {
  const diff = toEpochDay(a) - toEpochDay(b);
  return diff < 0 ? -1 : diff > 0 ? 1 : 0;
}

export function maxCivilDate(a: CivilDate, b: CivilDate): CivilDate {
  return compareCivilDates(a, b) >= 0 ? a : b;
}

let shanghaiFormatter: Intl.DateTimeFormat | undefined;

/** The civil date in Asia/Shanghai at `instant`, whatever the host time zone. */
export function civilDateInShanghai(instant: Date): CivilDate {
  if (!(instant instanceof Date) || Number.isNaN(instant.getTime())) throw new RangeError('Invalid instant');
  shanghaiFormatter ??= new Intl.DateTimeFormat('en-US', {
    timeZone: 'Asia/Shanghai',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    calendar: 'gregory',
    numberingSystem: 'latn',
  });
  const parts = shanghaiFormatter.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return format({ y: part('year'), m: part('month'), d: part('day') });
}
