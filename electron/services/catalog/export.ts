// The 单台套 upload workbook of the national platform: sheet 大型科研仪器, row 1 the column groups,
// row 2 the template's 40 headers in its order and wording, one instrument per row from row 3.
// .xlsx or the template's own Excel 97 .xls. A full export adds the sheet 工作台补充 with the desk's
// fields the template has no column for, so that the file imports back into a desk unchanged.
import { jobStep } from '../../core-host/job';
import { PassThrough } from 'node:stream';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import type { Instrument, InstrumentListQuery } from '../../../shared/catalog/instrument';
import { INSTRUMENT_FIELD_LABELS } from '../../../shared/catalog/instrument';
import { DESK_SHEET, DESK_SHEET_KEYS, TEMPLATE_COLUMNS, TEMPLATE_GROUPS, TEMPLATE_SHEET } from '../../../shared/catalog/template';
import type { FileDownload } from '../../../shared/ipc/catalog';
import { civilDateInShanghai } from '../../../shared/rules/civil-date';
import { CLIPPED_SECONDS, USAGE_IN_YEAR, windowParams, yearWindow } from '../assessment/window';
import type { ServiceContext } from '../context';
import { referenceFeeTexts } from './export-fees';
import { countInstruments, iterateInstrumentsFull, listInstrumentsFull } from './instruments';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const XLS_MIME = 'application/vnd.ms-excel';

/** Fen to a yuan number for a spreadsheet cell (two decimals, exact for any realistic amount). */
export function fenToYuanNumber(fen: number): number {
  return Number((fen / 100).toFixed(2));
}

/** 原值 as the template asks: 万元 with two decimals. */
export function fenToWanNumber(fen: number): number {
  return Number((fen / 1_000_000).toFixed(2));
}

/** "800元/小时", "12.50元/样"; '' when the desk has no fee. */
export function feeText(fen: number | null, unit: string): string {
  if (fen === null) return '';
  const yuan = fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2);
  return `${yuan}元${unit ? `/${unit}` : ''}`;
}

export interface YearHours { hours: number; externalHours: number }

/** 年运行机时 and 年对外服务机时 of each instrument in a year, from its usage records clipped to the year. */
export function annualHours(ctx: ServiceContext, year: number, instrumentId?: number): Map<number, YearHours> {
  const w = yearWindow(year);
  const one = instrumentId === undefined ? '' : 'AND u.instrument_id = @instrumentId';
  const rows = ctx.db.prepare(`SELECT u.instrument_id AS id, SUM(${CLIPPED_SECONDS}) AS sec, SUM(u.external * ${CLIPPED_SECONDS}) AS ext
    FROM usage_logs u WHERE ${USAGE_IN_YEAR} ${one} GROUP BY u.instrument_id`).all({ ...windowParams(w), ...(instrumentId === undefined ? {} : { instrumentId }) }) as { id: number; sec: number; ext: number }[];
  const h = (sec: number) => Math.round((sec / 3600) * 100) / 100;
  return new Map(rows.map((r) => [r.id, { hours: h(r.sec), externalHours: h(r.ext) }]));
}

type Cell = string | number;

/**
 * One instrument as the template's 40 cells. 参考收费标准: the instrument's rate table in force
 * (`rateFee`, export-fees.ts) when it has one, else the fee typed on the instrument.
 */
export function templateRow(i: Instrument, hours: YearHours | undefined, rateFee?: string): Cell[] {
  return TEMPLATE_COLUMNS.map(({ key }): Cell => {
    switch (key) {
      case 'annualHours': return hours?.hours ?? 0;
      case 'annualExternalHours': return hours?.externalHours ?? 0;
      case 'originalValueFen': return fenToWanNumber(i.originalValueFen);
      case 'referenceFeeFen': return rateFee || feeText(i.referenceFeeFen, i.feeUnit);
      case 'customsSupervised': return i.customsSupervised ? '是' : '否';
      case 'labId': return i.labName ?? '';
      default: {
        const v = i[key];
        return v === null || v === undefined ? '' : String(v);
      }
    }
  });
}

function deskRow(i: Instrument): Cell[] {
  return DESK_SHEET_KEYS.map((k) => {
    if (k === 'labId') return i.labName ?? '';
    if (k === 'referenceFeeFen') return feeText(i.referenceFeeFen, i.feeUnit);
    return String(i[k] ?? '');
  });
}

export interface TemplateExportOptions {
  format: 'xlsx' | 'xls';
  year: number;
  /** Add the sheet 工作台补充 (the platform reads only 大型科研仪器). */
  deskSheet: boolean;
}

const groupRow = (): Cell[] => TEMPLATE_COLUMNS.map((_, c) => TEMPLATE_GROUPS.find((g) => g.from === c + 1)?.name ?? '');
const columnWidth = (header: string) => Math.min(40, Math.max(10, header.length + 2));
const deskLabels = () => DESK_SHEET_KEYS.map((k) => INSTRUMENT_FIELD_LABELS.find((f) => f.key === k)!.zh);

/** The workbook in memory (SheetJS): the Excel 97 .xls the template itself uses. */
export function templateWorkbook(instruments: readonly Instrument[], hours: Map<number, YearHours>, deskSheet: boolean, fees: Map<number, string> = new Map()): XLSX.WorkBook {
  const aoa: Cell[][] = [groupRow(), TEMPLATE_COLUMNS.map((c) => c.header), ...instruments.map((i, n) => {
    jobStep(n, instruments.length);
    return templateRow(i, hours.get(i.id), fees.get(i.id));
  })];
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  ws['!merges'] = TEMPLATE_GROUPS.map((g) => ({ s: { r: 0, c: g.from - 1 }, e: { r: 0, c: g.to - 1 } }));
  ws['!cols'] = TEMPLATE_COLUMNS.map((c) => ({ wch: columnWidth(c.header) }));
  // 原值 with two decimals; the texts (codes, ids, dates) stay text so no leading zero is lost.
  const valueCol = TEMPLATE_COLUMNS.findIndex((c) => c.key === 'originalValueFen');
  for (let r = 2; r < aoa.length; r++) {
    const cell = ws[XLSX.utils.encode_cell({ r, c: valueCol })];
    if (cell) cell.z = '0.00';
  }
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, TEMPLATE_SHEET);
  if (deskSheet) {
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet([deskLabels(), ...instruments.map(deskRow)]), DESK_SHEET);
  }
  return wb;
}

/**
 * Every cell of a kind shares one style object: exceljs registers a style once per object (it keeps
 * a map by object), where a fresh empty style on each of a row's 40 cells was serialised again for
 * every cell, about half the export's time. The file is the same: the same style per cell type,
 * and '0.00' on 原值.
 */
function sharedStyles() {
  const value: Partial<ExcelJS.Style> = { numFmt: '0.00' };
  const byType = new Map<ExcelJS.ValueType, Partial<ExcelJS.Style>>();
  const ofType = (type: ExcelJS.ValueType) => {
    let style = byType.get(type);
    if (!style) { style = {}; byType.set(type, style); }
    return style;
  };
  return {
    apply(row: ExcelJS.Row, valueCol?: number) {
      row.eachCell({ includeEmpty: true }, (cell, col) => { cell.style = col === valueCol ? value : ofType(cell.type); });
    },
  };
}

/** The instruments of an export, read once per sheet (each read yields them one at a time). */
export interface InstrumentSource {
  total: number;
  rows(): Iterable<Instrument>;
}

/**
 * The .xlsx written row by row with exceljs's streaming writer: each row is committed (serialised
 * and dropped) as it is added, so the time grows linearly with the catalog; from an
 * InstrumentSource the records are read one at a time too, so neither the sheet nor the catalog is
 * held whole in memory; only the zipped bytes are.
 */
export function templateXlsx(instruments: readonly Instrument[] | InstrumentSource, hours: Map<number, YearHours>, deskSheet: boolean, fees: Map<number, string> = new Map()): Promise<Buffer> {
  const source: InstrumentSource = Array.isArray(instruments) ? { total: instruments.length, rows: () => instruments } : instruments as InstrumentSource;
  // The rows are written synchronously (a cancel at a jobStep throws to the caller before any
  // file exists); the zip is finished asynchronously.
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => { sink.on('end', resolve); sink.on('error', reject); });
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });
  const ws = wb.addWorksheet(TEMPLATE_SHEET);
  ws.columns = TEMPLATE_COLUMNS.map((c) => ({ width: columnWidth(c.header) }));
  const blank = (v: Cell) => (v === '' ? null : v);
  const groups = ws.addRow(groupRow().map(blank));
  for (const g of TEMPLATE_GROUPS) ws.mergeCells(1, g.from, 1, g.to);
  groups.commit();
  ws.addRow(TEMPLATE_COLUMNS.map((c) => c.header)).commit();
  // 原值 with two decimals; the texts (codes, ids, dates) stay text so no leading zero is lost.
  const valueCol = TEMPLATE_COLUMNS.findIndex((c) => c.key === 'originalValueFen') + 1;
  const styles = sharedStyles();
  let n = 0;
  for (const i of source.rows()) {
    jobStep(n++, source.total);
    const row = ws.addRow(templateRow(i, hours.get(i.id), fees.get(i.id)).map(blank));
    styles.apply(row, valueCol);
    row.commit();
  }
  ws.commit();
  if (deskSheet) {
    const desk = wb.addWorksheet(DESK_SHEET);
    desk.addRow(deskLabels()).commit();
    for (const i of source.rows()) {
      const row = desk.addRow(deskRow(i).map(blank));
      styles.apply(row);
      row.commit();
    }
    desk.commit();
  }
  return wb.commit().then(() => ended).then(() => Buffer.concat(chunks));
}

/** The catalog (same filter as the list) as the platform's 单台套 workbook. */
export function exportCatalog(ctx: ServiceContext, filter: InstrumentListQuery, options: TemplateExportOptions): Promise<FileDownload> {
  const today = civilDateInShanghai(ctx.now());
  const hours = annualHours(ctx, options.year);
  const fees = referenceFeeTexts(ctx, today);
  const bytes = options.format === 'xls'
    ? Promise.resolve(XLSX.write(templateWorkbook(listInstrumentsFull(ctx, filter), hours, options.deskSheet, fees), { type: 'buffer', bookType: 'biff8' }) as Buffer)
    : templateXlsx({ total: countInstruments(ctx, filter), rows: () => iterateInstrumentsFull(ctx, filter) }, hours, options.deskSheet, fees);
  const stamp = today.replace(/-/g, ''); // the office's date, not UTC's
  return bytes.then((buf) => ({
    fileName: `国家平台单台套-${options.year}-${stamp}.${options.format}`,
    mimeType: options.format === 'xls' ? XLS_MIME : XLSX_MIME,
    dataBase64: buf.toString('base64'),
  }));
}
