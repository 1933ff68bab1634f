// The annual report as a PDF summary in the desk's document frame (title block, numbered sections,
// running header, numbered footer, the shipped font): key figures, per-category table and the four
// charts, the charts being the same SVG the renderer dashboard shows (shared/charts).
import type { Content } from 'pdfmake/interfaces';
import { assessmentCharts } from '../../../shared/charts/assessment';
import type { FileDownload } from '../../../shared/ipc/catalog';
import type { AssessmentScope } from '../../../shared/ipc/assessment';
import { formatPercent, formatYuan } from '../../../shared/rules';
import type { ServiceContext } from '../context';
import { computeAssessment } from './compute';
import { reportFileName } from './file-name';
import { civilDateInShanghai } from '../../../shared/rules/civil-date';
import { contentWidth, renderFramedPdf, section, th } from '../pdf/frame';
import { CJK_FAMILY } from '../pdf/render';

const FONT = CJK_FAMILY;
const PAGE_WIDTH = contentWidth();

const kv = (rows: [string, string][]): Content => ({
  table: { widths: ['*', '*'], body: rows.map(([k, v]) => [{ text: k, color: '#555' }, { text: v, alignment: 'right' }]) },
  layout: 'lightHorizontalLines',
});

export async function exportAssessmentPdf(ctx: ServiceContext, input: { year: number; scope: AssessmentScope }): Promise<FileDownload> {
  const r = computeAssessment(ctx, input);
  const charts = assessmentCharts(r, undefined, { fontFamily: FONT, fontSize: 9 });
  const hours = (h: number | null) => (h === null ? '—' : `${h.toLocaleString('zh-CN')} 小时`);
  const yuan = (fen: number) => formatYuan(fen, { withUnit: true });
  const svg = (markup: string): Content => ({ svg: markup, width: PAGE_WIDTH, margin: [0, 6, 0, 6] });
  const title = `${r.year} 年度大型科研仪器开放共享考核汇总`;
  const scope = r.scopeLabel || '全单位';
  const buf = await renderFramedPdf(ctx, {
    title,
    subtitle: `${scope} · 依据 ${r.profile.title}（${r.profile.documentNumber}） · 生成日期：${civilDateInShanghai(ctx.now())}`,
    infoTitle: `${r.year} 年度开放共享考核 ${scope}`,
    runningHeader: `${title} · ${scope}`,
    content: [
      ...section('一、主要指标', {
        columns: [
          kv([
            ['仪器台套数', String(r.instrumentCount)],
            ['仪器原值合计', yuan(r.totalValueFen)],
            [`单价≥${formatYuan(r.national.thresholdFen)}元仪器`, `${r.national.count} 台 / ${yuan(r.national.valueFen)}`],
            ['年有效工作机时', hours(r.effectiveHours)],
            ['对外服务机时', hours(r.externalHours)],
            ['台均有效机时', hours(r.avgEffectiveHours)],
            ['台均对外服务机时', hours(r.avgExternalHours)],
            ['额定机时', hours(r.ratedHours)],
          ]),
          kv([
            ['利用率', formatPercent(r.utilisation)],
            ['共享率', formatPercent(r.shareRate)],
            ['开放率（内部+外部共享）', formatPercent(r.openRate)],
            ['外部用户数', String(r.externalUsers)],
            ['服务合同 / 其中创新券合同', `${r.contracts} / ${r.voucherContracts}`],
            ['创新券金额', yuan(r.voucherAmountFen)],
            ['服务收入', yuan(r.serviceIncomeFen)],
            ['已收款', `${yuan(r.paymentsReceivedFen)}（${r.payments} 笔）`],
            ['用户平均评价', r.avgSatisfaction === null ? '—' : String(r.avgSatisfaction)],
          ]),
        ],
        columnGap: 16,
      }),
      ...section('二、分类统计（15 大类）', {
        table: {
          headerRows: 1,
          widths: ['*', 40, 80, 60, 60, 45],
          body: [
            ['大类', '台套', '原值', '有效机时', '对外机时', '利用率'].map(th),
            ...r.categories.filter((c) => c.instruments > 0).map((c) => [
              `${c.code} ${c.name}`, String(c.instruments), yuan(c.valueFen), String(c.effectiveHours), String(c.externalHours), formatPercent(c.utilisation),
            ]),
          ],
        },
        layout: 'lightHorizontalLines',
      }),
      { text: '', pageBreak: 'before' },
      ...section('三、图表', { stack: [svg(charts.utilisationByCategory), svg(charts.monthlyHours), svg(charts.topInstruments), svg(charts.voucherUse)] }),
    ],
  });
  return { fileName: reportFileName(r, 'pdf'), mimeType: 'application/pdf', dataBase64: buf.toString('base64') };
}
