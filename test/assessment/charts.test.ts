// The shared SVG chart builders and the holiday paste parser (pure functions).
import { describe, expect, it } from 'vitest';
import { assessmentCharts } from '../../shared/charts/assessment';
import { barChart, columnChart } from '../../shared/charts/bar';
import { escapeXml, niceMax, svgDataUri } from '../../shared/charts/svg';
import type { AssessmentResult } from '../../shared/ipc/assessment';
import { parseHolidayText } from '../../renderer/src/pages/settings/holiday-text';

const widths = (svg: string) => [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="10"/g)].map((m) => Number(m[1]));

describe('charts', () => {
  it.each([[0, 1], [7, 10], [11, 20], [150, 200], [0.007, 0.01], [2400, 2500]])('niceMax(%f) = %f', (v, m) => {
    expect(niceMax(v)).toBeCloseTo(m, 12);
  });

  it('bar lengths are proportional to the values on a nice axis', () => {
    const svg = barChart(['甲', '乙'], [{ name: 'h', values: [10, 5] }], { width: 520, labelWidth: 150 });
    // plot width 520 − 150 − 70 = 300; axis max 10 → 300 and 150
    expect(widths(svg)).toEqual([300, 150]);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
  });

  it('escapes labels and draws one column per month and series', () => {
    expect(escapeXml('<a & "b">')).toBe('&lt;a &amp; &quot;b&quot;&gt;');
    const svg = columnChart(['1', '2'], [{ name: 'A<B', values: [1, 2] }, { name: 'C', values: [0, 4] }]);
    expect(svg).toContain('A&lt;B');
    expect(svg).not.toContain('A<B');
    expect(svgDataUri(svg)).toMatch(/^data:image\/svg\+xml;charset=utf-8,%3Csvg/);
  });

  it('builds the four report charts with category names', () => {
    const r = {
      categories: [{ code: '01', name: '分析仪器', nameEn: 'Analytical', instruments: 1, valueFen: 1, effectiveHours: 800, externalHours: 0, utilisation: 0.5 }],
      monthly: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, effectiveHours: i, externalHours: 0 })),
      topInstruments: [], contractAmountFen: 2_000_000, voucherAmountFen: 1_000_000,
    } as unknown as AssessmentResult;
    const charts = assessmentCharts(r);
    expect(Object.keys(charts)).toEqual(['utilisationByCategory', 'monthlyHours', 'topInstruments', 'voucherUse']);
    expect(charts.utilisationByCategory).toContain('分析仪器');
    expect(charts.utilisationByCategory).toContain('50%');
    expect(charts.voucherUse).toContain('>2<'); // 2,000,000 fen = 2万
  });
});

describe('holiday paste parser', () => {
  it('reads lines with Chinese or English kinds', () => {
    expect(parseHolidayText('2027-01-01,假,元旦\n\n2027-02-07，班，调休上班', 2027)).toEqual({ ok: true, entries: [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2027-02-07', kind: 'adjusted_workday', name: '调休上班' },
    ] });
  });

  it('reads the official JSON shape for the chosen year', () => {
    const json = JSON.stringify({ 2027: { holidays: [{ date: '2027-01-01', name: '元旦' }], adjusted_workdays: [{ date: '2027-02-07', name: '调休' }] } });
    const r = parseHolidayText(json, 2027);
    expect(r.ok && r.entries.map((e) => e.kind)).toEqual(['holiday', 'adjusted_workday']);
  });

  it('names the line it cannot read', () => {
    expect(parseHolidayText('2027-01-01,假\n2027/01/02,假', 2027)).toEqual({ ok: false, line: 2, message: '2027/01/02,假' });
  });
});
