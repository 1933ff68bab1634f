// Who may claim vouchers under a profile. Every failed condition is reported, not just the
// first, so the form can show them all at once. A fact the profile needs but the record lacks
// is reported as 'applicant.missingFact' rather than guessed.

import type { PolicyProfile, Region } from '../policy/profile';
import type { ApplicantKind } from '../policy/vocabulary';
import { addMonths, compareCivilDates, yearOf, type CivilDate } from './civil-date';
import type { Fen } from './money';
import { formatRatio, isWithinShare } from './ratio';
import type { LocalizedText } from './text';
import { noteFor, resultOf, violation, type RuleResult, type Violation, type ViolationParam } from './violations';

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

class Collector {
  readonly violations: Violation[] = [];
  constructor(private readonly profile: PolicyProfile) {}

  fail(rule: string, field: string, params?: Record<string, ViolationParam>): void {
    this.violations.push(violation(this.profile, rule, params ? { field, params } : { field }));
  }

  /** Returns the value, or records a missing-fact violation (on the fact's field) and returns null. */
  need<T>(value: T | null | undefined, field: string): T | null {
    if (value !== null && value !== undefined) return value;
    this.fail('applicant.missingFact', field);
    return null;
  }
}

function checkEnterprise(facts: EnterpriseFacts, today: CivilDate, profile: PolicyProfile, c: Collector): void {
  const rules = profile.eligibility.enterprise;

  if (rules.acceptedKinds !== null) {
    const held = facts.heldKinds ?? [facts.kind];
    const accepted = rules.acceptedKinds;
    // 高新技术企业 counts only as an SME where the profile says so; unknown size is asked for.
    const needsSme = rules.highTechMustBeSme && held.includes('high_tech_enterprise') &&
      !held.some((k) => k !== 'high_tech_enterprise' && accepted.includes(k));
    const isSme = needsSme ? c.need(facts.isSme, 'isSme') : null;
    const qualifying = held.filter((k) => accepted.includes(k) && (k !== 'high_tech_enterprise' || !rules.highTechMustBeSme || !needsSme || isSme === true));
    if (needsSme && isSme === false && qualifying.length === 0) {
      c.fail('applicant.enterprise.highTechSme', 'isSme');
    } else if (qualifying.length === 0 && !(needsSme && isSme === null) && !rules.acceptedKindsOpen) {
      c.fail('applicant.enterprise.kind', 'kind', { kind: facts.kind, acceptedKinds: accepted });
    }
  }

  if (rules.registeredRegion !== null) {
    const region = c.need(facts.registeredRegion, 'registeredRegion');
    if (region !== null && region !== rules.registeredRegion) {
      c.fail('applicant.enterprise.region', 'registeredRegion', { registeredRegion: region, requiredRegion: rules.registeredRegion });
    }
  }

  const waived = rules.newSmeDatabaseEntryWaivesAge && facts.newlyEnteredSmeDatabaseThisYear === true;
  if (rules.maxYearsSinceRegistration !== null && !waived) {
    const registeredOn = c.need(facts.registeredOn, 'registeredOn');
    const years = rules.maxYearsSinceRegistration;
    if (registeredOn !== null && compareCivilDates(today, addMonths(registeredOn, years * 12)) > 0) {
      c.fail('applicant.enterprise.age', 'registeredOn', { registeredOn, maxYears: years });
    }
  }

  if (rules.maxStaff !== null) {
    const staff = c.need(facts.staffCount, 'staffCount');
    if (staff !== null && staff > rules.maxStaff) {
      c.fail('applicant.enterprise.staff', 'staffCount', { staffCount: staff, maxStaff: rules.maxStaff });
    }
  }

  const limits: [string, 'annualRevenueFen' | 'totalAssetsFen', Fen | null][] = [
    ['applicant.enterprise.revenue', 'annualRevenueFen', rules.maxRevenueFen],
    ['applicant.enterprise.assets', 'totalAssetsFen', rules.maxAssetsFen],
  ];
  for (const [rule, field, maxFen] of limits) {
    if (maxFen === null) continue;
    const value = c.need(facts[field], field);
    if (value !== null && value > maxFen) {
      c.fail(rule, field, { [field]: value, maxFen });
    }
  }

  if (rules.fields !== null) {
    const fields = c.need(facts.fields, 'fields');
    if (fields !== null && !fields.some((f) => rules.fields?.includes(f))) {
      c.fail('applicant.enterprise.field', 'fields', { fields, allowedFields: rules.fields });
    }
  }

  if (rules.requireNoBadCredit) {
    const bad = c.need(facts.hasBadCreditRecord, 'hasBadCreditRecord');
    if (bad === true) {
      c.fail('applicant.enterprise.credit', 'hasBadCreditRecord');
    }
  }
}

function checkTeam(facts: TeamFacts, profile: PolicyProfile, c: Collector): void {
  const rules = profile.eligibility.team;
  if (!rules.accepted) {
    c.fail('applicant.team.notAccepted', 'type');
    return;
  }

  if (rules.mustNotBeLegalEntity) {
    const legal = c.need(facts.isLegalEntity, 'isLegalEntity');
    if (legal === true) {
      c.fail('applicant.team.legalEntity', 'isLegalEntity');
    }
  }

  if (rules.studentShareAbove !== null) {
    const members = c.need(facts.memberCount, 'memberCount');
    const students = c.need(facts.studentMemberCount, 'studentMemberCount');
    // "Mainly students": strictly more than the share, i.e. NOT within it.
    if (members !== null && students !== null && (members <= 0 || isWithinShare(students, members, rules.studentShareAbove))) {
      c.fail('applicant.team.students', 'studentMemberCount', { memberCount: members, studentMemberCount: students, shareAbove: formatRatio(rules.studentShareAbove) });
    }
  }

  if (rules.requirePastPlanning) {
    const past = c.need(facts.pastPlanningStage, 'pastPlanningStage');
    if (past === false) {
      c.fail('applicant.team.stage', 'pastPlanningStage');
    }
  }

  if (rules.requireIncubator) {
    const inIncubator = c.need(facts.inIncubator, 'inIncubator');
    if (inIncubator === false) {
      c.fail('applicant.team.incubator', 'inIncubator');
    } else if (inIncubator === true && rules.incubatorRegion !== null) {
      const where = c.need(facts.incubatorRegion, 'incubatorRegion');
      if (where !== null && where !== rules.incubatorRegion) {
        c.fail('applicant.team.incubatorRegion', 'incubatorRegion', { incubatorRegion: where, requiredRegion: rules.incubatorRegion });
      }
    }
  }

  if (rules.noCompanyRegisteredIn !== null) {
    const regions = c.need(facts.companyRegisteredIn, 'companyRegisteredIn');
    if (regions !== null && regions.includes(rules.noCompanyRegisteredIn)) {
      c.fail('applicant.team.company', 'companyRegisteredIn', { region: rules.noCompanyRegisteredIn });
    }
  }

  if (rules.minCoreMembers !== null) {
    const core = c.need(facts.coreMemberCount, 'coreMemberCount');
    if (core !== null && core < rules.minCoreMembers) {
      c.fail('applicant.team.coreMembers', 'coreMemberCount', { coreMemberCount: core, minCoreMembers: rules.minCoreMembers });
    }
  }
}

function checkIntegrity(facts: IntegrityFacts, today: CivilDate, profile: PolicyProfile, c: Collector): void {
  const rules = profile.eligibility.integrity;
  if (rules.noSeriousDishonesty) {
    const bad = c.need(facts.seriousDishonesty, 'seriousDishonesty');
    if (bad === true) {
      c.fail('applicant.integrity.dishonesty', 'seriousDishonesty');
    }
  }
  if (rules.noMajorViolationWithinYears !== null) {
    const year = facts.lastMajorViolationYear;
    const firstYear = yearOf(today) - rules.noMajorViolationWithinYears + 1;
    if (year !== null && year !== undefined && year >= firstYear && year <= yearOf(today)) {
      c.fail('applicant.integrity.majorViolation', 'lastMajorViolationYear', { year, fromYear: firstYear });
    }
  }
  if (rules.notOnAbnormalList) {
    const listed = c.need(facts.onAbnormalList, 'onAbnormalList');
    if (listed === true) {
      c.fail('applicant.integrity.abnormalList', 'onAbnormalList');
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
