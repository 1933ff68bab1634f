import { AUDIT_REF_KEYS, auditRefKey, type AuditActionOf, type AuditEntity, type AuditRefKind } from '../../shared/audit-events';
import type { Page } from '../../shared/ipc/paging';
import type { AuditPageQuery, AuditRow } from '../../shared/ipc/system';
import type { ServiceContext } from './context';

/**
 * Appends one audit row; call inside the same transaction as the change it records. Only the pairs
 * of shared/audit-events.ts are accepted: each is worded as a sentence in the audit log.
 */
export function audit<E extends AuditEntity>(ctx: ServiceContext, action: AuditActionOf<E>, entity: E, entityId: number | string | null, detail: unknown = {}): void {
  ctx.db
    .prepare('INSERT INTO audit_log(at, actor, action, entity, entity_id, detail) VALUES (?, ?, ?, ?, ?, ?)')
    .run(ctx.now().toISOString(), ctx.actor, action, entity, entityId === null ? null : String(entityId), JSON.stringify(detail));
}

export function listAudit(ctx: ServiceContext, opts: { entity?: string; entityId?: string; limit: number; offset: number }): AuditRow[] {
  const where: string[] = [];
  const params: unknown[] = [];
  if (opts.entity) { where.push('entity = ?'); params.push(opts.entity); }
  if (opts.entityId) { where.push('entity_id = ?'); params.push(opts.entityId); }
  const sql = `SELECT id, at, actor, action, entity, entity_id AS entityId, detail FROM audit_log
    ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id DESC LIMIT ? OFFSET ?`;
  return ctx.db.prepare(sql).all(...params, opts.limit, opts.offset) as AuditRow[];
}

/** How the user knows a record (its number or name), by the table that holds it. */
const NAMED = {
  voucher: ['vouchers', 'number'], contract: ['contracts', 'number'], applicant: ['applicants', 'name'],
  instrument: ['instruments', "inner_id || ' ' || name_cn"], lab: ['labs', 'name'], invoice: ['invoices', 'number'],
  attachment: ['attachments', 'original_name'], order: ['orders', 'number'], order_material: ['order_materials', 'original_name'],
  statement: ['statements', 'number'], payment: ['payments', 'receipt_number'], quote: ['quotes', 'number'],
  rate_item: ['rate_items', 'name'], price_group: ['price_groups', 'name'], product: ['service_products', 'name'],
  rated_hours_preset: ['rated_hours_presets', 'name'],
} as const satisfies Readonly<Record<string, readonly [table: string, name: string]>>;

/**
 * What the user knows a row's object by while it still exists: a voucher's or contract's number, an
 * applicant's or instrument's name, an attachment's file name. A deleted object has none; its row's
 * detail names it (the services record the number or name when they delete).
 */
const SUBJECT = `CASE entity
${Object.entries(NAMED).map(([entity, [table, name]]) => `  WHEN '${entity}' THEN (SELECT ${name} FROM ${table} WHERE id = CAST(entity_id AS INTEGER))`).join('\n')}
  WHEN 'booking' THEN (SELECT i.name_cn FROM bookings b JOIN instruments i ON i.id = b.instrument_id WHERE b.id = CAST(entity_id AS INTEGER))
  WHEN 'usage' THEN (SELECT i.name_cn FROM usage_logs u JOIN instruments i ON i.id = u.instrument_id WHERE u.id = CAST(entity_id AS INTEGER))
  WHEN 'redemption' THEN (SELECT c.number FROM redemptions r JOIN contracts c ON c.id = r.contract_id WHERE r.id = CAST(entity_id AS INTEGER))
  WHEN 'rate_version' THEN (SELECT i.name FROM rate_versions v JOIN rate_items i ON i.id = v.item_id WHERE v.id = CAST(entity_id AS INTEGER))
  WHEN 'office_lab' THEN (SELECT lab_name FROM office_labs WHERE desk_id = entity_id)
  WHEN 'charges' THEN coalesce((SELECT number FROM contracts WHERE id = json_extract(detail, '$.contractId')), (SELECT number FROM orders WHERE id = json_extract(detail, '$.orderId')))
  WHEN 'charge' THEN coalesce((SELECT number FROM contracts WHERE id = json_extract(detail, '$.contractId')), (SELECT number FROM orders WHERE id = json_extract(detail, '$.orderId')))
END`;

const AUDIT_COLUMNS = `SELECT id, at, actor, action, entity, entity_id AS entityId, detail, ${SUBJECT} AS subject FROM audit_log`;

/**
 * One window of the log, newest (or oldest) first by id (= time order, the log is append-only),
 * with the total the filter matches. The text filter is a LIKE over the row's words and its object's name.
 */
export function pageAudit(ctx: ServiceContext, q: AuditPageQuery): Page<AuditRow> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.entity) { where.push('entity = ?'); params.push(q.entity); }
  if (q.entityId) { where.push('entity_id = ?'); params.push(q.entityId); }
  if (q.query) {
    const like = `%${q.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    // The object's number or name as the sentence shows it is searched too.
    where.push(`(actor LIKE ? ESCAPE '\\' OR action LIKE ? ESCAPE '\\' OR entity LIKE ? ESCAPE '\\' OR entity_id LIKE ? ESCAPE '\\' OR detail LIKE ? ESCAPE '\\'
      OR (${SUBJECT}) LIKE ? ESCAPE '\\')`);
    params.push(like, like, like, like, like, like);
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = ctx.db.prepare(`SELECT count(*) FROM audit_log ${filter}`).pluck().get(...params) as number;
  const rows = ctx.db.prepare(`${AUDIT_COLUMNS} ${filter} ORDER BY id ${q.dir === 'asc' ? 'ASC' : 'DESC'} LIMIT ? OFFSET ?`)
    .all(...params, q.limit, q.offset) as AuditRow[];
  return { rows: withRefs(ctx, rows), total };
}

/** How a referenced record is named, by its kind (the same names as a row's own object). */
const REF_NAMES = Object.fromEntries(
  [...new Set(Object.values(AUDIT_REF_KEYS))].map((kind) => [kind, `SELECT id, ${NAMED[kind][1]} AS name FROM ${NAMED[kind][0]}`]),
) as Readonly<Record<AuditRefKind, string>>;

/** The ids a detail refers to (an applicant, the vouchers of a contract …), at any depth. */
function collectRefs(v: unknown, into: Map<AuditRefKind, Set<number>>, key = ''): void {
  const kind = (AUDIT_REF_KEYS as Readonly<Record<string, AuditRefKind>>)[key];
  if (kind && (typeof v === 'number' || Array.isArray(v))) {
    for (const id of Array.isArray(v) ? v : [v]) if (Number.isSafeInteger(id)) (into.get(kind) ?? into.set(kind, new Set()).get(kind)!).add(id as number);
    return;
  }
  if (Array.isArray(v)) for (const x of v) collectRefs(x, into, key);
  // A reference recorded as {before, after} keeps its kind.
  else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) collectRefs(x, into, kind && (k === 'before' || k === 'after') ? key : k);
}

/** Each row with the numbers or names of the records its detail refers to, looked up once per window. */
function withRefs(ctx: ServiceContext, rows: AuditRow[]): AuditRow[] {
  const perRow = rows.map((r) => {
    const refs = new Map<AuditRefKind, Set<number>>();
    try { collectRefs(JSON.parse(r.detail), refs); } catch { /* a detail that is not JSON refers to nothing */ }
    return refs;
  });
  const names = new Map<string, string>();
  for (const kind of Object.keys(REF_NAMES) as AuditRefKind[]) {
    const ids = [...new Set(perRow.flatMap((m) => [...(m.get(kind) ?? [])]))];
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      const found = ctx.db.prepare(`${REF_NAMES[kind]} WHERE id IN (${chunk.map(() => '?').join(',')})`).all(...chunk) as { id: number; name: string }[];
      for (const f of found) names.set(auditRefKey(kind, f.id), f.name);
    }
  }
  return rows.map((r, i) => {
    const refs: Record<string, string> = {};
    for (const [kind, ids] of perRow[i]) for (const id of ids) { const n = names.get(auditRefKey(kind, id)); if (n !== undefined) refs[auditRefKey(kind, id)] = n; }
    return Object.keys(refs).length ? { ...r, refs } : r;
  });
}
