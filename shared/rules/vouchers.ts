// The voucher timeline: claim → register the research activity (合同登记) → contract ends →
// apply for redemption (申请兑现). Deadlines are strict calendar dates from the profile.

import type { PolicyProfile } from '../policy/profile';
import { assertCivilDate, compareCivilDates, diffDays, type CivilDate } from './civil-date';
import type { HolidayCalendar } from './holiday-calendar';
import { dayPeriodEnd, makeDeadline, monthPeriodEnd, type Deadline } from './periods';

/** Last day to register after claiming; null when the profile sets no such period. */
export function registerBy(claimDate: CivilDate, profile: PolicyProfile, calendar?: HolidayCalendar): Deadline | null {
  if (profile.registerWithinDays === null) return null;
  return makeDeadline(profile, 'voucher.registerWithin', dayPeriodEnd(claimDate, profile.registerWithinDays), calendar);
}

/** Last day of validity after registration; null when the profile sets no validity. */
export function validUntil(registeredDate: CivilDate, profile: PolicyProfile, calendar?: HolidayCalendar): Deadline | null {
  if (profile.validityMonths === null) return null;
  return makeDeadline(profile, 'voucher.validity', monthPeriodEnd(registeredDate, profile.validityMonths), calendar);
}

/** Last day to apply for redemption after the contract ends; null when the profile sets none. */
export function redemptionApplyBy(
  contractEndDate: CivilDate,
  profile: PolicyProfile,
  calendar?: HolidayCalendar,
): Deadline | null {
  if (profile.redemptionWithinMonths === null) return null;
  return makeDeadline(
    profile,
    'voucher.redemptionWithin',
    monthPeriodEnd(contractEndDate, profile.redemptionWithinMonths),
    calendar,
  );
}

export interface VoucherDates {
  claimedOn: CivilDate;
  registeredOn?: CivilDate | null;
  contractEndedOn?: CivilDate | null;
  redemptionAppliedOn?: CivilDate | null;
  /** Voided by the platform or cancelled by hand. */
  voidedOn?: CivilDate | null;
}

export type VoucherStateName = 'claimed' | 'registered' | 'expired_unregistered' | 'expired' | 'redeemed' | 'void';

export type VoucherStateReason =
  | 'voided' // voidedOn recorded
  | 'not_registered_in_time'
  | 'registered_late'
  | 'validity_elapsed'
  | 'contract_ended_after_validity'
  | 'redemption_window_missed' // DOMAIN: void and not counted in the year's quota
  | 'redemption_applied_late';

export interface VoucherStatus {
  state: VoucherStateName;
  reason: VoucherStateReason | null;
  deadlines: {
    registerBy: Deadline | null;
    validUntil: Deadline | null;
    redemptionApplyBy: Deadline | null;
  };
  /** The deadline the holder must meet next; null when none applies (final state or no rule). */
  next: Deadline | null;
  /** Days from `today` to next.due: 0 on the last day itself, null without a next deadline. */
  daysRemaining: number | null;
  /** Whether the voucher's amount counts toward the applicant's annual quota. */
  countsTowardQuota: boolean;
}

/**
 * The voucher's state on `today`. Only events dated on or before `today` are taken into account,
 * so the same record can be replayed as of any date.
 */
export function voucherState(
  voucher: VoucherDates,
  today: CivilDate,
  profile: PolicyProfile,
  calendar?: HolidayCalendar,
): VoucherStatus {
  assertCivilDate(today);
  assertCivilDate(voucher.claimedOn);
  const known = (d: CivilDate | null | undefined): CivilDate | null =>
    d != null && compareCivilDates(assertCivilDate(d), today) <= 0 ? d : null;
  const after = (a: CivilDate, deadline: Deadline | null) => deadline !== null && compareCivilDates(a, deadline.due) > 0;

  const registered = known(voucher.registeredOn);
  const ended = known(voucher.contractEndedOn);
  const applied = known(voucher.redemptionAppliedOn);
  const deadlines: VoucherStatus['deadlines'] = {
    registerBy: registerBy(voucher.claimedOn, profile, calendar),
    validUntil: registered ? validUntil(registered, profile, calendar) : null,
    redemptionApplyBy: ended ? redemptionApplyBy(ended, profile, calendar) : null,
  };
  const status = (
    state: VoucherStateName,
    reason: VoucherStateReason | null,
    next: Deadline | null,
    countsTowardQuota: boolean,
  ): VoucherStatus => ({
    state,
    reason,
    deadlines,
    next,
    daysRemaining: next ? diffDays(today, next.due) : null,
    countsTowardQuota,
  });

  if (known(voucher.voidedOn)) return status('void', 'voided', null, false);

  if (!registered) {
    if (after(today, deadlines.registerBy)) return status('expired_unregistered', 'not_registered_in_time', null, false);
    return status('claimed', null, deadlines.registerBy, true);
  }
  if (after(registered, deadlines.registerBy)) return status('expired_unregistered', 'registered_late', null, false);

  if (ended) {
    if (after(ended, deadlines.validUntil)) return status('expired', 'contract_ended_after_validity', null, false);
    if (applied) {
      if (after(applied, deadlines.redemptionApplyBy)) return status('void', 'redemption_applied_late', null, false);
      return status('redeemed', null, null, true);
    }
    if (after(today, deadlines.redemptionApplyBy)) return status('void', 'redemption_window_missed', null, false);
    return status('registered', null, deadlines.redemptionApplyBy, true);
  }

  if (applied) return status('redeemed', null, null, true);
  if (after(today, deadlines.validUntil)) return status('expired', 'validity_elapsed', null, false);
  return status('registered', null, deadlines.validUntil, true);
}
