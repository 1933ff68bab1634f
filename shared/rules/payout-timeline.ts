// What the redemption (Beijing) or order (Shanghai) timeline shows after approval: when the
// public notice ends and in which quarter payment is expected. Both come from the profile; a
// profile without a schedule says so instead of inventing one.

import type { PolicyProfile, Quarter } from '../policy/profile';
import type { CivilDate } from './civil-date';
import { disbursementPeriod } from './disbursement';
import type { HolidayCalendar } from './holiday-calendar';
import { publicNoticeEnd } from './subsidy';
import type { LocalizedText } from './text';
import { articleFor, noteFor } from './violations';

export interface NoticeStep {
  kind: 'workingDays' | 'calendarDays';
  count: number;
  startsOn: CivilDate;
  lastDay: CivilDate;
  appliesTo: LocalizedText;
  article: string;
  document: string;
  note: LocalizedText | null;
  /** Years without holiday data the working-day count crossed (the date is then an estimate). */
  missingYears: number[];
}

export interface DisbursementStep {
  year: number;
  quarter: Quarter;
  /** The approval falls in a regular disbursement quarter. */
  regular: boolean;
  /** Off-schedule approvals (Beijing Q4) roll to these quarters of the next year. */
  rollsTo: { year: number; quarters: readonly Quarter[] } | null;
  article: string;
  document: string;
}

export interface PayoutTimeline {
  notice: NoticeStep | null;
  /** Null when the profile sets no disbursement schedule (then `noSchedule` explains). */
  disbursement: DisbursementStep | null;
  noSchedule: LocalizedText | null;
}

const NO_SCHEDULE: LocalizedText = {
  zh: '本办法未规定兑付季度；公示期满无异议后兑付。',
  en: 'The text sets no disbursement quarters; payment follows a notice period without objection.',
};

/**
 * The timeline from `noticeStart` (the day the result is published) and `approvedOn` (the day the
 * payment was approved, which sets the quarter). Either may be null while not yet reached.
 */
export function payoutTimeline(
  profile: PolicyProfile,
  dates: { noticeStart: CivilDate | null; approvedOn: CivilDate | null },
  calendar: HolidayCalendar,
): PayoutTimeline {
  let notice: NoticeStep | null = null;
  if (dates.noticeStart !== null) {
    const period = publicNoticeEnd(dates.noticeStart, profile, calendar);
    if (period) {
      notice = {
        kind: period.rule.kind, count: period.rule.count, startsOn: dates.noticeStart, lastDay: period.lastDay,
        appliesTo: period.rule.appliesTo, article: articleFor(profile, 'publicNotice'), document: profile.documentNumber,
        note: noteFor(profile, 'publicNotice'), missingYears: period.missingYears,
      };
    }
  }
  if (profile.disbursementQuarters === null) return { notice, disbursement: null, noSchedule: NO_SCHEDULE };
  if (dates.approvedOn === null) return { notice, disbursement: null, noSchedule: null };
  const p = disbursementPeriod(dates.approvedOn, profile);
  return {
    notice,
    disbursement: {
      year: p.year, quarter: p.quarter, regular: p.inRegularQuarter,
      rollsTo: p.mayRollToNextYear ? { year: p.latestPaymentYear, quarters: profile.disbursementQuarters } : null,
      article: articleFor(profile, 'voucher.disbursement'), document: profile.documentNumber,
    },
    noSchedule: null,
  };
}
