import { describe, expect, it } from 'vitest';
import { BEIJING_2023, SHANGHAI_2025 } from '../../../shared/policy';
import { checkApplicantEligibility, eligibilityNotes, type EnterpriseFacts, type RuleResult, type TeamFacts } from '../../../shared/rules';

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

describe('Shanghai eligibility (沪科规〔2025〕6号 第七条)', () => {
  const clean = { seriousDishonesty: false, lastMajorViolationYear: null, onAbnormalList: false };
  const firm: EnterpriseFacts = { type: 'enterprise', kind: 'tech_sme', ...clean };
  const team: TeamFacts = { type: 'team', inIncubator: true, incubatorRegion: 'shanghai', companyRegisteredIn: [], coreMemberCount: 3, ...clean };
  it.each<[string, EnterpriseFacts | TeamFacts, string[]]>([
    ['入库 tech SME', firm, []],
    ['专精特新', { ...firm, kind: 'specialized_sme' }, []],
    ['other enterprise: open list ("等"), not refused', { ...firm, kind: 'other_enterprise' }, []],
    ['高企 that is an SME', { ...firm, kind: 'high_tech_enterprise', isSme: true }, []],
    ['高企 that is not an SME', { ...firm, kind: 'high_tech_enterprise', isSme: false }, ['applicant.enterprise.highTechSme']],
    ['高企 of unknown size is asked for', { ...firm, kind: 'high_tech_enterprise' }, ['applicant.missingFact']],
    ['高企 also 入库: the 入库 status qualifies', { ...firm, kind: 'high_tech_enterprise', heldKinds: ['high_tech_enterprise', 'tech_sme'], isSme: false }, []],
    ['serious dishonesty', { ...firm, seriousDishonesty: true }, ['applicant.integrity.dishonesty']],
    ['major violation this year', { ...firm, lastMajorViolationYear: 2025 }, ['applicant.integrity.majorViolation']],
    ['major violation last year', { ...firm, lastMajorViolationYear: 2024 }, ['applicant.integrity.majorViolation']],
    ['major violation two years ago', { ...firm, lastMajorViolationYear: 2023 }, []],
    ['on the 经营异常名录', { ...firm, onAbnormalList: true }, ['applicant.integrity.abnormalList']],
    ['team in a Shanghai incubator with 3 core members', team, []],
    ['team with 2 core members', { ...team, coreMemberCount: 2 }, ['applicant.team.coreMembers']],
    ['team outside an incubator', { ...team, inIncubator: false }, ['applicant.team.incubator']],
    ['team in an incubator outside Shanghai', { ...team, incubatorRegion: 'jiangsu' }, ['applicant.team.incubatorRegion']],
    ['team already registered as a company in Shanghai', { ...team, companyRegisteredIn: ['shanghai'] }, ['applicant.team.company']],
    ['team with a company elsewhere (the text is silent)', { ...team, companyRegisteredIn: ['zhejiang'] }, []],
    ['team on the 经营异常名录', { ...team, onAbnormalList: true }, ['applicant.integrity.abnormalList']],
    ['both team size and incubator fail', { ...team, inIncubator: false, coreMemberCount: 1 }, ['applicant.team.incubator', 'applicant.team.coreMembers']],
  ])('%s', (_label, facts, rules) => {
    const r = checkApplicantEligibility(facts, TODAY, SHANGHAI_2025);
    expect(rulesOf(r)).toEqual(rules);
    // Every refusal of this section cites 第七条 of the Shanghai text.
    if (!r.ok) for (const v of r.violations) expect([v.document, v.article]).toEqual(['沪科规〔2025〕6号', '第七条']);
  });

  it('a team registered as a company in Shanghai is refused citing 第七条, with the reading of the text noted', () => {
    const r = checkApplicantEligibility({ ...team, companyRegisteredIn: ['shanghai'] }, TODAY, SHANGHAI_2025);
    expect(r).toMatchObject({ ok: false, violations: [{ rule: 'applicant.team.company', article: '第七条', note: { zh: expect.stringContaining('尚未在本市注册成立企业') } }] });
  });

  it('notes what it does not judge: the open list of kinds and the calendar-year reading', () => {
    const notes = eligibilityNotes({ ...firm, kind: 'other_enterprise' }, SHANGHAI_2025).map((n) => n.zh);
    expect(notes.some((n) => n.includes('开放列表'))).toBe(true);
    expect(notes.some((n) => n.includes('自然年'))).toBe(true);
    expect(eligibilityNotes(firm, SHANGHAI_2025).some((n) => n.zh.includes('开放列表'))).toBe(false);
  });

  it('asks for integrity facts instead of assuming them', () => {
    const r = checkApplicantEligibility({ type: 'enterprise', kind: 'tech_sme' }, TODAY, SHANGHAI_2025);
    expect(r.ok ? [] : r.violations.map((v) => v.field)).toEqual(['seriousDishonesty', 'onAbnormalList']);
  });
});

describe('Beijing eligibility cites 第七条 and notes its readings', () => {
  it('every enterprise and team refusal cites 第七条 of 京科发〔2023〕16号', () => {
    const firm = checkApplicantEligibility({ ...goodBeijingFirm, staffCount: 501 }, TODAY, BEIJING_2023);
    const team = checkApplicantEligibility({ type: 'team', isLegalEntity: true, memberCount: 4, studentMemberCount: 2, pastPlanningStage: true }, TODAY, BEIJING_2023);
    for (const r of [firm, team]) {
      expect(r.ok).toBe(false);
      if (!r.ok) for (const v of r.violations) expect([v.document, v.article]).toEqual(['京科发〔2023〕16号', '第七条']);
    }
    if (!team.ok) expect(team.violations.find((v) => v.rule === 'applicant.team.students')?.note?.zh).toContain('主要成员应为在校学生');
  });

  it('Beijing does not apply the Shanghai integrity conditions', () => {
    expect(checkApplicantEligibility({ ...goodBeijingFirm, onAbnormalList: true, lastMajorViolationYear: 2025 }, TODAY, BEIJING_2023).ok).toBe(true);
  });
});
