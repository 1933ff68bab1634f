// 《上海市科技创新券管理办法》沪科规〔2025〕6号, 2025-09-01 to 2030-08-31.
// A different flow from Beijing: electronic vouchers without application (免申即享), used on
// orders placed with a service institution (第二条, 第十条). No claim / 合同登记 / redemption
// windows, no single-voucher cap, no disbursement schedule and no performance subsidy: those are
// null and their rules are skipped. Articles: 50% per order and 30万/10万 a year 第二条; scope and
// exclusions 第四条; eligibility 第七条; order flow 第十条; materials, verification and 7 days of
// notice 第十一条; no fraud, 关联交易 or 转包 第十二条; 长三角 vouchers 第十五条; in force 第十六条.

import { yuan } from './amounts';
import type { PolicyProfile } from './profile';

export const SHANGHAI_2025: PolicyProfile = {
  id: 'shanghai-2025',
  region: 'shanghai',
  title: '上海市科技创新券管理办法',
  titleEn: 'Shanghai Measures for the Administration of S&T Innovation Vouchers',
  documentNumber: '沪科规〔2025〕6号',
  effectiveFrom: '2025-09-01',
  effectiveTo: '2030-08-31',
  articles: {
    policy: '第十六条',
    voucher: '第二条',
    'voucher.scope': '第四条',
    'voucher.serviceExcluded': '第四条',
    'voucher.serviceOutOfScope': '第四条',
    'voucher.doubleFunding': '第四条',
    'voucher.holder': null,
    'voucher.singleContract': null,
    'voucher.transfer': null,
    applicant: '第七条',
    order: '第十条',
    'order.voucherShare': '第二条',
    'order.annualQuota': '第二条',
    'order.scope': '第四条',
    'order.doubleFunding': '第四条',
    'order.materials': '第十一条',
    'order.verification': '第十一条',
    'order.publicNotice': '第十一条',
    publicNotice: '第十一条',
    'order.relatedParty': '第十二条',
    'order.subcontract': '第十二条',
    crossRegion: '第十五条',
  },
  ruleNotes: {
    'applicant.enterprise.kind': {
      zh: '第七条列举的企业类型以“等”结尾，是开放列表：列表以外的类型本软件不拒绝、也不判断，请人工核对。',
      en: 'The kinds listed in Article 7 end in "and others" (an open list): a kind outside it is neither refused nor judged here; check it by hand.',
    },
    'applicant.integrity.majorViolation': {
      zh: '“本年度或上一年度”按自然年理解（含当年与上一年）。',
      en: '"This year or last" is read as calendar years (the current and the previous one).',
    },
    'applicant.team.company': {
      zh: '原文为“尚未在本市注册成立企业”；已在外省市注册企业的团队，原文未作规定，本软件不据此拒绝。',
      en: 'The text says "not yet registered as a company in Shanghai"; a company registered elsewhere is not addressed, so it is not refused.',
    },
    'order.annualQuota': {
      zh: '年度额度按订单核定的创新券金额累计；原文未规定以哪一天归年，本软件按下单日期所在自然年。',
      en: 'The annual quota adds the voucher amounts of orders; the text does not say which date sets the year, the desk uses the order date.',
    },
    'voucher.holder': {
      zh: '沪科规〔2025〕6号 未单列转让条款；创新券为电子券、随订单使用，本软件仍不允许跨单位或跨订单使用。',
      en: 'The Shanghai text has no separate transfer article; vouchers are electronic and used per order, and the desk still refuses transfers.',
    },
  },
  doubleFundingTerm: { zh: '市级财政资金', en: 'city finance' },
  statusMustBeValidOnUse: true,
  flow: 'order',
  crossRegion: {
    id: 'yangtze',
    label: { zh: '长三角科技创新券', en: 'Yangtze River Delta innovation vouchers' },
    issuingRegions: [
      { id: 'jiangsu', label: { zh: '江苏', en: 'Jiangsu' } },
      { id: 'zhejiang', label: { zh: '浙江', en: 'Zhejiang' } },
      { id: 'anhui', label: { zh: '安徽', en: 'Anhui' } },
    ],
  },

  singleVoucherMaxFen: null,
  annualQuotaFen: {
    high_tech_enterprise: yuan(300_000),
    tech_sme: yuan(300_000),
    specialized_sme: yuan(300_000),
    other_enterprise: yuan(300_000),
    team: yuan(100_000),
  },
  contractVoucherShareMax: { num: 1, den: 2 },
  noDoubleFunding: true,
  registerWithinDays: null,
  validityMonths: null,
  redemptionWithinMonths: null,
  disbursementQuarters: null,
  offScheduleRollsToNextYear: false,
  allowedServiceKinds: ['rnd_service', 'tech_transfer', 'incubation', 'tech_promotion', 'inspection', 'sci_finance', 'ip_service'],
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
      acceptedKindsOpen: true,
      highTechMustBeSme: true,
    },
    team: {
      accepted: true,
      mustNotBeLegalEntity: false,
      studentShareAbove: null,
      requirePastPlanning: false,
      requireIncubator: true,
      incubatorRegion: 'shanghai',
      noCompanyRegisteredIn: 'shanghai',
      minCoreMembers: 3,
    },
    integrity: { noSeriousDishonesty: true, noMajorViolationWithinYears: 2, notOnAbnormalList: true },
  },

  subsidyCapsFen: null,
  subsidyExcludesThirdPartyTesting: false,
  staffAwardMinShare: null,
  staffAwardSharePermissive: false,
  openUnitExitNoticeMonths: null,

  ratedHoursDefault: 1600,
  nationalEvaluationMinUnitValueFen: yuan(500_000),
  nationalAverages: { year: 2025, effectiveHours: 1599, externalHours: 273 },
};
