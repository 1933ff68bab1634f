import ExcelJS from 'exceljs';
import { categoryLabel } from '../../../shared/catalog/categories';
import { INSTRUMENT_FIELD_LABELS, type InstrumentListQuery } from '../../../shared/catalog/instrument';
import type { FileDownload } from '../../../shared/ipc/catalog';
import { civilDateInShanghai } from '../../../shared/rules/civil-date';
import type { ServiceContext } from '../context';
import { listInstrumentsFull } from './instruments';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Fen to a yuan number for a spreadsheet cell (two decimals, exact for any realistic amount). */
export function fenToYuanNumber(fen: number): number {
  return Number((fen / 100).toFixed(2));
}

/** The catalog as .xlsx in the national platform's field order. */
export async function exportCatalog(ctx: ServiceContext, filter: InstrumentListQuery): Promise<FileDownload> {
  const rows = listInstrumentsFull(ctx, filter);
  const wb = new ExcelJS.Workbook();
  wb.creator = 'open-instrument-voucher-desk';
  const ws = wb.addWorksheet('仪器设备');
  ws.columns = [
    ...INSTRUMENT_FIELD_LABELS.map((f) => ({ header: f.zh, key: f.key, width: Math.max(10, f.zh.length * 2 + 2) })),
    { header: '分类名称', key: 'categoryName', width: 24 },
  ];
  ws.getRow(1).font = { bold: true };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
  for (const r of rows) {
    ws.addRow({
      ...r,
      originalValueFen: fenToYuanNumber(r.originalValueFen),
      referenceFeeFen: r.referenceFeeFen === null ? '' : fenToYuanNumber(r.referenceFeeFen),
      labId: r.labName ?? '',
      startUseDate: r.startUseDate ?? '',
      categoryName: categoryLabel(r.categoryCode),
    });
  }
  for (const key of ['originalValueFen', 'referenceFeeFen']) ws.getColumn(key).numFmt = '#,##0.00';
  const buf = Buffer.from(await wb.xlsx.writeBuffer());
  const stamp = civilDateInShanghai(ctx.now()).replace(/-/g, ''); // the office's date, not UTC's
  return { fileName: `仪器目录-${stamp}.xlsx`, mimeType: XLSX_MIME, dataBase64: buf.toString('base64') };
}
