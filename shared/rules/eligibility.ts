// Who may claim vouchers under a profile. Every failed condition is reported, not just the
// first, so the form can show them all at once. A fact the profile needs but the record lacks
// is reported as 'applicant.missingFact' rather than guessed.

import type { PolicyProfile, Region } from '../policy/profile';
import { APPLICANT_KIND_LABELS, type ApplicantKind } from '../policy/vocabulary';
import { addMonths, compareCivilDates, yearOf, type CivilDate } from './civil-date';
import { formatYuan, type Fen } from './money';
import { formatRatio, isWithinShare } from './ratio';
import type { LocalizedText } from './text';
import { noteFor, resultOf, violation, type RuleResult, type Violation } from './violations';

/** Integrity facts both enterprises and teams are checked on where the profile asks (沪 第七条). */
export interface IntegrityFacts {
  /** A serious dishonesty record on the credit platform whose penalty period is not over. */
  seriousDishonesty?: boolean | null;
  /** Year of the latest major safety, quality or environmental violation; null = none. */
  lastMajorViolationYear?: number | null;
  /** On the 经营异常名录 or the serious-violation list. */
  onAbnormalList?: boolean | null;
}

export interface EnterpriseFacts extends IntegrityFacts {
  type: 'enterprise';
  kind: Exclude<ApplicantKind, 'team'>;
  /** Every kind the firm holds on the day (valid statuses only); defaults to [kind]. */
  heldKinds?: readonly Exclude<ApplicantKind, 'team'>[];
  /** A small or medium enterprise by the national size standard (needed for 高企中的中小企业). */
  isSme?: boolean | null;
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

export interface TeamFacts extends IntegrityFacts {
  type: 'team';
  /** Region of the incubator / science park / 众创空间 hosting the team. */
  incubatorRegion?: Region | null;
  /** Regions where the team has already registered a company ([] = none). */
  companyRegisteredIn?: readonly Region[] | null;
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

  if (rules.acceptedKinds !== null) {
    const held = facts.heldKinds ?? [facts.kind];
    const accepted = rules.acceptedKinds;
    // 高新技术企业 counts only as an SME where the profile says so; unknown size is asked for.
    const needsSme = rules.highTechMustBeSme && held.includes('high_tech_enterprise') &&
      !held.some((k) => k !== 'high_tech_enterprise' && accepted.includes(k));
    const isSme = needsSme ? c.need(facts.isSme, 'isSme', { zh: '是否中小企业', en: 'SME size' }) : null;
    const qualifying = held.filter((k) => accepted.includes(k) && (k !== 'high_tech_enterprise' || !rules.highTechMustBeSme || !needsSme || isSme === true));
    if (needsSme && isSme === false && qualifying.length === 0) {
      c.fail('applicant.enterprise.highTechSme', 'isSme', {
        zh: '高新技术企业须为中小企业方可使用创新券（高新技术企业中的中小企业）',
        en: 'A high-tech enterprise qualifies only if it is a small or medium enterprise',
      });
    } else if (qualifying.length === 0 && !(needsSme && isSme === null) && !rules.acceptedKindsOpen) {
      c.fail(
        'applicant.enterprise.kind',
        'kind',
        { zh: `${kindLabel.zh}不属于可申领创新券的企业类型`, en: `${kindLabel.en} is not an accepted kind of enterprise` },
        { kind: facts.kind, acceptedKinds: accepted },
      );
    }
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
    } else if (inIncubator === true && rules.incubatorRegion !== null) {
      const where = c.need(facts.incubatorRegion, 'incubatorRegion', { zh: '孵化载体所在地', en: 'incubator region' });
      if (where !== null && where !== rules.incubatorRegion) {
        c.fail(
          'applicant.team.incubatorRegion',
          'incubatorRegion',
          { zh: `孵化载体须位于 ${rules.incubatorRegion}`, en: `The incubator must be in ${rules.incubatorRegion}` },
          { incubatorRegion: where, requiredRegion: rules.incubatorRegion },
        );
      }
    }
  }

  if (rules.noCompanyRegisteredIn !== null) {
    const regions = c.need(facts.companyRegisteredIn, 'companyRegisteredIn', { zh: '是否已注册企业', en: 'company registration' });
    if (regions !== null && regions.includes(rules.noCompanyRegisteredIn)) {
      c.fail(
        'applicant.team.company',
        'companyRegisteredIn',
        {
          zh: `团队已在 ${rules.noCompanyRegisteredIn} 注册成立企业，应以企业身份使用创新券`,
          en: `The team has already registered a company in ${rules.noCompanyRegisteredIn}; it uses vouchers as an enterprise`,
        },
        { region: rules.noCompanyRegisteredIn },
      );
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

function checkIntegrity(facts: IntegrityFacts, today: CivilDate, profile: PolicyProfile, c: Collector): void {
  const rules = profile.eligibility.integrity;
  if (rules.noSeriousDishonesty) {
    const bad = c.need(facts.seriousDishonesty, 'seriousDishonesty', { zh: '严重失信记录', en: 'serious dishonesty record' });
    if (bad === true) {
      c.fail('applicant.integrity.dishonesty', 'seriousDishonesty', {
        zh: '在信用平台存在严重失信记录（且未过惩戒期）',
        en: 'A serious dishonesty record on the credit platform, within its penalty period',
      });
    }
  }
  if (rules.noMajorViolationWithinYears !== null) {
    const year = facts.lastMajorViolationYear;
    const firstYear = yearOf(today) - rules.noMajorViolationWithinYears + 1;
    if (year !== null && year !== undefined && year >= firstYear && year <= yearOf(today)) {
      c.fail(
        'applicant.integrity.majorViolation',
        'lastMajorViolationYear',
        {
          zh: `${year} 年发生重大安全、质量或环境违法行为（本年度或上一年度不得有）`,
          en: `A major safety, quality or environmental violation in ${year} (none allowed this year or last)`,
        },
        { year, fromYear: firstYear },
      );
    }
  }
  if (rules.notOnAbnormalList) {
    const listed = c.need(facts.onAbnormalList, 'onAbnormalList', { zh: '经营异常名录', en: 'abnormal-operation list' });
    if (listed === true) {
      c.fail('applicant.integrity.abnormalList', 'onAbnormalList', {
        zh: '被列入经营异常名录或严重违法失信名单',
        en: 'On the abnormal-operation list or the serious-violation list',
      });
    }
  }
}

/** Every condition of the profile the applicant fails on `today`; ok when none. */
export function checkApplicantEligibility(facts: ApplicantFacts, today: CivilDate, profile: PolicyProfile): RuleResult {
  const collector = new Collector(profile);
  if (facts.type === 'enterprise') checkEnterprise(facts, today, profile, collector);
  else checkTeam(facts, profile, collector);
  checkIntegrity(facts, today, profile, collector);
  return resultOf(collector.violations);
}

/**
 * What the desk did not judge for this applicant (open lists, readings of open points): shown next
 * to the result so "eligible" is never read as more than was checked.
 */
export function eligibilityNotes(facts: ApplicantFacts, profile: PolicyProfile): LocalizedText[] {
  const notes: LocalizedText[] = [];
  const add = (rule: string) => {
    const n = noteFor(profile, rule);
    if (n && !notes.includes(n)) notes.push(n);
  };
  if (facts.type === 'enterprise') {
    const rules = profile.eligibility.enterprise;
    const held = facts.heldKinds ?? [facts.kind];
    if (rules.acceptedKinds !== null && rules.acceptedKindsOpen && !held.some((k) => rules.acceptedKinds?.includes(k))) add('applicant.enterprise.kind');
    if (rules.maxYearsSinceRegistration !== null) add('applicant.enterprise.age');
  } else {
    const rules = profile.eligibility.team;
    if (rules.studentShareAbove !== null) add('applicant.team.students');
    if (rules.requirePastPlanning) add('applicant.team.stage');
    if (rules.noCompanyRegisteredIn !== null) add('applicant.team.company');
  }
  if (profile.eligibility.integrity.noMajorViolationWithinYears !== null) add('applicant.integrity.majorViolation');
  return notes;
}
