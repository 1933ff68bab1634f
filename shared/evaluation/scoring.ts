// The arithmetic of the national self-assessment, pure: suggested scores of the figures
// indicators against the national averages, the weighted score over the configured weights, the
// grade by the configured floors. Suggested scores are only proposals the office can replace.
import type { NationalEvaluationProfile } from './national-2026';

export type GradeId = NationalEvaluationProfile['grades'][number]['id'];

/** 100 × value / reference, capped at 100; null without a value or reference. */
export function scoreAgainst(value: number | null, reference: number | null, fullAt = 1): number | null {
  if (value === null || reference === null || !(reference > 0) || !Number.isFinite(value)) return null;
  return Math.min(100, Math.round((10000 * value) / (reference * fullAt)) / 100);
}

export interface ScoredIndicator {
  id: string;
  first: string;
  weight: number;
  score: number | null;
}

export interface WeightedScore {
  /** Σ weight × score / Σ weight over indicators with weight > 0; null while any of them lacks a score. */
  total: number | null;
  byFirst: Record<string, number | null>;
  missing: string[];
  weightSum: number;
}

export function weightedScore(items: ScoredIndicator[]): WeightedScore {
  const weighted = items.filter((i) => i.weight > 0);
  const missing = weighted.filter((i) => i.score === null).map((i) => i.id);
  const sum = (xs: ScoredIndicator[]) => {
    const w = xs.reduce((a, i) => a + i.weight, 0);
    if (w === 0 || xs.some((i) => i.score === null)) return null;
    return Math.round((100 * xs.reduce((a, i) => a + i.weight * i.score!, 0)) / w) / 100;
  };
  const firsts = [...new Set(items.map((i) => i.first))];
  return {
    total: sum(weighted),
    byFirst: Object.fromEntries(firsts.map((f) => [f, sum(weighted.filter((i) => i.first === f))])),
    missing,
    weightSum: weighted.reduce((a, i) => a + i.weight, 0),
  };
}

export function gradeOf(score: number | null, floors: { excellent: number; good: number; qualified: number }): GradeId | null {
  if (score === null) return null;
  if (score >= floors.excellent) return 'excellent';
  if (score >= floors.good) return 'good';
  if (score >= floors.qualified) return 'qualified';
  return 'poor';
}

/**
 * Ranks items best first by `primary`, ties broken by `tie` (the national rules rank equal scores
 * by 共享服务: the profile's `tieBreaker`), then by name for a stable order. Items equal on both
 * figures share a rank and the next rank is skipped (1, 1, 3). Missing figures rank last.
 */
export function rankWithTieBreak<T>(items: readonly T[], primary: (t: T) => number | null, tie: (t: T) => number | null, name: (t: T) => string): { item: T; rank: number }[] {
  const key = (v: number | null) => (v === null || !Number.isFinite(v) ? -Infinity : v);
  const sorted = [...items].sort((a, b) => key(primary(b)) - key(primary(a)) || key(tie(b)) - key(tie(a)) || name(a).localeCompare(name(b), 'zh'));
  const out: { item: T; rank: number }[] = [];
  sorted.forEach((item, i) => {
    const prev = out[i - 1];
    const same = prev && key(primary(prev.item)) === key(primary(item)) && key(tie(prev.item)) === key(tie(item));
    out.push({ item, rank: same ? prev.rank : i + 1 });
  });
  return out;
}
