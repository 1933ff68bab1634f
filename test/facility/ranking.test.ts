// Ranking across labs: best utilisation first; equal utilisation decided by sharing (the national
// rules rank equal scores by 共享服务); equal on both shares a rank (1, 1, 3); missing figures last.
import { describe, expect, it } from 'vitest';
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
