// Timing helpers for the bench: repeated runs, median and p95 from the sorted samples.

export interface Stats {
  samples: number[];
  median: number;
  p95: number;
}

function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  // Nearest rank: with 7 runs p95 is the slowest run, which is what a user would notice.
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

export function statsOf(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return { samples, median: percentile(sorted, 0.5), p95: percentile(sorted, 0.95) };
}

/**
 * Runs `fn` `runs` times after `warmup` untimed runs (prepared statements, JIT, page cache) and
 * returns the wall-clock milliseconds. `i` lets a run vary its input (another search term).
 */
export async function measure(runs: number, fn: (i: number) => unknown, warmup = 1): Promise<Stats> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    samples.push(performance.now() - t0);
  }
  return statsOf(samples);
}

export function formatMs(ms: number | undefined): string {
  if (ms === undefined || Number.isNaN(ms)) return '—';
  if (ms < 1) return ms.toFixed(3);
  if (ms < 100) return ms.toFixed(2);
  return ms.toFixed(0);
}
