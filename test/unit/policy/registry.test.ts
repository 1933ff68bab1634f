import { describe, expect, it } from 'vitest';
import {
  BEIJING_2023,
  BUILT_IN_PROFILES,
  createOfficialHolidayCalendar,
  createPolicyRegistry,
  listProfiles,
  profileById,
  profileFor,
  validatePolicyProfile,
  yuan,
  type PolicyProfile,
} from '../../../shared/policy';
import {
  checkAnnualQuota,
  checkContractVoucherShare,
  checkVoucherFaceValue,
  publicNoticeEnd,
  registerBy,
  validUntil,
  voucherState,
} from '../../../shared/rules';

describe('built-in profiles', () => {
  it('lists Beijing 2023 and Shanghai 2025 with their documents', () => {
    expect(listProfiles().map((p) => [p.id, p.documentNumber, p.effectiveFrom, p.effectiveTo])).toEqual([
      ['beijing-2023', '京科发〔2023〕16号', '2023-10-01', null],
      ['shanghai-2025', '沪科规〔2025〕6号', '2025-09-01', '2030-08-31'],
    ]);
    for (const profile of BUILT_IN_PROFILES) expect(validatePolicyProfile(profile)).toEqual([]);
    expect(profileById('shanghai-2025')?.region).toBe('shanghai');
    expect(profileById('nope')).toBeNull();
  });

  it.each([
    ['beijing', '2023-09-30', null],
    ['beijing', '2023-10-01', 'beijing-2023'],
    ['beijing', '2030-01-01', 'beijing-2023'],
    ['shanghai', '2025-08-31', null],
    ['shanghai', '2025-09-01', 'shanghai-2025'],
    ['shanghai', '2030-08-31', 'shanghai-2025'],
    ['shanghai', '2030-09-01', null],
    ['guangdong', '2025-01-01', null],
  ])('profileFor(%s, %s) = %s', (region, date, id) => {
    expect(profileFor(region, date)?.id ?? null).toBe(id);
  });

  it('holds the DOMAIN numbers', () => {
    expect(BEIJING_2023).toMatchObject({
      singleVoucherMaxFen: 5_000_000,
      annualQuotaFen: { high_tech_enterprise: 50_000_000, tech_sme: 50_000_000, other_enterprise: 20_000_000, team: 20_000_000 },
      contractVoucherShareMax: { num: 1, den: 2 },
      registerWithinDays: 15,
      validityMonths: 3,
      redemptionWithinMonths: 1,
      disbursementQuarters: [1, 2, 3],
      publicNotice: { kind: 'workingDays', count: 5 },
      staffAwardMinShare: { num: 7, den: 10 },
      ratedHoursDefault: 1600,
      nationalEvaluationMinUnitValueFen: 50_000_000,
      extendDeadlineToWorkingDay: false,
    });
    expect(profileFor('shanghai', '2026-01-01')).toMatchObject({
      annualQuotaFen: { tech_sme: 30_000_000, team: 10_000_000 },
      publicNotice: { kind: 'calendarDays', count: 7 },
      registerWithinDays: null,
    });
  });
});

// A profile that exists only in this test: the rules must follow its numbers with no code change.
const TIANJIN_2026: PolicyProfile = {
  ...BEIJING_2023,
  id: 'tianjin-2026',
  region: 'tianjin',
  title: 'Synthetic test profile',
  documentNumber: '津测〔2026〕1号',
  effectiveFrom: '2026-01-01',
  effectiveTo: '2026-12-31',
  articles: { voucher: '第八条' },
  singleVoucherMaxFen: yuan(100_000),
  annualQuotaFen: { tech_sme: yuan(250_000) },
  contractVoucherShareMax: { num: 2, den: 5 },
  registerWithinDays: 10,
  validityMonths: 6,
  publicNotice: { kind: 'workingDays', count: 3, appliesTo: { zh: '公示', en: 'notice' } },
};

describe('adding a profile is adding data', () => {
  const registry = createPolicyRegistry([...BUILT_IN_PROFILES, TIANJIN_2026]);
  const tianjin = registry.profileFor('tianjin', '2026-06-01');

  it('is picked by region and date', () => {
    expect(tianjin?.id).toBe('tianjin-2026');
    expect(registry.profileFor('tianjin', '2027-01-01')).toBeNull();
    expect(registry.profileFor('beijing', '2026-06-01')?.id).toBe('beijing-2023');
    expect(registry.listProfiles()).toHaveLength(3);
  });

  it.each([
    ['face value 100,000元 passes', () => checkVoucherFaceValue(10_000_000, tianjin!).ok, true],
    ['face value 100,000.01元 fails', () => checkVoucherFaceValue(10_000_001, tianjin!).ok, false],
    ['40% share passes', () => checkContractVoucherShare(1_000, 400, tianjin!).ok, true],
    ['40% share + 1 fen fails', () => checkContractVoucherShare(1_000, 401, tianjin!).ok, false],
    ['quota 250,000元 passes', () => checkAnnualQuota('tech_sme', 0, 25_000_000, tianjin!).ok, true],
    ['quota + 1 fen fails', () => checkAnnualQuota('tech_sme', 0, 25_000_001, tianjin!).ok, false],
    ['teams get nothing', () => checkAnnualQuota('team', 0, 1, tianjin!).ok, false],
    ['register within 10 days', () => registerBy('2026-03-01', tianjin!)?.due, '2026-03-11'],
    ['valid 6 months', () => validUntil('2026-08-31', tianjin!)?.due, '2027-02-28'],
    ['3 working days of notice', () => publicNoticeEnd('2026-09-30', tianjin!, createOfficialHolidayCalendar())?.lastDay, '2026-10-10'],
    ['state uses the new timeline', () => voucherState({ claimedOn: '2026-03-01' }, '2026-03-12', tianjin!).state, 'expired_unregistered'],
  ])('%s', (_label, run, expected) => {
    expect(run()).toBe(expected);
  });

  it('cites the new profile article', () => {
    const r = checkVoucherFaceValue(10_000_001, tianjin!);
    expect(r).toMatchObject({ ok: false, violations: [{ article: '第八条', document: '津测〔2026〕1号' }] });
  });

  it('a successor profile must close the previous one first', () => {
    const beijing2027: PolicyProfile = { ...BEIJING_2023, id: 'beijing-2027', effectiveFrom: '2027-01-01', singleVoucherMaxFen: yuan(80_000) };
    expect(() => createPolicyRegistry([...BUILT_IN_PROFILES, beijing2027])).toThrow(/overlap/);
    const closed = { ...BEIJING_2023, effectiveTo: '2026-12-31' };
    const r = createPolicyRegistry([closed, beijing2027]);
    expect(r.profileFor('beijing', '2026-12-31')?.id).toBe('beijing-2023');
    expect(r.profileFor('beijing', '2027-01-01')?.singleVoucherMaxFen).toBe(8_000_000);
  });
});

describe('validatePolicyProfile', () => {
  it.each<[string, Partial<PolicyProfile>, RegExp]>([
    ['bad start date', { effectiveFrom: '2025-02-29' }, /effectiveFrom/],
    ['end before start', { effectiveTo: '2023-09-30' }, /before/],
    ['negative days', { registerWithinDays: -1 }, /registerWithinDays/],
    ['fractional fen', { singleVoucherMaxFen: 0.5 }, /singleVoucherMaxFen/],
    ['zero denominator', { contractVoucherShareMax: { num: 1, den: 0 } }, /contractVoucherShareMax/],
  ])('%s', (_label, change, problem) => {
    const problems = validatePolicyProfile({ ...BEIJING_2023, ...change });
    expect(problems.join('\n')).toMatch(problem);
    expect(() => createPolicyRegistry([{ ...BEIJING_2023, ...change }])).toThrow(RangeError);
  });

  it('refuses duplicate ids', () => {
    expect(() => createPolicyRegistry([BEIJING_2023, { ...BEIJING_2023, region: 'x' }])).toThrow(/duplicate/);
  });
});
