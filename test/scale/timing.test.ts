// The bench's statistics and verdicts: what PASS/MISS means must not drift.
import { describe, expect, it } from 'vitest';
import { verdict, type OpResult } from '../../scripts/lib/bench-ops/types';
import { statsOf } from '../../scripts/lib/timing';

describe('statsOf (nearest-rank median and p95)', () => {
  it.each([
    { samples: [5], median: 5, p95: 5 },
    { samples: [3, 1, 2], median: 2, p95: 3 },
    { samples: [7, 1, 6, 2, 5, 3, 4], median: 4, p95: 7 },
    { samples: Array.from({ length: 100 }, (_, i) => 100 - i), median: 50, p95: 95 },
  ])('$samples.length samples', ({ samples, median, p95 }) => {
    expect(statsOf(samples)).toMatchObject({ median, p95 });
  });
});

describe('verdict', () => {
  const s = (median: number, p95 = median) => ({ samples: [], median, p95 });
  it.each<[string, OpResult, string]>([
    ['median under the limit', { name: 'a', service: s(9), target: { metric: 'median', maxMs: 10 } }, 'PASS'],
    ['median at the limit', { name: 'a', service: s(10), target: { metric: 'median', maxMs: 10 } }, 'MISS'],
    ['p95 decides when asked', { name: 'a', service: s(2, 12), target: { metric: 'p95', maxMs: 10 } }, 'MISS'],
    ['fast but over 2x the baseline', { name: 'a', service: s(300), baseline: s(100), target: { metric: 'median', maxMs: 500, maxRatio: 2 } }, 'MISS'],
    ['fast and within 2x the baseline', { name: 'a', service: s(190), baseline: s(100), target: { metric: 'median', maxMs: 500, maxRatio: 2 } }, 'PASS'],
    ['no target', { name: 'a', service: s(1) }, ''],
    ['skipped', { name: 'a', skipped: 'not written yet', target: { metric: 'median', maxMs: 1 } }, ''],
  ])('%s', (_label, result, expected) => {
    expect(verdict(result)).toBe(expected);
  });
});
