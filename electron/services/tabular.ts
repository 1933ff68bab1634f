// Reads an uploaded sheet (.xlsx, .xls, .csv, or .txt: tab-separated or Unicode text) into a grid of cell texts, bounded before any cell is
// parsed: the unpacked size of an .xlsx, the rows and columns its cells name, the rows and columns of
// a CSV. A hostile file is refused with a reason within seconds instead of exhausting memory.
import * as XLSX from '@e965/xlsx';
import { unzipSync } from 'fflate';
import iconv from 'iconv-lite';
import { excelSerialDate } from '../../shared/catalog/platform';
import { refuse } from '../../shared/result';

/** Bounds of an import; a desk's catalog is far smaller (the list shows at most 20,000 rows). */
export const SHEET_LIMITS = {
  rows: 20_050, // data rows plus title and header rows
  columns: 256,
  /** Cells a sheet may name (20,000 instruments of the template's 40 columns are 800,000). */
  cells: 2_000_000,
  unpackedBytes: 200 * 1024 * 1024,
} as const;

export interface Grid {
  kind: 'xlsx' | 'xls' | 'csv';
  encoding: 'utf8' | 'gbk' | 'utf16le' | 'utf16be' | 'xlsx' | 'xls';
  sheets: string[];
  sheet: string | null;
  /** Every row of the sheet as trimmed cell texts, row i is the file's row i + 1. */
  rows: string[][];
  /** Other sheets read alongside (by name), for the desk's supplement sheet. */
  extra: Record<string, string[][]>;
  /** The workbook counts dates from 1904 (Excel for Mac): a bare serial in a date column reads that way too. */
  date1904: boolean;
}

/** The UTF-16 byte order mark that starts the bytes, if any (Excel's "Unicode text" is UTF-16LE with one). */
export function utf16Bom(bytes: Uint8Array): 'utf16le' | 'utf16be' | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf16be';
  return null;
}

/**
 * Decodes text bytes: a UTF-16 BOM (LE or BE) decides first, whatever encoding was chosen, since
 * the bytes cannot be read any other way; then a UTF-8 BOM or valid UTF-8; otherwise GBK (what
 * Excel on Chinese Windows writes).
 */
export function decodeText(bytes: Buffer, encoding: 'auto' | 'utf8' | 'gbk'): { text: string; encoding: 'utf8' | 'gbk' | 'utf16le' | 'utf16be' } {
  const utf16 = utf16Bom(bytes);
  if (utf16) {
    try {
      return { text: new TextDecoder(utf16 === 'utf16le' ? 'utf-16le' : 'utf-16be', { fatal: true }).decode(bytes.subarray(2)), encoding: utf16 };
    } catch {
      refuse('VALIDATION', 'import.unreadable', { field: 'file', params: { kind: 'Unicode (UTF-16)' } });
    }
  }
  if (encoding === 'gbk') return { text: iconv.decode(bytes, 'gbk'), encoding: 'gbk' };
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const body = hasBom ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(body), encoding: 'utf8' };
  } catch {
    if (encoding === 'utf8') refuse('VALIDATION', 'import.notUtf8', { field: 'encoding' });
    return { text: iconv.decode(bytes, 'gbk'), encoding: 'gbk' };
  }
}

/** RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF, commas inside quotes; bounded rows and columns. */
export function parseCsv(text: string, limits: { rows: number; columns: number } = SHEET_LIMITS, delimiter: ',' | '\t' = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const push = () => {
    row.push(field);
    field = '';
    const max = limits.columns;
    if (row.length > max) refuse('VALIDATION', 'import.tooManyColumns', { field: 'file', params: { cols: row.length, max } });
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) push();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      push(); rows.push(row); row = [];
      const max = limits.rows;
      if (rows.length > max) refuse('VALIDATION', 'import.tooManyRows', { field: 'file', params: { rows: rows.length, max } });
    } else field += c;
  }
  if (quoted) refuse('VALIDATION', 'import.unclosedQuote', { field: 'file' });
  if (field !== '' || row.length) { push(); rows.push(row); }
  return rows;
}

// A worksheet's row and cell tags (with or without a namespace prefix) and their r="…" references.
const SHEET_TAGS = /<(?:[A-Za-z_][\w.-]*:)?(row|c)\b([^>]*)>/g;
const REF_ATTR = /\br\s*=\s*["']([A-Z]{0,3})(\d{0,7})["']/;

function colNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Refuses a sheet that reaches beyond the rows, columns or cells an import takes. */
function checkReach(maxRow: number, maxCol: number, cells: number): void {
  if (maxCol > SHEET_LIMITS.columns) refuse('VALIDATION', 'import.tooManyColumns', { field: 'file', params: { cols: maxCol, max: SHEET_LIMITS.columns } });
  if (maxRow > SHEET_LIMITS.rows) refuse('VALIDATION', 'import.tooManyRows', { field: 'file', params: { rows: maxRow, max: SHEET_LIMITS.rows } });
  if (cells > SHEET_LIMITS.cells) refuse('VALIDATION', 'import.tooManyCells', { field: 'file', params: { cells, max: SHEET_LIMITS.cells } });
}

/**
 * Checks an .xlsx before SheetJS sees it: that it is an Excel workbook (not an .ods or .xlsb in
 * disguise), the zip's unpacked size, then in each worksheet the highest row and column any cell
 * reaches and the number of cells (a 12 KB file can name a cell in column XFD on a million rows).
 * Rows and cells without an r="…" reference follow the one before, as Excel places them.
 */
export function checkXlsxBounds(bytes: Uint8Array): void {
  let unpacked = 0;
  let workbook = false;
  const sheetFiles: string[] = [];
  try {
    unzipSync(bytes, {
      filter(f) {
        unpacked += f.originalSize;
        if (f.name === 'xl/workbook.xml') workbook = true;
        if (/^xl\/worksheets\/[^/]+\.xml$/.test(f.name)) sheetFiles.push(f.name);
        return false;
      },
    });
  } catch {
    refuse('VALIDATION', 'import.unreadable', { field: 'file', params: { kind: 'Excel (.xlsx)' } });
  }
  if (!workbook) refuse('VALIDATION', 'import.unreadable', { field: 'file', params: { kind: 'Excel (.xlsx)' } });
  if (unpacked > SHEET_LIMITS.unpackedBytes) {
    refuse('VALIDATION', 'import.tooLarge', { field: 'file', params: { mb: Math.round(unpacked / 1048576), max: SHEET_LIMITS.unpackedBytes / 1048576 } });
  }
  for (const name of sheetFiles) {
    const entry = unzipSync(bytes, { filter: (f) => f.name === name })[name];
    const xml = Buffer.from(entry.buffer, entry.byteOffset, entry.byteLength).toString('latin1');
    let row = 0, col = 0, maxRow = 0, maxCol = 0, cells = 0;
    SHEET_TAGS.lastIndex = 0;
    for (let m = SHEET_TAGS.exec(xml); m; m = SHEET_TAGS.exec(xml)) {
      const ref = REF_ATTR.exec(m[2]);
      if (m[1] === 'row') {
        row = ref?.[2] ? Number(ref[2]) : row + 1;
        col = 0;
      } else {
        col = ref?.[1] ? colNumber(ref[1]) : col + 1;
        if (ref?.[2]) row = Math.max(row, Number(ref[2]));
        cells++;
      }
      if (row > maxRow) maxRow = row;
      if (col > maxCol) maxCol = col;
      checkReach(maxRow, maxCol, cells);
    }
  }
}

/**
 * Checks a sheet written as markup (an HTML table or Excel 2003 XML saved as .xls, as many
 * systems export) before SheetJS sees it: rows, columns (with colspan, ss:Index, ss:MergeAcross)
 * and cells as they would be laid out.
 */
export function checkMarkupBounds(bytes: Uint8Array): void {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  const tags = /<(?:[A-Za-z_][\w.-]*:)?(tr|td|th|row|cell)\b([^>]*)>/gi;
  const num = (attrs: string, name: string) => {
    const m = new RegExp(`\\b(?:ss:)?${name}\\s*=\\s*["']?(\\d{1,9})`, 'i').exec(attrs);
    return m ? Number(m[1]) : null;
  };
  let row = 0, col = 0, maxRow = 0, maxCol = 0, cells = 0;
  for (let m = tags.exec(text); m; m = tags.exec(text)) {
    const tag = m[1].toLowerCase();
    const attrs = m[2];
    if (tag === 'tr' || tag === 'row') {
      row = num(attrs, 'Index') ?? row + 1;
      col = 0;
    } else {
      const index = num(attrs, 'Index');
      const start = index ?? col + 1;
      col = start + Math.max(0, (num(attrs, 'colspan') ?? 1) - 1) + (num(attrs, 'MergeAcross') ?? 0);
      const down = Math.max(0, (num(attrs, 'rowspan') ?? 1) - 1) + (num(attrs, 'MergeDown') ?? 0);
      if (row + down > maxRow) maxRow = row + down;
      cells++;
    }
    if (row > maxRow) maxRow = row;
    if (col > maxCol) maxCol = col;
    checkReach(maxRow, maxCol, cells);
  }
}

/** What the bytes are, whatever the file is called: a zip (.xlsx), an OLE file (Excel 97 .xls), markup or plain text. */
export function sniffKind(bytes: Uint8Array): 'zip' | 'ole' | 'markup' | 'text' {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) return 'zip';
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf && bytes[2] === 0x11 && bytes[3] === 0xe0) return 'ole';
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (i < bytes.length && i < 4096 && (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)) i++;
  return bytes[i] === 0x3c ? 'markup' : 'text';
}

function numberText(v: number): string {
  return String(Number(v.toPrecision(15)));
}

function cellText(cell: XLSX.CellObject | undefined, date1904: boolean): string {
  if (!cell || cell.v === undefined || cell.v === null) return '';
  switch (cell.t) {
    case 'n': {
      const v = cell.v as number;
      if (cell.z && XLSX.SSF.is_date(cell.z)) {
        const d = excelSerialDate(v, date1904);
        return d.ok ? d.value : numberText(v);
      }
      return numberText(v);
    }
    case 'b': return cell.v ? 'TRUE' : 'FALSE';
    case 'e': return '';
    case 'd': return (cell.v as Date).toISOString().slice(0, 10);
    default: return String(cell.v).trim();
  }
}

/** A worksheet as rows of texts, merged ranges filled with their top-left value (what the user sees). */
function sheetRows(ws: XLSX.WorkSheet, date1904: boolean): string[][] {
  const dense = (ws as unknown as { '!data'?: (XLSX.CellObject | undefined)[][] })['!data'] ?? [];
  const rows: string[][] = [];
  for (let r = 0; r < dense.length; r++) {
    const src = dense[r] ?? [];
    const out: string[] = [];
    for (let c = 0; c < src.length; c++) out.push(cellText(src[c], date1904));
    rows.push(out);
  }
  for (const m of ws['!merges'] ?? []) {
    const v = rows[m.s.r]?.[m.s.c] ?? '';
    if (v === '') continue;
    for (let r = m.s.r; r <= Math.min(m.e.r, rows.length - 1); r++) {
      for (let c = m.s.c; c <= Math.min(m.e.c, SHEET_LIMITS.columns - 1); c++) {
        if (r === m.s.r && c === m.s.c) continue;
        const row = rows[r] ?? (rows[r] = []);
        while (row.length < c) row.push('');
        if (!row[c]) row[c] = v;
      }
    }
  }
  return rows;
}

function readWorkbook(kind: 'xlsx' | 'xls', bytes: Buffer, sheet: string | undefined, extraSheets: readonly string[]): Grid {
  // SheetJS reads what the bytes are, not what the name says: each kind is bounded as what it is.
  const content = sniffKind(bytes);
  if (content === 'zip') checkXlsxBounds(bytes);
  else if (content === 'markup' && kind === 'xls') checkMarkupBounds(bytes);
  else if (content !== 'ole') refuse('VALIDATION', 'import.unreadable', { field: 'file', params: { kind: kind === 'xls' ? 'Excel 97–2003 (.xls)' : 'Excel (.xlsx)' } });
  let wb: XLSX.WorkBook;
  try {
    wb = XLSX.read(bytes, { type: 'buffer', dense: true, cellNF: true, cellDates: false, sheetRows: SHEET_LIMITS.rows + 1 });
  } catch {
    refuse('VALIDATION', 'import.unreadable', { field: 'file', params: { kind: kind === 'xls' ? 'Excel 97–2003 (.xls)' : 'Excel (.xlsx)' } });
  }
  const sheets = wb.SheetNames;
  if (!sheets.length) refuse('VALIDATION', 'import.empty', { field: 'file' });
  const name = sheet ?? sheets[0];
  const ws = wb.Sheets[name];
  if (!ws) refuse('VALIDATION', 'import.sheetMissing', { field: 'sheet', params: { sheet: name } });
  const date1904 = Boolean(wb.Workbook?.WBProps?.date1904);
  const rows = sheetRows(ws, date1904);
  const max = SHEET_LIMITS.rows;
  if (rows.length > max) refuse('VALIDATION', 'import.tooManyRows', { field: 'file', params: { rows: rows.length, max } });
  const widest = rows.reduce((a, r) => Math.max(a, r.length), 0);
  if (widest > SHEET_LIMITS.columns) refuse('VALIDATION', 'import.tooManyColumns', { field: 'file', params: { cols: widest, max: SHEET_LIMITS.columns } });
  const extra: Record<string, string[][]> = {};
  for (const x of extraSheets) if (x !== name && wb.Sheets[x]) extra[x] = sheetRows(wb.Sheets[x], date1904);
  return { kind, encoding: kind, sheets, sheet: name, rows, extra, date1904 };
}

/** Reads the file into a grid; `extraSheets` names sheets read as well when present. */
export function readGrid(fileName: string, bytes: Buffer, encoding: 'auto' | 'utf8' | 'gbk', sheet?: string, extraSheets: readonly string[] = []): Grid {
  const lower = fileName.toLowerCase();
  const workbook = lower.endsWith('.xlsx') || lower.endsWith('.xlsm') ? 'xlsx' : lower.endsWith('.xls') ? 'xls' : null;
  const text = lower.endsWith('.csv') || lower.endsWith('.txt');
  if (!workbook && !text) refuse('VALIDATION', 'import.fileType', { field: 'fileName' });
  const content = sniffKind(bytes);
  // A workbook under another name is read as the workbook it is (an .xlsx saved as .xls, an .xls as .csv).
  if (content === 'zip') return readWorkbook('xlsx', bytes, sheet, extraSheets);
  if (content === 'ole') return readWorkbook('xls', bytes, sheet, extraSheets);
  if (workbook && (content === 'markup' || workbook === 'xlsx')) return readWorkbook(workbook, bytes, sheet, extraSheets);
  // CSV, or tab-separated text saved as .xls (what many systems export): the bounded text reader.
  const { text: body, encoding: used } = decodeText(bytes, encoding);
  const firstLine = body.slice(0, body.search(/\r|\n|$/));
  // Tab-separated: text saved as .xls, Excel's "Unicode text" (UTF-16, always tabs), or a first line with tabs and no comma.
  const tabbed = workbook !== null || used === 'utf16le' || used === 'utf16be';
  const delimiter = firstLine.includes('\t') && (tabbed || !firstLine.includes(',')) ? '\t' : ',';
  const rows = parseCsv(body, SHEET_LIMITS, delimiter).map((r) => r.map((v) => v.trim()));
  return { kind: 'csv', encoding: used, sheets: [], sheet: null, rows, extra: {}, date1904: false };
}

export interface Table {
  encoding: Grid['encoding'];
  sheets: string[];
  headers: string[];
  /** Data rows with their row number in the file. */
  rows: { n: number; cells: string[] }[];
}

/** The grid read with row `headerRow` (1-based) as the header: blank rows dropped, headers made unique. */
export function tableOf(grid: Grid, headerRow: number): Table {
  const raw = grid.rows[headerRow - 1] ?? [];
  const width = Math.max(raw.length, ...grid.rows.slice(headerRow).map((r) => r.length));
  const seen = new Map<string, number>();
  const headers: string[] = [];
  for (let c = 0; c < width; c++) {
    let h = (raw[c] ?? '').trim() || `列${XLSX.utils.encode_col(c)}`;
    const n = (seen.get(h) ?? 0) + 1;
    seen.set(h, n);
    if (n > 1) h = `${h}（${n}）`;
    headers.push(h);
  }
  const rows: Table['rows'] = [];
  for (let i = headerRow; i < grid.rows.length; i++) {
    const cells = grid.rows[i];
    if (!cells || cells.every((v) => v === '')) continue;
    rows.push({ n: i + 1, cells: headers.map((_, c) => cells[c] ?? '') });
  }
  return { encoding: grid.encoding, sheets: grid.sheets, headers, rows };
}

/** Compatibility: the first row as the header. */
export async function readTable(fileName: string, bytes: Buffer, encoding: 'auto' | 'utf8' | 'gbk', sheet?: string): Promise<Table> {
  return tableOf(readGrid(fileName, bytes, encoding, sheet), 1);
}
