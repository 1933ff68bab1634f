// One query shape for vouchers with what their timeline depends on (contract end, redemption
// application), and the engine's state for it. Lists, quotas, contracts and the dashboard share it.
import type { VoucherRow } from '../../../shared/ipc/deals';
import type { PolicyProfile } from '../../../shared/policy';
import { crossRegionUncheckedRules, civilDateInShanghai, voucherState, type HolidayCalendar, type VoucherStatus } from '../../../shared/rules';
import { storedProfile } from './refuse';

/** `index` pins a (partial) index for the dashboard's window scans. */
export const voucherSelect = (index?: 'vouchers_due_register' | 'vouchers_due_validity') => `SELECT v.id, v.number, v.applicant_id AS applicantId, a.name AS applicantName,
  v.face_value_fen AS faceValueFen, v.claim_date AS claimDate, v.registered_date AS registeredDate,
  v.profile_id AS profileId, v.city_funded AS cityFunded, v.voided_at AS voidedAt, v.void_reason AS voidReason,
  v.cross_region AS crossRegion, v.issuing_region AS issuingRegion,
  cv.contract_id AS contractId, c.number AS contractNumber, cv.amount_fen AS usedFen,
  CASE WHEN c.status <> 'void' THEN c.end_date END AS contractEnd, r.submitted_date AS redemptionApplied
  FROM vouchers v ${index ? `INDEXED BY ${index}` : ''} JOIN applicants a ON a.id = v.applicant_id
  LEFT JOIN contract_vouchers cv ON cv.voucher_id = v.id
  LEFT JOIN contracts c ON c.id = cv.contract_id
  LEFT JOIN redemptions r ON r.contract_id = c.id`;

export const VOUCHER_SELECT = voucherSelect();

export interface VoucherDbRow {
  id: number;
  number: string;
  applicantId: number;
  applicantName: string;
  faceValueFen: number;
  claimDate: string;
  registeredDate: string | null;
  profileId: string;
  cityFunded: number;
  voidedAt: string | null;
  voidReason: string;
  contractId: number | null;
  contractNumber: string | null;
  usedFen: number | null;
  contractEnd: string | null;
  redemptionApplied: string | null;
  crossRegion: 'jingjinji' | 'yangtze' | null;
  issuingRegion: string | null;
}

/**
 * The profile a voucher's timeline is judged by: a cross-region voucher follows the windows of the
 * region that issued it, which the desk does not hold, so no local window applies to it.
 */
export function timelineProfile(row: Pick<VoucherDbRow, 'profileId' | 'crossRegion'>): PolicyProfile {
  const profile = storedProfile(row.profileId);
  if (row.crossRegion === null) return profile;
  return { ...profile, registerWithinDays: null, validityMonths: null, redemptionWithinMonths: null };
}

/** The engine's view of the voucher on `today` (events after `today` are ignored by the engine). */
export function statusOf(row: VoucherDbRow, today: string, calendar: HolidayCalendar): VoucherStatus {
  return voucherState(
    {
      claimedOn: row.claimDate,
      registeredOn: row.registeredDate,
      contractEndedOn: row.contractEnd,
      redemptionAppliedOn: row.redemptionApplied,
      voidedOn: row.voidedAt ? civilDateInShanghai(new Date(row.voidedAt)) : null,
    },
    today,
    timelineProfile(row),
    calendar,
  );
}

/** The row as the lists show it; `s` is its status when the caller has judged it already. */
export function toVoucherRow(row: VoucherDbRow, today: string, calendar: HolidayCalendar, s: VoucherStatus = statusOf(row, today, calendar)): VoucherRow {
  const { contractEnd: _e, redemptionApplied: _r, ...rest } = row;
  return {
    ...rest,
    cityFunded: row.cityFunded === 1,
    state: s.state,
    stateReason: s.reason,
    registerBy: s.deadlines.registerBy?.due ?? null,
    validUntil: s.deadlines.validUntil?.due ?? null,
    redemptionApplyBy: s.deadlines.redemptionApplyBy?.due ?? null,
    nextDeadline: s.next,
    daysLeft: s.daysRemaining,
    uncheckedRules: row.crossRegion === null ? [] : crossRegionUncheckedRules(storedProfile(row.profileId), 'voucher'),
  };
}
