// 《上海市科技创新券管理办法》沪科规〔2025〕6号, 2025-09-01 to 2030-08-31.
// Only what /shared/DOMAIN.md states is set; the timeline (register / validity / redemption),
// single-voucher cap, disbursement schedule and performance subsidy are null there, so those
// rules are skipped for this profile. No article numbers are given, so violations cite the
// document as a whole.

import { yuan } from './amounts';
import type { PolicyProfile } from './profile';

export const SHANGHAI_2025: PolicyProfile = {
  id: 'shanghai-2025',
  region: 'shanghai',
  title: '上海市科技创新券管理办法',
  documentNumber: '沪科规〔2025〕6号',
  effectiveFrom: '2025-09-01',
  effectiveTo: '2030-08-31',
  articles: {},

  singleVoucherMaxFen: null,
  annualQuotaFen: {
    high_tech_enterprise: yuan(300_000),
    tech_sme: yuan(300_000),
    specialized_sme: yuan(300_000),
    team: yuan(100_000),
  },
  contractVoucherShareMax: { num: 1, den: 2 },
  noDoubleFunding: true,
  registerWithinDays: null,
  validityMonths: null,
  redemptionWithinMonths: null,
  disbursementQuarters: null,
  offScheduleRollsToNextYear: false,
  allowedServiceKinds: null,
  excludedServiceKinds: [
    'statutory_testing',
    'repeated_batch_testing',
    'office_rental',
    'property_service',
    'registration_service',
    'bookkeeping',
    'unrelated_service',
  ],
  publicNotice: {
    kind: 'calendarDays',
    count: 7,
    appliesTo: { zh: '创新券兑付前公示', en: 'public notice before voucher payment' },
  },
  extendDeadlineToWorkingDay: false,

  eligibility: {
    enterprise: {
      acceptedKinds: ['tech_sme', 'high_tech_enterprise', 'specialized_sme'],
      registeredRegion: null,
      maxYearsSinceRegistration: null,
      newSmeDatabaseEntryWaivesAge: false,
      maxStaff: null,
      maxRevenueFen: null,
      maxAssetsFen: null,
      fields: null,
      requireNoBadCredit: false,
    },
    team: {
      accepted: true,
      mustNotBeLegalEntity: false,
      studentShareAbove: null,
      requirePastPlanning: false,
      requireIncubator: true,
      minCoreMembers: 3,
    },
  },

  subsidyCapsFen: null,
  subsidyExcludesThirdPartyTesting: false,
  staffAwardMinShare: null,
  openUnitExitNoticeMonths: null,

  ratedHoursDefault: 1600,
  nationalEvaluationMinUnitValueFen: yuan(500_000),
  nationalAverages: { year: 2025, effectiveHours: 1599, externalHours: 273 },
};
