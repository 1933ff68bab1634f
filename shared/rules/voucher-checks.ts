// Amount and scope checks on a voucher or voucher contract. Limits come from the profile.

import type { PolicyProfile } from '../policy/profile';
import type { ApplicantKind, ServiceKind } from '../policy/vocabulary';
import type { Fen } from './money';
import { floorShare, formatRatio, isWithinShare } from './ratio';
import { invalidAmount, OK, resultOf, violation, type RuleResult, type Violation } from './violations';

/** Single voucher face value ≤ singleVoucherMaxFen (50,000元 passes, 50,000.01元 fails). */
export function checkVoucherFaceValue(faceValueFen: Fen, profile: PolicyProfile): RuleResult {
  const bad = invalidAmount(profile, 'faceValueFen', faceValueFen);
  if (bad) return resultOf([bad]);
  const max = profile.singleVoucherMaxFen;
  if (max === null || faceValueFen <= max) return OK;
  return resultOf([
    violation(profile, 'voucher.faceValue', { field: 'faceValueFen', params: { faceValueFen, maxFen: max } }),
  ]);
}

/** The largest voucher payment allowed on a contract of this actual amount (floor of the share). */
export function maxVoucherForContract(actualAmountFen: Fen, profile: PolicyProfile): Fen {
  return floorShare(actualAmountFen, profile.contractVoucherShareMax);
}

/** Voucher payment ≤ share × actual contract amount, in exact integer arithmetic. */
export function checkContractVoucherShare(
  actualAmountFen: Fen,
  voucherSumFen: Fen,
  profile: PolicyProfile,
): RuleResult {
  const bad = [
    invalidAmount(profile, 'actualAmountFen', actualAmountFen),
    invalidAmount(profile, 'voucherSumFen', voucherSumFen),
  ].filter((v): v is Violation => v !== null);
  if (bad.length > 0) return resultOf(bad);
  const share = profile.contractVoucherShareMax;
  if (isWithinShare(voucherSumFen, actualAmountFen, share)) return OK;
  const maxFen = maxVoucherForContract(actualAmountFen, profile);
  return resultOf([
    violation(profile, 'voucher.contractShare', {
      field: 'voucherSumFen', params: { actualAmountFen, voucherSumFen, maxFen, share: formatRatio(share) },
    }),
  ]);
}

/** The annual quota for an applicant kind, or null when the profile gives that kind none. */
export function annualQuotaFor(applicantKind: ApplicantKind, profile: PolicyProfile): Fen | null {
  return profile.annualQuotaFen[applicantKind] ?? null;
}

export interface QuotaStatus {
  quotaFen: Fen;
  usedFen: Fen;
  /** Never negative; 0 when already at or over the quota. */
  remainingFen: Fen;
}

/**
 * Quota left this year; null when the applicant kind has no quota under the profile.
 * Throws RangeError when usedThisYearFen is not non-negative integer fen.
 */
export function remainingQuota(
  applicantKind: ApplicantKind,
  usedThisYearFen: Fen,
  profile: PolicyProfile,
): QuotaStatus | null {
  const quotaFen = annualQuotaFor(applicantKind, profile);
  if (quotaFen === null) return null;
  if (invalidAmount(profile, 'usedThisYearFen', usedThisYearFen)) {
    throw new RangeError(`usedThisYearFen must be non-negative integer fen: ${usedThisYearFen}`);
  }
  return { quotaFen, usedFen: usedThisYearFen, remainingFen: Math.max(0, quotaFen - usedThisYearFen) };
}

/** used + requested ≤ the kind's annual quota (exactly the quota passes, one fen over fails). */
export function checkAnnualQuota(
  applicantKind: ApplicantKind,
  usedThisYearFen: Fen,
  requestedFen: Fen,
  profile: PolicyProfile,
): RuleResult {
  const bad = [
    invalidAmount(profile, 'usedThisYearFen', usedThisYearFen),
    invalidAmount(profile, 'requestedFen', requestedFen),
  ].filter((v): v is Violation => v !== null);
  if (bad.length > 0) return resultOf(bad);
  const quotaFen = annualQuotaFor(applicantKind, profile);
  if (quotaFen === null) {
    return resultOf([
      violation(profile, 'voucher.applicantKind', { field: 'applicantKind', params: { applicantKind } }),
    ]);
  }
  const totalFen = usedThisYearFen + requestedFen;
  if (totalFen <= quotaFen) return OK;
  const remainingFen = Math.max(0, quotaFen - usedThisYearFen);
  return resultOf([
    violation(profile, 'voucher.annualQuota', {
      field: 'requestedFen', params: { applicantKind, quotaFen, usedThisYearFen, requestedFen, remainingFen },
    }),
  ]);
}

/** A project already funded by city finance gets no voucher. */
export function checkNoDoubleFunding(alreadyFundedByCityFinance: boolean, profile: PolicyProfile): RuleResult {
  if (!profile.noDoubleFunding || !alreadyFundedByCityFinance) return OK;
  return resultOf([
    violation(profile, 'voucher.doubleFunding', {
      field: 'alreadyFundedByCityFinance', params: { termZh: profile.doubleFundingTerm.zh, termEn: profile.doubleFundingTerm.en },
    }),
  ]);
}

/** The kinds a contract or order under this profile may be described with: in scope, then excluded. */
export function serviceVocabulary(profile: PolicyProfile): ServiceKind[] {
  return [...new Set([...(profile.allowedServiceKinds ?? []), ...profile.excludedServiceKinds])];
}

/**
 * Rules of the local profile a cross-region voucher (京津冀) or order (长三角) is not judged by: it
 * follows the rules of the region that issued it (京 第十九条, 沪 第十五条), which the desk does not
 * hold. Only rules the profile has are listed (Shanghai sets no face-value cap or register window),
 * and every rule the desk skips for it is (the applicant conditions included), so the user sees
 * exactly what was not checked. Each id is a rule id whose article `articleFor` gives.
 */
export function crossRegionUncheckedRules(profile: PolicyProfile, on: 'voucher' | 'order'): string[] {
  const hasQuota = Object.keys(profile.annualQuotaFen).length > 0;
  const stated = (rule: string) => Object.hasOwn(profile.articles, rule);
  const rules: [string, boolean][] = on === 'order'
    ? [
      ['applicant', true],
      ['order.voucherShare', true],
      ['order.annualQuota', hasQuota],
      ['voucher.doubleFunding', profile.noDoubleFunding],
      ['order.relatedParty', stated('order.relatedParty')],
      ['order.subcontract', stated('order.subcontract')],
    ]
    : [
      ['applicant', true],
      ['voucher.faceValue', profile.singleVoucherMaxFen !== null],
      ['voucher.annualQuota', hasQuota],
      ['voucher.contractShare', true],
      ['voucher.registerWithin', profile.registerWithinDays !== null],
      ['voucher.validity', profile.validityMonths !== null],
      ['voucher.redemptionWithin', profile.redemptionWithinMonths !== null],
      // Where vouchers are not claimed (免申即享), a recorded cross-region voucher skips that refusal too.
      ['voucher.flow', profile.flow === 'order'],
    ];
  return rules.filter(([, applies]) => applies).map(([rule]) => rule);
}

/**
 * At least one service kind from the profile's vocabulary is required (a free-text description is
 * only a note and cannot be checked); every kind must be in scope and not excluded. All failures are listed.
 */
export function checkServiceScope(serviceKinds: readonly ServiceKind[], profile: PolicyProfile): RuleResult {
  if (serviceKinds.length === 0) {
    return resultOf([
      violation(profile, 'voucher.scope.kindRequired', { field: 'serviceKinds', params: { serviceKinds: profile.allowedServiceKinds ?? [] } }),
    ]);
  }
  const violations: Violation[] = [];
  for (const kind of new Set(serviceKinds)) {
    if (profile.excludedServiceKinds.includes(kind)) {
      violations.push(
        violation(profile, 'voucher.serviceExcluded', { field: 'serviceKinds', params: { serviceKind: kind } }),
      );
    } else if (profile.allowedServiceKinds !== null && !profile.allowedServiceKinds.includes(kind)) {
      violations.push(
        violation(profile, 'voucher.serviceOutOfScope', { field: 'serviceKinds', params: { serviceKind: kind } }),
      );
    }
  }
  return resultOf(violations);
}
