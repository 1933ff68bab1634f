// When an approved redemption is paid: in the profile's regular quarters, otherwise (Beijing Q4)
// possibly in the next year.

import type { PolicyProfile, Quarter } from '../policy/profile';
import { monthOf, yearOf, type CivilDate } from './civil-date';

export interface DisbursementPeriod {
  year: number;
  quarter: Quarter;
  /** False when the profile sets no disbursement schedule. */
  scheduleDefined: boolean;
  /** The approval quarter is one of the regular disbursement quarters. */
  inRegularQuarter: boolean;
  /** Payment may roll to the next year (Beijing: approvals in Q4). */
  mayRollToNextYear: boolean;
  /** The year payment is expected in at the latest. */
  latestPaymentYear: number;
}

export function quarterOf(date: CivilDate): Quarter {
  return (Math.floor((monthOf(date) - 1) / 3) + 1) as Quarter;
}

export function disbursementPeriod(approvalDate: CivilDate, profile: PolicyProfile): DisbursementPeriod {
  const year = yearOf(approvalDate);
  const quarter = quarterOf(approvalDate);
  const quarters = profile.disbursementQuarters;
  const inRegularQuarter = quarters === null || quarters.includes(quarter);
  const mayRollToNextYear = quarters !== null && !inRegularQuarter && profile.offScheduleRollsToNextYear;
  return {
    year,
    quarter,
    scheduleDefined: quarters !== null,
    inRegularQuarter,
    mayRollToNextYear,
    latestPaymentYear: mayRollToNextYear ? year + 1 : year,
  };
}
