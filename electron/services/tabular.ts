import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { fail } from '../../shared/result';

export interface Table {
  encoding: 'utf8' | 'gbk' | 'xlsx';
  sheets: string[];
  headers: string[];
  /** Data rows with their row number in the file (the header is row 1). */
  rows: { n: number; cells: string[] }[];
}

const isBlank = (cells: string[]) => cells.every((v) => v === '');

/** Decodes CSV bytes: BOM or valid UTF-8 wins; otherwise GBK (what Excel on Chinese Windows writes). */
export function decodeText(bytes: Buffer, encoding: 'auto' | 'utf8' | 'gbk'): { text: string; encoding: 'utf8' | 'gbk' } {
  if (encoding === 'gbk') return { text: iconv.decode(bytes, 'gbk'), encoding: 'gbk' };
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf8' };
  } catch {
    if (encoding === 'utf8') fail('VALIDATION', '文件不是有效的 UTF-8 文本，请选择 GBK 编码', { field: 'encoding' });
    return { text: iconv.decode(bytes, 'gbk'), encoding: 'gbk' };
  }
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, commas inside quotes. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field); rows.push(row); row = []; field = '';
    } else field += c;
  }
  if (quoted) fail('VALIDATION', 'CSV 文件中有未闭合的引号', { field: 'file' });
  if (field !== '' || row.length) { row.push(field); rows.push(row); }
  return rows;
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // Excel dates carry no zone; exceljs hands them over as UTC midnight of the shown day.
    return value.toISOString().slice(0, 10);
  }
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((r) => r.text).join('');
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('text' in value) return String(value.text);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

export async function readTable(fileName: string, bytes: Buffer, encoding: 'auto' | 'utf8' | 'gbk', sheet?: string): Promise<Table> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.xlsx')) {
    const wb = new ExcelJS.Workbook();
    try {
      await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    } catch (e) {
      fail('VALIDATION', `无法读取 Excel 文件：${(e as Error).message}`, { field: 'file' });
    }
    const sheets = wb.worksheets.map((w) => w.name);
    const ws = sheet ? wb.getWorksheet(sheet) : wb.worksheets[0];
    if (!ws) fail('VALIDATION', sheet ? `工作表 ${sheet} 不存在` : '工作簿中没有工作表', { field: 'sheet' });
    const rows: { n: number; cells: string[] }[] = [];
    // exceljs computes columnCount by walking every row: read it once, not per cell.
    const columnCount = ws.columnCount;
    ws.eachRow({ includeEmpty: false }, (r) => {
      const cells: string[] = [];
      for (let c = 1; c <= columnCount; c++) cells.push(cellText(r.getCell(c).value).trim());
      rows.push({ n: r.number, cells });
    });
    const [header, ...body] = rows;
    return { encoding: 'xlsx', sheets, headers: header?.cells ?? [], rows: body.filter((r) => !isBlank(r.cells)) };
  }
  if (lower.endsWith('.csv') || lower.endsWith('.txt')) {
    const { text, encoding: used } = decodeText(bytes, encoding);
    const records = parseCsv(text).map((r, i) => ({ n: i + 1, cells: r.map((v) => v.trim()) }));
    const [header, ...body] = records;
    return { encoding: used, sheets: [], headers: header?.cells ?? [], rows: body.filter((r) => !isBlank(r.cells)) };
  }
  fail('VALIDATION', '只支持 .xlsx 与 .csv 文件', { field: 'fileName' });
}
