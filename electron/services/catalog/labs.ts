import type { Lab } from '../../../shared/ipc/catalog';
import { refuse } from '../../../shared/result';
import { audit } from '../audit';
import type { ServiceContext } from '../context';

const SELECT = 'SELECT id, name, unit_name AS unitName, contact FROM labs';

export function listLabs(ctx: ServiceContext): Lab[] {
  return ctx.db.prepare(`${SELECT} ORDER BY name`).all() as Lab[];
}

export function createLab(ctx: ServiceContext, input: { name: string; unitName: string; contact: string }): Lab {
  return ctx.db.transaction(() => {
    if (ctx.db.prepare('SELECT 1 FROM labs WHERE name = ?').get(input.name)) {
      const name = input.name;
      refuse('CONFLICT', 'lab.nameTaken', { field: 'name', rule: 'lab.nameUnique', params: { name } });
    }
    const id = Number(ctx.db.prepare('INSERT INTO labs(name, unit_name, contact, created_at) VALUES (?, ?, ?, ?)')
      .run(input.name, input.unitName, input.contact, ctx.now().toISOString()).lastInsertRowid);
    audit(ctx, 'create', 'lab', id, input);
    return ctx.db.prepare(`${SELECT} WHERE id = ?`).get(id) as Lab;
  })();
}

/** For imports: runs inside the caller's transaction. */
export function findOrCreateLab(ctx: ServiceContext, name: string): Lab {
  const found = ctx.db.prepare(`${SELECT} WHERE name = ?`).get(name) as Lab | undefined;
  if (found) return found;
  const id = Number(ctx.db.prepare('INSERT INTO labs(name, created_at) VALUES (?, ?)').run(name, ctx.now().toISOString()).lastInsertRowid);
  audit(ctx, 'create', 'lab', id, { name, via: 'import' });
  return ctx.db.prepare(`${SELECT} WHERE id = ?`).get(id) as Lab;
}
