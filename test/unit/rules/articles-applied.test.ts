// Per article of each text, a concrete case the rule engine refuses: the refusal names the rule,
// cites that article of that document, and reads in English with 'Article N' and no Chinese.
import { describe, expect, it } from 'vitest';
import { describeError } from '../../../renderer/src/i18n-errors';
import { BEIJING_2023, SHANGHAI_2025, type PolicyProfile } from '../../../shared/policy';
import {
  checkAnnualQuota, checkApplicantEligibility, checkContractVoucherShare, checkNoDoubleFunding, checkOrderAnnualQuota, checkOrderDealings,
  checkOrderVoucherShare, checkServiceScope, checkVoucherFaceValue, type RuleResult,
} from '../../../shared/rules';

const YUAN = 100;
const clean = { seriousDishonesty: false, lastMajorViolationYear: null, onAbnormalList: false };
const shTeam = { type: 'team' as const, inIncubator: true, incubatorRegion: 'shanghai', companyRegisteredIn: [], coreMemberCount: 3, ...clean };

type Row = [string, PolicyProfile, () => RuleResult, string, string, RegExp];

const rows: Row[] = [
  // 沪科规〔2025〕6号
  ['10,000.01元 order, 5,000.01元 voucher', SHANGHAI_2025, () => checkOrderVoucherShare(1_000_001, 500_001, SHANGHAI_2025), 'order.voucherShare', '第二条', /at most ¥5,000\.00/],
  ['enterprise at 299,999.99元 takes 0.02元', SHANGHAI_2025, () => checkOrderAnnualQuota('tech_sme', 300_000 * YUAN - 1, 2, SHANGHAI_2025), 'order.annualQuota', '第二条', /¥0\.01 left/],
  ['team at 100,000元 takes 0.01元', SHANGHAI_2025, () => checkOrderAnnualQuota('team', 100_000 * YUAN, 1, SHANGHAI_2025), 'order.annualQuota', '第二条', /annual quota ¥100,000\.00/],
  ['batch testing', SHANGHAI_2025, () => checkServiceScope(['repeated_batch_testing'], SHANGHAI_2025), 'voucher.serviceExcluded', '第四条', /Repeated or batch testing/],
  ['office rental', SHANGHAI_2025, () => checkServiceScope(['office_rental'], SHANGHAI_2025), 'voucher.serviceExcluded', '第四条', /Office rental/],
  ['already funded by city finance', SHANGHAI_2025, () => checkNoDoubleFunding(true, SHANGHAI_2025), 'voucher.doubleFunding', '第四条', /city finance/],
  ['team registered as a company in Shanghai', SHANGHAI_2025, () => checkApplicantEligibility({ ...shTeam, companyRegisteredIn: ['shanghai'] }, '2025-10-10', SHANGHAI_2025), 'applicant.team.company', '第七条', /company in Shanghai/],
  ['incubator outside Shanghai', SHANGHAI_2025, () => checkApplicantEligibility({ ...shTeam, incubatorRegion: 'jiangsu' }, '2025-10-10', SHANGHAI_2025), 'applicant.team.incubatorRegion', '第七条', /in Shanghai \(now Jiangsu\)/],
  ['high-tech enterprise that is not an SME', SHANGHAI_2025, () => checkApplicantEligibility({ type: 'enterprise', kind: 'high_tech_enterprise', isSme: false, ...clean }, '2025-10-10', SHANGHAI_2025), 'applicant.enterprise.highTechSme', '第七条', /small or medium/],
  ['on the abnormal-operation list', SHANGHAI_2025, () => checkApplicantEligibility({ type: 'enterprise', kind: 'tech_sme', ...clean, onAbnormalList: true }, '2025-10-10', SHANGHAI_2025), 'applicant.integrity.abnormalList', '第七条', /abnormal-operation list/],
  ['major violation last year', SHANGHAI_2025, () => checkApplicantEligibility({ type: 'enterprise', kind: 'tech_sme', ...clean, lastMajorViolationYear: 2024 }, '2025-10-10', SHANGHAI_2025), 'applicant.integrity.majorViolation', '第七条', /in 2024/],
  ['related-party deal', SHANGHAI_2025, () => checkOrderDealings({ relatedParty: true, subcontracted: false }, SHANGHAI_2025), 'order.relatedParty', '第十二条', /related parties/],
  ['subcontracted service', SHANGHAI_2025, () => checkOrderDealings({ relatedParty: false, subcontracted: true }, SHANGHAI_2025), 'order.subcontract', '第十二条', /subcontracted/],
  // 京科发〔2023〕16号
  ['statutory testing', BEIJING_2023, () => checkServiceScope(['statutory_testing'], BEIJING_2023), 'voucher.serviceExcluded', '第五条', /Statutory or mandatory testing/],
  ['staff of 501', BEIJING_2023, () => checkApplicantEligibility({ type: 'enterprise', kind: 'tech_sme', registeredRegion: 'beijing', registeredOn: '2023-01-01', staffCount: 501, annualRevenueFen: 0, totalAssetsFen: 0, fields: ['智能制造'], hasBadCreditRecord: false }, '2025-06-01', BEIJING_2023), 'applicant.enterprise.staff', '第七条', /Staff of 501 is more than 500/],
  ['50,000.01元 voucher', BEIJING_2023, () => checkVoucherFaceValue(5_000_001, BEIJING_2023), 'voucher.faceValue', '第十二条', /¥50,000\.01/],
  ['5,000.01元 on a 10,000.00元 contract', BEIJING_2023, () => checkContractVoucherShare(1_000_000, 500_001, BEIJING_2023), 'voucher.contractShare', '第十二条', /50% of the actual amount ¥10,000\.00/],
  ['入库 firm at 500,000元 takes 0.01元', BEIJING_2023, () => checkAnnualQuota('tech_sme', 500_000 * YUAN, 1, BEIJING_2023), 'voucher.annualQuota', '第十二条', /Registered tech SME: annual quota ¥500,000\.00/],
  ['other firm at 200,000元 takes 0.01元', BEIJING_2023, () => checkAnnualQuota('other_enterprise', 200_000 * YUAN, 1, BEIJING_2023), 'voucher.annualQuota', '第十二条', /¥200,000\.00/],
  ['already funded by city S&T funds', BEIJING_2023, () => checkNoDoubleFunding(true, BEIJING_2023), 'voucher.doubleFunding', '第十二条', /city science and technology funds/],
];

describe.each([['沪科规〔2025〕6号', SHANGHAI_2025], ['京科发〔2023〕16号', BEIJING_2023]] as const)('%s, article by article', (doc, profile) => {
  it.each(rows.filter((r) => r[1] === profile).map(([label, , run, rule, article, en]) => [label, run, rule, article, en] as const))(
    '%s',
    (_label, run, rule, article, en) => {
      const r = run();
      expect(r.ok).toBe(false);
      if (r.ok) return;
      const v = r.violations.find((x) => x.rule === rule);
      expect(v, JSON.stringify(r.violations)).toMatchObject({ rule, article, document: doc });
      const english = describeError({ code: 'RULE', ...v! }, 'en');
      expect(english).toMatch(en);
      expect(english).not.toMatch(/\p{Script=Han}/u);
      expect(describeError({ code: 'RULE', ...v! }, 'zh').endsWith(`（${doc} ${article}）`)).toBe(true);
    },
  );
});

it('the edge cases pass: 5,000.00元 on 10,000.01元, 0.01元 more at 299,999.99元', () => {
  expect(checkOrderVoucherShare(1_000_001, 500_000, SHANGHAI_2025).ok).toBe(true);
  expect(checkOrderAnnualQuota('tech_sme', 300_000 * YUAN - 1, 1, SHANGHAI_2025).ok).toBe(true);
  expect(checkOrderAnnualQuota('team', 100_000 * YUAN - 1, 1, SHANGHAI_2025).ok).toBe(true);
});
