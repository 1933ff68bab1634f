// Who may claim vouchers under a profile. Every failed condition is reported, not just the
// first, so the form can show them all at once. A fact the profile needs but the record lacks
// is reported as 'applicant.missingFact' rather than guessed.

import type { PolicyProfile, Region } from '../policy/profile';
import { APPLICANT_KIND_LABELS, type ApplicantKind } from '../policy/vocabulary';
import { addMonths, compareCivilDates, type CivilDate } from './civil-date';
import { formatYuan, type Fen } from './money';
import { formatRatio, isWithinShare } from './ratio';
import type { LocalizedText } from './text';
import { resultOf, violation, type RuleResult, type Violation } from './violations';

export interface EnterpriseFacts {
  type: 'enterprise';
  kind: Exclude<ApplicantKind, 'team'>;
  registeredRegion?: Region | null;
  registeredOn?: CivilDate | null;
  /** Newly entered in the 科技型中小企业 database in the year of `today`. */
  newlyEnteredSmeDatabaseThisYear?: boolean | null;
  staffCount?: number | null;
  annualRevenueFen?: Fen | null;
  totalAssetsFen?: Fen | null;
  fields?: readonly string[] | null;
  hasBadCreditRecord?: boolean | null;
}

export interface TeamFacts {
  type: 'team';
  isLegalEntity?: boolean | null;
  memberCount?: number | null;
  studentMemberCount?: number | null;
  pastPlanningStage?: boolean | null;
  inIncubator?: boolean | null;
  coreMemberCount?: number | null;
}

export type ApplicantFacts = EnterpriseFacts | TeamFacts;

const yuanText = (fen: Fen) => formatYuan(fen, { withUnit: true });

class Collector {
  readonly violations: Violation[] = [];
  constructor(private readonly profile: PolicyProfile) {}

  fail(rule: string, field: string, message: LocalizedText, params?: Record<string, unknown>): void {
    this.violations.push(violation(this.profile, rule, message, params ? { field, params } : { field }));
  }

  /** Returns the value, or records a missing-fact violation and returns null. */
  need<T>(value: T | null | undefined, field: string, label: LocalizedText): T | null {
    if (value !== null && value !== undefined) return value;
    this.fail('applicant.missingFact', field, {
      zh: `缺少申领单位信息：${label.zh}`,
      en: `Missing applicant information: ${label.en}`,
    });
    return null;
  }
}

function checkEnterprise(facts: EnterpriseFacts, today: CivilDate, profile: PolicyProfile, c: Collector): void {
  const rules = profile.eligibility.enterprise;
  const kindLabel = APPLICANT_KIND_LABELS[facts.kind];

  if (rules.acceptedKinds !== null && !rules.acceptedKinds.includes(facts.kind)) {
    c.fail(
      'applicant.enterprise.kind',
      'kind',
      { zh: `${kindLabel.zh}不属于可申领创新券的企业类型`, en: `${kindLabel.en} is not an accepted kind of enterprise` },
      { kind: facts.kind, acceptedKinds: rules.acceptedKinds },
    );
  }

  if (rules.registeredRegion !== null) {
    const region = c.need(facts.registeredRegion, 'registeredRegion', { zh: '注册地', en: 'registered region' });
    if (region !== null && region !== rules.registeredRegion) {
      c.fail(
        'applicant.enterprise.region',
        'registeredRegion',
        { zh: `企业须在 ${rules.registeredRegion} 注册`, en: `The enterprise must be registered in ${rules.registeredRegion}` },
        { registeredRegion: region, requiredRegion: rules.registeredRegion },
      );
    }
  }

  const waived = rules.newSmeDatabaseEntryWaivesAge && facts.newlyEnteredSmeDatabaseThisYear === true;
  if (rules.maxYearsSinceRegistration !== null && !waived) {
    const registeredOn = c.need(facts.registeredOn, 'registeredOn', { zh: '注册日期', en: 'registration date' });
    const years = rules.maxYearsSinceRegistration;
    if (registeredOn !== null && compareCivilDates(today, addMonths(registeredOn, years * 12)) > 0) {
      c.fail(
        'applicant.enterprise.age',
        'registeredOn',
        {
          zh: `注册已超过 ${years} 年${rules.newSmeDatabaseEntryWaivesAge ? '，且非当年新入库科技型中小企业' : ''}`,
          en: `Registered more than ${years} years ago${rules.newSmeDatabaseEntryWaivesAge ? ' and not newly entered in the tech-SME database this year' : ''}`,
        },
        { registeredOn, maxYears: years },
      );
    }
  }

  if (rules.maxStaff !== null) {
    const staff = c.need(facts.staffCount, 'staffCount', { zh: '职工人数', en: 'staff count' });
    if (staff !== null && staff > rules.maxStaff) {
      c.fail(
        'applicant.enterprise.staff',
        'staffCount',
        { zh: `职工人数 ${staff} 超过 ${rules.maxStaff} 人`, en: `Staff of ${staff} exceeds ${rules.maxStaff}` },
        { staffCount: staff, maxStaff: rules.maxStaff },
      );
    }
  }

  const limits: [string, 'annualRevenueFen' | 'totalAssetsFen', Fen | null, LocalizedText][] = [
    ['applicant.enterprise.revenue', 'annualRevenueFen', rules.maxRevenueFen, { zh: '年销售收入', en: 'Annual revenue' }],
    ['applicant.enterprise.assets', 'totalAssetsFen', rules.maxAssetsFen, { zh: '资产总额', en: 'Total assets' }],
  ];
  for (const [rule, field, maxFen, label] of limits) {
    if (maxFen === null) continue;
    const value = c.need(facts[field], field, label);
    if (value !== null && value > maxFen) {
      c.fail(
        rule,
        field,
        {
          zh: `${label.zh} ${yuanText(value)} 超过 ${yuanText(maxFen)}`,
          en: `${label.en} ${yuanText(value)} exceeds ${yuanText(maxFen)}`,
        },
        { [field]: value, maxFen },
      );
    }
  }

  if (rules.fields !== null) {
    const fields = c.need(facts.fields, 'fields', { zh: '所属领域', en: 'business field' });
    if (fields !== null && !fields.some((f) => rules.fields?.includes(f))) {
      c.fail(
        'applicant.enterprise.field',
        'fields',
        {
          zh: `所属领域须为：${rules.fields.join('、')}`,
          en: `The business must be in one of: ${rules.fields.join(', ')}`,
        },
        { fields, allowedFields: rules.fields },
      );
    }
  }

  if (rules.requireNoBadCredit) {
    const bad = c.need(facts.hasBadCreditRecord, 'hasBadCreditRecord', { zh: '信用记录', en: 'credit record' });
    if (bad === true) {
      c.fail('applicant.enterprise.credit', 'hasBadCreditRecord', {
        zh: '存在不良信用记录',
        en: 'The enterprise has a bad credit record',
      });
    }
  }
}

function checkTeam(facts: TeamFacts, profile: PolicyProfile, c: Collector): void {
  const rules = profile.eligibility.team;
  if (!rules.accepted) {
    c.fail('applicant.team.notAccepted', 'type', {
      zh: '本办法不支持创业团队申领创新券',
      en: 'Start-up teams cannot claim vouchers under this policy',
    });
    return;
  }

  if (rules.mustNotBeLegalEntity) {
    const legal = c.need(facts.isLegalEntity, 'isLegalEntity', { zh: '是否已注册法人', en: 'legal-entity status' });
    if (legal === true) {
      c.fail('applicant.team.legalEntity', 'isLegalEntity', {
        zh: '创业团队不得为已注册的法人单位',
        en: 'A start-up team must not be a registered legal entity',
      });
    }
  }

  if (rules.studentShareAbove !== null) {
    const members = c.need(facts.memberCount, 'memberCount', { zh: '团队人数', en: 'member count' });
    const students = c.need(facts.studentMemberCount, 'studentMemberCount', { zh: '学生人数', en: 'student count' });
    // "Mainly students": strictly more than the share, i.e. NOT within it.
    if (members !== null && students !== null && (members <= 0 || isWithinShare(students, members, rules.studentShareAbove))) {
      c.fail(
        'applicant.team.students',
        'studentMemberCount',
        {
          zh: `团队成员须以学生为主（超过 ${formatRatio(rules.studentShareAbove)}），现为 ${students}/${members}`,
          en: `Members must be mainly students (more than ${formatRatio(rules.studentShareAbove)}); now ${students}/${members}`,
        },
        { memberCount: members, studentMemberCount: students, shareAbove: rules.studentShareAbove },
      );
    }
  }

  if (rules.requirePastPlanning) {
    const past = c.need(facts.pastPlanningStage, 'pastPlanningStage', { zh: '项目所处阶段', en: 'project stage' });
    if (past === false) {
      c.fail('applicant.team.stage', 'pastPlanningStage', {
        zh: '项目须已度过计划阶段',
        en: 'The project must be past the planning stage',
      });
    }
  }

  if (rules.requireIncubator) {
    const inIncubator = c.need(facts.inIncubator, 'inIncubator', { zh: '是否入驻孵化器', en: 'incubator status' });
    if (inIncubator === false) {
      c.fail('applicant.team.incubator', 'inIncubator', {
        zh: '创业团队须入驻孵化载体',
        en: 'The team must be hosted by an incubator',
      });
    }
  }

  if (rules.minCoreMembers !== null) {
    const core = c.need(facts.coreMemberCount, 'coreMemberCount', { zh: '核心成员人数', en: 'core member count' });
    if (core !== null && core < rules.minCoreMembers) {
      c.fail(
        'applicant.team.coreMembers',
        'coreMemberCount',
        {
          zh: `核心成员 ${core} 人，少于 ${rules.minCoreMembers} 人`,
          en: `${core} core members, fewer than ${rules.minCoreMembers}`,
        },
        { coreMemberCount: core, minCoreMembers: rules.minCoreMembers },
      );
    }
  }
}

/** Every condition of the profile the applicant fails on `today`; ok when none. */
export function checkApplicantEligibility(facts: ApplicantFacts, today: CivilDate, profile: PolicyProfile): RuleResult {
  const collector = new Collector(profile);
  if (facts.type === 'enterprise') checkEnterprise(facts, today, profile, collector);
  else checkTeam(facts, profile, collector);
  return resultOf(collector.violations);
}
