import ExcelJS from 'exceljs';
import type { FileDownload } from '../../../shared/ipc/catalog';
import type { AuditRow } from '../../../shared/ipc/system';
import { listAudit } from '../audit';
import { XLSX_MIME } from '../catalog/export';
import type { ServiceContext } from '../context';
import { shanghaiStamp } from './names';

const COLUMNS: { key: keyof AuditRow; header: string; width: number }[] = [
  { key: 'id', header: '序号 (id)', width: 8 },
  { key: 'at', header: '时间 UTC (at)', width: 26 },
  { key: 'actor', header: '操作人 (actor)', width: 14 },
  { key: 'action', header: '操作 (action)', width: 22 },
  { key: 'entity', header: '对象 (entity)', width: 14 },
  { key: 'entityId', header: '对象编号 (entity id)', width: 24 },
  { key: 'detail', header: '详情 (detail)', width: 80 },
];

/** Spreadsheet apps run cells starting with = + - @ as formulas: neutralise them (CSV injection). */
function safeCell(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function auditToCsv(rows: AuditRow[]): string {
  const lines = [COLUMNS.map((c) => csvField(c.header)).join(',')];
  for (const r of rows) lines.push(COLUMNS.map((c) => csvField(safeCell(r[c.key]))).join(','));
  // BOM so Excel on Chinese Windows reads UTF-8.
  return '\uFEFF' + lines.join('\r\n') + '\r\n';
}

/** The whole audit trail (oldest first), optionally for one entity, as .xlsx or .csv. */
export async function exportAudit(ctx: ServiceContext, opts: { format: 'xlsx' | 'csv'; entity?: string }): Promise<FileDownload> {
  const rows = listAudit(ctx, { entity: opts.entity, limit: -1, offset: 0 }).reverse();
  const stamp = shanghaiStamp(ctx.now());
  if (opts.format === 'csv') {
    return { fileName: `审计日志-${stamp}.csv`, mimeType: 'text/csv', dataBase64: Buffer.from(auditToCsv(rows), 'utf8').toString('base64') };
  }
  const wb = new ExcelJS.Workbook();
  wb.creator = 'open-instrument-voucher-desk';
  const ws = wb.addWorksheet('审计日志');
  ws.columns = COLUMNS.map((c) => ({ header: c.header, key: c.key, width: c.width }));
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) ws.addRow(Object.fromEntries(COLUMNS.map((c) => [c.key, c.key === 'id' ? r.id : safeCell(r[c.key])])));
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  return { fileName: `审计日志-${stamp}.xlsx`, mimeType: XLSX_MIME, dataBase64: buf.toString('base64') };
}
