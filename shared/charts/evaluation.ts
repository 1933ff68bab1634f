// Charts of the national self-assessment and the cross-lab comparison (SVG strings, pure): scores
// by indicator, hours per instrument against the national averages, utilisation per lab and category.
import type { ComparisonResult, EvaluationResult } from '../ipc/evaluation';
import { barChart } from './bar';
import type { ChartStyle } from './svg';

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

export function evaluationCharts(r: EvaluationResult, style?: ChartStyle) {
  return {
    scores: barChart(r.indicators.map((i) => i.zh), [{ name: '得分', values: r.indicators.map((i) => i.score ?? 0) }], { title: '二级指标得分', style, labelWidth: 170 }),
    hours: barChart(['台均运行机时', '台均共享机时'], [
      { name: '本单位', values: [r.indicators.find((i) => i.id === 'runHours')?.figures[0]?.value ?? 0, r.indicators.find((i) => i.id === 'sharedHours')?.figures[0]?.value ?? 0] },
      { name: `全国平均（${r.nationalAverages.year}）`, values: [r.nationalAverages.effectiveHours, r.nationalAverages.externalHours] },
    ], { title: '台均机时与全国平均（小时/台·年）', style }),
  };
}

export function comparisonCharts(c: ComparisonResult, style?: ChartStyle) {
  return {
    labs: barChart(c.labs.map((l) => l.labName), [
      { name: '利用率', values: c.labs.map((l) => l.utilisation ?? 0) }, { name: '共享率', values: c.labs.map((l) => l.shareRate ?? 0) },
    ], { title: '各实验室利用率与共享率', format: pct, style }),
    categories: barChart(c.categories.map((x) => `${x.code} ${x.name}`), [{ name: '利用率', values: c.categories.map((x) => x.utilisation ?? 0) }],
      { title: '各类仪器利用率', format: pct, style }),
  };
}
