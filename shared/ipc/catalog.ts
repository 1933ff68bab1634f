import { z } from 'zod';
import type { Category } from '../catalog/categories';
import { instrumentInputSchema, instrumentListSchema, type Instrument, type InstrumentRow } from '../catalog/instrument';
import type { Params } from '../result';
import { channel } from './define';

const id = z.number().int().positive();
/** A reporting year (年运行机时, 服务记录). */
export const yearSchema = z.number().int().min(2000, 'catalog.yearRange').max(2100, 'catalog.yearRange');

export const fileUploadSchema = z.object({
  fileName: z.string().trim().min(1).max(255),
  /** File bytes, base64: the renderer never hands the main process a path. */
  dataBase64: z.string().max(80_000_000),
});

export interface FileDownload {
  fileName: string;
  mimeType: string;
  dataBase64: string;
}

export interface Lab {
  id: number;
  name: string;
  unitName: string;
  contact: string;
}

export const importMappingSchema = z.record(z.string(), z.string().max(200).nullable());

export const importOptionsSchema = fileUploadSchema.extend({
  encoding: z.enum(['auto', 'utf8', 'gbk']).default('auto'),
  sheet: z.string().max(200).optional(),
});

const parseIdSchema = z.string().uuid();
export const headerRowSchema = z.number().int().min(1).max(200);

/** A new file, or an earlier parse read with another header row. */
export const importParseSchema = z.union([
  importOptionsSchema.extend({ headerRow: headerRowSchema.optional() }),
  z.object({ parseId: parseIdSchema, headerRow: headerRowSchema.optional() }),
]);

const parseRef = z.object({ parseId: parseIdSchema, headerRow: headerRowSchema });

export interface ImportParseResult {
  /** Key of the kept parse: later steps name it instead of sending the file again. */
  parseId: string;
  encoding: 'utf8' | 'gbk' | 'utf16le' | 'utf16be' | 'xlsx' | 'xls';
  sheets: string[];
  sheet: string | null;
  /** The header row (1-based), detected or chosen. */
  headerRow: number;
  /** The first rows of the sheet as they are, to pick another header row. */
  topRows: string[][];
  headers: string[];
  rowCount: number;
  sampleRows: string[][];
  /** Suggested column for each instrument field, by header name (or as remembered for these headers). */
  suggestedMapping: Record<string, string | null>;
  mappingRemembered: boolean;
  /** Columns computed from usage records (年运行机时, 年对外服务机时): not imported. */
  computedColumns: string[];
}

export interface ImportIssue {
  row: number; // 1-based row number as the user sees it in the file
  field: string;
  column: string | null;
  reason: string;
  params?: Params;
}

export interface ImportValidation {
  total: number;
  valid: number;
  issues: ImportIssue[];
  /** First valid rows, normalised, for the preview step. */
  preview: { row: number; innerId: string; nameCn: string; categoryCode: string; originalValueFen: number; duplicate: boolean }[];
  duplicates: number;
  /** Total rows (合计 / 总计 / 小计) at the bottom of the sheet: left out of the rows, shown as skipped. */
  totalRows: { row: number; label: string }[];
}

export interface ImportCommitResult {
  inserted: number;
  updated: number;
  skipped: number;
  invalid: number;
  /** Total rows at the bottom of the sheet, not imported. */
  totalRows: number;
}

export interface PlatformProblem {
  instrumentId: number;
  innerId: string;
  nameCn: string;
  field: string;
  reason: string;
  params: Params;
  /** error: to fix before upload; warning: the platform takes a value that differs from the desk's. */
  severity: 'error' | 'warning';
  /**
   * template: the platform's own files state it (the template's 必填 and notes, the code tables);
   * desk: the desk's reading where they are silent (the required fields beyond 仪器编号 …).
   */
  basis: 'template' | 'desk';
}

export interface PlatformCheck {
  year: number;
  instruments: number;
  /** Service records of the year. */
  records: number;
  instrumentsWithErrors: number;
  problems: PlatformProblem[];
  serviceProblems: PlatformProblem[];
}

const exportFilter = instrumentListSchema.omit({ offset: true, limit: true }).prefault({});

export const catalogChannels = {
  'labs:list': channel<Lab[]>()(z.object({})),
  'labs:create': channel<Lab>()(z.object({
    name: z.string().trim().min(1).max(200),
    unitName: z.string().trim().max(200).default(''),
    contact: z.string().trim().max(200).default(''),
  })),
  'catalog:categories': channel<{ majors: Category[]; middles: Category[] }>()(z.object({})),
  'catalog:list': channel<{ rows: InstrumentRow[]; total: number }>()(instrumentListSchema),
  'catalog:get': channel<Instrument>()(z.object({ id })),
  'catalog:create': channel<Instrument>()(instrumentInputSchema),
  'catalog:update': channel<Instrument>()(z.object({ id, version: z.number().int().positive(), fields: instrumentInputSchema })),
  'catalog:retire': channel<Instrument>()(z.object({ id, reason: z.string().trim().min(1).max(500) })),
  'catalog:restore': channel<Instrument>()(z.object({ id })),
  'catalog:delete': channel<{ deleted: true }>()(z.object({ id })),
  'catalog:importParse': channel<ImportParseResult>()(importParseSchema),
  'catalog:importValidate': channel<ImportValidation>()(parseRef.extend({ mapping: importMappingSchema })),
  'catalog:importCommit': channel<ImportCommitResult>()(parseRef.extend({
    mapping: importMappingSchema,
    onDuplicate: z.enum(['skip', 'update']).default('skip'),
    acceptValidRows: z.literal(true),
  })),
  'catalog:importReport': channel<FileDownload>()(parseRef.extend({
    lines: z.array(z.object({ row: z.number().int().min(1), text: z.string().max(2000) })).max(100_000),
  })),
  'catalog:export': channel<FileDownload>()(z.object({
    filter: exportFilter,
    format: z.enum(['xlsx', 'xls']).default('xlsx'),
    year: yearSchema,
    deskSheet: z.boolean().default(true),
  })),
  'catalog:annualHours': channel<{ year: number; hours: number; externalHours: number }>()(z.object({ id, year: yearSchema })),
  'catalog:codeReview': channel<{
    /** Instruments with at least one value to fix. */
    total: number;
    rows: { id: number; innerId: string; nameCn: string; categoryCode: string; field: 'categoryCode' | 'discipline'; value: string; reason: string; params: Params; suggestion: string | null }[];
  }>()(z.object({})),
  'catalog:platformCheck': channel<PlatformCheck>()(z.object({ filter: exportFilter, year: yearSchema })),
  'catalog:exportServiceRecords': channel<FileDownload>()(z.object({ filter: exportFilter, year: yearSchema, format: z.enum(['xlsx', 'xls']).default('xlsx') })),
};
