// 服务记录.xlsx: the contract's service records with machine hours, as the packet hands them in.
import ExcelJS from 'exceljs';
import { fenToYuanNumber } from '../catalog/export';
import type { ServiceRecord } from './service-records';

export const RECORD_COLUMNS = [
  { header: '序号', key: 'n', width: 6 },
  { header: '仪器编号', key: 'instrumentInnerId', width: 14 },
  { header: '仪器名称', key: 'instrumentName', width: 24 },
  { header: '开始时间', key: 'startAt', width: 18 },
  { header: '结束时间', key: 'endAt', width: 18 },
  { header: '机时(小时)', key: 'hours', width: 11 },
  { header: '服务方式', key: 'serviceWay', width: 10 },
  { header: '服务方向', key: 'direction', width: 10 },
  { header: '服务内容', key: 'content', width: 30 },
  { header: '金额(元)', key: 'amount', width: 12 },
  { header: '使用人', key: 'userName', width: 10 },
  { header: '使用单位', key: 'userUnit', width: 20 },
  { header: '对外服务', key: 'external', width: 9 },
  { header: '满意度', key: 'satisfaction', width: 8 },
];

export async function renderRecordsXlsx(contractNumber: string, records: ServiceRecord[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'open-instrument-voucher-desk';
  const ws = wb.addWorksheet('服务记录');
  ws.columns = RECORD_COLUMNS;
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  records.forEach((r, i) => ws.addRow({
    ...r,
    n: i + 1,
    startAt: r.startAt.replace('T', ' '),
    endAt: r.endAt.replace('T', ' '),
    hours: Number((r.minutes / 60).toFixed(2)),
    amount: fenToYuanNumber(r.amountFen),
    external: r.external ? '是' : '否',
    satisfaction: r.satisfaction ?? '',
  }));
  const totalMinutes = records.reduce((s, r) => s + r.minutes, 0);
  const totalFen = records.reduce((s, r) => s + r.amountFen, 0);
  const total = ws.addRow({ n: '合计', hours: Number((totalMinutes / 60).toFixed(2)), amount: fenToYuanNumber(totalFen), content: `合同 ${contractNumber}` });
  total.font = { bold: true };
  ws.getColumn('amount').numFmt = '#,##0.00';
  ws.getColumn('hours').numFmt = '0.00';
  return Buffer.from(await wb.xlsx.writeBuffer());
}
