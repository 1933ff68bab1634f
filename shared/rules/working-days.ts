// Working days: Monday–Friday that are not statutory holidays, plus 调休 working weekend days.
// A year the calendar has no data for is never silently treated as ordinary: every answer
// carries `missingYears`, and a non-empty list means the answer is a weekday-only estimate.

import { addDays, dayOfWeek, diffDays, yearOf, type CivilDate } from './civil-date';
import type { HolidayCalendar } from './holiday-calendar';

/** Years touched by the computation that the calendar has no data for (sorted, unique). */
export interface CalendarCoverage {
  missingYears: number[];
}

export interface WorkingDayAnswer extends CalendarCoverage {
  working: boolean;
}

export interface DateAnswer extends CalendarCoverage {
  date: CivilDate;
}

export interface CountAnswer extends CalendarCoverage {
  count: number;
}

// More consecutive days off than this means the calendar data is broken (e.g. a whole year of holidays).
const MAX_SCAN_DAYS = 3660;

class CoverageTracker {
  private readonly missing = new Set<number>();
  constructor(private readonly cal: HolidayCalendar) {}

  isWorking(date: CivilDate): boolean {
    const year = yearOf(date);
    if (!this.cal.hasYear(year)) {
      this.missing.add(year);
      return dayOfWeek(date) <= 5;
    }
    const kind = this.cal.kindOf(date);
    if (kind === 'holiday') return false;
    if (kind === 'adjusted_workday') return true;
    return dayOfWeek(date) <= 5;
  }

  get missingYears(): number[] {
    return [...this.missing].sort((a, b) => a - b);
  }
}

export function isWorkingDay(date: CivilDate, cal: HolidayCalendar): WorkingDayAnswer {
  const tracker = new CoverageTracker(cal);
  const working = tracker.isWorking(date);
  return { working, missingYears: tracker.missingYears };
}

function step(tracker: CoverageTracker, from: CivilDate, direction: 1 | -1): CivilDate {
  let date = from;
  for (let i = 0; i < MAX_SCAN_DAYS; i++) {
    date = addDays(date, direction);
    if (tracker.isWorking(date)) return date;
  }
  throw new RangeError(`No working day within ${MAX_SCAN_DAYS} days of ${from}: check the holiday table`);
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: CivilDate, cal: HolidayCalendar): DateAnswer {
  const tracker = new CoverageTracker(cal);
  const next = step(tracker, date, 1);
  return { date: next, missingYears: tracker.missingYears };
}

/**
 * The n-th working day after `date` (the start day itself never counts, as 民法典 第二百零一条
 * starts a period the day after the event). n = 0 returns `date`; negative n counts backwards.
 */
export function addWorkingDays(date: CivilDate, n: number, cal: HolidayCalendar): DateAnswer {
  if (!Number.isInteger(n)) throw new RangeError(`Working days must be an integer: ${n}`);
  const tracker = new CoverageTracker(cal);
  let current = date;
  for (let i = 0; i < Math.abs(n); i++) current = step(tracker, current, n > 0 ? 1 : -1);
  return { date: current, missingYears: tracker.missingYears };
}

/** Working days in the inclusive range [from, to]; 0 when `to` is before `from`. */
export function countWorkingDays(from: CivilDate, to: CivilDate, cal: HolidayCalendar): CountAnswer {
  const tracker = new CoverageTracker(cal);
  const span = diffDays(from, to);
  let count = 0;
  for (let i = 0; i <= span; i++) if (tracker.isWorking(addDays(from, i))) count++;
  return { count, missingYears: tracker.missingYears };
}

export interface ExtendedDateAnswer extends DateAnswer {
  /** True when `date` differs from the input because the input was not a working day. */
  moved: boolean;
}

/**
 * 民法典 第二百零三条: a last day falling on a statutory holiday or a (non-调休) weekend moves
 * to the next working day.
 */
export function extendToWorkingDay(date: CivilDate, cal: HolidayCalendar): ExtendedDateAnswer {
  const tracker = new CoverageTracker(cal);
  if (tracker.isWorking(date)) return { date, moved: false, missingYears: tracker.missingYears };
  const next = step(tracker, date, 1);
  return { date: next, moved: true, missingYears: tracker.missingYears };
}
