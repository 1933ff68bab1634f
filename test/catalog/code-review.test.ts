// The code review judges each distinct category code and discipline once and reads only the
// instruments holding a value the platform's tables lack: on a real temp desk with every kind of
// wrong value (and retired instruments holding them), it lists exactly what judging every
// instrument in service lists, and none of its statements reads the instruments table whole.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { codeReview } from '../../electron/services/catalog/instruments';
import { ASSIGNABLE_CATEGORIES, CATEGORY_TABLE, categoryCodeProblem } from '../../shared/catalog/categories';
import { disciplinesProblem, SUBJECTS } from '../../shared/catalog/platform';
import { insertInstrument } from '../assessment/fixtures';
import { tempCore, type TempCore } from '../helpers/db';
import { captureStatements, costlyLines, planOf } from '../scale/plan';

let core: TempCore;
beforeEach(() => { core = tempCore(); });
afterEach(() => core.cleanup());

const leaf = ASSIGNABLE_CATEGORIES.map((c) => c.code);
const notLeaf = CATEGORY_TABLE.filter((c) => !c.assignable).map((c) => c.code);
const subjects = SUBJECTS.map((s) => s.code);

function fill(): void {
  const codes = [leaf[0], leaf[1], leaf[7], notLeaf[0], notLeaf[3], '999999', '01010X', 'ABCDEF'];
  const disciplines = ['', subjects[0], `${subjects[0]},${subjects[1]}`, '材料科学', `${subjects[2]},${subjects[2]}`,
    subjects.slice(0, 9).join(','), `${subjects[3]},不存在`];
  core.db.transaction(() => {
    for (let k = 0; k < 160; k++) {
      const id = insertInstrument(core.db, { innerId: `CR-${String(159 - k).padStart(3, '0')}`, valueFen: 1_000_000, categoryCode: codes[k % codes.length],
        retiredAt: k % 11 === 0 ? '2024-05-01T00:00:00.000Z' : null });
      core.db.prepare('UPDATE instruments SET discipline = ? WHERE id = ?').run(disciplines[(k * 3) % disciplines.length], id);
    }
  })();
}

/** Every instrument in service judged one by one, in inner id order: what the review must list. */
function judgedOneByOne(): { ids: number[]; lines: string[] } {
  const all = core.db.prepare('SELECT id, inner_id AS innerId, category_code AS code, discipline FROM instruments WHERE retired_at IS NULL ORDER BY inner_id')
    .all() as { id: number; innerId: string; code: string; discipline: string }[];
  const lines: string[] = [];
  const ids = new Set<number>();
  for (const r of all) {
    const p = categoryCodeProblem(r.code);
    if (p) lines.push(`${r.innerId}|categoryCode|${r.code}|${p.reason}`);
    const d = disciplinesProblem(r.discipline);
    if (d) lines.push(`${r.innerId}|discipline|${r.discipline}|${d.reason}`);
    if (p || d) ids.add(r.id);
  }
  return { ids: [...ids], lines };
}

describe('code review', () => {
  it('lists exactly the instruments in service whose code or disciplines the platform lacks, in inner id order', () => {
    fill();
    const expected = judgedOneByOne();
    expect(expected.ids.length).toBeGreaterThan(50);
    const review = codeReview(core.ctx);
    expect(review.total).toBe(expected.ids.length);
    expect(review.rows.map((r) => `${r.innerId}|${r.field}|${r.value}|${r.reason}`)).toEqual(expected.lines);
    // The retired instruments hold wrong values too, and are not listed.
    expect(core.db.prepare(`SELECT count(*) FROM instruments WHERE retired_at IS NOT NULL AND category_code = '999999'`).pluck().get()).toBeGreaterThan(0);
    expect(review.rows.some((r) => r.innerId === core.db.prepare(`SELECT inner_id FROM instruments WHERE retired_at IS NOT NULL LIMIT 1`).pluck().get())).toBe(false);
  });

  it('a desk whose values are all in the tables lists nothing and reads no instrument row', () => {
    for (let k = 0; k < 20; k++) insertInstrument(core.db, { innerId: `OK-${k}`, valueFen: 1_000_000, categoryCode: leaf[k % 5] });
    const { statements } = captureStatements(core.db, () => expect(codeReview(core.ctx)).toEqual({ total: 0, rows: [] }));
    expect(statements).toHaveLength(2);
    for (const s of statements) {
      const plan = planOf(core.db, s);
      expect(plan.join(' | ')).toMatch(/COVERING INDEX (instruments_category|instruments_discipline)/);
      expect(costlyLines(plan)).toEqual([]);
    }
  });
});
