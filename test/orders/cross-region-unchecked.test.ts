// What a cross-region voucher (京 第十九条) or order (沪 第十五条) was not checked against: only
// rules the local profile has, every rule the desk skipped for it, each named with its article.
import { describe, expect, it } from 'vitest';
import { uncheckedRulesText } from '../../renderer/src/pages/orders/unchecked';
import { BEIJING_2023, SHANGHAI_2025 } from '../../shared/policy';
import { articleFor, crossRegionUncheckedRules } from '../../shared/rules';

describe('rules a cross-region record is not checked against, per profile', () => {
  it.each([
    ['a 京津冀 voucher on a Beijing desk', BEIJING_2023, 'voucher', [
      'applicant', 'voucher.faceValue', 'voucher.annualQuota', 'voucher.contractShare', 'voucher.registerWithin', 'voucher.validity', 'voucher.redemptionWithin',
    ]],
    // Shanghai has no face-value cap and no register / validity / redemption windows: none is listed.
    ['a 长三角 voucher on a Shanghai desk', SHANGHAI_2025, 'voucher', ['applicant', 'voucher.annualQuota', 'voucher.contractShare', 'voucher.flow']],
    ['a 长三角 order', SHANGHAI_2025, 'order', [
      'applicant', 'order.voucherShare', 'order.annualQuota', 'voucher.doubleFunding', 'order.relatedParty', 'order.subcontract',
    ]],
  ] as const)('%s', (_label, profile, on, expected) => {
    expect(crossRegionUncheckedRules(profile, on)).toEqual(expected);
  });

  it('names each rule with the article of the local text, in Chinese and in English', () => {
    const order = crossRegionUncheckedRules(SHANGHAI_2025, 'order');
    expect(order.map((r) => articleFor(SHANGHAI_2025, r))).toEqual(['第七条', '第二条', '第二条', '第四条', '第十二条', '第十二条']);
    expect(uncheckedRulesText(order, SHANGHAI_2025, 'zh')).toBe(
      '申领/使用条件（第七条）、占订单总额的比例上限（第二条）、订单年度额度（第二条）、已获财政资金支持的不予支持（第四条）、禁止关联交易（第十二条）、禁止转包（第十二条）',
    );
    const en = uncheckedRulesText(order, SHANGHAI_2025, 'en');
    expect(en).toBe('applicant conditions (Article 7), share of the order total (Article 2), annual quota on orders (Article 2), no double funding (Article 4), no related-party deals (Article 12), no subcontracting (Article 12)');
    expect(uncheckedRulesText(crossRegionUncheckedRules(BEIJING_2023, 'voucher'), BEIJING_2023, 'zh'))
      .toBe('申领/使用条件（第七条）、单张面额上限（第十二条）、年度额度（第十二条）、占合同实际金额的比例上限（第十二条）、合同登记期限（第十五条）、有效期（第十五条）、兑现申请期限（第十五条）');
  });

  it('a rule the text states without an article is named without one, never with a neighbouring article', () => {
    expect(uncheckedRulesText(['voucher.holder'], SHANGHAI_2025, 'zh')).toBe('voucher.holder');
    expect(uncheckedRulesText(['order.relatedParty'], null, 'en')).toBe('no related-party deals');
  });
});
