// The rule of a number field: what is typed is accepted as it is or refused with the whole rule
// named in the chosen language (never moved into the range or rounded to the allowed decimals).
import { describe, expect, it } from 'vitest';
import { useLocale } from '../../renderer/src/i18n';
import { normaliseNumberText, numberIssue, numberProblem, numberRule, requiredRule, specOf, valueOfNumberText } from '../../renderer/src/util/number-field';
import { issuesOfZod } from '../../shared/issues';
import { describeIssue } from '../../renderer/src/i18n-errors';
import { seriesInputSchema } from '../../shared/ipc/bookings';
import { headerRowSchema, yearSchema } from '../../shared/ipc/catalog';

const COUNT = { min: 1, max: 1000, required: true };
const QUANTITY = { min: 0.001, max: 1_000_000, decimals: 3, required: true };

describe('numberIssue', () => {
  it.each([
    [-5, COUNT, 'field.wholeRange'], [1.5, COUNT, 'field.wholeRange'], [100000, COUNT, 'field.wholeRange'], [0, COUNT, 'field.wholeRange'],
    [1001, COUNT, 'field.wholeRange'], [Number.NaN, COUNT, 'field.wholeRange'], ['12', COUNT, 'field.notNumber'], ['12a', COUNT, 'field.notNumber'], [null, COUNT, 'field.required'],
    [0.0001, QUANTITY, 'field.decimalRange'], [1.0005, QUANTITY, 'field.decimalRange'], [1e-7, QUANTITY, 'field.decimalRange'], [-1, QUANTITY, 'field.decimalRange'],
    [1_000_000.001, QUANTITY, 'field.decimalRange'], [undefined, QUANTITY, 'field.required'],
  ])('%s is refused by %o as %s', (value, spec, reason) => {
    expect(numberIssue(value, spec)?.reason).toBe(reason);
  });

  it.each([[1, COUNT], [1000, COUNT], [512, COUNT], [0.001, QUANTITY], [1.5, QUANTITY], [2.125, QUANTITY], [1_000_000, QUANTITY]])('%s is accepted by %o', (value, spec) => {
    expect(numberIssue(value, spec)).toBeNull();
  });

  it('an optional field may be empty', () => {
    expect(numberIssue(null, { min: 0, max: 100 })).toBeNull();
    expect(numberIssue(undefined, { min: 0, max: 100 })).toBeNull();
  });

  it('reads the bounds of a shared schema', () => {
    expect(specOf(yearSchema)).toEqual({ min: 2000, max: 2100, decimals: 0 });
    expect(specOf(headerRowSchema, { required: true })).toEqual({ min: 1, max: 200, decimals: 0, required: true });
    // What the form accepts is what the service parses.
    for (const v of [1999, 2000, 2050.5, 2100, 2101]) expect(numberIssue(v, specOf(yearSchema)) === null).toBe(yearSchema.safeParse(v).success);
  });
});

describe('typed text', () => {
  it.each([
    ['１２', '12'], ['－５', '-5'], ['１．５', '1.5'], ['１２ａ', '12ａ'], ['12a', '12a'], ['1,5', '1,5'], ['abc', 'abc'], ['', ''],
  ])('%s is shown as %s (only full-width digits, minus and point change)', (typed, shown) => {
    expect(normaliseNumberText(typed)).toBe(shown);
  });

  it.each([
    ['12', 12], ['-5', -5], ['1.5', 1.5], ['.5', 0.5], ['0', 0], ['100000', 100000], ['', null],
    ['12a', '12a'], ['abc', 'abc'], ['1,5', '1,5'], ['1e3', '1e3'], [' 12', ' 12'], ['12 ', '12 '], ['+5', '+5'], ['0x10', '0x10'], ['Infinity', 'Infinity'], ['-', '-'], ['１２', '１２'],
  ])('%s is the value %o (text that is not a number stays text, refused by the rule)', (text, value) => {
    expect(valueOfNumberText(text)).toBe(value);
  });
});

describe('the wording names the rule and the field, in one language', () => {
  it('zh', () => {
    useLocale.setState({ locale: 'zh' });
    expect(numberProblem(-5, COUNT, 'count', { count: '重复次数' })).toBe('重复次数须为 1–1000 的整数（现为 -5）');
    expect(numberProblem(1.5, COUNT, 'count', { count: '重复次数' })).toBe('重复次数须为 1–1000 的整数（现为 1.5）');
    expect(numberProblem(0.0001, QUANTITY, 'quantity', { quantity: '数量' })).toBe('数量须为 0.001–1000000 之间、最多 3 位小数的数（现为 0.0001）');
    expect(numberProblem(null, COUNT, 'count', { count: '重复次数' })).toBe('重复次数必填');
    expect(numberProblem('12a', COUNT, 'count', { count: '重复次数' })).toBe('重复次数须为数字（现为“12a”）');
  });

  it('en', () => {
    useLocale.setState({ locale: 'en' });
    expect(numberProblem(100000, COUNT, 'count', { count: 'Repeats' })).toBe('Repeats must be a whole number from 1 to 1000 (it is 100000)');
    expect(numberProblem(null, COUNT, 'count', { count: 'Repeats' })).toBe('Repeats is required');
    expect(numberProblem('1,5', COUNT, 'count', { count: 'Repeats' })).toBe('Repeats must be a number (it is "1,5")');
    useLocale.setState({ locale: 'zh' });
  });

  it('the form rules refuse with that text and accept a valid value', async () => {
    const rule = numberRule(COUNT, 'count', { count: '重复次数' }) as { validator(r: unknown, v: unknown): Promise<void> };
    await expect(rule.validator({}, 1.5)).rejects.toThrow('重复次数须为 1–1000 的整数（现为 1.5）');
    await expect(rule.validator({}, 7)).resolves.toBeUndefined();
    await expect(rule.validator({}, 'abc')).rejects.toThrow('重复次数须为数字（现为“abc”）');
    // A form checked by a shared zod schema names text the same way.
    const parsed = seriesInputSchema.shape.count.safeParse('12a');
    expect(parsed.success).toBe(false);
    const [first] = issuesOfZod(parsed.error!, '12a');
    expect(describeIssue({ ...first, field: 'count' }, 'zh', { count: '次数' })).toBe('次数须为数字（现为“12a”）');
    expect(seriesInputSchema.shape.count.safeParse(4).success).toBe(true);
    const req = requiredRule('name', { name: '名称' }) as { validator(r: unknown, v: unknown): Promise<void> };
    await expect(req.validator({}, '  ')).rejects.toThrow('名称必填');
    await expect(req.validator({}, 'x')).resolves.toBeUndefined();
  });
});
