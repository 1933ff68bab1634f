// Which article each rule cites, per profile: one row per rule, read against the two texts.
import { describe, expect, it } from 'vitest';
import { describeIssue } from '../../../renderer/src/i18n-errors';
import { BEIJING_2023, SHANGHAI_2025, createOfficialHolidayCalendar } from '../../../shared/policy';
import {
  articleFor, checkContractVoucherShare, checkNoDoubleFunding, checkServiceScope, noteFor, payoutTimeline, serviceVocabulary,
} from '../../../shared/rules';

describe('京科发〔2023〕16号: rule → article', () => {
  it.each([
    ['voucher.serviceExcluded', '第五条'], // scope: statutory and mandatory testing excluded
    ['voucher.serviceOutOfScope', '第五条'],
    ['openUnit.exitNotice', '第六条'],
    ['applicant.enterprise.staff', '第七条'],
    ['applicant.team.students', '第七条'],
    ['applicant.missingFact', '第七条'],
    ['confidentiality', '第九条'],
    ['subsidy.cap', '第十一条'],
    ['voucher.faceValue', '第十二条'],
    ['voucher.annualQuota', '第十二条'],
    ['voucher.contractShare', '第十二条'],
    ['voucher.doubleFunding', '第十二条'],
    ['subsidy.staffAward', '第十三条'],
    ['publicNotice', '第十四条'],
    ['voucher.registerWithin', '第十五条'],
    ['voucher.validity', '第十五条'],
    ['voucher.redemptionWithin', '第十五条'],
    ['voucher.disbursement', '第十五条'],
    ['voucher.holder', '第十六条'],
    ['voucher.singleContract', '第十六条'],
    ['crossRegion', '第十九条'],
    ['policy.notInForce', '京科发〔2023〕16号'],
  ])('%s cites %s', (rule, article) => {
    expect(articleFor(BEIJING_2023, rule)).toBe(article);
  });
});

describe('沪科规〔2025〕6号: rule → article', () => {
  it.each([
    ['voucher.contractShare', '第二条'],
    ['voucher.annualQuota', '第二条'],
    ['voucher.flow', '第二条'],
    ['order.voucherShare', '第二条'],
    ['order.annualQuota', '第二条'],
    ['voucher.serviceExcluded', '第四条'],
    ['order.scope', '第四条'],
    ['voucher.doubleFunding', '第四条'],
    ['order.doubleFunding', '第四条'],
    ['applicant.team.company', '第七条'],
    ['applicant.integrity.abnormalList', '第七条'],
    ['order.transition', '第十条'],
    ['order.materials', '第十一条'],
    ['order.publicNotice', '第十一条'],
    ['publicNotice', '第十一条'],
    ['order.relatedParty', '第十二条'],
    ['order.subcontract', '第十二条'],
    ['crossRegion', '第十五条'],
    ['policy.notInForce', '第十六条'],
    // Stated without an article of its own: the whole document is cited, never a neighbouring article.
    ['voucher.holder', '沪科规〔2025〕6号'],
  ])('%s cites %s', (rule, article) => {
    expect(articleFor(SHANGHAI_2025, rule)).toBe(article);
  });
});

describe('what the texts say, as the profiles hold it', () => {
  it('double funding names each text\'s own funding term', () => {
    const bj = checkNoDoubleFunding(true, BEIJING_2023);
    const sh = checkNoDoubleFunding(true, SHANGHAI_2025);
    expect(bj.ok ? '' : describeIssue(bj.violations[0], 'zh')).toContain('市级财政科技资金');
    expect(sh.ok ? '' : describeIssue(sh.violations[0], 'zh')).toContain('市级财政资金');
    expect(bj.ok ? '' : describeIssue(bj.violations[0], 'en')).toContain('city science and technology funds');
    expect(sh.ok ? '' : sh.violations[0].article).toBe('第四条');
  });

  it('the 70% staff-award share is permissive ("可按照不低于70%"), cited 第十三条 with its note', () => {
    expect(BEIJING_2023.staffAwardSharePermissive).toBe(true);
    expect(noteFor(BEIJING_2023, 'subsidy.staffAward')?.zh).toContain('可按照不低于70%的比例');
  });

  it('scope refusals cite 第五条 (Beijing) and 第四条 (Shanghai)', () => {
    const bj = checkServiceScope(['statutory_testing'], BEIJING_2023);
    const sh = checkServiceScope(['bookkeeping'], SHANGHAI_2025);
    expect(bj.ok ? null : bj.violations[0].article).toBe('第五条');
    expect(sh.ok ? null : sh.violations[0].article).toBe('第四条');
  });

  it('each profile offers its own service vocabulary, scope first then exclusions', () => {
    expect(serviceVocabulary(BEIJING_2023)).toEqual(['analysis', 'testing', 'inspection', 'rnd_service', 'ai_compute_rental', 'statutory_testing']);
    expect(serviceVocabulary(SHANGHAI_2025)).toContain('tech_transfer');
    expect(serviceVocabulary(SHANGHAI_2025)).not.toContain('ai_compute_rental');
  });

  it('50% per order under Shanghai is exact in fen: 10,000.01元 allows 5,000.00元, not 5,000.01元', () => {
    expect(checkContractVoucherShare(1_000_001, 500_000, SHANGHAI_2025).ok).toBe(true);
    expect(checkContractVoucherShare(1_000_001, 500_001, SHANGHAI_2025).ok).toBe(false);
  });
});

describe('payout timeline', () => {
  const cal = createOfficialHolidayCalendar();
  it.each([
    // Beijing: 5 working days; approved in Q3 is paid in Q3; approved in Q4 rolls to Q1–Q3 of the next year.
    ['Beijing Q3 (the 09-28 调休 Sunday counts, 国庆 does not)', BEIJING_2023, '2025-09-26', '2025-10-10', { year: 2025, quarter: 3, regular: true, rollsTo: null }],
    ['Beijing Q4', BEIJING_2023, '2025-11-03', '2025-11-10', { year: 2025, quarter: 4, regular: false, rollsTo: { year: 2026, quarters: [1, 2, 3] } }],
  ])('%s', (_label, profile, approved, noticeEnd, disbursement) => {
    const t = payoutTimeline(profile, { noticeStart: approved, approvedOn: approved }, cal);
    expect(t.notice).toMatchObject({ kind: 'workingDays', count: 5, lastDay: noticeEnd, article: '第十四条' });
    expect(t.disbursement).toMatchObject({ ...disbursement, article: '第十五条' });
  });

  it('Shanghai: 7 calendar days of notice (第十一条) and no disbursement quarters, said so', () => {
    const t = payoutTimeline(SHANGHAI_2025, { noticeStart: '2025-09-28', approvedOn: '2025-09-28' }, cal);
    expect(t.notice).toMatchObject({ kind: 'calendarDays', count: 7, lastDay: '2025-10-05', article: '第十一条' });
    expect(t.disbursement).toBeNull();
    expect(t.noSchedule?.zh).toContain('未规定兑付季度');
  });
});
