// One enterprise is one applicant: the code is normalised before the uniqueness check, a refused
// registration writes nothing, and a desk with codes typed in several forms is upgraded without
// merging anyone silently: the duplicates are listed for the user.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/connection';
import { creditCodeDuplicates, createApplicant, updateApplicant } from '../../electron/services/deals/applicants';
import { applicantInputSchema } from '../../shared/ipc/deals';
import { contentHash, tempCore, type TempCore } from '../helpers/db';
import { firm, refusal } from '../deals/helpers';

const MIGRATIONS = path.join(__dirname, '..', '..', 'electron', 'db', 'migrations');
const cleanups: (() => void)[] = [];
afterEach(() => { for (const c of cleanups.splice(0)) c(); });
function core(): TempCore { const c = tempCore(); cleanups.push(c.cleanup); return c; }

describe('one enterprise is one applicant', () => {
  it.each([
    ['lower case', '91110108551385082q'],
    ['full width', '９１１１０１０８５５１３８５０８２Ｑ'],
    ['zero-width space', '911101085513\u200B85082Q'],
    ['spaces', '9111 0108 5513 8508 2Q'],
  ])('the same code typed in %s is refused as already registered, and nothing is written', (_how, typed) => {
    const c = core();
    const first = firm(c.ctx, { name: '小米科技有限责任公司', creditCode: '91110108551385082Q' });
    const before = contentHash(c);
    const e = refusal(() => firm(c.ctx, { name: '小米科技', creditCode: typed }));
    expect(e).toMatchObject({ code: 'CONFLICT', reason: 'applicant.creditCodeTaken', field: 'creditCode', params: { value: '91110108551385082Q', name: first.name } });
    expect(contentHash(c)).toBe(before);
  });

  it('an applicant may keep its own code on update, typed differently', () => {
    const c = core();
    const a = firm(c.ctx, { creditCode: '91110108551385082Q' });
    const fields = applicantInputSchema.parse({ kind: 'enterprise', name: a.name, creditCode: '91110108551385082q' });
    expect(updateApplicant(c.ctx, a.id, fields).creditCode).toBe('91110108551385082Q');
  });
});

describe('upgrading a desk whose codes were saved as typed', () => {
  it('normalises unique codes, keeps duplicates as typed and lists them', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-cc-'));
    cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
    const old = path.join(dir, 'old-migrations');
    fs.mkdirSync(old);
    for (const f of fs.readdirSync(MIGRATIONS)) if (/^\d{4}_/.test(f) && Number(f.slice(0, 4)) < 26) fs.copyFileSync(path.join(MIGRATIONS, f), path.join(old, f));
    const file = path.join(dir, 'desk.sqlite');
    const o = openDatabase(file, { migrationsDir: old });
    const ins = o.db.prepare("INSERT INTO applicants(kind, name, credit_code, created_at, updated_at) VALUES ('enterprise', ?, ?, '2025-01-01', '2025-01-01')");
    ins.run('小米 A', '91110108551385082Q');
    ins.run('小米 B', '91110108551385082q');
    ins.run('小米 C', '９１１１０１０８５５１３８５０８２Ｑ');
    ins.run('华为', '9144030019220382\u200B16');
    ins.run('百度', '91110000802100433b');
    ins.run('空白', '\u200B');
    o.db.close();

    const c = openDatabase(file, { migrationsDir: MIGRATIONS });
    const codes = Object.fromEntries((c.db.prepare('SELECT name, credit_code FROM applicants').all() as { name: string; credit_code: string | null }[]).map((r) => [r.name, r.credit_code]));
    expect(codes).toEqual({
      '小米 A': '91110108551385082Q', '小米 B': '91110108551385082q', '小米 C': '９１１１０１０８５５１３８５０８２Ｑ',
      华为: '914403001922038216', 百度: '91110000802100433B', 空白: null,
    });
    const dups = creditCodeDuplicates({ db: c.db } as never);
    expect(dups).toEqual([{ creditCode: '91110108551385082Q', applicants: [
      { id: 1, name: '小米 A', typed: '91110108551385082Q' }, { id: 2, name: '小米 B', typed: '91110108551385082q' },
      { id: 3, name: '小米 C', typed: '９１１１０１０８５５１３８５０８２Ｑ' },
    ] }]);
    expect(c.db.prepare('SELECT count(*) FROM credit_code_duplicates').pluck().get()).toBe(3);
    // A fourth registration of that enterprise is refused even though two of its rows are not normalised yet.
    const ctx = { db: c.db, now: () => new Date('2025-06-16T02:00:00Z') } as never;
    expect(refusal(() => createApplicant(ctx, applicantInputSchema.parse({ kind: 'enterprise', name: '小米 D', creditCode: '91110108551385082Q' }))))
      .toMatchObject({ code: 'CONFLICT', reason: 'applicant.creditCodeTaken' });
    c.db.close();
  });
});
