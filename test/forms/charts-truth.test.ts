// The assessment charts tell the truth: a bar's length is its value on an axis of round ticks,
// small shares are labelled with the digits they need, and an empty year says so.
import { describe, expect, it } from 'vitest';
import { assessmentCharts, CHART_LABELS_EN, CHART_LABELS_ZH } from '../../shared/charts/assessment';
import { niceTicks, percent } from '../../shared/charts/svg';
import type { AssessmentResult } from '../../shared/ipc/assessment';

const bars = (svg: string) => [...svg.matchAll(/<rect x="([\d.]+)" y="[\d.]+" width="([\d.]+)" height="10"/g)].map((m) => Number(m[2]));
const texts = (svg: string) => [...svg.matchAll(/<text [^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

function result(over: Partial<AssessmentResult> = {}): AssessmentResult {
  return {
    categories: [
      { code: '01', name: '分析仪器', nameEn: 'Analytical instruments', instruments: 3, valueFen: 1, effectiveHours: 1, externalHours: 0, utilisation: 0.0002 },
      { code: '02', name: '物理性能测试仪器', nameEn: 'Physical property testing', instruments: 2, valueFen: 1, effectiveHours: 900, externalHours: 0, utilisation: 0.45 },
    ],
    monthly: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, effectiveHours: i === 5 ? 1180 : 100, externalHours: 40 })),
    topInstruments: [{ name: 'XRD', effectiveHours: 1180, externalHours: 40 }],
    contractAmountFen: 6_000_000, voucherAmountFen: 3_000_000,
    ...over,
  } as unknown as AssessmentResult;
}

describe('round ticks', () => {
  it.each([
    [1, [0, 0.2, 0.4, 0.6, 0.8, 1]],
    [1180, [0, 500, 1000, 1500]],
    [0.45, [0, 0.1, 0.2, 0.3, 0.4, 0.5]],
    [7, [0, 2, 4, 6, 8]],
    [10, [0, 2, 4, 6, 8, 10]],
  ])('axis up to %f ticks at %j', (max, ticks) => {
    expect(niceTicks(max).ticks).toEqual(ticks);
  });

  it.each([[0.0002, '0.02%'], [0.5, '50%'], [0.123, '12.3%'], [0, '0%'], [0.0045, '0.45%'], [1.2, '120%']])('share %f reads %s', (v, s) => {
    expect(percent(v)).toBe(s);
  });
});

describe('assessment charts', () => {
  it('draws a 0.02 % utilisation at 0.02 % of a 0–100 % axis and labels it so', () => {
    const svg = assessmentCharts(result()).utilisationByCategory;
    const plotW = 520 - 130 - 70;
    const [small, large] = bars(svg);
    expect(small).toBeCloseTo(0, 0); // 0.0002 × 320 px = 0.064 px, not a full-width bar
    expect(large).toBeCloseTo(plotW * 0.45, 0);
    const labels = texts(svg);
    expect(labels).toContain('0.02%');
    expect(labels).toContain('45%');
    for (const tick of ['0%', '20%', '40%', '60%', '80%', '100%']) expect(labels).toContain(tick);
  });

  it('monthly hours have ticks 0, 500, 1000, 1500', () => {
    const labels = texts(assessmentCharts(result()).monthlyHours);
    for (const tick of ['0', '500', '1000', '1500']) expect(labels).toContain(tick);
    expect(labels).not.toContain('375');
  });

  it('an empty year says so instead of drawing an empty frame, in either language', () => {
    const empty = result({
      categories: [], topInstruments: [], contractAmountFen: 0, voucherAmountFen: 0,
      monthly: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, effectiveHours: 0, externalHours: 0 })),
    } as Partial<AssessmentResult>);
    for (const [labels, sentence] of [[CHART_LABELS_ZH, '本年度没有数据'], [CHART_LABELS_EN, 'No data for this year']] as const) {
      const charts = assessmentCharts(empty, labels);
      for (const svg of Object.values(charts)) {
        expect(texts(svg)).toContain(sentence);
        expect(svg).not.toContain('<rect');
        expect(svg).not.toContain('<line');
      }
    }
  });
});
