import type { Page } from '../../shared/ipc/paging';
import type { AuditPageQuery, AuditRow } from '../../shared/ipc/system';
import type { ServiceContext } from './context';

/** Appends one audit row; call inside the same transaction as the change it records. */
export function audit(ctx: ServiceContext, action: string, entity: string, entityId: number | string | null, detail: unknown = {}): void {
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

const AUDIT_COLUMNS = 'SELECT id, at, actor, action, entity, entity_id AS entityId, detail FROM audit_log';

/**
 * One window of the log, newest (or oldest) first by id (= time order, the log is append-only),
 * with the total the filter matches. The text filter is a LIKE over the row's words.
 */
export function pageAudit(ctx: ServiceContext, q: AuditPageQuery): Page<AuditRow> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.entity) { where.push('entity = ?'); params.push(q.entity); }
  if (q.entityId) { where.push('entity_id = ?'); params.push(q.entityId); }
  if (q.query) {
    const like = `%${q.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(`(actor LIKE ? ESCAPE '\\' OR action LIKE ? ESCAPE '\\' OR entity LIKE ? ESCAPE '\\' OR entity_id LIKE ? ESCAPE '\\' OR detail LIKE ? ESCAPE '\\')`);
    params.push(like, like, like, like, like);
  }
  const filter = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = ctx.db.prepare(`SELECT count(*) FROM audit_log ${filter}`).pluck().get(...params) as number;
  const rows = ctx.db.prepare(`${AUDIT_COLUMNS} ${filter} ORDER BY id ${q.dir === 'asc' ? 'ASC' : 'DESC'} LIMIT ? OFFSET ?`)
    .all(...params, q.limit, q.offset) as AuditRow[];
  return { rows, total };
}
