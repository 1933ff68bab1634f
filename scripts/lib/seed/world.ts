// What the generator steps share: the open database, the PRNG, the working-day calendar of the
// span and the rows already generated that later steps refer to.

import type { Db } from '../../../electron/db/connection';
import { loadHolidayCalendar } from '../../../electron/services/holidays';
import { addDays, addMonths, isWorkingDay } from '../../../shared/rules';
import type { Rng } from '../prng';
import { FUTURE_WEEKS, type SeedOptions, type SeedSizes } from './options';

export interface SeedInstrument {
  id: number;
  labId: number;
  nameCn: string;
  shareMode: string;
  feeFen: number;
  /** Index into World.days of the first day it may be booked (start of use). */
  firstDay: number;
  /** Relative popularity (log-normal): a few instruments carry most of the hours. */
  weight: number;
}

export interface SeedApplicant {
  id: number;
  name: string;
}

export interface SeedContract {
  id: number;
  applicantId: number;
  number: string;
  startDay: number;
  endDay: number;
  services: string;
  feeBasis: number;
}

export interface World {
  db: Db;
  rng: Rng;
  options: SeedOptions;
  sizes: SeedSizes;
  /** Every working day from `years` before today to FUTURE_WEEKS after it. */
  days: string[];
  /** Index of the first working day after today (days before it are in the past). */
  todayIndex: number;
  labs: { id: number; unitName: string }[];
  instruments: SeedInstrument[];
  applicants: SeedApplicant[];
  contracts: SeedContract[];
  /** Per instrument id, the contract sessions to book: [dayIndex, contractId]. */
  sessions: Map<number, [number, number][]>;
  createdAt: string;
  log(message: string): void;
}

/** 10:00 Shanghai on a civil date, as the ISO instant the created_at columns hold. */
export function instantOn(date: string): string {
  return `${date}T02:00:00.000Z`;
}

/** Working days of the `years` before today and FUTURE_WEEKS after it, from the database's holiday table (weekdays only where a year has no data). */
export function workingDays(db: Db, today: string, years: number): { days: string[]; todayIndex: number; missingYears: number[] } {
  const calendar = loadHolidayCalendar({ db });
  const first = addDays(addMonths(today, -12 * years), 1);
  const last = addDays(today, FUTURE_WEEKS * 7);
  const days: string[] = [];
  const missing = new Set<number>();
  let todayIndex = -1;
  for (let d = first; d <= last; d = addDays(d, 1)) {
    const answer = isWorkingDay(d, calendar);
    answer.missingYears.forEach((y) => missing.add(y));
    if (!answer.working) continue;
    if (todayIndex < 0 && d > today) todayIndex = days.length;
    days.push(d);
  }
  return { days, todayIndex, missingYears: [...missing].sort() };
}

/** Index of the first working day on or after `date` (days.length when none). */
export function dayIndexOnOrAfter(days: readonly string[], date: string): number {
  let lo = 0;
  let hi = days.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (days[mid] < date) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
