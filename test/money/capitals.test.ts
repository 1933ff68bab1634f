import { describe, expect, it } from 'vitest';
import { rmbCapitals } from '../../shared/money/capitals';

// The examples of 《正确填写票据和结算凭证的基本规定》 (中国人民银行), in the form this app writes where
// the rules allow two.
describe('人民币大写 against the bank rules’ own examples', () => {
  it.each([
    [140_950, '人民币壹仟肆佰零玖元伍角'], // inner zeros → one 零; no 整 after 角
    [600_714, '人民币陆仟零柒元壹角肆分'],
    [168_032, '人民币壹仟陆佰捌拾元叁角贰分'], // the rules allow 元零叁角 or 元叁角
    [10_700_053, '人民币壹拾万零柒仟元伍角叁分'], // the rules allow 壹拾万柒仟元零伍角 or 壹拾万零柒仟元伍角
    [1_640_902, '人民币壹万陆仟肆佰零玖元零贰分'], // 角 zero, 分 not: 元零贰分
    [32_504, '人民币叁佰贰拾伍元零肆分'],
  ])('%d fen → %s', (fen, text) => {
    expect(rmbCapitals(fen)).toBe(text);
  });

  it.each([
    [0, '人民币零元整'], [6_000_000, '人民币陆万元整'], [123_456, '人民币壹仟贰佰叁拾肆元伍角陆分'], [100_000_100, '人民币壹佰万零壹元整'],
    [10_000_000_000, '人民币壹亿元整'], [105, '人民币壹元零伍分'], [50, '人民币伍角'], [5, '人民币伍分'], [1_000_500_000, '人民币壹仟万零伍仟元整'],
    [1_000, '人民币壹拾元整'], [100_000_000_000, '人民币壹拾亿元整'], [1_000_000_000_100, '人民币壹佰亿零壹元整'],
  ])('%d fen → %s', (fen, text) => {
    expect(rmbCapitals(fen)).toBe(text);
  });

  it.each([
    // Past 亿 the number of 亿 is written as a number of its own: 1万零1亿, not 1万亿零1亿.
    [1_0001_0000_0000 * 100, '人民币壹万零壹亿元整'], [1_0000_0000_0000 * 100, '人民币壹万亿元整'],
    [1_0000_0001_0000 * 100, '人民币壹万亿零壹万元整'], [12_3456_7890_1234 * 100 + 56, '人民币壹拾贰万叁仟肆佰伍拾陆亿柒仟捌佰玖拾万零壹仟贰佰叁拾肆元伍角陆分'], // 零 at the zero 万 digit, as above
  ])('%d fen → %s', (fen, text) => {
    expect(rmbCapitals(fen)).toBe(text);
  });

  it('writes 整 only after 元, and no gap after 人民币', () => {
    expect(rmbCapitals(1_000_000)).toMatch(/^人民币壹万元整$/);
    expect(rmbCapitals(1_000_010)).not.toMatch(/整$/);
  });

  it('refuses fractions of a fen and negative amounts', () => {
    expect(() => rmbCapitals(1.5)).toThrow(RangeError);
    expect(() => rmbCapitals(-1)).toThrow(RangeError);
  });
});
