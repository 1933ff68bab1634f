// The input schemas answer with reason keys and params, never with prose: a message written into a
// zod check (Chinese or English) would either be dropped silently or, for a refinement, reach the
// English window in Chinese. Read from the source, so a new schema with a prose message fails here;
// and a few schemas parsed for real, their issues worded in both languages.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { describeIssue } from '../../../renderer/src/i18n-errors';
import { MESSAGES } from '../../../renderer/src/i18n-messages';
import { mondaySchema } from '../../../shared/ipc/bookings';
import { fileUploadSchema } from '../../../shared/ipc/catalog';
import { securityChannels } from '../../../shared/ipc/security';
import { orderInputSchema, productInputSchema } from '../../../shared/ipc/orders';
import { issuesOfZod, REASON_KEY } from '../../../shared/issues';

const ROOT = path.join(__dirname, '..', '..', '..');
/** Every schema is in the scan, the facility package's too. */
const OUTSIDE: string[] = [];

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (OUTSIDE.some((o) => path.relative(ROOT, p).startsWith(o))) return [];
    if (e.isDirectory()) return sources(p);
    return /\.ts$/.test(e.name) ? [p] : [];
  });
}

// A zod check whose last argument is a string literal, and `message:` in a check's options.
const CHECK_WITH_TEXT = /\.(min|max|length|int|positive|nonnegative|negative|regex|refine|email|url|startsWith|endsWith|includes)\((?:[^()'"`]|\((?:[^()]|\([^()]*\))*\))*?(['"`])((?:(?!\2)[^\n])*)\2\s*\)/g;
const MESSAGE_OPTION = /\bmessage:\s*(['"`])((?:(?!\1)[^\n])*)\1/g;

function proseMessages(): string[] {
  const out: string[] = [];
  for (const file of [...sources(path.join(ROOT, 'shared')), ...sources(path.join(ROOT, 'electron', 'services'))]) {
    const text = fs.readFileSync(file, 'utf8');
    if (!/from 'zod'/.test(text)) continue;
    const rel = path.relative(ROOT, file);
    for (const m of text.matchAll(CHECK_WITH_TEXT)) {
      // startsWith/endsWith/includes take the text they look for first: a lone string there is a value, not a message.
      if (/^\.(startsWith|endsWith|includes)\(\s*(['"`])[^'"`]*\2\s*\)$/.test(m[0])) continue;
      if (!REASON_KEY.test(m[3])) out.push(`${rel}: ${m[0].slice(0, 80)}`);
    }
    for (const m of text.matchAll(MESSAGE_OPTION)) if (!REASON_KEY.test(m[2])) out.push(`${rel}: ${m[0].slice(0, 80)}`);
  }
  return out;
}

const CJK = /[\u3400-\u9fff]/;

function issuesOf(schema: z.ZodType, input: unknown) {
  const r = schema.safeParse(input);
  expect(r.success).toBe(false);
  return issuesOfZod((r as { error: z.ZodError }).error, input);
}

describe('schemas answer with reasons', () => {
  it('no zod check in shared/ or the services carries a prose message', () => {
    // The scan reads real checks: the key-carrying ones of the date schema are found.
    const keyed = fs.readFileSync(path.join(ROOT, 'shared', 'catalog', 'instrument.ts'), 'utf8').match(CHECK_WITH_TEXT) ?? [];
    expect(keyed.length).toBeGreaterThan(0);
    expect(proseMessages()).toEqual([]);
  });

  it('every reason key a schema names is worded in both languages', () => {
    const missing: string[] = [];
    for (const file of [...sources(path.join(ROOT, 'shared')), ...sources(path.join(ROOT, 'electron', 'services'))]) {
      const text = fs.readFileSync(file, 'utf8');
      if (!/from 'zod'/.test(text)) continue;
      for (const m of [...text.matchAll(CHECK_WITH_TEXT)].map((x) => x[3]).concat([...text.matchAll(MESSAGE_OPTION)].map((x) => x[2]))) {
        if (REASON_KEY.test(m) && !MESSAGES[m]) missing.push(`${path.relative(ROOT, file)}: ${m}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('a product without code or name: field.required on each, worded without Chinese in English', () => {
    const issues = issuesOf(productInputSchema, { code: '', name: ' ', serviceKind: 'inspection' });
    expect(issues.map((i) => [i.field, i.reason, i.message])).toEqual([['code', 'field.required', undefined], ['name', 'field.required', undefined]]);
    expect(describeIssue(issues[0], 'en', { code: 'Product code' })).toBe('Product code is required');
    expect(describeIssue(issues[0], 'zh', { code: '产品编号' })).toBe('产品编号必填');
    const long = issuesOf(productInputSchema, { code: 'x'.repeat(65), name: 'n', serviceKind: 'inspection' });
    expect(long).toEqual([{ field: 'code', reason: 'field.tooLong', params: { max: 64 } }]);
  });

  it('refinements answer with their key, not as legacy prose', () => {
    const order = issuesOf(orderInputSchema, { number: 'O-1', applicantId: 1, productId: 1, orderDate: '2025-10-10', totalFen: 0, voucherFen: 0, payoutParty: 'enterprise' });
    expect(order).toEqual([{ field: 'totalFen', reason: 'money.positive' }]);
    expect(issuesOf(mondaySchema, '2025-10-07')).toEqual([{ field: '(input)', reason: 'date.notMonday' }]);
    const pass = issuesOf(securityChannels['security:setup'].input, { mode: 'encrypted', passphrase: ' spaced passphrase ' });
    expect(pass.map((i) => i.reason)).toEqual(['passphrase.spaces']);
    for (const i of [...order, ...pass]) expect(describeIssue(i, 'en')).not.toMatch(CJK);
    const file = issuesOf(fileUploadSchema, { fileName: '', dataBase64: '' });
    expect(file).toEqual([{ field: 'fileName', reason: 'field.required', params: { min: 1 } }]);
  });
});
