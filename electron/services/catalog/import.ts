import { INSTRUMENT_FIELD_LABELS, instrumentInputSchema, type InstrumentFields } from '../../../shared/catalog/instrument';
import type { ImportCommitResult, ImportIssue, ImportParseResult, ImportValidation } from '../../../shared/ipc/catalog';
import { parseMoneyText } from '../../../shared/rules';
import { fail } from '../../../shared/result';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { readTable, type Table } from '../tabular';
import { insertInstrumentRow } from './instruments';
import { findOrCreateLab } from './labs';
import { jobStep } from '../../core-host/job';

type FieldKey = keyof InstrumentFields;
export type Mapping = Record<string, string | null>;

// Header names seen in platform templates and lab spreadsheets, beyond the export's own labels.
const SYNONYMS: Partial<Record<FieldKey, string[]>> = {
  nameCn: ['仪器名称', '名称', '中文名称', '设备名称', '仪器设备名称'],
  nameEn: ['英文名称', 'name_en'],
  innerId: ['所在单位内部编号', '内部编号', '资产编号', '仪器编号', '设备编号'],
  categoryCode: ['分类编码', '分类代码', '仪器分类', '分类号'],
  source: ['仪器来源', '来源'],
  originalValueFen: ['原值（元）', '原值(元)', '原值（万元）', '原值(万元)', '原值', '仪器原值', '价格'],
  manufacturer: ['生产制造商', '制造商', '生产厂家', '厂家'],
  country: ['产地国别', '国别', '产地'],
  model: ['规格型号', '型号', '规格'],
  startUseDate: ['启用日期', '启用时间', '购置日期'],
  usageKind: ['仪器类别', '通用/专用'],
  specs: ['主要技术指标', '技术指标'],
  functions: ['主要功能', '功能'],
  discipline: ['主要学科领域', '学科领域'],
  serviceContent: ['服务内容'],
  status: ['运行状态', '状态'],
  shareMode: ['共享模式', '共享方式'],
  sharingRules: ['开放共享制度', '共享制度'],
  referenceFeeFen: ['参考收费标准（元）', '参考收费标准', '收费标准'],
  feeUnit: ['收费单位'],
  location: ['安放地址', '放置地点', '地址'],
  contactName: ['联系人'],
  contactPhone: ['联系电话', '电话'],
  contactEmail: ['电子邮箱', '邮箱', 'email'],
  labId: ['所属实验室', '实验室'],
};

const norm = (h: string) => h.replace(/\s+/g, '').replace(/[()]/g, (c) => (c === '(' ? '（' : '）')).toLowerCase();

export function suggestMapping(headers: string[]): Mapping {
  const byNorm = new Map(headers.map((h) => [norm(h), h]));
  const mapping: Mapping = {};
  for (const { key, zh, en } of INSTRUMENT_FIELD_LABELS) {
    const names = [zh, en, ...(SYNONYMS[key] ?? [])];
    mapping[key] = names.map((n) => byNorm.get(norm(n))).find((h) => h !== undefined) ?? null;
  }
  return mapping;
}

export interface ImportSource {
  fileName: string;
  dataBase64: string;
  encoding: 'auto' | 'utf8' | 'gbk';
  sheet?: string;
}

function load(input: ImportSource): Promise<Table> {
  return readTable(input.fileName, Buffer.from(input.dataBase64, 'base64'), input.encoding, input.sheet);
}

export async function parseImport(input: ImportSource): Promise<ImportParseResult> {
  const table = await load(input);
  if (!table.headers.length) fail('VALIDATION', '文件为空或没有表头行', { field: 'file' });
  return {
    encoding: table.encoding,
    sheets: table.sheets,
    headers: table.headers,
    rowCount: table.rows.length,
    sampleRows: table.rows.slice(0, 10).map((r) => r.cells),
    suggestedMapping: suggestMapping(table.headers),
  };
}

/** Dates as users type them: 2020-01-05, 2020/1/5, 2020.1.5, 20200105, 2020年1月5日. */
export function normaliseDate(text: string): string | null {
  const m = text.match(/^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/) ?? text.match(/^(\d{4})(\d{2})(\d{2})$/);
  if (!m) return null;
  return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
}

interface RowOutcome {
  row: number;
  fields?: InstrumentFields;
  labName?: string;
  issues: ImportIssue[];
}

function convertRow(table: Table, mapping: Mapping, r: { n: number; cells: string[] }): RowOutcome {
  const issues: ImportIssue[] = [];
  const raw: Record<string, unknown> = {};
  let labName: string | undefined;
  const colIndex = new Map(table.headers.map((h, i) => [h, i]));
  for (const { key } of INSTRUMENT_FIELD_LABELS) {
    const column = mapping[key];
    if (!column) continue;
    const idx = colIndex.get(column);
    if (idx === undefined) {
      issues.push({ row: r.n, field: key, column, reason: `映射的列“${column}”不在文件中` });
      continue;
    }
    const value = (r.cells[idx] ?? '').trim();
    if (key === 'labId') { if (value) labName = value; continue; }
    if (key === 'originalValueFen' || key === 'referenceFeeFen') {
      if (value === '') { if (key === 'originalValueFen') raw[key] = undefined; else raw[key] = null; continue; }
      const inWan = /万元/.test(column) && !/万/.test(value);
      const parsed = parseMoneyText(inWan ? `${value}万` : value);
      if (!parsed.ok) { issues.push({ row: r.n, field: key, column, reason: parsed.reason.zh }); continue; }
      raw[key] = parsed.fen;
      continue;
    }
    if (key === 'startUseDate') {
      if (value === '') { raw[key] = null; continue; }
      const d = normaliseDate(value);
      if (!d) { issues.push({ row: r.n, field: key, column, reason: `无法识别的日期“${value}”，应为 YYYY-MM-DD` }); continue; }
      raw[key] = d;
      continue;
    }
    if (value !== '') raw[key] = value;
  }
  const parsed = instrumentInputSchema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (issues.some((i) => i.field === field)) continue;
      const reason = raw[field] === undefined && issue.code === 'invalid_type' ? '必填项为空' : issue.message;
      issues.push({ row: r.n, field, column: mapping[field] ?? null, reason });
    }
  }
  if (issues.length || !parsed.success) return { row: r.n, issues };
  return { row: r.n, fields: parsed.data, labName, issues };
}

function convertAll(table: Table, mapping: Mapping): RowOutcome[] {
  const outcomes = table.rows.map((r) => convertRow(table, mapping, r));
  // The same inner id twice in one file is an error on the later row.
  const firstRow = new Map<string, number>();
  for (const o of outcomes) {
    if (!o.fields) continue;
    const seen = firstRow.get(o.fields.innerId);
    if (seen !== undefined) {
      o.issues.push({ row: o.row, field: 'innerId', column: mapping.innerId ?? null, reason: `内部编号与第 ${seen} 行重复` });
      delete o.fields;
    } else firstRow.set(o.fields.innerId, o.row);
  }
  return outcomes;
}

function existingIds(ctx: ServiceContext): Map<string, number> {
  const rows = ctx.db.prepare('SELECT inner_id AS innerId, id FROM instruments').all() as { innerId: string; id: number }[];
  return new Map(rows.map((r) => [r.innerId, r.id]));
}

export async function validateImport(ctx: ServiceContext, input: ImportSource & { mapping: Mapping }): Promise<ImportValidation> {
  const table = await load(input);
  const outcomes = convertAll(table, input.mapping);
  const existing = existingIds(ctx);
  const valid = outcomes.filter((o) => o.fields);
  return {
    total: outcomes.length,
    valid: valid.length,
    issues: outcomes.flatMap((o) => o.issues),
    duplicates: valid.filter((o) => existing.has(o.fields!.innerId)).length,
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

/** Writes the valid rows in one transaction; invalid rows are never written. */
export async function commitImport(
  ctx: ServiceContext,
  input: ImportSource & { mapping: Mapping; onDuplicate: 'skip' | 'update' },
): Promise<ImportCommitResult> {
  const table = await load(input);
  const outcomes = convertAll(table, input.mapping);
  const valid = outcomes.filter((o) => o.fields);
  if (!valid.length) fail('VALIDATION', '没有可导入的有效行', { field: 'file' });
  return ctx.db.transaction(() => {
    const existing = existingIds(ctx);
    const labIds = new Map<string, number>();
    let inserted = 0, updated = 0, skipped = 0;
    const updateStmt = ctx.db.prepare(`UPDATE instruments SET name_cn=@nameCn, name_en=@nameEn, category_code=@categoryCode, source=@source,
      original_value_fen=@originalValueFen, manufacturer=@manufacturer, country=@country, model=@model, start_use_date=@startUseDate,
      usage_kind=@usageKind, specs=@specs, functions=@functions, discipline=@discipline, service_content=@serviceContent, status=@status,
      share_mode=@shareMode, sharing_rules=@sharingRules, reference_fee_fen=@referenceFeeFen, fee_unit=@feeUnit, location=@location,
      contact_name=@contactName, contact_phone=@contactPhone, contact_email=@contactEmail, lab_id=COALESCE(@labId, lab_id),
      updated_at=@now, version=version+1 WHERE id=@id`);
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
      else if (input.onDuplicate === 'update') { updateStmt.run({ ...fields, id, now: ctx.now().toISOString() }); updated++; }
      else skipped++;
    }
    const invalid = outcomes.length - valid.length;
    audit(ctx, 'import', 'instrument', null, { fileName: input.fileName, inserted, updated, skipped, invalid });
    return { inserted, updated, skipped, invalid };
  })();
}
