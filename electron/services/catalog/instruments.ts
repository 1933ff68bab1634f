import type { Instrument, InstrumentFields, InstrumentRow } from '../../../shared/catalog/instrument';
import { instrumentListSchema, type InstrumentListQuery } from '../../../shared/catalog/instrument';
import { refuse } from '../../../shared/result';
import { audit } from '../audit';
import { categoryCodeProblem, suggestedCode } from '../../../shared/catalog/categories';
import { disciplinesProblem, foldCode, foldWidth, normaliseDisciplines } from '../../../shared/catalog/platform';
import { expandTerm, toFullWidth } from '../../../shared/catalog/search-synonyms';
import { likeContains } from '../sql';
import type { ServiceContext } from '../context';

// Column <-> field mapping, kept in one place so insert, update and select agree.
export const COLUMNS: [keyof InstrumentFields, string][] = [
  ['innerId', 'inner_id'], ['assetNo', 'asset_no'], ['nameCn', 'name_cn'], ['nameEn', 'name_en'], ['carrierType', 'carrier_type'],
  ['carrierNo', 'carrier_no'], ['department', 'department'], ['categoryCode', 'category_code'], ['source', 'source'],
  ['customsSupervised', 'customs_supervised'], ['originalValueFen', 'original_value_fen'], ['manufacturer', 'manufacturer'],
  ['country', 'country'], ['bookedDate', 'booked_date'], ['model', 'model'], ['startUseDate', 'start_use_date'], ['usageKind', 'usage_kind'],
  ['specs', 'specs'], ['functions', 'functions'], ['discipline', 'discipline'], ['fundingSources', 'funding_sources'],
  ['serviceContent', 'service_content'], ['imageName', 'image_name'], ['userNotice', 'user_notice'],
  ['status', 'status'], ['shareMode', 'share_mode'], ['sharingRules', 'sharing_rules'],
  ['referenceFeeFen', 'reference_fee_fen'], ['feeUnit', 'fee_unit'], ['bookingUrl', 'booking_url'],
  ['addrProvince', 'addr_province'], ['addrCity', 'addr_city'], ['addrDistrict', 'addr_district'], ['addrStreet', 'addr_street'],
  ['location', 'location'], ['contactName', 'contact_name'], ['contactPhone', 'contact_phone'], ['contactEmail', 'contact_email'],
  ['mailAddress', 'mail_address'], ['postcode', 'postcode'], ['customsDeclarationNo', 'customs_declaration_no'],
  ['customsItemNo', 'customs_item_no'], ['customsReleaseDate', 'customs_release_date'], ['customsName', 'customs_name'], ['labId', 'lab_id'],
];

/** SQLite keeps booleans as 0/1. */
export function toDbRow(fields: InstrumentFields): Record<string, unknown> {
  return { ...fields, customsSupervised: fields.customsSupervised ? 1 : 0 };
}

export function fromDbRow<T extends { customsSupervised: unknown }>(row: T): T & { customsSupervised: boolean } {
  return { ...row, customsSupervised: row.customsSupervised === 1 || row.customsSupervised === true };
}

const SELECT_FULL = `SELECT i.id, ${COLUMNS.map(([f, c]) => `i.${c} AS ${f}`).join(', ')},
  l.name AS labName, i.retired_at AS retiredAt, i.retire_reason AS retireReason,
  i.created_at AS createdAt, i.updated_at AS updatedAt, i.version
  FROM instruments i LEFT JOIN labs l ON l.id = i.lab_id`;

const INSERT_SQL = `INSERT INTO instruments(${COLUMNS.map(([, c]) => c).join(', ')}, created_at, updated_at)
  VALUES (${COLUMNS.map(([f]) => '@' + f).join(', ')}, @now, @now)`;

const UPDATE_SQL = `UPDATE instruments SET ${COLUMNS.map(([f, c]) => `${c} = @${f}`).join(', ')},
  updated_at = @now, version = version + 1 WHERE id = @id AND version = @version`;

export function getInstrument(ctx: ServiceContext, id: number): Instrument {
  const row = ctx.db.prepare(`${SELECT_FULL} WHERE i.id = ?`).get(id) as Instrument | undefined;
  if (!row) refuse('NOT_FOUND', 'catalog.notFound', { params: { id } });
  return fromDbRow(row);
}

function checkLab(ctx: ServiceContext, labId: number | null): void {
  if (labId !== null && !ctx.db.prepare('SELECT 1 FROM labs WHERE id = ?').get(labId)) {
    refuse('VALIDATION', 'lab.notFound', { field: 'labId', params: { id: labId } });
  }
}

/**
 * The inner id is free when no other instrument has it, full-width forms folded on both sides
 * (ＢＪ－００１ is BJ-001, as the import's duplicate check has it; ids kept from before may be full-width).
 */
function checkInnerIdFree(ctx: ServiceContext, innerId: string, exceptId: number | null): void {
  let other = ctx.db.prepare('SELECT id FROM instruments WHERE inner_id = ?').get(innerId) as { id: number } | undefined;
  if (!other || other.id === exceptId) {
    const wide = ctx.db.prepare(`SELECT id, inner_id AS innerId FROM instruments WHERE inner_id GLOB '*[^ -~]*' AND id IS NOT ?`).all(exceptId) as { id: number; innerId: string }[];
    other = wide.find((r) => foldCode(r.innerId) === innerId);
  }
  if (other && other.id !== exceptId) {
    refuse('CONFLICT', 'catalog.innerIdTaken', { field: 'innerId', rule: 'instrument.innerIdUnique', params: { value: innerId } });
  }
}

/** Inserts without its own transaction or audit: the caller (create, import) owns both. */
export function insertInstrumentRow(ctx: ServiceContext, fields: InstrumentFields): number {
  const info = ctx.db.prepare(INSERT_SQL).run({ ...toDbRow(fields), now: ctx.now().toISOString() });
  return Number(info.lastInsertRowid);
}

/** An import's update of an existing instrument (no version check, caller's transaction and audit). */
export function updateInstrumentRow(ctx: ServiceContext, id: number, fields: InstrumentFields, opts: { keepLab: boolean }): void {
  const cols = COLUMNS.filter(([f]) => !(opts.keepLab && f === 'labId'));
  ctx.db.prepare(`UPDATE instruments SET ${cols.map(([f, c]) => `${c} = @${f}`).join(', ')}, updated_at = @now, version = version + 1 WHERE id = @id`)
    .run({ ...toDbRow(fields), id, now: ctx.now().toISOString() });
}

export function createInstrument(ctx: ServiceContext, typed: InstrumentFields): Instrument {
  const fields = { ...typed, innerId: foldCode(typed.innerId) };
  return ctx.db.transaction(() => {
    checkLab(ctx, fields.labId);
    checkInnerIdFree(ctx, fields.innerId, null);
    const id = insertInstrumentRow(ctx, fields);
    audit(ctx, 'create', 'instrument', id, { innerId: fields.innerId, nameCn: fields.nameCn });
    return getInstrument(ctx, id);
  })();
}

export function updateInstrument(ctx: ServiceContext, id: number, version: number, typed: InstrumentFields): Instrument {
  const fields = { ...typed, innerId: foldCode(typed.innerId) };
  return ctx.db.transaction(() => {
    const before = getInstrument(ctx, id);
    checkLab(ctx, fields.labId);
    checkInnerIdFree(ctx, fields.innerId, id);
    const info = ctx.db.prepare(UPDATE_SQL).run({ ...toDbRow(fields), id, version, now: ctx.now().toISOString() });
    if (info.changes !== 1) {
      refuse('CONFLICT', 'catalog.stale', { rule: 'instrument.version' });
    }
    const changed = COLUMNS.filter(([f]) => before[f] !== fields[f]).map(([f]) => ({ field: f, from: before[f], to: fields[f] }));
    audit(ctx, 'update', 'instrument', id, { changed });
    return getInstrument(ctx, id);
  })();
}

export function hasHistory(ctx: ServiceContext, id: number): boolean {
  return Boolean(ctx.db.prepare(`SELECT
      EXISTS(SELECT 1 FROM bookings WHERE instrument_id = @id)
      OR EXISTS(SELECT 1 FROM usage_logs WHERE instrument_id = @id)
      OR EXISTS(SELECT 1 FROM contract_instruments WHERE instrument_id = @id) AS h`).pluck().get({ id }));
}

export function retireInstrument(ctx: ServiceContext, id: number, reason: string): Instrument {
  return ctx.db.transaction(() => {
    const inst = getInstrument(ctx, id);
    if (inst.retiredAt) refuse('CONFLICT', 'catalog.alreadyRetired');
    ctx.db.prepare(`UPDATE instruments SET retired_at = ?, retire_reason = ?, updated_at = ?, version = version + 1 WHERE id = ?`)
      .run(ctx.now().toISOString(), reason, ctx.now().toISOString(), id);
    audit(ctx, 'retire', 'instrument', id, { reason });
    return getInstrument(ctx, id);
  })();
}

export function restoreInstrument(ctx: ServiceContext, id: number): Instrument {
  return ctx.db.transaction(() => {
    const inst = getInstrument(ctx, id);
    if (!inst.retiredAt) refuse('CONFLICT', 'catalog.notRetired');
    ctx.db.prepare(`UPDATE instruments SET retired_at = NULL, retire_reason = '', updated_at = ?, version = version + 1 WHERE id = ?`)
      .run(ctx.now().toISOString(), id);
    audit(ctx, 'restore', 'instrument', id);
    return getInstrument(ctx, id);
  })();
}

/** Only an instrument without history may be deleted; others are retired. */
export function deleteInstrument(ctx: ServiceContext, id: number): void {
  ctx.db.transaction(() => {
    const inst = getInstrument(ctx, id);
    if (hasHistory(ctx, id)) {
      refuse('RULE', 'catalog.keepHistory', { rule: 'instrument.keepHistory' });
    }
    ctx.db.prepare('DELETE FROM instruments WHERE id = ?').run(id);
    audit(ctx, 'delete', 'instrument', id, { innerId: inst.innerId, nameCn: inst.nameCn });
  })();
}

const SORT_COLUMNS: Record<string, string> = {
  nameCn: 'i.name_cn', innerId: 'i.inner_id', categoryCode: 'i.category_code', originalValueFen: 'i.original_value_fen',
  status: 'i.status', shareMode: 'i.share_mode', startUseDate: 'i.start_use_date', updatedAt: 'i.updated_at',
};


/** The sorts whose key is in instruments_search_keys (0046), beside the id and retired_at. */
const SEARCH_KEY_SORTS = new Set(['innerId', 'nameCn']);

/** The filter reads a column other than the search terms' ids and retired_at. */
function hasColumnFilter(q: ReturnType<typeof instrumentListSchema.parse>): boolean {
  return Boolean(q.categoryPrefix) || Boolean(q.status) || Boolean(q.shareMode) || q.minValueFen !== undefined
    || q.maxValueFen !== undefined || q.labId !== undefined;
}

/** The alternatives one search term stands for: itself folded, its synonyms, full-width forms of ASCII. */
export function termAlternatives(term: string): string[] {
  const folded = foldWidth(term);
  const alts = expandTerm(folded);
  const wide = alts.filter((a) => /[!-~]/.test(a)).map(toFullWidth);
  return [...new Set([...alts, ...wide])];
}

/**
 * Builds WHERE for the filter. Each term must match; a term matches when any of its alternatives
 * (synonyms, full-width forms) does: FTS5 trigram for 3+ characters, LIKE over search_text for shorter.
 */
export function instrumentWhere(q: ReturnType<typeof instrumentListSchema.parse>): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  const terms = q.query.split(/\s+/).filter(Boolean);
  for (const term of terms) {
    const alts = termAlternatives(term);
    const long = alts.filter((t) => [...t].length >= 3);
    const short = alts.filter((t) => [...t].length < 3);
    const any: string[] = [];
    if (long.length) {
      any.push('i.id IN (SELECT rowid FROM instruments_fts WHERE instruments_fts MATCH ?)');
      params.push(long.map((t) => `"${t.replace(/"/g, '""')}"`).join(' OR '));
    }
    // Two characters: instrument_grams (0031) holds every character pair of search_text (name,
    // English name, model, inner id, maker), so the alternatives are index seeks, all in one list.
    const pairs = short.filter((t) => [...t].length === 2);
    if (pairs.length) {
      any.push(`i.id IN (SELECT instrument_id FROM instrument_grams WHERE gram IN (${pairs.map(() => 'lower(?)').join(', ')}))`);
      params.push(...pairs);
    }
    // One character: the compact search_text index (0006) is scanned once for all of them.
    const singles = short.filter((t) => [...t].length < 2);
    if (singles.length) {
      any.push(`i.id IN (SELECT id FROM instruments INDEXED BY instruments_search WHERE ${singles.map(() => `search_text LIKE ? ESCAPE '\\'`).join(' OR ')})`);
      params.push(...singles.map(likeContains));
    }
    where.push(any.length === 1 ? any[0] : `(${any.join(' OR ')})`);
  }
  if (q.categoryPrefix) { where.push('i.category_code LIKE ?'); params.push(q.categoryPrefix + '%'); }
  if (q.status) { where.push('i.status = ?'); params.push(q.status); }
  if (q.shareMode) { where.push('i.share_mode = ?'); params.push(q.shareMode); }
  if (q.minValueFen !== undefined) { where.push('i.original_value_fen >= ?'); params.push(q.minValueFen); }
  if (q.maxValueFen !== undefined) { where.push('i.original_value_fen <= ?'); params.push(q.maxValueFen); }
  if (q.labId !== undefined) { where.push('i.lab_id = ?'); params.push(q.labId); }
  if (!q.includeRetired) where.push('i.retired_at IS NULL');
  return { sql: where.length ? 'WHERE ' + where.join(' AND ') : '', params };
}

export function listInstruments(ctx: ServiceContext, input: InstrumentListQuery): { rows: InstrumentRow[]; total: number } {
  const q = instrumentListSchema.parse(input);
  const { sql: where, params } = instrumentWhere(q);
  // The tie-break runs the same way as the sort, so the sort's index (rowid last) gives the order.
  const dir = q.sortDir === 'desc' ? 'DESC' : 'ASC';
  const order = `${SORT_COLUMNS[q.sortBy]} ${dir}, i.id ${dir}`;
  const columns = `i.id, i.inner_id AS innerId, i.name_cn AS nameCn, i.model, i.category_code AS categoryCode,
      i.original_value_fen AS originalValueFen, i.status, i.share_mode AS shareMode, l.name AS labName,
      i.location, i.retired_at AS retiredAt`;
  // A search sorts only the matches' ids and sort keys, then reads the columns of the page's rows:
  // sorting every match with its columns cost several times the search itself. The same pass counts
  // the matches (a window over them), so the search index is read once, not again for the total.
  // Without a search, page 1 walks the sort's index and stops at the limit.
  const searching = q.query.trim() !== '';
  if (searching) {
    // A search with no other filter, sorted by inner id or name, sorts its matches from the narrow
    // instruments_search_keys (0046) alone; any other filter or sort reads the matches' rows.
    const keysOnly = SEARCH_KEY_SORTS.has(q.sortBy) && !hasColumnFilter(q);
    const found = ctx.db.prepare(`SELECT ${columns}, p.total FROM (SELECT i.id AS pageId, count(*) OVER () AS total
        FROM instruments i ${keysOnly ? 'INDEXED BY instruments_search_keys' : ''} ${where} ORDER BY ${order} LIMIT ? OFFSET ?) p
      JOIN instruments i ON i.id = p.pageId LEFT JOIN labs l ON l.id = i.lab_id ORDER BY ${order}`)
      .all(...params, q.limit, q.offset) as (InstrumentRow & { total: number })[];
    // A page past the end has no row to carry the count.
    const total = found.length > 0 ? found[0].total
      : q.offset === 0 ? 0 : Number(ctx.db.prepare(`SELECT count(*) FROM instruments i ${where}`).pluck().get(...params));
    return { rows: found.map(({ total: _total, ...row }) => row), total };
  }
  const rows = ctx.db.prepare(`SELECT ${columns} FROM instruments i LEFT JOIN labs l ON l.id = i.lab_id ${where} ORDER BY ${order} LIMIT ? OFFSET ?`)
    .all(...params, q.limit, q.offset) as InstrumentRow[];
  // The instruments in service, unfiltered, are counted from their partial index (0042), the
  // narrowest that holds them (the planner could take instruments_search_keys, all 100,000 entries).
  const inService = !q.includeRetired && !hasColumnFilter(q) ? 'INDEXED BY instruments_in_service' : '';
  const total = rows.length < q.limit && q.offset === 0
    ? rows.length
    : Number(ctx.db.prepare(`SELECT count(*) FROM instruments i ${inService} ${where}`).pluck().get(...params));
  return { rows, total };
}

/**
 * Full records for export, same filter as the list, one at a time: an export of 100,000 rows
 * writes each as it is read instead of holding every record (a few hundred MB) first. The
 * connection is busy until the iteration ends, so nothing else may use it meanwhile.
 */
export function* iterateInstrumentsFull(ctx: ServiceContext, input: InstrumentListQuery): Generator<Instrument, void, undefined> {
  const q = instrumentListSchema.parse(input);
  const { sql: where, params } = instrumentWhere(q);
  // Rows as arrays, each built into its record here: for 50 columns that is about half the cost
  // of the driver building the objects.
  const statement = ctx.db.prepare(`${SELECT_FULL} ${where} ORDER BY ${SORT_COLUMNS[q.sortBy]} ${q.sortDir === 'desc' ? 'DESC' : 'ASC'}, i.id`).raw(true);
  const keys = statement.columns().map((c) => c.name);
  const customs = keys.indexOf('customsSupervised');
  for (const values of statement.iterate(...params) as IterableIterator<unknown[]>) {
    const record: Record<string, unknown> = {};
    for (let k = 0; k < keys.length; k++) record[keys[k]] = values[k];
    record.customsSupervised = values[customs] === 1 || values[customs] === true;
    yield record as unknown as Instrument;
  }
}

/** How many instruments the filter selects. */
export function countInstruments(ctx: ServiceContext, input: InstrumentListQuery): number {
  const { sql: where, params } = instrumentWhere(instrumentListSchema.parse(input));
  return Number(ctx.db.prepare(`SELECT count(*) FROM instruments i ${where}`).pluck().get(...params));
}

/** Full records for export, same filter as the list. */
export function listInstrumentsFull(ctx: ServiceContext, input: InstrumentListQuery): Instrument[] {
  return [...iterateInstrumentsFull(ctx, input)];
}

export interface CodeReviewRow {
  id: number; innerId: string; nameCn: string; categoryCode: string;
  /** The field whose stored value the platform refuses: the category code, or disciplines kept as free text from before the platform record. */
  field: 'categoryCode' | 'discipline';
  value: string;
  reason: string;
  params: Record<string, string | number>;
  /** A value of the platform's tables to consider (never applied by the desk), or null. */
  suggestion: string | null;
}

/**
 * Instruments whose stored codes the platform's tables do not have, listed for the user to fix:
 * a category code that is not an assignable code of the classification, and 主要学科领域 that are not
 * codes of subjects.tsv (free text such as 材料科学 kept from before the platform record; the codes
 * its names stand for are suggested). `total` counts instruments, `rows` one line per field.
 */
export function codeReview(ctx: ServiceContext): { total: number; rows: CodeReviewRow[] } {
  // Each distinct value is judged once, from the indexes (a desk has a few thousand distinct
  // values over its instruments); only the instruments holding a value judged wrong are read.
  const values = (column: 'category_code' | 'discipline') => ctx.db.prepare(`SELECT DISTINCT ${column} FROM instruments`).pluck().all() as string[];
  const badCodes = values('category_code').filter((c) => categoryCodeProblem(c) !== null);
  const badDisciplines = values('discipline').filter((d) => disciplinesProblem(d) !== null);
  if (badCodes.length === 0 && badDisciplines.length === 0) return { total: 0, rows: [] };
  const all = ctx.db.prepare(`SELECT id, inner_id AS innerId, name_cn AS nameCn, category_code AS categoryCode, discipline FROM instruments
      WHERE retired_at IS NULL AND (category_code IN (SELECT value FROM json_each(@codes)) OR discipline IN (SELECT value FROM json_each(@disciplines)))
      ORDER BY inner_id`)
    .all({ codes: JSON.stringify(badCodes), disciplines: JSON.stringify(badDisciplines) }) as { id: number; innerId: string; nameCn: string; categoryCode: string; discipline: string }[];
  const rows: CodeReviewRow[] = [];
  const instruments = new Set<number>();
  for (const { discipline, ...r } of all) {
    const p = categoryCodeProblem(r.categoryCode);
    if (p) rows.push({ ...r, field: 'categoryCode', value: r.categoryCode, reason: p.reason, params: { value: r.categoryCode }, suggestion: suggestedCode(r.categoryCode) });
    const d = disciplinesProblem(discipline);
    if (d) {
      const named = normaliseDisciplines(discipline);
      rows.push({ ...r, field: 'discipline', value: discipline, reason: d.reason, params: { ...d.params }, suggestion: named.ok && named.value !== discipline ? named.value : null });
    }
    if (p || d) instruments.add(r.id);
  }
  return { total: instruments.size, rows: rows.slice(0, 500) };
}
