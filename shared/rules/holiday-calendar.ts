// The official holiday and 调休 calendar as data. The DB keeps a holiday table (editable by the
// administrator, since later years are published each winter) and builds a calendar from rows.

import { z } from 'zod';
import { dayOfWeek, isValidCivilDate, yearOf, type CivilDate } from './civil-date';

export type HolidayKind = 'holiday' | 'adjusted_workday';
export type DayKind = HolidayKind | 'normal';

export interface HolidayEntry {
  date: CivilDate;
  kind: HolidayKind;
  name?: string;
}

export interface HolidayCalendar {
  /** 'holiday' (statutory day off), 'adjusted_workday' (调休 working weekend day) or 'normal'. */
  kindOf(date: CivilDate): DayKind;
  /** Whether the calendar holds the official data for this year. */
  hasYear(year: number): boolean;
  holidayName?(date: CivilDate): string | undefined;
}

export const holidayEntrySchema = z.object({
  date: z.string().refine(isValidCivilDate, { message: 'date.format' }),
  kind: z.enum(['holiday', 'adjusted_workday']),
  name: z.string().optional(),
});

export interface HolidayEntryProblem {
  index: number;
  date: string;
  code: 'invalid_date' | 'duplicate_date' | 'adjusted_workday_on_weekday';
  message: { zh: string; en: string };
}

/** Problems that would make the calendar wrong; the DB layer shows these before saving. */
export function validateHolidayEntries(entries: readonly HolidayEntry[]): HolidayEntryProblem[] {
  const problems: HolidayEntryProblem[] = [];
  const seen = new Set<string>();
  entries.forEach((entry, index) => {
    if (!isValidCivilDate(entry.date)) {
      problems.push({
        index,
        date: entry.date,
        code: 'invalid_date',
        message: { zh: `日期无效：${entry.date}`, en: `Invalid date: ${entry.date}` },
      });
      return;
    }
    if (seen.has(entry.date)) {
      problems.push({
        index,
        date: entry.date,
        code: 'duplicate_date',
        message: { zh: `日期重复：${entry.date}`, en: `Duplicate date: ${entry.date}` },
      });
    }
    seen.add(entry.date);
    // 调休 only ever turns a Saturday or Sunday into a working day; a weekday here is a typo.
    if (entry.kind === 'adjusted_workday' && dayOfWeek(entry.date) < 6) {
      problems.push({
        index,
        date: entry.date,
        code: 'adjusted_workday_on_weekday',
        message: {
          zh: `调休上班日 ${entry.date} 不是周六或周日`,
          en: `Adjusted working day ${entry.date} is not a Saturday or Sunday`,
        },
      });
    }
  });
  return problems;
}

export interface HolidayCalendarOptions {
  /**
   * Years whose official data is complete. Defaults to every year that has at least one entry;
   * pass it explicitly when a year is being entered progressively.
   */
  years?: readonly number[];
}

/** Builds a calendar; throws RangeError listing the problems when the entries are inconsistent. */
export function createHolidayCalendar(
  entries: readonly HolidayEntry[],
  options: HolidayCalendarOptions = {},
): HolidayCalendar {
  const problems = validateHolidayEntries(entries);
  if (problems.length > 0) {
    throw new RangeError(`Invalid holiday entries: ${problems.map((p) => p.message.en).join('; ')}`);
  }
  const byDate = new Map(entries.map((e) => [e.date, e] as const));
  const years = new Set(options.years ?? entries.map((e) => yearOf(e.date)));
  return {
    kindOf: (date) => byDate.get(date)?.kind ?? 'normal',
    hasYear: (year) => years.has(year),
    holidayName: (date) => byDate.get(date)?.name,
  };
}
