import { describe, expect, it } from 'vitest';
import { describeError } from '../../../renderer/src/i18n-errors';
import { BEIJING_2023, SHANGHAI_2025, type ApplicantKind, type ServiceKind } from '../../../shared/policy';
import {
  checkAnnualQuota,
  checkContractVoucherShare,
  checkNoDoubleFunding,
  checkServiceScope,
  checkVoucherFaceValue,
  disbursementPeriod,
  maxVoucherForContract,
  parseMoneyText,
  remainingQuota,
  type RuleResult,
} from '../../../shared/rules';

const rulesOf = (r: RuleResult) => (r.ok ? [] : r.violations.map((v) => v.rule));
const fen = (text: string) => {
  const parsed = parseMoneyText(text);
  if (!parsed.ok) throw new Error(parsed.reason.en);
  return parsed.fen;
};

describe('single voucher face value (Beijing ≤ 50,000元)', () => {
  it.each([
    ['50,000元', '50000元', []],
    ['50,000.01元', '50000.01元', ['voucher.faceValue']],
    ['5万', '5万', []],
    ['5.000001万', '5.000001万', ['voucher.faceValue']],
    ['0', '0', []],
  ])('%s', (_label, text, rules) => {
    expect(rulesOf(checkVoucherFaceValue(fen(text), BEIJING_2023))).toEqual(rules);
  });

  it('cites the article and the numbers', () => {
    const r = checkVoucherFaceValue(5_000_001, BEIJING_2023);
    expect(r).toMatchObject({
      ok: false,
      violations: [
        {
          rule: 'voucher.faceValue',
          article: '第十二条',
          document: '京科发〔2023〕16号',
          field: 'faceValueFen',
          params: { faceValueFen: 5_000_001, maxFen: 5_000_000 },
        },
      ],
    });
    // Worded by the renderer's catalog: the amount in yuan, the article once at the end.
    if (!r.ok) {
      const v = r.violations[0];
      expect(describeError({ code: 'RULE', ...v }, 'zh')).toBe('单张创新券面额 50,000.01 元超过上限 50,000.00 元（京科发〔2023〕16号 第十二条）');
      expect(describeError({ code: 'RULE', ...v }, 'en')).toBe('Voucher face value ¥50,000.01 is over the limit of ¥50,000.00 (Article 12, Jing Ke Fa [2023] No. 16 (Beijing S&T Commission))');
    }
  });

  it.each([[-1], [1.5], [Number.NaN]])('refuses invalid amount %s', (value) => {
    expect(rulesOf(checkVoucherFaceValue(value, BEIJING_2023))).toEqual(['money.invalidAmount']);
  });

  it('Shanghai sets no single-voucher cap', () => {
    expect(checkVoucherFaceValue(10_000_000, SHANGHAI_2025)).toEqual({ ok: true });
  });
});

describe('voucher payment ≤ 50% of the actual contract amount', () => {
  it.each([
    [10_000_000, 5_000_000, true], // exactly 50%
    [10_000_000, 5_000_001, false], // one fen over
    [10_000_001, 5_000_000, true],
    [9_999_999, 5_000_000, false],
    [3, 1, true],
    [1, 1, false],
    [0, 0, true],
    [0, 1, false],
    [Number.MAX_SAFE_INTEGER, 4_503_599_627_370_495, true], // exact at the top of the safe range
    [Number.MAX_SAFE_INTEGER, 4_503_599_627_370_496, false],
  ])('actual %i, vouchers %i → ok %s', (actual, vouchers, ok) => {
    expect(checkContractVoucherShare(actual, vouchers, BEIJING_2023).ok).toBe(ok);
    expect(checkContractVoucherShare(actual, vouchers, SHANGHAI_2025).ok).toBe(ok);
  });

  it('tells the largest allowed payment', () => {
    expect(maxVoucherForContract(10_000_001, BEIJING_2023)).toBe(5_000_000);
    const r = checkContractVoucherShare(10_000_000, 5_000_001, BEIJING_2023);
    expect(r).toMatchObject({ ok: false, violations: [{ rule: 'voucher.contractShare', article: '第十二条', params: { maxFen: 5_000_000 } }] });
  });

  it('Shanghai cites 第二条 for the 50% cap', () => {
    const r = checkContractVoucherShare(100, 51, SHANGHAI_2025);
    expect(r).toMatchObject({ ok: false, violations: [{ article: '第二条', document: '沪科规〔2025〕6号' }] });
  });

  it('lists every invalid amount', () => {
    expect(rulesOf(checkContractVoucherShare(-1, 0.5, BEIJING_2023))).toEqual(['money.invalidAmount', 'money.invalidAmount']);
  });
});

describe('annual quota by applicant kind', () => {
  it.each<[string, ApplicantKind, number, number, boolean]>([
    ['Beijing', 'high_tech_enterprise', 0, 50_000_000, true],
    ['Beijing', 'high_tech_enterprise', 0, 50_000_001, false],
    ['Beijing', 'high_tech_enterprise', 45_000_000, 5_000_000, true],
    ['Beijing', 'high_tech_enterprise', 45_000_000, 5_000_001, false],
    ['Beijing', 'tech_sme', 49_999_999, 1, true],
    ['Beijing', 'tech_sme', 50_000_000, 1, false],
    ['Beijing', 'other_enterprise', 0, 20_000_000, true],
    ['Beijing', 'other_enterprise', 0, 20_000_001, false],
    ['Beijing', 'specialized_sme', 15_000_000, 5_000_001, false],
    ['Beijing', 'team', 15_000_000, 5_000_000, true],
    ['Beijing', 'team', 15_000_000, 5_000_001, false],
    ['Shanghai', 'tech_sme', 0, 30_000_000, true],
    ['Shanghai', 'tech_sme', 0, 30_000_001, false],
    ['Shanghai', 'specialized_sme', 25_000_000, 5_000_000, true],
    ['Shanghai', 'team', 0, 10_000_000, true],
    ['Shanghai', 'team', 0, 10_000_001, false],
  ])('%s %s: used %i + %i → ok %s', (region, kind, used, requested, ok) => {
    const profile = region === 'Beijing' ? BEIJING_2023 : SHANGHAI_2025;
    const r = checkAnnualQuota(kind, used, requested, profile);
    expect(r.ok).toBe(ok);
    if (!r.ok) expect(r.violations[0]?.rule).toBe('voucher.annualQuota');
  });

  it('Shanghai: every enterprise has 30万 (第七条 kinds are an open list), and the refusal cites 第二条', () => {
    expect(remainingQuota('other_enterprise', 0, SHANGHAI_2025)?.quotaFen).toBe(30_000_000);
    expect(checkAnnualQuota('other_enterprise', 29_999_999, 1, SHANGHAI_2025).ok).toBe(true);
    expect(checkAnnualQuota('other_enterprise', 29_999_999, 2, SHANGHAI_2025)).toMatchObject({
      ok: false, violations: [{ rule: 'voucher.annualQuota', article: '第二条', document: '沪科规〔2025〕6号' }],
    });
  });

  it.each<[ApplicantKind, number, number]>([
    ['high_tech_enterprise', 12_345_678, 37_654_322],
    ['high_tech_enterprise', 60_000_000, 0],
    ['team', 0, 20_000_000],
  ])('remainingQuota(%s, used %i) = %i (Beijing)', (kind, used, remaining) => {
    expect(remainingQuota(kind, used, BEIJING_2023)?.remainingFen).toBe(remaining);
  });
});

describe('no double funding and service scope', () => {
  it.each([
    [true, ['voucher.doubleFunding']],
    [false, []],
  ])('already funded by city finance: %s', (funded, rules) => {
    expect(rulesOf(checkNoDoubleFunding(funded, BEIJING_2023))).toEqual(rules);
    expect(rulesOf(checkNoDoubleFunding(funded, SHANGHAI_2025))).toEqual(rules);
  });

  it.each<[string, ServiceKind[], string[]]>([
    ['Beijing', ['testing', 'analysis', 'ai_compute_rental'], []],
    // No kind from the vocabulary: nothing can be checked, so the save is refused (京 第五条 / 沪 第四条).
    ['Beijing', [], ['voucher.scope.kindRequired']],
    ['Shanghai', [], ['voucher.scope.kindRequired']],
    ['Beijing', ['statutory_testing'], ['voucher.serviceExcluded']],
    ['Beijing', ['office_rental'], ['voucher.serviceOutOfScope']],
    ['Beijing', ['testing', 'statutory_testing', 'bookkeeping'], ['voucher.serviceExcluded', 'voucher.serviceOutOfScope']],
    ['Shanghai', ['office_rental'], ['voucher.serviceExcluded']],
    ['Shanghai', ['repeated_batch_testing', 'repeated_batch_testing'], ['voucher.serviceExcluded']],
    ['Shanghai', ['ai_compute_rental', 'rnd_service'], ['voucher.serviceOutOfScope']],
    ['Shanghai', ['rnd_service', 'tech_transfer', 'incubation', 'tech_promotion', 'inspection', 'sci_finance', 'ip_service'], []],
    [
      'Shanghai',
      ['statutory_testing', 'repeated_batch_testing', 'office_rental', 'property_service', 'registration_service', 'bookkeeping', 'unrelated_service'],
      Array(7).fill('voucher.serviceExcluded'),
    ],
  ])('%s %j', (region, kinds, rules) => {
    const profile = region === 'Beijing' ? BEIJING_2023 : SHANGHAI_2025;
    expect(rulesOf(checkServiceScope(kinds, profile))).toEqual(rules);
  });
});

describe('disbursement period', () => {
  it.each([
    ['2025-03-31', 1, true, false, 2025],
    ['2025-04-01', 2, true, false, 2025],
    ['2025-09-30', 3, true, false, 2025],
    ['2025-10-01', 4, false, true, 2026],
    ['2025-12-31', 4, false, true, 2026],
    ['2024-02-29', 1, true, false, 2024],
  ])('Beijing approval %s → Q%i, regular %s, may roll %s, latest %i', (date, quarter, regular, rolls, latest) => {
    expect(disbursementPeriod(date, BEIJING_2023)).toMatchObject({
      quarter,
      inRegularQuarter: regular,
      mayRollToNextYear: rolls,
      latestPaymentYear: latest,
      scheduleDefined: true,
    });
  });

  it('Shanghai sets no schedule', () => {
    expect(disbursementPeriod('2025-11-15', SHANGHAI_2025)).toEqual({
      year: 2025,
      quarter: 4,
      scheduleDefined: false,
      inRegularQuarter: true,
      mayRollToNextYear: false,
      latestPaymentYear: 2025,
    });
  });
});
