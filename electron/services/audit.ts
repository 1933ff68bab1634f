import type { AuditRow } from '../../shared/ipc/system';
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
