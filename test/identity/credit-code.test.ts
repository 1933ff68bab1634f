// 统一社会信用代码 by GB 32100-2015: published codes pass, every single-character change is caught,
// and the forms of one code a user may type (lower case, full width, invisible characters) are one code.
import { describe, expect, it } from 'vitest';
import {
  CREDIT_CODE_ALPHABET, creditCodeCheckChar, creditCodeProblem, normaliseCreditCode,
} from '../../shared/identity';
import { applicantInputSchema } from '../../shared/ipc/deals';
import { issuesOfZod } from '../../shared/issues';

// Codes printed on the business licences / annual reports of listed companies, and the standard's example.
const PUBLISHED = [
  '914403001922038216', // 华为技术有限公司
  '91330100716105852F', // 阿里巴巴（中国）有限公司
  '91110108551385082Q', // 小米科技有限责任公司
  '91110000802100433B', // 百度在线网络技术（北京）有限公司
  '91440300708461136T', // 深圳市腾讯计算机系统有限公司
  '9144030071526726XG', // 腾讯科技（深圳）有限公司
  '91350100M000100Y43', // GB 32100-2015 示例
  '12100000400000624D', // 事业单位
];

describe('GB 32100-2015 check character', () => {
  it.each(PUBLISHED)('%s is valid', (code) => {
    expect(creditCodeProblem(code)).toBeNull();
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
  });

  it('the alphabet has the 31 characters of the standard, without I O S V Z', () => {
    expect(CREDIT_CODE_ALPHABET).toHaveLength(31);
    for (const c of 'IOSVZ') expect(CREDIT_CODE_ALPHABET).not.toContain(c);
  });

  it('every single-character substitution of every published code is refused', () => {
    let tried = 0;
    for (const code of PUBLISHED) {
      for (let i = 0; i < 18; i++) {
        for (const c of CREDIT_CODE_ALPHABET) {
          if (c === code[i]) continue;
          const mutated = code.slice(0, i) + c + code.slice(i + 1);
          tried++;
          expect(creditCodeProblem(mutated), mutated).not.toBeNull();
        }
      }
    }
    expect(tried).toBe(PUBLISHED.length * 18 * 30);
  });

  it('a swap of two adjacent different characters is refused', () => {
    for (const code of PUBLISHED) {
      for (let i = 0; i < 17; i++) {
        if (code[i] === code[i + 1]) continue;
        const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
        expect(creditCodeProblem(swapped), swapped).not.toBeNull();
      }
    }
  });

  it.each([
    ['9144030019220382', 'identity.creditCode.length'],
    ['9144030019220382161', 'identity.creditCode.length'],
    ['91440300192203821O', 'identity.creditCode.alphabet'],
    ['9144030019220382I6', 'identity.creditCode.alphabet'],
    ['91AB03001922038216', 'identity.creditCode.region'],
    ['914403001922038217', 'identity.creditCode.check'],
    ['NOT-A-CREDIT-CODE!!', 'identity.creditCode.length'],
  ])('%s → %s', (code, reason) => {
    expect(creditCodeProblem(normaliseCreditCode(code))).toBe(reason);
  });
});

describe('one code however it is typed', () => {
  const forms = [
    '91110108551385082q', // lower case
    '９１１１０１０８５５１３８５０８２Ｑ', // full width
    '91110108\u200B551385082Q', // zero-width space
    '\u202A91110108551385082Q\u202C', // bidi embedding
    ' 9111 0108 5513 8508 2Q ', // spaces
    '\uFEFF91110108551385082Q', // BOM
  ];
  it.each(forms)('%j normalises to the code', (typed) => {
    expect(normaliseCreditCode(typed)).toBe('91110108551385082Q');
    const parsed = applicantInputSchema.parse({ kind: 'enterprise', name: '小米', creditCode: typed });
    expect(parsed.creditCode).toBe('91110108551385082Q');
  });

  it('the applicant schema refuses a code that fails the standard, by reason with the code shown', () => {
    const r = applicantInputSchema.safeParse({ kind: 'enterprise', name: 'x', creditCode: 'not-a-credit-code!!' });
    expect(r.success).toBe(false);
    expect(issuesOfZod(r.error!)).toEqual([{ field: 'creditCode', reason: 'identity.creditCode.length', params: { value: 'NOTACREDITCODE!!' } }]);
    const c = applicantInputSchema.safeParse({ kind: 'enterprise', name: 'x', creditCode: '91110108551385082R' });
    expect(issuesOfZod(c.error!)[0]).toMatchObject({ field: 'creditCode', reason: 'identity.creditCode.check' });
  });

  it('empty or invisible-only means not given', () => {
    expect(applicantInputSchema.parse({ kind: 'enterprise', name: 'x', creditCode: '' }).creditCode).toBeNull();
    expect(applicantInputSchema.parse({ kind: 'enterprise', name: 'x', creditCode: '\u200B ' }).creditCode).toBeNull();
    expect(applicantInputSchema.parse({ kind: 'enterprise', name: 'x' }).creditCode).toBeNull();
  });
});
