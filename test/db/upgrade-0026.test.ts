// Migration 0026 (one enterprise, one applicant): credit codes typed before it are saved normalised,
// the same way shared/identity.ts normalises what is typed now; codes that turn out to name one
// enterprise stay as typed and are listed for the user; a code of invisible characters only is "not given".
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseCreditCode } from '../../shared/identity';
import { AT, upgradeDesks } from './upgrade-helpers';

const desks = upgradeDesks();
const CODE = '91110108551385082Q';
const fullWidth = (s: string) => [...s].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');

function deskWith(codes: (string | null)[]): string {
  return desks.oldDesk(25, (db) => {
    const ins = db.prepare(`INSERT INTO applicants(id, kind, name, credit_code, created_at, updated_at) VALUES (?, 'enterprise', ?, ?, ?, ?)`);
    codes.forEach((c, i) => ins.run(i + 1, `企业${i + 1}`, c, AT, AT));
  });
}

describe('migration 0026 (credit code identity)', () => {
  it('saves each typed code normalised, lists one enterprise under two applicants, clears invisible-only codes', () => {
    const typed = [
      fullWidth(CODE), // 全角
      '91110000802100433b', // lower case check character
      '9133 0100-7161\u200B05852F', // spaces, hyphen, zero-width space
      '\uFEFF\u200B\u200D', // nothing visible
      null,
      '914403001922038216', // already normalised
      '９１４４０３００１９２２０３８２１６', // the same enterprise as the row above, typed in full width
    ];
    const { db, applied } = desks.upgrade(deskWith(typed), 26);
    expect(applied).toEqual(['0026_credit_code_identity.sql']);
    expect(db.prepare('SELECT id, credit_code AS code FROM applicants ORDER BY id').all()).toEqual([
      { id: 1, code: CODE },
      { id: 2, code: '91110000802100433B' },
      { id: 3, code: '91330100716105852F' },
      { id: 4, code: null },
      { id: 5, code: null },
      // Two applicants, one enterprise: nothing merged, both kept as typed and listed.
      { id: 6, code: '914403001922038216' },
      { id: 7, code: typed[6] },
    ]);
    expect(db.prepare('SELECT normalised, applicant_id AS applicantId, typed FROM credit_code_duplicates ORDER BY applicant_id').all()).toEqual([
      { normalised: '914403001922038216', applicantId: 6, typed: '914403001922038216' },
      { normalised: '914403001922038216', applicantId: 7, typed: typed[6] },
    ]);
    expect(db.prepare("SELECT count(*) FROM sqlite_temp_master WHERE name = 'credit_code_norm'").pluck().get()).toBe(0);
    db.close();
  });

  it('normalises as shared/identity.ts does, for codes typed with width, case, spaces and invisible characters', () => {
    // The characters the migration folds: full-width forms, lower case, spaces, hyphens and invisible marks.
    const noise = fc.constantFrom(' ', '-', '\u3000', '\t', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF', '\u00AD', '\u202A', '\u202C');
    // A different enterprise per sample (the last four characters), so no two samples are one enterprise.
    const typedCode = (n: number) => fc.tuple(
      fc.array(fc.tuple(fc.boolean(), fc.boolean()), { minLength: 18, maxLength: 18 }),
      fc.array(fc.tuple(fc.integer({ min: 0, max: 18 }), noise), { maxLength: 4 }),
    ).map(([forms, inserts]) => {
      const chars = [...`${CODE.slice(0, 14)}${String(n).padStart(4, '0')}`].map((c, i) => {
        const lower = forms[i][0] ? c.toLowerCase() : c;
        return forms[i][1] ? fullWidth(lower) : lower;
      });
      for (const [at, ch] of inserts) chars.splice(at, 0, ch);
      return chars.join('');
    });
    const samples = Array.from({ length: 200 }, (_, n) => fc.sample(typedCode(n), { numRuns: 1, seed: 26 + n })[0]);
    const { db } = desks.upgrade(deskWith(samples), 26);
    expect(db.prepare('SELECT count(*) FROM credit_code_duplicates').pluck().get()).toBe(0);
    const saved = db.prepare('SELECT credit_code FROM applicants ORDER BY id').pluck().all();
    expect(saved).toEqual(samples.map((s) => normaliseCreditCode(s)));
    db.close();
  });
});
