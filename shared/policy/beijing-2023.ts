// 《首都科技条件平台与科技创新券实施办法（修订版）》京科发〔2023〕16号, in force 2023-10-01.
// Articles: scope 第五条; open units and their exit notice 第六条; applicant conditions 第七条;
// confidentiality 第九条; performance subsidy 第十一条; amounts, quotas, 50% and double funding
// 第十二条; income use and the permissive staff-award share 第十三条; subsidy procedure and its
// 5-working-day notice 第十四条; claim → 合同登记 → redemption and disbursement 第十五条; no
// transfer or reuse 第十六条; 京津冀 mutual recognition 第十九条. docs/DOMAIN.md explains each.

import { yuan } from './amounts';
import type { PolicyProfile } from './profile';

export const BEIJING_2023: PolicyProfile = {
  id: 'beijing-2023',
  region: 'beijing',
  title: '首都科技条件平台与科技创新券实施办法（修订版）',
  titleEn: 'Measures for the Capital S&T Resource Platform and S&T Innovation Vouchers (revised)',
  documentNumber: '京科发〔2023〕16号',
  effectiveFrom: '2023-10-01',
  effectiveTo: null,
  articles: {
    policy: null,
    voucher: '第十二条',
    'voucher.serviceExcluded': '第五条',
    'voucher.serviceOutOfScope': '第五条',
    'voucher.scope': '第五条',
    'voucher.registerWithin': '第十五条',
    'voucher.validity': '第十五条',
    'voucher.redemptionWithin': '第十五条',
    'voucher.disbursement': '第十五条',
    'voucher.holder': '第十六条',
    'voucher.singleContract': '第十六条',
    'voucher.transfer': '第十六条',
    applicant: '第七条',
    confidentiality: '第九条',
    subsidy: '第十一条',
    'subsidy.staffAward': '第十三条',
    'subsidy.publicNotice': '第十四条',
    publicNotice: '第十四条',
    openUnit: '第六条',
    crossRegion: '第十九条',
  },
  ruleNotes: {
    'applicant.team.students': {
      zh: '原文为“主要成员应为在校学生”，未给出比例；本软件按学生人数超过团队人数的一半判断。',
      en: 'The text says the members should mainly be students and gives no share; the desk reads it as more than half.',
    },
    'applicant.team.stage': {
      zh: '原文要求项目已度过计划阶段；本软件按所填“项目所处阶段”不是“计划阶段”判断。',
      en: 'The text asks for a project past planning; the desk reads the recorded stage (anything but "planning").',
    },
    'applicant.enterprise.age': {
      zh: '“注册5年以内”按月份推算至注册日的对应日（含当日）。',
      en: '"Registered within 5 years" is counted in months up to the corresponding day (inclusive).',
    },
    'subsidy.staffAward': {
      zh: '原文为“可按照不低于70%的比例”用于人员绩效奖励：是可选用途，不是必须达到的下限。',
      en: 'The text says the net income "may" go to staff awards at no less than 70%: a permitted use, not a required minimum.',
    },
    publicNotice: {
      zh: '第十四条的5个工作日公示针对绩效考评结果；兑现环节的公示期原文未单独规定，时间线所示日期仅供参考。',
      en: 'The 5 working days of Article 14 are for assessment results; the text sets no separate notice for redemption, so the timeline date is for reference.',
    },
  },
  doubleFundingTerm: { zh: '市级财政科技资金', en: 'city science and technology funds' },
  statusMustBeValidOnUse: true,
  flow: 'contract',
  crossRegion: {
    id: 'jingjinji',
    label: { zh: '京津冀创新券互认', en: 'Beijing–Tianjin–Hebei mutual recognition' },
    issuingRegions: [
      { id: 'tianjin', label: { zh: '天津', en: 'Tianjin' } },
      { id: 'hebei', label: { zh: '河北', en: 'Hebei' } },
    ],
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
      acceptedKindsOpen: false,
      highTechMustBeSme: false,
    },
    team: {
      accepted: true,
      mustNotBeLegalEntity: true,
      studentShareAbove: { num: 1, den: 2 },
      requirePastPlanning: true,
      requireIncubator: false,
      incubatorRegion: null,
      noCompanyRegisteredIn: null,
      minCoreMembers: null,
    },
    integrity: { noSeriousDishonesty: false, noMajorViolationWithinYears: null, notOnAbnormalList: false },
  },

  subsidyCapsFen: {
    I: { excellent: yuan(1_000_000), good: yuan(600_000), qualified: 0, unqualified: 0 },
    II: { excellent: yuan(800_000), good: yuan(400_000), qualified: 0, unqualified: 0 },
  },
  subsidyExcludesThirdPartyTesting: true,
  staffAwardMinShare: { num: 7, den: 10 },
  staffAwardSharePermissive: true,
  openUnitExitNoticeMonths: 1,

  ratedHoursDefault: 1600,
  nationalEvaluationMinUnitValueFen: yuan(500_000),
  nationalAverages: { year: 2025, effectiveHours: 1599, externalHours: 273 },
};
