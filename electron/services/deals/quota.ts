// Annual voucher quota per applicant: what was claimed and what contracts applied in a year.
// Vouchers that expired or went void do not count (DOMAIN: not counted in the year's quota).
import type { Applicant, QuotaReport } from '../../../shared/ipc/deals';
import { profileFor } from '../../../shared/policy';
import { refuse } from '../../../shared/result';
import { civilDateInShanghai, remainingQuota, yearOf, type HolidayCalendar } from '../../../shared/rules';
import type { ServiceContext } from '../context';
import { loadHolidayCalendar } from '../holidays';
import { voucherKindOf } from './applicant-facts';
import { getApplicant } from './applicants';
import { statusOf, VOUCHER_SELECT, type VoucherDbRow } from './voucher-status';

const yearRange = (year: number) => [`${year}-01-01`, `${year}-12-31`];

/** Face values of the applicant's vouchers claimed in `year` that still count on `today`. */
export function claimedInYear(ctx: ServiceContext, applicantId: number, year: number, today: string, calendar: HolidayCalendar): number {
  // Cross-region vouchers count under their issuing region's rules, never against the local quota.
  const rows = ctx.db.prepare(`${VOUCHER_SELECT} WHERE v.applicant_id = ? AND v.claim_date BETWEEN ? AND ? AND v.cross_region IS NULL`)
    .all(applicantId, ...yearRange(year)) as VoucherDbRow[];
  return rows.filter((r) => statusOf(r, today, calendar).countsTowardQuota).reduce((s, r) => s + r.faceValueFen, 0);
}

/** Voucher amounts on the applicant's contracts signed in `year` (optionally leaving one contract out). */
export function appliedInYear(
  ctx: ServiceContext, applicantId: number, year: number, today: string, calendar: HolidayCalendar, exceptContractId: number | null = null,
): number {
  const rows = ctx.db.prepare(`${VOUCHER_SELECT} WHERE c.applicant_id = ? AND c.status <> 'void' AND v.cross_region IS NULL
      AND c.signed_date BETWEEN ? AND ? AND c.id IS NOT ?`)
    .all(applicantId, ...yearRange(year), exceptContractId) as VoucherDbRow[];
  return rows.filter((r) => statusOf(r, today, calendar).countsTowardQuota).reduce((s, r) => s + (r.usedFen ?? 0), 0);
}

export function quotaReport(ctx: ServiceContext, input: { applicantId: number; year?: number }): QuotaReport {
  const applicant: Applicant = getApplicant(ctx, input.applicantId);
  const today = civilDateInShanghai(ctx.now());
  const year = input.year ?? yearOf(today);
  // The profile in force at the end of that year (or today, for the current year).
  const asOf = year === yearOf(today) ? today : `${year}-12-31`;
  // No fallback: a year no profile covers has no quota to report.
  const profile = profileFor(applicant.region, asOf);
  if (!profile) {
    refuse('RULE', 'policy.notInForce', { field: 'year', rule: 'policy.notInForce', params: { region: applicant.region, date: asOf } });
  }
  const calendar = loadHolidayCalendar(ctx);
  const kind = voucherKindOf(applicant, profile, asOf);
  const claimedFen = claimedInYear(ctx, applicant.id, year, today, calendar);
  const appliedFen = appliedInYear(ctx, applicant.id, year, today, calendar);
  return {
    applicantId: applicant.id,
    year,
    profileId: profile.id,
    voucherKind: kind,
    quotaFen: remainingQuota(kind, 0, profile)?.quotaFen ?? null,
    claimedFen,
    appliedFen,
    remainingClaimFen: remainingQuota(kind, claimedFen, profile)?.remainingFen ?? null,
    remainingUseFen: remainingQuota(kind, appliedFen, profile)?.remainingFen ?? null,
  };
}
