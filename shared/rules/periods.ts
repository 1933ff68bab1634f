// Periods per 民法典 第二百零一条 to 第二百零四条. A day period starts the day after the event, so
// its last day is event + n; a month period ends on the corresponding day of the final month, or
// that month's last day when there is none. A period ends at 24:00 of its last day.

import type { PolicyProfile } from '../policy/profile';
import { addDays, addMonths, type CivilDate } from './civil-date';
import type { HolidayCalendar } from './holiday-calendar';
import { articleFor } from './violations';
import { extendToWorkingDay, type ExtendedDateAnswer } from './working-days';

/** Last day of an n-day period counted from `event` (claimed 2025-09-20 + 15 → 2025-10-05). */
export function dayPeriodEnd(event: CivilDate, days: number): CivilDate {
  return addDays(event, days);
}

/** Last day of an n-month period (registered 2025-11-30 + 3 → 2026-02-28). */
export function monthPeriodEnd(event: CivilDate, months: number): CivilDate {
  return addMonths(event, months);
}

export interface Deadline {
  rule: string;
  article: string;
  document: string;
  /** The strict calendar last day, which the app shows and enforces (ends 24:00 Asia/Shanghai). */
  due: CivilDate;
  /**
   * The 民法典 第二百零三条 date (next working day when `due` is a weekend or holiday), present
   * only when the profile enables extendDeadlineToWorkingDay. Information only.
   */
  extended?: ExtendedDateAnswer;
}

/**
 * Wraps a strict due date with its rule and article. Throws TypeError when the profile asks for
 * the extended date but no calendar was passed, since that date cannot be known without one.
 */
export function makeDeadline(
  profile: PolicyProfile,
  rule: string,
  due: CivilDate,
  calendar?: HolidayCalendar,
): Deadline {
  const deadline: Deadline = { rule, article: articleFor(profile, rule), document: profile.documentNumber, due };
  if (profile.extendDeadlineToWorkingDay) {
    if (!calendar) throw new TypeError(`Profile ${profile.id} extends deadlines: pass a HolidayCalendar`);
    deadline.extended = extendToWorkingDay(due, calendar);
  }
  return deadline;
}
