// The four charts of the annual report, built from an AssessmentResult; the renderer and the PDF
// draw exactly the same SVG.
import type { AssessmentResult } from '../ipc/assessment';
import { barChart, columnChart } from './bar';
import { DEFAULT_STYLE, num, percent, type ChartStyle } from './svg';

export interface ChartLabels {
  utilisationByCategory: string;
  monthlyHours: string;
  topInstruments: string;
  voucherUse: string;
  effective: string;
  external: string;
  contractAmount: string;
  voucherAmount: string;
  selfPaid: string;
  /** Said instead of an empty frame when the year has nothing to draw. */
  empty?: string;
  /** 'zh' uses Chinese category names, 'en' the English ones. */
  locale: 'zh' | 'en';
}

export const CHART_LABELS_ZH: ChartLabels = {
  utilisationByCategory: '各大类利用率', monthlyHours: '月度机时（小时）', topInstruments: '机时最多的仪器（小时）',
  voucherUse: '创新券使用（万元）', effective: '有效机时', external: '对外服务机时', contractAmount: '合同金额',
  voucherAmount: '创新券金额', selfPaid: '企业自付', empty: '本年度没有数据', locale: 'zh',
};

export const CHART_LABELS_EN: ChartLabels = {
  utilisationByCategory: 'Utilisation by category', monthlyHours: 'Monthly hours', topInstruments: 'Top instruments (hours)',
  voucherUse: 'Voucher use (10k CNY)', effective: 'Effective', external: 'External service', contractAmount: 'Contract amount',
  voucherAmount: 'Voucher amount', selfPaid: 'Self-paid', empty: 'No data for this year', locale: 'en',
};

const pct = percent;
const WAN_FEN = 1_000_000;

export interface AssessmentCharts {
  utilisationByCategory: string;
  monthlyHours: string;
  topInstruments: string;
  voucherUse: string;
}

export function assessmentCharts(r: AssessmentResult, labels: ChartLabels = CHART_LABELS_ZH, style: ChartStyle = DEFAULT_STYLE): AssessmentCharts {
  const cats = r.categories.filter((c) => c.instruments > 0);
  const catName = (c: (typeof cats)[number]) => (labels.locale === 'zh' ? c.name : c.nameEn);
  const top = r.topInstruments;
  const selfPaid = Math.max(0, r.contractAmountFen - r.voucherAmountFen);
  return {
    utilisationByCategory: barChart(cats.map(catName), [{ name: labels.effective, values: cats.map((c) => c.utilisation ?? 0) }], {
      title: labels.utilisationByCategory, format: pct, style, labelWidth: 130, axisMin: 1, empty: labels.empty,
    }),
    monthlyHours: columnChart(r.monthly.map((m) => String(m.month)), [
      { name: labels.effective, values: r.monthly.map((m) => m.effectiveHours) },
      { name: labels.external, values: r.monthly.map((m) => m.externalHours) },
    ], { title: labels.monthlyHours, style, empty: labels.empty }),
    topInstruments: barChart(top.map((t) => (t.name.length > 14 ? `${t.name.slice(0, 13)}…` : t.name)), [
      { name: labels.effective, values: top.map((t) => t.effectiveHours) },
      { name: labels.external, values: top.map((t) => t.externalHours) },
    ], { title: labels.topInstruments, style, labelWidth: 170, empty: labels.empty }),
    voucherUse: barChart([labels.contractAmount, labels.voucherAmount, labels.selfPaid], [
      { name: labels.voucherAmount, values: [r.contractAmountFen, r.voucherAmountFen, selfPaid].map((f) => f / WAN_FEN) },
    ], { title: labels.voucherUse, style, format: (v) => num(v, 2), empty: labels.empty }),
  };
}
