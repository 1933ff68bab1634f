// Performance subsidy of open units (Beijing 第十一条): class by open-instrument value, cap by
// class and grade, the staff-award floor, the public notice of results and the exit notice.

import type { PolicyProfile, PublicNoticeRule } from '../policy/profile';
import type { SubsidyClass, SubsidyGrade } from '../policy/vocabulary';
import { addDays, type CivilDate } from './civil-date';
import type { HolidayCalendar } from './holiday-calendar';
import { isFen, type Fen } from './money';
import { monthPeriodEnd } from './periods';
import { ceilShare } from './ratio';
import { violation, type Violation } from './violations';
import { addWorkingDays, nextWorkingDay } from './working-days';

/**
 * Class Ⅰ (higher value) or Ⅱ. The boundary is set each year and is an input; a unit whose open
 * instruments are worth exactly the boundary is Class Ⅰ (value ≥ boundary).
 */
export function subsidyClass(openInstrumentValueFen: Fen, boundaryFen: Fen): SubsidyClass {
  if (!isFen(openInstrumentValueFen) || !isFen(boundaryFen)) throw new RangeError('Values must be integer fen');
  return openInstrumentValueFen >= boundaryFen ? 'I' : 'II';
}

export interface OpenUnitFacts {
  /** 以测试、检测、研发服务为主业的第三方服务机构 */
  isThirdPartyTestingInstitution?: boolean;
}

export interface SubsidyCap {
  /** Upper limit of the subsidy; null when the profile has no performance-subsidy scheme. */
  capFen: Fen | null;
  /** Why the cap is 0 or null; null for an ordinary table value (合格/不合格 are 0 by the table). */
  reason: Violation | null;
}

export function subsidyCap(
  cls: SubsidyClass,
  grade: SubsidyGrade,
  profile: PolicyProfile,
  unit: OpenUnitFacts = {},
): SubsidyCap {
  if (profile.subsidyCapsFen === null) {
    return {
      capFen: null,
      reason: violation(profile, 'subsidy.notDefined'),
    };
  }
  if (profile.subsidyExcludesThirdPartyTesting && unit.isThirdPartyTestingInstitution) {
    return {
      capFen: 0,
      reason: violation(profile, 'subsidy.thirdPartyExcluded', { field: 'isThirdPartyTestingInstitution', params: { class: cls, grade } }),
    };
  }
  return { capFen: profile.subsidyCapsFen[cls][grade], reason: null };
}

/**
 * Least staff performance award: ⌈share × (income − costs)⌉ in whole fen, 0 when the net
 * open-sharing income is not positive; null when the profile sets no share.
 */
export function staffAwardMinimum(incomeFen: Fen, costsFen: Fen, profile: PolicyProfile): Fen | null {
  if (!isFen(incomeFen) || !isFen(costsFen) || incomeFen < 0 || costsFen < 0) {
    throw new RangeError('Income and costs must be non-negative integer fen');
  }
  if (profile.staffAwardMinShare === null) return null;
  const net = incomeFen - costsFen;
  return net <= 0 ? 0 : ceilShare(net, profile.staffAwardMinShare);
}

export interface PublicNoticePeriod {
  rule: PublicNoticeRule;
  /** First counted day: the day after publication (民法典 第二百零一条), for working days the first working day after it. */
  firstDay: CivilDate;
  /** Last day of the notice; it ends at 24:00 Asia/Shanghai. */
  lastDay: CivilDate;
  /** Years without holiday data that the working-day count crossed (then the dates are estimates). */
  missingYears: number[];
}

/**
 * The public-notice period published on `startDate`. The publication day itself does not count:
 * 5 working days from Monday 2025-09-29 end on 2025-10-13 (国庆 and the 10-11 调休 Saturday).
 * Null when the profile has no public-notice rule.
 */
export function publicNoticeEnd(
  startDate: CivilDate,
  profile: PolicyProfile,
  calendar: HolidayCalendar,
): PublicNoticePeriod | null {
  const rule = profile.publicNotice;
  if (rule === null) return null;
  if (rule.kind === 'calendarDays') {
    return { rule, firstDay: addDays(startDate, 1), lastDay: addDays(startDate, rule.count), missingYears: [] };
  }
  const first = nextWorkingDay(startDate, calendar);
  const last = addWorkingDays(startDate, rule.count, calendar);
  const missingYears = [...new Set([...first.missingYears, ...last.missingYears])].sort((a, b) => a - b);
  return { rule, firstDay: first.date, lastDay: last.date, missingYears };
}

/** Last day of the notice an open unit gives before leaving the platform; null when unset. */
export function exitNoticeEnd(noticeDate: CivilDate, profile: PolicyProfile): CivilDate | null {
  if (profile.openUnitExitNoticeMonths === null) return null;
  return monthPeriodEnd(noticeDate, profile.openUnitExitNoticeMonths);
}
