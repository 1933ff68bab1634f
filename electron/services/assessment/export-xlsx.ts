// The annual report as .xlsx in the national platform's field order: instrument records (单台套
// fields plus the year's run and service hours), service records, and the unit's results.
import ExcelJS from 'exceljs';
import { categoryLabel, majorOf } from '../../../shared/catalog/categories';
import { INSTRUMENT_FIELD_LABELS } from '../../../shared/catalog/instrument';
import type { FileDownload } from '../../../shared/ipc/catalog';
import type { AssessmentResult, AssessmentScope } from '../../../shared/ipc/assessment';
import { formatPercent } from '../../../shared/rules';
import { fenToYuanNumber, XLSX_MIME } from '../catalog/export';
import { listInstrumentsFull } from '../catalog/instruments';
import type { ServiceContext } from '../context';
import { SERVICE_AMOUNT_SQL } from '../money/service-amount';
import { assessYear, hoursOf } from './compute';
import { reportFileName } from './file-name';
import { CLIPPED_SECONDS, scopeSql, USAGE_IN_YEAR, windowParams, yearWindow } from './window';

export const SERVICE_RECORD_COLUMNS = [
  '仪器名称', '所在单位内部编号', '服务金额（元）', '服务开始时间', '服务结束时间', '服务内容', '服务方式',
  '申请人', '申请人单位', '服务对象', '服务方向', '用户评价', '本年机时（小时）', '合同编号', '记录编号',
] as const;

interface ServiceRow {
  id: number; name: string; innerId: string; amountFen: number; startAt: string; endAt: string; content: string;
  way: string; userName: string; userUnit: string; external: number; direction: string; satisfaction: number | null;
  sec: number; contractNumber: string | null;
}

function unitSheet(wb: ExcelJS.Workbook, r: AssessmentResult): void {
  const ws = wb.addWorksheet('单位结果');
  ws.columns = [{ width: 30 }, { width: 24 }, { width: 14 }, { width: 16 }, { width: 16 }, { width: 16 }, { width: 12 }];
  const rows: [string, string | number][] = [
    ['考核年度', r.year],
    ['范围', r.scopeLabel || '全单位'],
    ['政策依据', `${r.profile.title}（${r.profile.documentNumber}）`],
    ['额定机时（小时/台·年）', r.ratedHours],
    ['仪器台套数', r.instrumentCount],
    ['仪器原值合计（元）', fenToYuanNumber(r.totalValueFen)],
    [`单价≥${fenToYuanNumber(r.national.thresholdFen)}元仪器台套数`, r.national.count],
    [`单价≥${fenToYuanNumber(r.national.thresholdFen)}元仪器原值（元）`, fenToYuanNumber(r.national.valueFen)],
    ['年有效工作机时（小时）', r.effectiveHours],
    ['对外服务机时（小时）', r.externalHours],
    ['台均有效机时（小时）', r.avgEffectiveHours ?? ''],
    ['台均对外服务机时（小时）', r.avgExternalHours ?? ''],
    ['利用率', formatPercent(r.utilisation)],
    ['共享率', formatPercent(r.shareRate)],
    ['开放率（内部+外部共享）', formatPercent(r.openRate)],
    ['对外开放率（外部共享）', formatPercent(r.externalOpenRate)],
    ['外部共享仪器原值（元）', fenToYuanNumber(r.openInstrumentValueFen)],
    ['服务记录数', r.usageRecords],
    ['外部用户数（单位）', r.externalUsers],
    ['服务合同数', r.contracts],
    ['创新券合同数', r.voucherContracts],
    ['合同金额（元）', fenToYuanNumber(r.contractAmountFen)],
    ['创新券金额（元）', fenToYuanNumber(r.voucherAmountFen)],
    ['服务收入（元）', fenToYuanNumber(r.serviceIncomeFen)],
    ['已收款笔数', r.payments],
    ['已收款（元）', fenToYuanNumber(r.paymentsReceivedFen)],
    ['用户平均评价（1–5）', r.avgSatisfaction ?? ''],
  ];
  ws.addRow(['指标', '数值']).font = { bold: true };
  for (const row of rows) ws.addRow(row);
  ws.addRow([]);
  ws.addRow(['分类（15 大类）', '台套数', '原值（元）', '有效机时（小时）', '对外服务机时（小时）', '利用率']).font = { bold: true };
  for (const c of r.categories) {
    ws.addRow([`${c.code} ${c.name}`, c.instruments, fenToYuanNumber(c.valueFen), c.effectiveHours, c.externalHours, formatPercent(c.utilisation)]);
  }
  ws.addRow([]);
  ws.addRow(['月份', '有效机时（小时）', '对外服务机时（小时）']).font = { bold: true };
  for (const m of r.monthly) ws.addRow([m.month, m.effectiveHours, m.externalHours]);
}

export async function exportAssessmentXlsx(ctx: ServiceContext, input: { year: number; scope: AssessmentScope }): Promise<FileDownload> {
  const { result, perInstrument: usageOf } = assessYear(ctx, input);
  const perInstrument = usageOf();
  const w = yearWindow(input.year);
  const s = scopeSql(ctx, input.scope);
  const usage = new Map(perInstrument.map((u) => [u.id, u]));

  const wb = new ExcelJS.Workbook();
  wb.creator = 'open-instrument-voucher-desk';

  const inst = wb.addWorksheet('仪器记录');
  inst.columns = [
    ...INSTRUMENT_FIELD_LABELS.map((f) => {
      const header = f.key === 'originalValueFen' || f.key === 'referenceFeeFen' ? `${f.zh}（元）` : f.zh;
      return { header, key: f.key, width: Math.max(10, header.length * 2 + 2) };
    }),
    { header: '分类名称', key: 'categoryName', width: 24 },
    { header: '年度运行机时（小时）', key: 'runHours', width: 18 },
    { header: '年度对外服务机时（小时）', key: 'serviceHours', width: 20 },
  ];
  const instruments = listInstrumentsFull(ctx, { includeRetired: true, ...(input.scope.kind === 'lab' ? { labId: input.scope.labId } : {}) })
    .filter((i) => (i.retiredAt === null || i.retiredAt >= w.retiredAfter) && (input.scope.kind !== 'instrument' || i.id === input.scope.instrumentId));
  for (const i of instruments) {
    const u = usage.get(i.id);
    inst.addRow({
      ...i,
      originalValueFen: fenToYuanNumber(i.originalValueFen),
      referenceFeeFen: i.referenceFeeFen === null ? '' : fenToYuanNumber(i.referenceFeeFen),
      labId: i.labName ?? '',
      startUseDate: i.startUseDate ?? '',
      customsSupervised: i.customsSupervised ? '是' : '否',
      categoryName: categoryLabel(i.categoryCode) || (majorOf(i.categoryCode)?.name ?? ''),
      runHours: hoursOf(u?.sec ?? 0),
      serviceHours: hoursOf(u?.extSec ?? 0),
    });
  }

  const svc = wb.addWorksheet('服务记录');
  svc.columns = SERVICE_RECORD_COLUMNS.map((h) => ({ header: h, width: Math.max(10, h.length * 2) }));
  const records = ctx.db.prepare(`SELECT u.id, i.name_cn AS name, i.inner_id AS innerId, ${SERVICE_AMOUNT_SQL} AS amountFen, u.start_at AS startAt,
      u.end_at AS endAt, u.content, u.service_way AS way, u.user_name AS userName, u.user_unit AS userUnit, u.external,
      u.direction, u.satisfaction, ${CLIPPED_SECONDS} AS sec, coalesce(c.number, o.number) AS contractNumber
    FROM usage_logs u JOIN instruments i ON i.id = u.instrument_id LEFT JOIN contracts c ON c.id = u.contract_id
    LEFT JOIN orders o ON o.id = u.order_id
    WHERE ${USAGE_IN_YEAR} AND ${s.usage} ORDER BY u.start_at, u.id`).all({ ...windowParams(w), ...s.params }) as ServiceRow[];
  for (const r of records) {
    svc.addRow([r.name, r.innerId, fenToYuanNumber(r.amountFen), r.startAt.replace('T', ' '), r.endAt.replace('T', ' '), r.content, r.way,
      r.userName, r.userUnit, r.external ? '外部' : '内部', r.direction, r.satisfaction ?? '', hoursOf(r.sec), r.contractNumber ?? '', r.id]);
  }

  unitSheet(wb, result);
  for (const ws of [inst, svc]) {
    ws.getRow(1).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: reportFileName(result, 'xlsx'), mimeType: XLSX_MIME, dataBase64: buf.toString('base64') };
}
