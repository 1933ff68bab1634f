// The national self-assessment report laid out by indicator (.xlsx and PDF with charts), and the
// cross-lab comparison as .xlsx.
import ExcelJS from 'exceljs';
import type { Content } from 'pdfmake/interfaces';
import { comparisonCharts, evaluationCharts } from '../../../shared/charts/evaluation';
import { NATIONAL_EVALUATION_2026 as NATIONAL } from '../../../shared/evaluation/national-2026';
import type { FileDownload } from '../../../shared/ipc/catalog';
import type { ComparisonResult, EvaluationScope, IndicatorFigure } from '../../../shared/ipc/evaluation';
import { formatPercent, formatYuan } from '../../../shared/rules';
import { XLSX_MIME } from '../catalog/export';
import type { ServiceContext } from '../context';
import { civilDateInShanghai } from '../../../shared/rules/civil-date';
import { contentWidth, renderFramedPdf, section, sectionNumeral } from '../pdf/frame';
import { CJK_FAMILY } from '../pdf/render';
import { compareLabs, computeEvaluation } from './evaluation';

const FIGURE_LABELS: Record<string, string> = {
  openRate: '开放率', instrumentYears: '参评仪器台·年', avgEffectiveHours: '台均年运行机时', utilisation: '利用率', usageRecords: '服务记录数',
  effectiveHours: '运行机时合计', avgExternalHours: '台均年共享机时', shareRate: '共享率', externalUsers: '外部用户数', contracts: '服务合同数',
  voucherContracts: '创新券合同数', contractAmountFen: '合同金额', voucherAmountFen: '创新券金额', serviceIncomeFen: '服务收入',
  avgSatisfaction: '用户平均评价（5 分制）', satisfactionRecords: '有评价的服务记录',
  contractHours: '合同服务机时', orderHours: '订单服务机时（上海）',
};

export function figureText(f: IndicatorFigure): string {
  const v = f.value;
  const body = v === null ? '—' : f.unit === 'ratio' ? formatPercent(v) : f.unit === 'fen' ? formatYuan(v, { withUnit: true })
    : f.unit === 'h' ? `${v.toLocaleString('zh-CN')} 小时` : String(v);
  return `${FIGURE_LABELS[f.key] ?? f.key}：${body}${f.benchmark !== undefined ? `（全国平均 ${f.benchmark} 小时）` : ''}`;
}

const GRADE_ZH = Object.fromEntries(NATIONAL.grades.map((g) => [g.id, g.zh]));
const FIRST_ZH = Object.fromEntries(NATIONAL.firstLevel.map((f) => [f.id, f.zh]));
const periodText = (s: EvaluationScope) => (s.fromYear === s.toYear ? `${s.fromYear}` : `${s.fromYear}–${s.toYear}`);
const fileName = (s: EvaluationScope, ext: string, what = '开放共享自评') => `${what}-${periodText(s).replace('–', '-')}.${ext}`;
const scopeText = (r: { labs: { labName: string }[] }, s: EvaluationScope) => (s.deskIds?.length ? r.labs.map((l) => l.labName).join('、') : `全单位（${r.labs.length} 个实验室）`);

export async function exportEvaluationXlsx(ctx: ServiceContext, scope: EvaluationScope): Promise<FileDownload> {
  const r = computeEvaluation(ctx, scope);
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('按指标');
  ws.columns = [{ width: 12 }, { width: 26 }, { width: 60 }, { width: 10 }, { width: 10 }, { width: 10 }, { width: 8 }, { width: 50 }, { width: 30 }];
  ws.addRow([`${NATIONAL.title} · 自评 ${periodText(scope)}`]);
  ws.addRow([`范围：${scopeText(r, scope)}`]);
  ws.addRow(['一级指标', '二级指标', '数据', '建议分', '评分', '计入分', '权重', '说明', '佐证材料']).font = { bold: true };
  for (const i of r.indicators) {
    ws.addRow([FIRST_ZH[i.first], i.zh, i.figures.map(figureText).join('\n'), i.suggestedScore, i.enteredScore, i.score, i.weight, i.text,
      i.evidence.map((e) => `${e.originalName}（SHA-256 ${e.sha256.slice(0, 12)}…）`).join('\n')]).alignment = { wrapText: true, vertical: 'top' };
  }
  ws.addRow([]);
  ws.addRow(['加权总分', r.score.total ?? '未完成（缺少评分）']);
  for (const f of NATIONAL.firstLevel) ws.addRow([f.zh, r.score.byFirst[f.id] ?? '—']);
  ws.addRow(['等级', r.grade ? GRADE_ZH[r.grade] : '—']);
  ws.addRow(['说明', `权重与等级分数线未公布，为本单位设置${r.weightsConfigured ? '' : '（尚为初始值）'}；同分按共享服务得分排序。`]);
  const ys = wb.addWorksheet('按年度');
  ys.addRow(['年度', `参评仪器（单价≥${r.minUnitValueFen / 100}元）`, '运行机时', '共享机时', '利用率', '共享率']).font = { bold: true };
  for (const y of r.years) ys.addRow([y.year, y.instruments, y.effectiveHours, y.externalHours, y.utilisation, y.shareRate]);
  comparisonSheets(wb, compareLabs(ctx, scope));
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: fileName(scope, 'xlsx'), mimeType: XLSX_MIME, dataBase64: buf.toString('base64') };
}

function comparisonSheets(wb: ExcelJS.Workbook, c: ComparisonResult): void {
  const ls = wb.addWorksheet('实验室对比');
  ls.addRow(['排名', '实验室', '仪器台套', '台均运行机时', '台均共享机时', '利用率', '共享率', '开放率', '用户评价', '共享机时得分', '对外服务成效及用户评价得分', '共享服务得分（利用率相同时排序）']).font = { bold: true };
  for (const l of c.labs) {
    ls.addRow([l.rank, l.labName, l.instruments, l.avgEffectiveHours, l.avgExternalHours, l.utilisation, l.shareRate, l.openRate, l.avgSatisfaction, l.sharedHoursScore, l.externalServiceScore, l.sharingScore]);
  }
  const cs = wb.addWorksheet('分类对比');
  cs.addRow(['大类', '仪器台套', '台均运行机时', '台均共享机时', '利用率', '共享率']).font = { bold: true };
  for (const x of c.categories) cs.addRow([`${x.code} ${x.name}`, x.instruments, x.avgEffectiveHours, x.avgExternalHours, x.utilisation, x.shareRate]);
  const ds = wb.addWorksheet('拉低指标的仪器');
  ds.addRow(['实验室', '所在单位仪器编号', '仪器名称', '分类', '台均运行机时', '台均共享机时', '利用率', '低于全国平均（小时）']).font = { bold: true };
  for (const d of c.drag) ds.addRow([d.labName, d.innerId, d.nameCn, d.categoryCode, d.avgEffectiveHours, d.avgExternalHours, d.utilisation, d.shortfallHours]);
}

export async function exportComparisonXlsx(ctx: ServiceContext, scope: EvaluationScope): Promise<FileDownload> {
  const wb = new ExcelJS.Workbook();
  comparisonSheets(wb, compareLabs(ctx, scope));
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: fileName(scope, 'xlsx', '实验室对比'), mimeType: XLSX_MIME, dataBase64: buf.toString('base64') };
}

export async function exportEvaluationPdf(ctx: ServiceContext, scope: EvaluationScope): Promise<FileDownload> {
  const r = computeEvaluation(ctx, scope);
  const c = compareLabs(ctx, scope);
  const style = { fontFamily: CJK_FAMILY, fontSize: 9 };
  const ch = { ...evaluationCharts(r, style), ...comparisonCharts(c, style) };
  const svg = (markup: string): Content => ({ svg: markup, width: contentWidth(), margin: [0, 6, 0, 6] });
  const byFirst: Content[] = NATIONAL.firstLevel.flatMap((f, n) => section(`${sectionNumeral(n + 2)}、${f.zh}（${r.score.byFirst[f.id] ?? '—'} 分）`, { stack: [
    ...r.indicators.filter((i) => i.first === f.id).map((i): Content => ({
      stack: [
        { text: `${i.zh}　权重 ${i.weight}　得分 ${i.score ?? '—'}${i.scoreSource === 'suggested' ? '（建议分）' : ''}`, bold: true, margin: [0, 4, 0, 2] },
        ...i.figures.map((fig) => ({ text: figureText(fig), margin: [8, 0, 0, 0] as [number, number, number, number] })),
        ...(i.text ? [{ text: i.text, margin: [8, 2, 0, 0] as [number, number, number, number], color: '#333' }] : []),
        ...(i.evidence.length ? [{ text: `佐证：${i.evidence.map((e) => e.originalName).join('、')}`, margin: [8, 2, 0, 0] as [number, number, number, number], color: '#555' }] : []),
      ],
    })),
  ] }));
  const title = `大型科研仪器开放共享评价考核自评（${periodText(scope)}）`;
  const charts = sectionNumeral(NATIONAL.firstLevel.length + 2);
  const buf = await renderFramedPdf(ctx, {
    title,
    subtitle: `${scopeText(r, scope)} · 依据 ${NATIONAL.title}（${NATIONAL.publishedOn} 发布） · 生成日期：${civilDateInShanghai(ctx.now())}`,
    infoTitle: `开放共享自评 ${periodText(scope)}`,
    runningHeader: `${title} · ${scopeText(r, scope)}`,
    content: [
      ...section(`${sectionNumeral(1)}、总分与等级`, { stack: [{ text: `加权总分 ${r.score.total ?? '未完成'}　等级 ${r.grade ? GRADE_ZH[r.grade] : '—'}${r.score.missing.length ? `　缺少评分：${r.indicators.filter((i) => r.score.missing.includes(i.id)).map((i) => i.zh).join('、')}` : ''}`, margin: [0, 6, 0, 0] },
      { text: '权重与等级分数线未公布，为本单位设置；同分按共享服务得分排序。', color: '#888', fontSize: 8 }] }),
      ...byFirst,
      { text: '', pageBreak: 'before' },
      ...section(`${charts}、图表`, { stack: [svg(ch.scores), svg(ch.hours), svg(ch.labs), svg(ch.categories)] }),
    ],
  });
  return { fileName: fileName(scope, 'pdf'), mimeType: 'application/pdf', dataBase64: buf.toString('base64') };
}
