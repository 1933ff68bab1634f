import { describe, expect, it } from 'vitest';
import { BEIJING_2023, SHANGHAI_2025 } from '../../../shared/policy';
import { checkApplicantEligibility, type EnterpriseFacts, type RuleResult, type TeamFacts } from '../../../shared/rules';

const rulesOf = (r: RuleResult) => (r.ok ? [] : r.violations.map((v) => v.rule));
const TODAY = '2025-10-01';

const goodBeijingFirm: EnterpriseFacts = {
  type: 'enterprise',
  kind: 'tech_sme',
  registeredRegion: 'beijing',
  registeredOn: '2021-06-01',
  newlyEnteredSmeDatabaseThisYear: false,
  staffCount: 120,
  annualRevenueFen: 5_000_000_000,
  totalAssetsFen: 3_000_000_000,
  fields: ['智能制造'],
  hasBadCreditRecord: false,
};

describe('Beijing enterprise eligibility', () => {
  it.each<[string, Partial<EnterpriseFacts>, string, string[]]>([
    ['all conditions met', {}, TODAY, []],
    ['registered exactly 5 years ago', { registeredOn: '2020-10-01' }, TODAY, []],
    ['registered 5 years and 1 day ago', { registeredOn: '2020-10-01' }, '2025-10-02', ['applicant.enterprise.age']],
    ['older but newly 入库 this year', { registeredOn: '2010-01-01', newlyEnteredSmeDatabaseThisYear: true }, TODAY, []],
    ['leap-day registration, 5 years later', { registeredOn: '2020-02-29' }, '2025-02-28', []],
    ['leap-day registration, one day past', { registeredOn: '2020-02-29' }, '2025-03-01', ['applicant.enterprise.age']],
    ['500 staff', { staffCount: 500 }, TODAY, []],
    ['501 staff', { staffCount: 501 }, TODAY, ['applicant.enterprise.staff']],
    ['revenue exactly 2亿元', { annualRevenueFen: 20_000_000_000 }, TODAY, []],
    ['revenue 2亿元 + 1 fen', { annualRevenueFen: 20_000_000_001 }, TODAY, ['applicant.enterprise.revenue']],
    ['assets 2亿元 + 1 fen', { totalAssetsFen: 20_000_000_001 }, TODAY, ['applicant.enterprise.assets']],
    ['field outside 高精尖', { fields: ['文化创意'] }, TODAY, ['applicant.enterprise.field']],
    ['one of several fields qualifies', { fields: ['文化创意', '医药健康'] }, TODAY, []],
    ['bad credit record', { hasBadCreditRecord: true }, TODAY, ['applicant.enterprise.credit']],
    ['registered in Shanghai', { registeredRegion: 'shanghai' }, TODAY, ['applicant.enterprise.region']],
  ])('%s', (_label, change, today, rules) => {
    expect(rulesOf(checkApplicantEligibility({ ...goodBeijingFirm, ...change }, today, BEIJING_2023))).toEqual(rules);
  });

  it('reports every failed condition at once', () => {
    const r = checkApplicantEligibility(
      {
        ...goodBeijingFirm,
        registeredRegion: 'tianjin',
        registeredOn: '2015-01-01',
        staffCount: 900,
        annualRevenueFen: 30_000_000_000,
        totalAssetsFen: 30_000_000_000,
        fields: [],
        hasBadCreditRecord: true,
      },
      TODAY,
      BEIJING_2023,
    );
    expect(rulesOf(r)).toEqual([
      'applicant.enterprise.region',
      'applicant.enterprise.age',
      'applicant.enterprise.staff',
      'applicant.enterprise.revenue',
      'applicant.enterprise.assets',
      'applicant.enterprise.field',
      'applicant.enterprise.credit',
    ]);
  });

  it('asks for every missing fact instead of guessing', () => {
    const r = checkApplicantEligibility({ type: 'enterprise', kind: 'tech_sme' }, TODAY, BEIJING_2023);
    expect(r.ok ? [] : r.violations.map((v) => v.field)).toEqual([
      'registeredRegion',
      'registeredOn',
      'staffCount',
      'annualRevenueFen',
      'totalAssetsFen',
      'fields',
      'hasBadCreditRecord',
    ]);
    expect(new Set(rulesOf(r))).toEqual(new Set(['applicant.missingFact']));
  });
});

describe('Beijing team eligibility', () => {
  const goodTeam: TeamFacts = { type: 'team', isLegalEntity: false, memberCount: 5, studentMemberCount: 3, pastPlanningStage: true };
  it.each<[string, Partial<TeamFacts>, string[]]>([
    ['mainly students, past planning', {}, []],
    ['exactly half students is not "mainly"', { memberCount: 4, studentMemberCount: 2 }, ['applicant.team.students']],
    ['no members', { memberCount: 0, studentMemberCount: 0 }, ['applicant.team.students']],
    ['a legal entity', { isLegalEntity: true }, ['applicant.team.legalEntity']],
    ['still planning', { pastPlanningStage: false }, ['applicant.team.stage']],
    [
      'all three fail',
      { isLegalEntity: true, studentMemberCount: 1, pastPlanningStage: false },
      ['applicant.team.legalEntity', 'applicant.team.students', 'applicant.team.stage'],
    ],
  ])('%s', (_label, change, rules) => {
    expect(rulesOf(checkApplicantEligibility({ ...goodTeam, ...change }, TODAY, BEIJING_2023))).toEqual(rules);
  });
});

describe('Shanghai eligibility', () => {
  it.each<[string, EnterpriseFacts | TeamFacts, string[]]>([
    ['入库 tech SME', { type: 'enterprise', kind: 'tech_sme' }, []],
    ['专精特新', { type: 'enterprise', kind: 'specialized_sme' }, []],
    ['other enterprise', { type: 'enterprise', kind: 'other_enterprise' }, ['applicant.enterprise.kind']],
    ['team in incubator with 3 core members', { type: 'team', inIncubator: true, coreMemberCount: 3 }, []],
    ['team with 2 core members', { type: 'team', inIncubator: true, coreMemberCount: 2 }, ['applicant.team.coreMembers']],
    ['team outside an incubator', { type: 'team', inIncubator: false, coreMemberCount: 4 }, ['applicant.team.incubator']],
    ['both team conditions fail', { type: 'team', inIncubator: false, coreMemberCount: 1 }, ['applicant.team.incubator', 'applicant.team.coreMembers']],
  ])('%s', (_label, facts, rules) => {
    expect(rulesOf(checkApplicantEligibility(facts, TODAY, SHANGHAI_2025))).toEqual(rules);
  });
});
