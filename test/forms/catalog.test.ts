// Every reason the forms' services and shared field rules can send is worded in both languages,
// and the English wording has no Chinese in it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../renderer/src/i18n-messages';
import { FORMS_MESSAGES } from '../../renderer/src/i18n-messages-forms';
import { describeError } from '../../renderer/src/i18n-errors';
import type { AppError } from '../../shared/result';

const ROOT = path.join(__dirname, '..', '..');
const FILES = [
  'electron/services/deals/applicants.ts', 'electron/services/deals/contracts.ts', 'electron/services/deals/vouchers.ts',
  'electron/services/deals/refuse.ts', 'electron/services/deals/quota.ts', 'electron/services/redemption/invoices.ts',
  'shared/identity.ts', 'shared/fields.ts', 'shared/ipc/deals.ts', 'shared/ipc/redemption.ts', 'shared/ipc/bookings.ts',
  'electron/services/bookings/checks.ts', 'electron/services/bookings/usage.ts', 'electron/services/bookings/series.ts',
  'electron/services/bookings/bookings.ts', 'electron/services/bookings/conflicts.ts', 'electron/services/unit/unit.ts',
  'electron/services/assessment/holiday-table.ts', 'electron/services/backup/names.ts', 'electron/services/catalog/labs.ts',
];
/** Services whose refusals are all reason codes: no prose through the legacy fail(). */
const CODED = FILES.filter((f) => f.startsWith('electron/services/'));
const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

function reasonsIn(file: string): string[] {
  const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
  const found = new Set<string>();
  for (const m of text.matchAll(/refuse\(\s*'[A-Z_]+',\s*'([a-z][\w.]+)'/g)) found.add(m[1]);
  for (const m of text.matchAll(/reason: '([a-z][\w.]+)'/g)) found.add(m[1]);
  // Reason tables ({ invalid_date: 'holiday.invalidDate' }).
  for (const m of text.matchAll(/^\s+\w+: '((?:holiday)\.[a-zA-Z]+)',$/gm)) found.add(m[1]);
  // Audit actions ('invoice.add') are not reasons.
  for (const m of text.matchAll(/(?<!audit\(ctx, )'((?:identity|invoice|date|time|money|field|policy)\.[\w.]+)'/g)) found.add(m[1]);
  return [...found];
}

describe('the forms message catalog', () => {
  it.each(FILES)('every reason of %s has zh and en wording', (file) => {
    const reasons = reasonsIn(file);
    expect(reasons.length).toBeGreaterThan(0);
    const missing = reasons.filter((r) => !MESSAGES[r]?.zh || !MESSAGES[r]?.en);
    expect(missing).toEqual([]);
  });

  it.each(CODED)('%s refuses with codes only, never prose', (file) => {
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8');
    expect(text).not.toMatch(/\bfail\(/);
  });

  it('the holiday engine\'s problems are reasons of the catalog', () => {
    expect(reasonsIn('electron/services/assessment/holiday-table.ts')).toEqual(expect.arrayContaining(['holiday.invalidDate', 'holiday.duplicateDate', 'holiday.adjustedOnWeekday']));
  });

  it('no form message has Chinese in its English or loses a placeholder', () => {
    for (const [key, m] of Object.entries(FORMS_MESSAGES)) {
      expect(CJK.test(m.en), `${key}: ${m.en}`).toBe(false);
      // {xZh} / {xEn} are one param in each language (a vocabulary value named in both).
      const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((x) => x[1].replace(/(Zh|En)$/, '')).sort();
      expect(names(m.en), key).toEqual(names(m.zh));
    }
  });

  it('a refusal of several fields reads in one language with the form labels', () => {
    const error: AppError = {
      code: 'VALIDATION', reason: 'invoice.futureDate', field: 'issueDate',
      issues: [
        { field: 'issueDate', reason: 'invoice.futureDate', params: { today: '2025-06-16' } },
        { field: 'number', reason: 'invoice.duplicate', params: { code: '', number: '25112000000012345678' } },
      ],
    };
    const en = describeError(error, 'en', { issueDate: 'Issue date' });
    expect(en).toBe('Issue date cannot be after today (2025-06-16); Invoice 25112000000012345678 is already recorded');
    expect(CJK.test(en)).toBe(false);
    expect(describeError(error, 'zh', { issueDate: '开票日期' })).toBe('开票日期不能晚于今天（2025-06-16）；发票 25112000000012345678 已登记');
  });
});
