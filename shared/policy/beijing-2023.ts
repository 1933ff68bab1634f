// 《首都科技条件平台与科技创新券实施办法（修订版）》京科发〔2023〕16号, in force 2023-10-01.
// Article mapping follows /shared/DOMAIN.md: amounts, scope and double funding 第十二条; the
// claim → register → redeem timeline 第十五条; open-unit performance subsidy 第十一条. Applicant
// conditions carry no article there, so they cite the document as a whole.

import { yuan } from './amounts';
import type { PolicyProfile } from './profile';

export const BEIJING_2023: PolicyProfile = {
  id: 'beijing-2023',
  region: 'beijing',
  title: '首都科技条件平台与科技创新券实施办法（修订版）',
  documentNumber: '京科发〔2023〕16号',
  effectiveFrom: '2023-10-01',
  effectiveTo: null,
  articles: {
    voucher: '第十二条',
    'voucher.registerWithin': '第十五条',
    'voucher.validity': '第十五条',
    'voucher.redemptionWithin': '第十五条',
    'voucher.disbursement': '第十五条',
    subsidy: '第十一条',
    openUnit: '第十一条',
  },

  singleVoucherMaxFen: yuan(50_000),
  annualQuotaFen: {
    high_tech_enterprise: yuan(500_000),
    tech_sme: yuan(500_000),
    specialized_sme: yuan(200_000),
    other_enterprise: yuan(200_000),
    team: yuan(200_000),
  },
  contractVoucherShareMax: { num: 1, den: 2 },
  noDoubleFunding: true,
  registerWithinDays: 15,
  validityMonths: 3,
  redemptionWithinMonths: 1,
  disbursementQuarters: [1, 2, 3],
  offScheduleRollsToNextYear: true,
  allowedServiceKinds: ['analysis', 'testing', 'inspection', 'rnd_service', 'ai_compute_rental'],
  excludedServiceKinds: ['statutory_testing'],
  publicNotice: {
    kind: 'workingDays',
    count: 5,
    appliesTo: { zh: '开放单位绩效考评结果公示', en: 'public notice of open-unit assessment results' },
  },
  extendDeadlineToWorkingDay: false,

  eligibility: {
    enterprise: {
      acceptedKinds: null,
      registeredRegion: 'beijing',
      maxYearsSinceRegistration: 5,
      newSmeDatabaseEntryWaivesAge: true,
      maxStaff: 500,
      maxRevenueFen: yuan(200_000_000),
      maxAssetsFen: yuan(200_000_000),
      fields: ['新一代信息技术', '医药健康', '智能制造', '新材料', '绿色能源与节能环保'],
      requireNoBadCredit: true,
    },
    team: {
      accepted: true,
      mustNotBeLegalEntity: true,
      studentShareAbove: { num: 1, den: 2 },
      requirePastPlanning: true,
      requireIncubator: false,
      minCoreMembers: null,
    },
  },

  subsidyCapsFen: {
    I: { excellent: yuan(1_000_000), good: yuan(600_000), qualified: 0, unqualified: 0 },
    II: { excellent: yuan(800_000), good: yuan(400_000), qualified: 0, unqualified: 0 },
  },
  subsidyExcludesThirdPartyTesting: true,
  staffAwardMinShare: { num: 7, den: 10 },
  openUnitExitNoticeMonths: 1,

  ratedHoursDefault: 1600,
  nationalEvaluationMinUnitValueFen: yuan(500_000),
  nationalAverages: { year: 2025, effectiveHours: 1599, externalHours: 273 },
};
