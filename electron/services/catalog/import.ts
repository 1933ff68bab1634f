// Import of the office's own instrument sheets and of the platform's 单台套 template: the header row is
// found under title and group rows, headers map to fields by the template's wording and common
// lab-sheet names, and every value goes through the same normalisers (shared/catalog/platform).
// One parse serves every step of the wizard: the grid is kept under a parse id for a while.
import { createHash, randomUUID } from 'node:crypto';
import * as XLSX from '@e965/xlsx';
import { INSTRUMENT_FIELD_LABELS, instrumentInputSchema, type InstrumentFields } from '../../../shared/catalog/instrument';
import {
  foldCode, foldWidth, headerMoneyUnit, normaliseCarrierType, normaliseDateCell, normaliseDisciplines, normaliseFundingSources,
  normaliseShareMode, normaliseSource, normaliseStatus, normaliseUsageKind, normaliseYesNo, parseFeeText, type Normalised,
} from '../../../shared/catalog/platform';
import { DESK_SHEET, headerCore, TEMPLATE_COLUMNS } from '../../../shared/catalog/template';
import type { FileDownload, ImportCommitResult, ImportIssue, ImportParseResult, ImportValidation } from '../../../shared/ipc/catalog';
import { issuesOfZod } from '../../../shared/issues';
import { refuse, type Params } from '../../../shared/result';
import { parseMoneyText } from '../../../shared/rules';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { readGrid, tableOf, type Grid, type Table } from '../tabular';
import { XLSX_MIME } from './export';
import { insertInstrumentRow, updateInstrumentRow } from './instruments';
import { jobStep } from '../../core-host/job';
import { readGridOffThread } from './import-read';
import { findOrCreateLab } from './labs';

type FieldKey = keyof InstrumentFields;
export type Mapping = Record<string, string | null>;

// Lab-sheet names beyond the template's headers and the desk's labels.
const SYNONYMS: Partial<Record<FieldKey, string[]>> = {
  innerId: ['仪器编号', '设备编号', '内部编号', '所在单位内部编号', '仪器设备编号', '编号'],
  assetNo: ['所在单位仪器编号', '资产编号', '固定资产编号', '资产号', '国资编号', '资产登记号'],
  nameCn: ['仪器名称', '名称', '设备名称', '中文名称', '仪器设备名称', '资产名称'],
  nameEn: ['英文名称', 'name_en', '英文名'],
  categoryCode: ['分类编码', '分类代码', '仪器分类', '分类号', '仪器分类编码', '分类'],
  source: ['仪器来源', '来源', '设备来源', '取得方式'],
  customsSupervised: ['海关监管', '是否海关监管'],
  originalValueFen: ['原值', '仪器原值', '价格', '单价', '金额', '购置金额', '原价', '购置价格'],
  country: ['产地国别', '国别', '产地', '生产国别'],
  manufacturer: ['生产制造商', '制造商', '生产厂家', '厂家', '生产厂商', '厂商', '品牌'],
  bookedDate: ['建账日期', '购置日期', '入账日期', '购买日期', '购入日期'],
  usageKind: ['仪器类别', '通用/专用', '仪器设备类别'],
  model: ['规格型号', '型号', '规格'],
  specs: ['主要技术指标', '技术指标', '性能指标'],
  functions: ['主要功能', '功能', '功能特色'],
  discipline: ['主要学科领域', '学科领域', '学科'],
  fundingSources: ['主要购置经费来源', '经费来源', '资金来源'],
  serviceContent: ['服务内容', '测试项目', '分析测试项目'],
  imageName: ['图片', '照片', '图片文件名'],
  userNotice: ['用户须知', '使用须知', '注意事项'],
  referenceFeeFen: ['参考收费标准', '收费标准', '收费', '测试费'],
  feeUnit: ['收费单位', '计费单位'],
  bookingUrl: ['预约服务网址', '预约网址', '预约链接'],
  addrProvince: ['省', '省份'],
  addrCity: ['市', '城市'],
  addrDistrict: ['区县', '区/县'],
  addrStreet: ['街道', '街道（乡镇）', '乡镇'],
  location: ['安放地点', '放置地点', '安放地址', '存放地点', '地点', '房间', '安放位置'],
  contactName: ['联系人', '负责人', '仪器负责人'],
  contactPhone: ['电话', '联系电话', '手机', '联系方式'],
  contactEmail: ['电子邮箱', '邮箱', 'email', 'e-mail'],
  mailAddress: ['通讯地址', '通信地址'],
  postcode: ['邮政编码', '邮编'],
  customsDeclarationNo: ['报关单编号', '报关单号'],
  customsItemNo: ['报关单项号', '项号'],
  customsReleaseDate: ['放行日期'],
  customsName: ['报关名称', '报关单名称'],
  startUseDate: ['启用日期', '启用时间', '投入使用日期'],
  status: ['运行状态', '状态', '使用状态', '设备状态', '仪器状态'],
  shareMode: ['共享模式', '共享方式', '开放方式', '共享情况'],
  sharingRules: ['开放共享制度', '共享制度'],
  labId: ['所属实验室', '实验室', '所属平台'],
  department: ['所属部门', '部门', '院系', '使用部门'],
};

const FIELD_KEYS = INSTRUMENT_FIELD_LABELS.map((f) => f.key);

/** Primary names (the template's header, the desk's label) and synonyms of each field, as header cores. */
const PRIMARY = new Map<FieldKey, string[]>();
const SECONDARY = new Map<FieldKey, string[]>();
for (const f of INSTRUMENT_FIELD_LABELS) {
  const template = TEMPLATE_COLUMNS.filter((c) => c.key === f.key).map((c) => c.header);
  PRIMARY.set(f.key, [...template, f.zh].map(headerCore));
  SECONDARY.set(f.key, [f.en, ...(SYNONYMS[f.key] ?? [])].map(headerCore));
}
const COMPUTED_CORES = new Set(TEMPLATE_COLUMNS.filter((c) => c.key === 'annualHours' || c.key === 'annualExternalHours').map((c) => headerCore(c.header)));
const KNOWN_CORES = new Set([...PRIMARY.values(), ...SECONDARY.values()].flat().concat([...COMPUTED_CORES]));

/** Suggested column for each field: the template's wording first, then the lab-sheet names; one column serves one field. */
export function suggestMapping(headers: readonly string[]): Mapping {
  const cores = headers.map(headerCore);
  const used = new Set<number>();
  const mapping: Mapping = Object.fromEntries(FIELD_KEYS.map((k) => [k, null]));
  for (const names of [PRIMARY, SECONDARY]) {
    for (const key of FIELD_KEYS) {
      if (mapping[key] !== null) continue;
      const idx = cores.findIndex((c, i) => !used.has(i) && names.get(key)!.includes(c));
      if (idx >= 0) { mapping[key] = headers[idx]; used.add(idx); }
    }
  }
  // An office sheet that numbers its instruments only by 资产编号: that number is the 仪器编号 as well.
  if (mapping.innerId === null && mapping.assetNo !== null) mapping.innerId = mapping.assetNo;
  return mapping;
}

/** Headers of 年运行机时 / 年对外服务机时: computed from usage records, never imported. */
export function computedHeaders(headers: readonly string[]): string[] {
  return headers.filter((h) => COMPUTED_CORES.has(headerCore(h)));
}

const HEADER_SCAN_ROWS = 30;

/** The header row (1-based): among the first rows, the one naming most known columns; else the first row with two cells. */
export function detectHeaderRow(grid: Grid): number {
  let best = 0;
  let bestScore = 1;
  for (let i = 0; i < Math.min(HEADER_SCAN_ROWS, grid.rows.length); i++) {
    const cells = new Set((grid.rows[i] ?? []).filter(Boolean).map(headerCore));
    let score = 0;
    for (const c of cells) if (KNOWN_CORES.has(c)) score++;
    if (score > bestScore) { best = i + 1; bestScore = score; }
  }
  if (best) return best;
  const first = grid.rows.findIndex((r) => r.filter(Boolean).length >= 2);
  return first >= 0 ? first + 1 : 1;
}

// —— the parse cache: one parse per file serves every wizard step ——

interface Parsed { id: string; fileName: string; grid: Grid; at: number }
const PARSES = new Map<string, Parsed>();
const PARSE_TTL_MS = 60 * 60 * 1000;
const PARSE_KEEP = 4;

function remember(fileName: string, grid: Grid): Parsed {
  const now = Date.now();
  for (const [k, p] of PARSES) if (now - p.at > PARSE_TTL_MS) PARSES.delete(k);
  while (PARSES.size >= PARSE_KEEP) PARSES.delete(PARSES.keys().next().value!);
  const p = { id: randomUUID(), fileName, grid, at: now };
  PARSES.set(p.id, p);
  return p;
}

function parsedOf(parseId: string): Parsed {
  const p = PARSES.get(parseId);
  if (!p) refuse('VALIDATION', 'import.parseExpired', { field: 'file' });
  p.at = Date.now();
  return p;
}

export interface ImportSource {
  fileName: string;
  dataBase64: string;
  encoding: 'auto' | 'utf8' | 'gbk';
  sheet?: string;
}

export type ImportRef = ({ parseId: string } | ImportSource) & { headerRow?: number };

function gridOf(input: ImportRef): { fileName: string; grid: Grid } {
  if ('parseId' in input) { const p = parsedOf(input.parseId); return { fileName: p.fileName, grid: p.grid }; }
  return { fileName: input.fileName, grid: readGrid(input.fileName, Buffer.from(input.dataBase64, 'base64'), input.encoding, input.sheet, [DESK_SHEET]) };
}

function headerRowOf(grid: Grid, headerRow: number | undefined): number {
  const max = Math.min(HEADER_SCAN_ROWS * 4, Math.max(1, grid.rows.length));
  if (headerRow === undefined) return detectHeaderRow(grid);
  if (headerRow < 1 || headerRow > max) refuse('VALIDATION', 'import.headerRow', { field: 'headerRow', params: { max } });
  return headerRow;
}

function headerKey(headers: readonly string[]): string {
  return createHash('sha256').update(headers.map(headerCore).join('\u0001')).digest('hex');
}

function rememberedMapping(ctx: ServiceContext, headers: readonly string[]): Mapping | null {
  const row = ctx.db.prepare('SELECT mapping FROM import_mappings WHERE header_key = ?').pluck().get(headerKey(headers)) as string | undefined;
  if (!row) return null;
  const m = JSON.parse(row) as Mapping;
  const present = new Set(headers);
  // Only a mapping that still fits these headers is offered; fields added since map by name.
  const suggested = suggestMapping(headers);
  return Object.fromEntries(FIELD_KEYS.map((k) => [k, k in m ? (m[k] && present.has(m[k]!) ? m[k] : null) : suggested[k]]));
}

const TOP_ROWS = 15;
const clip = (s: string) => (s.length > 60 ? `${s.slice(0, 59)}…` : s);

/**
 * Reads the file in a worker thread (import-read.ts), so the core host keeps answering other calls
 * meanwhile, or reuses an earlier parse for another header row: sheets, the detected header row,
 * the first rows to pick another, headers and the suggested or remembered mapping.
 */
export async function parseImportOffThread(ctx: ServiceContext, input: ImportRef & { sheet?: string }): Promise<ImportParseResult> {
  if ('parseId' in input) return describeParse(ctx, keptParse(input), input.headerRow);
  // The file type is refused before a worker starts (readGrid reads these endings).
  if (!/\.(xlsx|xlsm|xls|csv|txt)$/i.test(input.fileName)) refuse('VALIDATION', 'import.fileType', { field: 'fileName' });
  const grid = await readGridOffThread({
    fileName: input.fileName, bytes: Buffer.from(input.dataBase64, 'base64'), encoding: input.encoding, sheet: input.sheet, extraSheets: [DESK_SHEET],
  });
  // The user may have cancelled while the file was read: nothing is kept then.
  jobStep(1, 1);
  return describeParse(ctx, remember(input.fileName, grid), input.headerRow);
}

function keptParse(input: { parseId: string; sheet?: string }): Parsed {
  const prev = parsedOf(input.parseId);
  if (input.sheet !== undefined && input.sheet !== prev.grid.sheet) refuse('VALIDATION', 'import.parseExpired', { field: 'sheet' });
  return prev;
}

function describeParse(ctx: ServiceContext, parsed: Parsed, requestedHeaderRow: number | undefined): ImportParseResult {
  const input = { headerRow: requestedHeaderRow };
  const { grid } = parsed;
  const headerRow = headerRowOf(grid, input.headerRow);
  const table = tableOf(grid, headerRow);
  if (!table.headers.length) refuse('VALIDATION', 'import.empty', { field: 'file' });
  const remembered = rememberedMapping(ctx, table.headers);
  return {
    parseId: parsed.id,
    encoding: grid.encoding,
    sheets: grid.sheets,
    sheet: grid.sheet,
    headerRow,
    topRows: grid.rows.slice(0, TOP_ROWS).map((r) => r.slice(0, 40).map(clip)),
    headers: table.headers,
    rowCount: table.rows.length,
    sampleRows: table.rows.slice(0, 10).map((r) => r.cells),
    suggestedMapping: remembered ?? suggestMapping(table.headers),
    mappingRemembered: remembered !== null,
    computedColumns: computedHeaders(table.headers),
  };
}

// —— values ——

type Raw = Record<string, unknown>;
const CODE_FIELDS = new Set<FieldKey>(['innerId', 'assetNo', 'carrierNo', 'contactPhone', 'contactEmail', 'postcode', 'customsDeclarationNo', 'customsItemNo', 'bookingUrl', 'imageName']);
const DATE_FIELDS = new Set<FieldKey>(['bookedDate', 'startUseDate', 'customsReleaseDate']);
const ENUMS: Partial<Record<FieldKey, (v: string) => Normalised<string>>> = {
  status: normaliseStatus, shareMode: normaliseShareMode, source: normaliseSource, usageKind: normaliseUsageKind, carrierType: normaliseCarrierType,
  discipline: normaliseDisciplines, fundingSources: normaliseFundingSources,
};

interface Problem { reason: string; params: Params }

/** One cell into the value the schema checks, or the reason it cannot be read. */
export function normaliseCell(key: FieldKey, value: string, column: string, date1904 = false): { value: unknown } | Problem {
  if (DATE_FIELDS.has(key)) {
    const d = normaliseDateCell(value, date1904);
    return d.ok ? { value: d.value } : { reason: d.reason, params: { ...d.params } };
  }
  if (key === 'customsSupervised') {
    const yn = normaliseYesNo(value);
    return yn.ok ? { value: yn.value } : { reason: yn.reason, params: { ...yn.params } };
  }
  const en = ENUMS[key];
  if (en) {
    const r = en(value);
    return r.ok ? { value: r.value } : { reason: r.reason, params: { ...r.params } };
  }
  if (key === 'originalValueFen') {
    const unit = headerMoneyUnit(column);
    const text = foldCode(value);
    const inWan = unit === '万元' && !/[万元]/.test(text);
    const m = parseMoneyText(inWan ? `${text}万` : text);
    return m.ok ? { value: m.fen } : { reason: 'import.money', params: { value, unit } };
  }
  if (key === 'categoryCode') {
    let code = foldCode(value);
    const lead = /^(\d{6})(?:\s+\S.*)?$/.exec(code); // "010501 气相色谱仪"
    if (lead) code = lead[1];
    if (/^\d{5}$/.test(code)) code = `0${code}`; // a numeric cell loses the leading zero of 01–09
    return { value: code };
  }
  if (CODE_FIELDS.has(key)) return { value: foldCode(value) };
  return { value: foldWidth(value) };
}

/** The fee column: "800元/样" gives fee and unit; a bare amount needs the fee-unit column. */
function feeCell(value: string, column: string): { fen: number; unit: string | null } | Problem {
  const f = parseFeeText(value);
  if (!f.ok) return { reason: f.reason, params: { ...f.params } };
  const wan = f.value.wan || (headerMoneyUnit(column) === '万元');
  const m = parseMoneyText(`${f.value.yuanText}${wan ? '万' : ''}`);
  if (!m.ok) return { reason: 'import.money', params: { value, unit: wan ? '万元' : '元' } };
  return { fen: m.fen, unit: f.value.unit };
}

interface RowOutcome {
  row: number;
  fields?: InstrumentFields;
  labName?: string;
  issues: ImportIssue[];
}

/** The supplement sheet of a full export: desk fields by 仪器编号. */
function supplementOf(grid: Grid): Map<string, Record<string, string>> {
  const rows = grid.extra[DESK_SHEET];
  const out = new Map<string, Record<string, string>>();
  if (!rows?.length) return out;
  const labels = new Map(INSTRUMENT_FIELD_LABELS.map((f) => [headerCore(f.zh), f.key]));
  const keys = rows[0].map((h) => labels.get(headerCore(h)) ?? null);
  const idCol = keys.indexOf('innerId');
  if (idCol < 0) return out;
  for (const r of rows.slice(1)) {
    const id = foldCode(r[idCol] ?? '');
    if (!id) continue;
    const rec: Record<string, string> = {};
    keys.forEach((k, c) => { if (k && k !== 'innerId') rec[k] = r[c] ?? ''; });
    out.set(id, rec);
  }
  return out;
}

function convertRow(table: Table, mapping: Mapping, r: { n: number; cells: string[] }, supplement: Map<string, Record<string, string>>, date1904: boolean): RowOutcome {
  const issues: ImportIssue[] = [];
  const raw: Raw = {};
  let labName: string | undefined;
  const colIndex = new Map(table.headers.map((h, i) => [h, i]));
  const cells = new Map<FieldKey, { value: string; column: string }>();
  for (const key of FIELD_KEYS) {
    const column = mapping[key];
    if (!column) continue;
    const idx = colIndex.get(column);
    if (idx === undefined) { issues.push({ row: r.n, field: key, column, reason: 'import.columnMissing', params: { column } }); continue; }
    cells.set(key, { value: (r.cells[idx] ?? '').trim(), column });
  }
  const id = cells.get('innerId') ? foldCode(cells.get('innerId')!.value) : '';
  const extra = id ? supplement.get(id) : undefined;
  if (extra) for (const [k, v] of Object.entries(extra)) if (!cells.has(k as FieldKey)) cells.set(k as FieldKey, { value: v.trim(), column: DESK_SHEET });
  // The template's 参考收费标准 of an exported instrument with a rate table is that table's text; the
  // supplement sheet then holds the fee typed on the instrument, which is what the record keeps.
  const fee = cells.get('referenceFeeFen');
  if (extra && extra.referenceFeeFen !== undefined && fee && fee.column !== DESK_SHEET && fee.value !== '' && !parseFeeText(fee.value).ok) {
    cells.set('referenceFeeFen', { value: extra.referenceFeeFen.trim(), column: DESK_SHEET });
  }

  for (const [key, { value, column }] of cells) {
    if (value === '') continue; // the field's default (or required-field refusal) applies
    if (key === 'labId') { labName = foldWidth(value); continue; }
    if (key === 'referenceFeeFen') {
      const fee = feeCell(value, column);
      if ('reason' in fee) { issues.push({ row: r.n, field: key, column, reason: fee.reason, params: fee.params }); continue; }
      raw.referenceFeeFen = fee.fen;
      if (fee.unit !== null && !cells.get('feeUnit')?.value) raw.feeUnit = fee.unit;
      else if (fee.unit === null && !cells.get('feeUnit')?.value) issues.push({ row: r.n, field: key, column, reason: 'import.feeUnitMissing', params: { value } });
      continue;
    }
    const v = normaliseCell(key, value, column, date1904);
    if ('reason' in v) { issues.push({ row: r.n, field: key, column, reason: v.reason, params: v.params }); continue; }
    raw[key] = v.value;
  }
  const parsed = instrumentInputSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of issuesOfZod(parsed.error, raw)) {
      if (issues.some((i) => i.field === issue.field)) continue;
      issues.push({ row: r.n, field: issue.field, column: mapping[issue.field] ?? null, reason: issue.reason ?? 'field.invalid', params: { ...issue.params, ...(raw[issue.field] !== undefined ? { value: String(raw[issue.field]) } : {}) } });
    }
  }
  if (issues.length || !parsed.success) return { row: r.n, issues };
  return { row: r.n, fields: parsed.data, labName, issues };
}

function convertAll(grid: Grid, table: Table, mapping: Mapping): RowOutcome[] {
  const supplement = supplementOf(grid);
  const outcomes = table.rows.map((r) => convertRow(table, mapping, r, supplement, grid.date1904));
  // The same inner id twice in one file (ＢＪ－００１ and BJ-001 alike) is an error on the later row.
  const firstRow = new Map<string, number>();
  for (const o of outcomes) {
    if (!o.fields) continue;
    const seen = firstRow.get(o.fields.innerId);
    if (seen !== undefined) {
      o.issues.push({ row: o.row, field: 'innerId', column: mapping.innerId ?? null, reason: 'import.duplicateInFile', params: { value: o.fields.innerId, first: seen } });
      delete o.fields;
    } else firstRow.set(o.fields.innerId, o.row);
  }
  return outcomes;
}

/** Existing inner ids, folded the same way as the file's. */
function existingIds(ctx: ServiceContext): Map<string, number> {
  const rows = ctx.db.prepare('SELECT inner_id AS innerId, id FROM instruments').all() as { innerId: string; id: number }[];
  return new Map(rows.map((r) => [foldCode(r.innerId), r.id]));
}

function prepared(input: ImportRef): { fileName: string; grid: Grid; table: Table } {
  const { fileName, grid } = gridOf(input);
  const table = tableOf(grid, headerRowOf(grid, input.headerRow));
  return { fileName, grid, table };
}

const TOTAL_LABEL = /^(合计|总计|小计)(?:[:：(（].*)?$/;
const totalLabel = (cell: string) => TOTAL_LABEL.test(foldWidth(cell).replace(/\s+/g, ''));

/**
 * The total rows at the bottom of an office sheet (one or more, bottom up): the first non-empty
 * cell is 合计, 总计 or 小计, or the identity columns (仪器编号, 名称) are empty and a cell says so.
 */
export function trailingTotalRows(table: Table, mapping: Mapping): { row: number; label: string }[] {
  const idCols = [mapping.innerId, mapping.nameCn].filter((c): c is string => !!c).map((c) => table.headers.indexOf(c)).filter((i) => i >= 0);
  const out: { row: number; label: string }[] = [];
  for (let i = table.rows.length - 1; i >= 0; i--) {
    const { n, cells } = table.rows[i];
    const first = cells.find((c) => c.trim() !== '') ?? '';
    const identityEmpty = idCols.length > 0 && idCols.every((c) => (cells[c] ?? '').trim() === '');
    const label = totalLabel(first) ? first : identityEmpty ? cells.find(totalLabel) : undefined;
    if (label === undefined) break;
    out.unshift({ row: n, label: label.trim() });
  }
  return out;
}

/** The table without its trailing total rows, and those rows. */
function withoutTotals(table: Table, mapping: Mapping): { table: Table; totalRows: { row: number; label: string }[] } {
  const totalRows = trailingTotalRows(table, mapping);
  if (!totalRows.length) return { table, totalRows };
  const skip = new Set(totalRows.map((t) => t.row));
  return { table: { ...table, rows: table.rows.filter((r) => !skip.has(r.n)) }, totalRows };
}

export function validateImport(ctx: ServiceContext, input: ImportRef & { mapping: Mapping }): ImportValidation {
  const { grid, table: sheet } = prepared(input);
  const { table, totalRows } = withoutTotals(sheet, input.mapping);
  const outcomes = convertAll(grid, table, input.mapping);
  const existing = existingIds(ctx);
  const valid = outcomes.filter((o) => o.fields);
  return {
    total: outcomes.length,
    valid: valid.length,
    issues: outcomes.flatMap((o) => o.issues),
    duplicates: valid.filter((o) => existing.has(o.fields!.innerId)).length,
    totalRows,
    preview: valid.slice(0, 50).map((o) => ({
      row: o.row,
      innerId: o.fields!.innerId,
      nameCn: o.fields!.nameCn,
      categoryCode: o.fields!.categoryCode,
      originalValueFen: o.fields!.originalValueFen,
      duplicate: existing.has(o.fields!.innerId),
    })),
  };
}

/** Writes the valid rows in one transaction; invalid rows are never written. The mapping is remembered. */
export function commitImport(
  ctx: ServiceContext,
  input: ImportRef & { mapping: Mapping; onDuplicate: 'skip' | 'update' },
): ImportCommitResult {
  const { fileName, grid, table: sheet } = prepared(input);
  const { table, totalRows } = withoutTotals(sheet, input.mapping);
  const outcomes = convertAll(grid, table, input.mapping);
  const valid = outcomes.filter((o) => o.fields);
  if (!valid.length) refuse('VALIDATION', 'import.nothingValid', { field: 'file' });
  return ctx.db.transaction(() => {
    const existing = existingIds(ctx);
    const labIds = new Map<string, number>();
    let inserted = 0, updated = 0, skipped = 0;
    for (const [n, o] of valid.entries()) {
      jobStep(n + 1, valid.length); // progress to the window; a cancel here rolls the whole import back
      const fields = { ...o.fields! };
      if (o.labName) {
        let labId = labIds.get(o.labName);
        if (labId === undefined) { labId = findOrCreateLab(ctx, o.labName).id; labIds.set(o.labName, labId); }
        fields.labId = labId;
      }
      const id = existing.get(fields.innerId);
      if (id === undefined) { insertInstrumentRow(ctx, fields); inserted++; }
      else if (input.onDuplicate === 'update') { updateInstrumentRow(ctx, id, fields, { keepLab: !o.labName }); updated++; }
      else skipped++;
    }
    ctx.db.prepare(`INSERT INTO import_mappings(header_key, mapping, updated_at) VALUES (?, ?, ?)
      ON CONFLICT(header_key) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`)
      .run(headerKey(table.headers), JSON.stringify(input.mapping), ctx.now().toISOString());
    const invalid = outcomes.length - valid.length;
    audit(ctx, 'import', 'instrument', null, { fileName, inserted, updated, skipped, invalid, totalRows: totalRows.length });
    return { inserted, updated, skipped, invalid, totalRows: totalRows.length };
  })();
}

/**
 * The error report: the file's header and every row that has problems, unchanged, with the problems
 * (worded by the renderer in the user's language) in a column beside them.
 */
export function importReport(input: ImportRef & { lines: { row: number; text: string }[] }): FileDownload {
  const { fileName, grid, table } = prepared(input);
  const headerRow = headerRowOf(grid, input.headerRow);
  const byRow = new Map<number, string[]>();
  for (const l of input.lines) byRow.set(l.row, [...(byRow.get(l.row) ?? []), l.text]);
  const aoa: (string | number)[][] = [['行号', '问题', ...table.headers]];
  for (const [row, texts] of [...byRow].sort((a, b) => a[0] - b[0])) {
    aoa.push([row, texts.join('\n'), ...(grid.rows[row - 1] ?? []).slice(0, table.headers.length)]);
  }
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  ws['!cols'] = [{ wch: 6 }, { wch: 50 }, ...table.headers.map(() => ({ wch: 16 }))];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '导入问题');
  const buf = XLSX.write(wb, { type: 'buffer', bookType: 'xlsx', compression: true }) as Buffer;
  const base = fileName.replace(/\.[^.]+$/, '');
  return { fileName: `${base}-导入问题-表头第${headerRow}行.xlsx`, mimeType: XLSX_MIME, dataBase64: buf.toString('base64') };
}

