// Service products a Shanghai desk (the lab as 服务机构) offers on the 创新券平台, each under one
// category of the service-item list; the category must be in the profile's scope (第四条).
import type { Product, ProductFields } from '../../../shared/ipc/orders';
import { refuse } from '../../../shared/result';
import { checkServiceScope, civilDateInShanghai } from '../../../shared/rules';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { enforce } from '../deals/refuse';
import { orderProfile } from './profile';

const SELECT = `SELECT p.id, p.code, p.name, p.service_kind AS serviceKind, p.item_category AS itemCategory, p.lab_id AS labId,
  p.price_note AS priceNote, p.active, (SELECT count(*) FROM orders o WHERE o.product_id = p.id) AS orderCount FROM service_products p`;

type Row = Omit<Product, 'active'> & { active: number };
const toProduct = (r: Row): Product => ({ ...r, active: r.active === 1 });

export function getProduct(ctx: ServiceContext, id: number): Product {
  const r = ctx.db.prepare(`${SELECT} WHERE p.id = ?`).get(id) as Row | undefined;
  if (!r) refuse('NOT_FOUND', 'product.notFound', { field: 'productId', params: { id } });
  return toProduct(r);
}

export function listProducts(ctx: ServiceContext, q: { activeOnly: boolean }): Product[] {
  const rows = ctx.db.prepare(`${SELECT} ${q.activeOnly ? 'WHERE p.active = 1' : ''} ORDER BY p.code`).all() as Row[];
  return rows.map(toProduct);
}

export function saveProduct(ctx: ServiceContext, id: number | null, f: ProductFields): Product {
  return ctx.db.transaction(() => {
    const profile = orderProfile(ctx, civilDateInShanghai(ctx.now()), 'serviceKind');
    // A product outside the scope (or excluded by 第四条) could never carry vouchers.
    enforce(checkServiceScope([f.serviceKind], profile), 'serviceKind');
    const other = ctx.db.prepare('SELECT id FROM service_products WHERE code = ?').pluck().get(f.code) as number | undefined;
    if (other !== undefined && other !== id) refuse('CONFLICT', 'product.codeUnique', { field: 'code', params: { code: f.code } });
    if (f.labId !== null && !ctx.db.prepare('SELECT 1 FROM labs WHERE id = ?').get(f.labId)) {
      refuse('VALIDATION', 'lab.notFound', { field: 'labId', params: { id: f.labId } });
    }
    const now = ctx.now().toISOString();
    const p = { ...f, active: f.active ? 1 : 0, now };
    let pid = id;
    if (pid === null) {
      pid = Number(ctx.db.prepare(`INSERT INTO service_products(code, name, service_kind, item_category, lab_id, price_note, active, created_at, updated_at)
        VALUES (@code, @name, @serviceKind, @itemCategory, @labId, @priceNote, @active, @now, @now)`).run(p).lastInsertRowid);
    } else {
      const before = getProduct(ctx, pid);
      if (before.orderCount > 0 && before.serviceKind !== f.serviceKind) {
        refuse('CONFLICT', 'product.keepHistory', { field: 'serviceKind', rule: 'product.keepHistory', params: { orders: before.orderCount } });
      }
      ctx.db.prepare(`UPDATE service_products SET code = @code, name = @name, service_kind = @serviceKind, item_category = @itemCategory,
        lab_id = @labId, price_note = @priceNote, active = @active, updated_at = @now WHERE id = @id`).run({ ...p, id: pid });
    }
    audit(ctx, id === null ? 'create' : 'update', 'product', pid, f);
    return getProduct(ctx, pid);
  })();
}
