// Materials of an order (沪科规〔2025〕6号 第十一条): uploaded after the service is completed by the
// party the 兑付方式 names (or the other one, recorded as such), until verification. Bytes are
// sealed under <dataDir>/attachments/orders/<orderId>/ with a generated name; the user's file name
// is kept only as metadata, with its SHA-256. Nothing is written when a refusal is raised.
import path from 'node:path';
import type { FileDownload } from '../../../shared/ipc/catalog';
import type { OrderMaterial, OrderMaterialKind } from '../../../shared/ipc/orders';
import type { PayoutParty } from '../../../shared/rules/orders';
import { articleFor, ORDER_STATUS_LABELS, type OrderStatus } from '../../../shared/rules';
import { refuse } from '../../../shared/result';
import { audit } from '../audit';
import { nowIso, type ServiceContext } from '../context';
import { storedProfile } from '../deals/refuse';
import { acceptUpload, mimeOf } from '../redemption/attachments';
import { readSealedFile, removeSealedFile, storeSealedFile } from '../sealed-store';

/** States in which materials may be added: after the service, before verification (第十一条). */
export const MATERIAL_STATES: readonly OrderStatus[] = ['completed', 'evaluated', 'uploaded'];

/**
 * 第十一条 names no withdrawal of materials. The desk lets them change until verification judges
 * them, the same states as adding; from 核验通过 on they are the evidence the payment rests on.
 */
export const MATERIAL_REMOVABLE_STATES: readonly OrderStatus[] = MATERIAL_STATES;

const SELECT = `SELECT id, order_id AS orderId, kind, uploaded_by AS uploadedBy, original_name AS originalName, sha256,
  size_bytes AS sizeBytes, created_at AS createdAt FROM order_materials`;

export function orderMaterialsDir(ctx: ServiceContext, orderId: number): string {
  return path.join(ctx.dataDir, 'attachments', 'orders', String(orderId));
}

export function listOrderMaterials(ctx: ServiceContext, orderId: number): OrderMaterial[] {
  return ctx.db.prepare(`${SELECT} WHERE order_id = ? ORDER BY kind, id`).all(orderId) as OrderMaterial[];
}

function getMaterial(ctx: ServiceContext, id: number): OrderMaterial & { storedName: string } {
  const row = ctx.db.prepare(`${SELECT.replace(' FROM', ', stored_name AS storedName FROM')} WHERE id = ?`).get(id) as
    (OrderMaterial & { storedName: string }) | undefined;
  if (!row) refuse('NOT_FOUND', 'orderMaterial.notFound', { field: 'id', params: { id } });
  return row;
}

export function addOrderMaterial(
  ctx: ServiceContext,
  input: { orderId: number; kind: OrderMaterialKind; uploadedBy: PayoutParty; fileName: string; dataBase64: string },
): OrderMaterial {
  const order = ctx.db.prepare('SELECT id, status, profile_id AS profileId FROM orders WHERE id = ?').get(input.orderId) as
    { id: number; status: OrderStatus; profileId: string } | undefined;
  if (!order) refuse('NOT_FOUND', 'order.notFound', { field: 'orderId', params: { id: input.orderId } });
  if (!MATERIAL_STATES.includes(order.status)) {
    const profile = storedProfile(order.profileId);
    const s = ORDER_STATUS_LABELS[order.status];
    refuse('RULE', 'order.materialsState', {
      field: 'orderId', rule: 'order.materials', article: articleFor(profile, 'order.materials'), document: profile.documentNumber,
      params: { statusZh: s.zh, statusEn: s.en },
    });
  }
  const { bytes, originalName, storedName, sha256 } = acceptUpload(input);
  const id = storeSealedFile(ctx, { dir: orderMaterialsDir(ctx, order.id), storedName }, bytes, () => {
    const info = ctx.db.prepare(`INSERT INTO order_materials(order_id, kind, uploaded_by, original_name, stored_name, sha256, size_bytes, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`).run(order.id, input.kind, input.uploadedBy, originalName, storedName, sha256, bytes.length, nowIso(ctx));
    const newId = Number(info.lastInsertRowid);
    audit(ctx, 'orderMaterial.add', 'order_material', newId, { orderId: order.id, kind: input.kind, uploadedBy: input.uploadedBy, originalName, sha256 });
    return newId;
  });
  return getMaterial(ctx, id);
}

/** The bytes of a material, verified against the recorded hash. */
export function readOrderMaterialBytes(ctx: ServiceContext, id: number): { info: OrderMaterial; bytes: Buffer; storedName: string } {
  const m = getMaterial(ctx, id);
  const bytes = readSealedFile(ctx, { dir: orderMaterialsDir(ctx, m.orderId), storedName: m.storedName }, { sha256: m.sha256, name: m.originalName });
  const { storedName, ...info } = m;
  return { info, bytes, storedName };
}

export function getOrderMaterialFile(ctx: ServiceContext, id: number): FileDownload {
  const { info, bytes, storedName } = readOrderMaterialBytes(ctx, id);
  return { fileName: info.originalName, mimeType: mimeOf(storedName), dataBase64: bytes.toString('base64') };
}

/**
 * Removes a material with a reason, audited; the sealed file goes only after the row's delete
 * commits. Refused from 核验通过 on, and for the last material of an order at 材料已上传 (that state
 * means the materials are on the order). A refusal removes nothing.
 */
export function removeOrderMaterial(ctx: ServiceContext, id: number, reason: string): void {
  const m = getMaterial(ctx, id);
  removeSealedFile(ctx, { dir: orderMaterialsDir(ctx, m.orderId), storedName: m.storedName }, () => {
    const order = ctx.db.prepare('SELECT status, profile_id AS profileId FROM orders WHERE id = ?').get(m.orderId) as { status: OrderStatus; profileId: string };
    const profile = storedProfile(order.profileId);
    const s = ORDER_STATUS_LABELS[order.status];
    if (!MATERIAL_REMOVABLE_STATES.includes(order.status)) {
      refuse('RULE', 'orderMaterial.removeState', {
        field: 'id', rule: 'order.materials', article: articleFor(profile, 'order.materials'), document: profile.documentNumber,
        params: { statusZh: s.zh, statusEn: s.en },
      });
    }
    const count = Number(ctx.db.prepare('SELECT count(*) FROM order_materials WHERE order_id = ?').pluck().get(m.orderId));
    if (order.status === 'uploaded' && count === 1) {
      refuse('RULE', 'orderMaterial.lastOne', {
        field: 'id', rule: 'order.materials', article: articleFor(profile, 'order.materials'), document: profile.documentNumber,
      });
    }
    ctx.db.prepare('DELETE FROM order_materials WHERE id = ?').run(id);
    audit(ctx, 'orderMaterial.remove', 'order_material', id, {
      orderId: m.orderId, kind: m.kind, uploadedBy: m.uploadedBy, originalName: m.originalName, sha256: m.sha256, status: order.status, reason,
    });
  });
}
