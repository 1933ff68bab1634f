// The rule engine words nothing: every violation it can raise is a reason code whose Chinese and
// English wording is in the renderer's catalog, naming only params the rule passes; the English
// wording has no Chinese in it, and the article is cited once, in English as 'Article N'.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../../renderer/src/i18n-errors';
import { MESSAGES } from '../../../renderer/src/i18n-messages';
import { BEIJING_2023, SHANGHAI_2025 } from '../../../shared/policy';
import { checkApplicantEligibility, checkOrderDealings, checkOrderVoucherShare, checkServiceScope } from '../../../shared/rules';

const RULES = path.join(__dirname, '..', '..', '..', 'shared', 'rules');

interface Raised { file: string; reason: string; params: string[] }

function raised(): Raised[] {
  const out: Raised[] = [];
  for (const name of fs.readdirSync(RULES).filter((f) => f.endsWith('.ts'))) {
    const text = fs.readFileSync(path.join(RULES, name), 'utf8');
    for (const m of text.matchAll(/(?:violation\(\s*profile,|c\.fail\()\s*'([a-zA-Z.]+)'([^;]*)/g)) {
      const params = m[2].match(/params: \{([^}]*)\}/)?.[1] ?? m[2].match(/'[a-zA-Z]+', \{([^}]*)\}\)/)?.[1] ?? '';
      const names = params.split(',').map((p) => p.trim().split(':')[0].trim()).filter(Boolean);
      // A rule re-raised under its own id with the params of the one it wraps (order.annualQuota).
      out.push({ file: name, reason: m[1], params: /params: v\.params/.test(m[2]) ? ['<wrapped>'] : names });
    }
  }
  const quota = out.find((r) => r.reason === 'voucher.annualQuota')?.params ?? [];
  return out.map((r) => (r.params[0] === '<wrapped>' ? { ...r, params: quota } : r));
}

describe('rule reason codes', () => {
  const found = raised();

  it('are read from the rule sources', () => {
    expect(found.length).toBeGreaterThan(30);
    expect(found.map((r) => r.reason)).toEqual(expect.arrayContaining(['order.voucherShare', 'applicant.team.company', 'voucher.serviceExcluded']));
  });

  it('each have a Chinese and an English wording, without Chinese in the English', () => {
    const missing = found.filter((r) => !MESSAGES[r.reason]?.zh || !MESSAGES[r.reason]?.en).map((r) => `${r.reason} (${r.file})`);
    expect(missing).toEqual([]);
    const cjk = found.filter((r) => /\p{Script=Han}/u.test(MESSAGES[r.reason]?.en ?? '')).map((r) => r.reason);
    expect(cjk).toEqual([]);
  });

  it('name only params the rule passes', () => {
    const bad: string[] = [];
    for (const r of found) {
      const m = MESSAGES[r.reason];
      if (!m) continue;
      for (const text of [m.zh, m.en]) {
        for (const [, p] of text.matchAll(/\{(\w+)\}/g)) {
          if (p === 'field') continue;
          const base = p.replace(/(Zh|En)$/, '');
          if (!r.params.includes(p) && !r.params.some((x) => x.replace(/(Zh|En)$/, '') === base) && !r.params.includes('[field]')) bad.push(`${r.reason}: {${p}}`);
        }
      }
    }
    expect([...new Set(bad)]).toEqual([]);
  });
});

describe('violations as the user reads them', () => {
  it('an order of 10,000.01元 with 5,000.01元 of vouchers: the cap worded with its article once', () => {
    const r = checkOrderVoucherShare(1_000_001, 500_001, SHANGHAI_2025);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const v = r.violations[0];
    expect(v).toMatchObject({ rule: 'order.voucherShare', reason: 'order.voucherShare', article: '第二条', document: '沪科规〔2025〕6号', field: 'voucherFen' });
    expect(v).not.toHaveProperty('message');
    expect(describeError({ code: 'RULE', ...v }, 'zh')).toBe('创新券金额 5,000.01 元超过订单总额 10,000.01 元的 50%（最多 5,000.00 元）（沪科规〔2025〕6号 第二条）');
    expect(describeError({ code: 'RULE', ...v }, 'en'))
      .toBe('Voucher amount ¥5,000.01 is more than 50% of the order total ¥10,000.01 (at most ¥5,000.00) (Article 2, Hu Ke Gui [2025] No. 6 (Shanghai S&T Commission))');
  });

  it('a team registered as a company in Shanghai: region and article in English', () => {
    const r = checkApplicantEligibility({
      type: 'team', inIncubator: true, incubatorRegion: 'shanghai', companyRegisteredIn: ['shanghai'], coreMemberCount: 3,
      seriousDishonesty: false, lastMajorViolationYear: null, onAbnormalList: false,
    }, '2025-10-10', SHANGHAI_2025);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const v = r.violations.find((x) => x.rule === 'applicant.team.company');
    expect(v?.article).toBe('第七条');
    expect(describeError({ code: 'RULE', ...v! }, 'en')).toBe('The team has already registered a company in Shanghai; it uses vouchers as an enterprise (Article 7, Hu Ke Gui [2025] No. 6 (Shanghai S&T Commission))');
    expect(describeError({ code: 'RULE', ...v! }, 'zh')).toBe('团队已在上海注册成立企业，应以企业身份使用创新券（沪科规〔2025〕6号 第七条）');
  });

  it('a service kind is shown by its label in either language', () => {
    const r = checkServiceScope(['statutory_testing'], BEIJING_2023);
    if (r.ok) throw new Error('statutory testing must be refused');
    expect(describeError({ code: 'RULE', ...r.violations[0] }, 'en')).toBe('Vouchers do not cover: Statutory or mandatory testing (Article 5, Jing Ke Fa [2023] No. 16 (Beijing S&T Commission))');
    const d = checkOrderDealings({ relatedParty: true, subcontracted: true }, SHANGHAI_2025);
    if (d.ok) throw new Error('related-party and subcontracted orders must be refused');
    expect(describeError({ code: 'RULE', issues: d.violations.map((v) => ({ ...v, field: v.field ?? '' })) }, 'en'))
      .toMatch(/^The enterprise .*related parties.*; The service is actually provided by another institution.* \(Article 12, Hu Ke Gui/);
  });
});
