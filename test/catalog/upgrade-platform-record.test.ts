// Upgrade of a desk written before the 40-field record: every value stays, codes outside the
// platform's table are listed for the user (with a suggestion), none is rewritten.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/connection';
import { codeReview, getInstrument } from '../../electron/services/catalog/instruments';
import { SUBJECTS } from '../../shared/catalog/platform';

const MIGRATIONS = path.join(__dirname, '..', '..', 'electron', 'db', 'migrations');
const OURS = fs.readdirSync(MIGRATIONS).find((f) => /_platform_record\.sql$/.test(f))!;
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true }); });

function tmp(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

describe(`migration ${OURS}`, () => {
  it('keeps existing instruments and lists those whose code is not in the table', () => {
    const before = tmp('desk-migold-');
    const version = Number(OURS.slice(0, 4));
    for (const f of fs.readdirSync(MIGRATIONS)) if (Number(f.slice(0, 4)) < version) fs.copyFileSync(path.join(MIGRATIONS, f), path.join(before, f));
    const file = path.join(tmp('desk-upg-'), 'desk.sqlite');
    const old = openDatabase(file, { migrationsDir: before }).db;
    old.exec(`INSERT INTO instruments(id, inner_id, name_cn, category_code, original_value_fen, specs, discipline, created_at, updated_at) VALUES
      (1, 'A-1', '扫描电子显微镜', '010102', 60000000, '分辨率 1 nm', '', '2025-01-01', '2025-01-01'),
      (2, 'A-2', '恒温恒湿箱', '150101', 5000000, '', '材料科学', '2025-01-01', '2025-01-01'),
      (3, 'A-3', '比表面积分析仪', '011301', 30000000, '', '', '2025-01-01', '2025-01-01'),
      (4, 'A-4', '电子光学仪器（未细分）', '010100', 30000000, '', '', '2025-01-01', '2025-01-01')`);
    old.close();

    const { db, migration } = openDatabase(file, { migrationsDir: MIGRATIONS });
    try {
      expect(migration.applied).toContain(OURS);
      const ctx = { db, now: () => new Date('2025-06-16T02:00:00Z') } as Parameters<typeof codeReview>[0];
      expect(getInstrument(ctx, 1)).toMatchObject({ innerId: 'A-1', categoryCode: '010102', specs: '分辨率 1 nm', assetNo: '', customsSupervised: false, bookedDate: null });
      expect(db.prepare('SELECT category_code FROM instruments ORDER BY id').pluck().all()).toEqual(['010102', '150101', '011301', '010100']);
      // The free-text discipline kept from before is listed beside the codes, with its field and value.
      const review = codeReview(ctx);
      expect(review).toEqual({
        total: 3,
        rows: [
          { id: 2, innerId: 'A-2', nameCn: '恒温恒湿箱', categoryCode: '150101', field: 'categoryCode', value: '150101', reason: 'category.unknown', params: { value: '150101' }, suggestion: '990000' },
          expect.objectContaining({ id: 2, innerId: 'A-2', nameCn: '恒温恒湿箱', field: 'discipline', value: '材料科学', reason: 'import.unknownSubject', params: { value: '材料科学' } }),
          { id: 3, innerId: 'A-3', nameCn: '比表面积分析仪', categoryCode: '011301', field: 'categoryCode', value: '011301', reason: 'category.unknown', params: { value: '011301' }, suggestion: '019900' },
          { id: 4, innerId: 'A-4', nameCn: '电子光学仪器（未细分）', categoryCode: '010100', field: 'categoryCode', value: '010100', reason: 'category.notLeaf', params: { value: '010100' }, suggestion: '010199' },
        ],
      });
      // The name is one of subjects.tsv: its code is offered, the stored text is not rewritten.
      const materials = SUBJECTS.find((s) => s.name === '材料科学');
      expect(review.rows[1].suggestion).toBe(materials?.code ?? null);
      expect(db.prepare('SELECT discipline FROM instruments WHERE id = 2').pluck().get()).toBe('材料科学');
    } finally {
      db.close();
    }
  });
});
