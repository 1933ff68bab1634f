import { describe, expect, it } from 'vitest';
import { formatWan, formatYuan, parseMoneyText } from '../../../shared/rules';

describe('parseMoneyText accepts what people type', () => {
  it.each([
    ['5万', 5_000_000],
    ['5.5万元', 5_500_000],
    ['50,000.00', 5_000_000],
    ['50000', 5_000_000],
    ['￥50,000', 5_000_000],
    ['¥50,000.5', 5_000_050],
    ['５００００', 5_000_000],
    ['５万', 5_000_000],
    ['１２，３４５．６７', 1_234_567],
    ['50,000.01', 5_000_001],
    ['50000元', 5_000_000],
    ['0.29万', 290_000], // 0.29 * 1e6 is 289999.99999999994 in floating point
    ['1.1元', 110],
    ['0.01', 1],
    ['0', 0],
    [' 1,234,567.89 ', 123_456_789],
    ['5 万元', 5_000_000],
    ['5万 元', 5_000_000],
    ['5.000001万', 5_000_001],
    ['90,071,992,547,409.91', Number.MAX_SAFE_INTEGER],
    ['-0', 0],
  ])('%s → %i fen', (text, fen) => {
    expect(parseMoneyText(text)).toEqual({ ok: true, fen });
  });

  it.each([
    ['-100', -10_000],
    ['¥-5', -500],
    ['－5万', -5_000_000],
  ])('%s → %i fen when negatives are allowed', (text, fen) => {
    expect(parseMoneyText(text, { allowNegative: true })).toEqual({ ok: true, fen });
  });
});

describe('parseMoneyText refuses ambiguous or inexact input with a reason', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['5万3', 'mixed_units'],
    ['5万3千', 'mixed_units'],
    ['5万万', 'mixed_units'],
    ['50,000.001', 'too_many_decimals_yuan'],
    ['1.001元', 'too_many_decimals_yuan'],
    ['5.0000001万', 'too_many_decimals_wan'],
    ['5,00,00', 'misplaced_commas'],
    ['50,0000', 'misplaced_commas'],
    ['0,500', 'misplaced_commas'],
    ['-100', 'negative'],
    ['NaN', 'invalid_format'],
    ['abc', 'invalid_format'],
    ['1e5', 'invalid_format'],
    ['5.', 'invalid_format'],
    ['.5', 'invalid_format'],
    ['--5', 'invalid_format'],
    ['￥', 'invalid_format'],
    ['Infinity', 'invalid_format'],
    ['90,071,992,547,409.92', 'too_large'],
    ['99999999999999999', 'too_large'],
  ])('%j → %s', (text, code) => {
    const result = parseMoneyText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.reason.code).toBe(code);
      expect(result.reason.zh.length).toBeGreaterThan(0);
      expect(result.reason.en.length).toBeGreaterThan(0);
    }
  });
});

describe('formatYuan / formatWan', () => {
  it.each([
    [0, '0.00'],
    [1, '0.01'],
    [5_000_000, '50,000.00'],
    [5_000_001, '50,000.01'],
    [123_456_789, '1,234,567.89'],
    [-5_000_000, '-50,000.00'],
    [Number.MAX_SAFE_INTEGER, '90,071,992,547,409.91'],
  ])('formatYuan(%i) = %s', (fen, text) => {
    expect(formatYuan(fen)).toBe(text);
    expect(parseMoneyText(text, { allowNegative: true })).toEqual({ ok: true, fen });
  });

  it('appends 元 on request', () => {
    expect(formatYuan(5_000_000, { withUnit: true })).toBe('50,000.00元');
  });

  it.each([
    [5_000_000, '5万'],
    [5_500_000, '5.5万'],
    [290_000, '0.29万'],
    [5_000_001, '5.000001万'],
    [0, '0万'],
    [50_000_000, '50万'],
    [100_000_000, '100万'],
    [-5_500_000, '-5.5万'],
    [123, '0.000123万'],
  ])('formatWan(%i) = %s', (fen, text) => {
    expect(formatWan(fen)).toBe(text);
    expect(parseMoneyText(text, { allowNegative: true })).toEqual({ ok: true, fen });
  });

  it('refuses non-integer fen', () => {
    expect(() => formatYuan(1.5)).toThrow(RangeError);
    expect(() => formatWan(Number.NaN)).toThrow(RangeError);
  });
});
