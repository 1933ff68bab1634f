// Ranking across labs: best utilisation first; equal utilisation decided by the 共享服务 score (the national
// rules rank equal scores by 共享服务); equal on both shares a rank (1, 1, 3); missing figures last.
import { afterEach, describe, expect, it } from 'vitest';
import { compareLabs } from '../../electron/services/facility/evaluation';
import { getEvaluationSettings, setEvaluationSettings } from '../../electron/services/facility/evaluation-settings';
import { tempCore, type TempCore } from '../helpers/db';
import { NATIONAL_EVALUATION_2026 } from '../../shared/evaluation/national-2026';
import { rankWithTieBreak } from '../../shared/evaluation/scoring';

interface Lab { name: string; u: number | null; s: number | null }
const rank = (labs: Lab[]) => rankWithTieBreak(labs, (l) => l.u, (l) => l.s, (l) => l.name).map(({ item, rank: r }) => [r, item.name]);

describe('rankWithTieBreak', () => {
  it('the profile breaks ties by 共享服务', () => {
    expect(NATIONAL_EVALUATION_2026.tieBreaker).toBe('sharing');
  });

  it.each([
    ['distinct utilisation', [{ name: '乙', u: 0.5, s: 0.1 }, { name: '甲', u: 0.8, s: 0 }], [[1, '甲'], [2, '乙']]],
    ['equal utilisation, more sharing ranks first', [{ name: '甲', u: 0.5, s: 0.1 }, { name: '乙', u: 0.5, s: 0.3 }], [[1, '乙'], [2, '甲']]],
    ['equal on both: same rank, next skipped', [{ name: '丙', u: 0.2, s: 0 }, { name: '乙', u: 0.5, s: 0.2 }, { name: '甲', u: 0.5, s: 0.2 }], [[1, '甲'], [1, '乙'], [3, '丙']]],
    ['no utilisation ranks last', [{ name: '甲', u: null, s: 0.9 }, { name: '乙', u: 0, s: null }], [[1, '乙'], [2, '甲']]],
    ['no sharing figure loses the tie', [{ name: '甲', u: 0.5, s: null }, { name: '乙', u: 0.5, s: 0 }], [[1, '乙'], [2, '甲']]],
  ] as [string, Lab[], [number, string][]][])('%s', (_name, labs, expected) => {
    expect(rank(labs)).toEqual(expected);
  });
});

// The comparison at the office on a fixture worked out by hand: four labs, one instrument each
// (80万元, 额定机时 1,600 h), 2025. 甲, 乙 and 丙 used theirs 800 h (utilisation 0.5 each), 丁 960 h (0.6).
// Default weights 共享机时 15, 对外服务成效及用户评价 10; national average of shared hours 273 h.
//   甲: 400 h shared → 共享机时 min(100, 400/273) = 100; satisfaction 30/10 = 3 → 60;  共享服务 (15·100 + 10·60)/25 = 84
//   乙: 250 h shared → 100·250/273 = 91.58;               satisfaction 20/4 = 5 → 100; (15·91.58 + 10·100)/25 = 94.95
//   丙: 800 h shared → 100;                               no satisfaction → none;        共享服务 none (loses the tie)
//   丁: nothing shared → 0;                               satisfaction 5 → 100;          (0 + 1000)/25 = 40
// Share rates (共享机时 / 运行机时) would order the tie 丙 1.0, 甲 0.5, 乙 0.3125: the indicator orders it 乙, 甲, 丙.
describe('comparison across labs: ties in utilisation ranked by the 共享服务 score', () => {
  const cores: TempCore[] = [];
  afterEach(() => { while (cores.length) cores.pop()!.cleanup(); });

  function office(): TempCore {
    const core = tempCore('2027-01-12T02:00:00.000Z');
    cores.push(core);
    const labs: [string, number, number, number, number][] = [['甲', 800, 400, 30, 10], ['乙', 800, 250, 20, 4], ['丙', 800, 800, 0, 0], ['丁', 960, 0, 5, 1]];
    labs.forEach(([name, hours, shared, satSum, satN], k) => {
      const desk = `00000000-0000-4000-8000-00000000000${k}`;
      core.db.prepare("INSERT INTO office_labs(desk_id, lab_name, public_key, fingerprint, registered_at) VALUES (?, ?, ?, ?, 'x')").run(desk, name, `key-${k}`, `fp-${k}`);
      core.db.prepare(`INSERT INTO office_instruments(desk_id, iid, inner_id, name_cn, category_code, value_fen, usage_kind, share_mode, status, lab_name)
        VALUES (?, 1, ?, '场发射扫描电镜', '010101', 80000000, '通用', '外部共享', '在用', ?)`).run(desk, `${name}-A`, name);
      core.db.prepare(`INSERT INTO office_instrument_years(desk_id, iid, year, rated_hours, sec, ext_sec, records, income_fen, sat_sum, sat_n)
        VALUES (?, 1, 2025, 1600, ?, ?, 10, 0, ?, ?)`).run(desk, hours * 3600, shared * 3600, satSum, satN);
    });
    return core;
  }
  const ranks = (core: TempCore) => compareLabs(core.ctx, { fromYear: 2025, toYear: 2025 }).labs
    .map((l) => [l.rank, l.labName, l.utilisation, l.sharedHoursScore, l.externalServiceScore, l.sharingScore]);

  it('ranks by utilisation, then by the 共享服务 score, not by the share rate', () => {
    expect(ranks(office())).toEqual([
      [1, '丁', 0.6, 0, 100, 40],
      [2, '乙', 0.5, 91.58, 100, 94.95],
      [3, '甲', 0.5, 100, 60, 84],
      [4, '丙', 0.5, 100, null, null],
    ]);
  });

  it('follows the configured weights: 共享机时 alone makes 甲 and 丙 equal (one rank, the next skipped)', () => {
    const core = office();
    const s = getEvaluationSettings(core.ctx);
    setEvaluationSettings(core.ctx, { weights: { ...s.weights, sharedHours: 25, externalService: 0 }, gradeFloors: s.gradeFloors });
    const r = ranks(core);
    expect(r[0]).toEqual([1, '丁', 0.6, 0, 100, 0]);
    expect(r.slice(1, 3).map((x) => [x[0], x[1], x[5]]).sort()).toEqual([[2, '丙', 100], [2, '甲', 100]]);
    expect(r[3]).toEqual([4, '乙', 0.5, 91.58, 100, 91.58]);
  });
});
