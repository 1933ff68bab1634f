// Removing an order's material through the real service on a real SQLite file and data folder:
// allowed before verification with a reason (audited, the sealed file gone after the commit);
// refused from 核验通过 on, and for the last material at 材料已上传; a refusal removes nothing.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createUsage } from '../../electron/services/bookings/usage';
import { addOrderMaterial, listOrderMaterials, orderMaterialsDir, removeOrderMaterial } from '../../electron/services/orders/materials';
import { saveOrder, transitionOrder } from '../../electron/services/orders/orders';
import { saveProduct } from '../../electron/services/orders/products';
import { updateSettings } from '../../electron/services/settings';
import { usageInputSchema } from '../../shared/ipc/bookings';
import { orderInputSchema, productInputSchema } from '../../shared/ipc/orders';
import type { OrderStatus } from '../../shared/rules/orders';
import { addInstrument } from '../bookings/seed';
import { firm, refusal, YUAN } from '../deals/helpers';
import { pdfDocument } from '../fixtures/documents';
import { contentHash, tempCore, type TempCore } from '../helpers/db';

let core: TempCore;
let orderId: number;
beforeEach(() => {
  core = tempCore('2025-10-20T02:00:00.000Z');
  updateSettings(core.ctx, { region: 'shanghai' });
  const productId = saveProduct(core.ctx, null, productInputSchema.parse({ code: 'P-01', name: '材料成分检验检测', serviceKind: 'inspection' })).id;
  const applicantId = firm(core.ctx, { region: 'shanghai', smeListed: true, smeListedYear: 2025 }).id;
  orderId = saveOrder(core.ctx, null, orderInputSchema.parse({
    number: 'DD00001', applicantId, productId, orderDate: '2025-10-10', totalFen: 2_000 * YUAN, voucherFen: 1_000 * YUAN, payoutParty: 'institution',
  })).id;
  step('accepted', '2025-10-11');
  createUsage(core.ctx, usageInputSchema.parse({ instrumentId: addInstrument(core, 'SH-001'), orderId, startAt: '2025-10-12T09:00', endAt: '2025-10-12T12:00', external: true }));
  step('completed', '2025-10-12');
});
afterEach(() => core.cleanup());

function step(to: OrderStatus, date: string) { transitionOrder(core.ctx, { id: orderId, to, date, note: '' }); }
const add = (name: string) => addOrderMaterial(core.ctx, { orderId, kind: 'deliverable', uploadedBy: 'institution', fileName: name, dataBase64: pdfDocument(name).toString('base64') });
const files = () => fs.readdirSync(orderMaterialsDir(core.ctx, orderId)).sort();

describe('removing an order material', () => {
  it('before verification: with a reason, audited, the row and its sealed file gone', () => {
    const a = add('检测报告.pdf');
    const b = add('检测报告-更正.pdf');
    expect(files()).toHaveLength(2);
    removeOrderMaterial(core.ctx, a.id, '上传错了版本');
    expect(listOrderMaterials(core.ctx, orderId).map((m) => m.id)).toEqual([b.id]);
    expect(files()).toHaveLength(1);
    const entry = core.db.prepare("SELECT entity, CAST(entity_id AS INTEGER) AS id, detail AS details FROM audit_log WHERE action = 'orderMaterial.remove'").get() as { entity: string; id: number; details: string };
    expect(entry).toMatchObject({ entity: 'order_material', id: a.id });
    expect(JSON.parse(entry.details)).toMatchObject({ orderId, originalName: '检测报告.pdf', sha256: a.sha256, status: 'completed', reason: '上传错了版本' });
  });

  it('at 材料已上传 the last material stays; another one can go', () => {
    const a = add('检测报告.pdf');
    step('evaluated', '2025-10-13');
    step('uploaded', '2025-10-14');
    const before = contentHash(core);
    const onDisk = files();
    expect(refusal(() => removeOrderMaterial(core.ctx, a.id, '撤回'))).toMatchObject({ code: 'RULE', reason: 'orderMaterial.lastOne', rule: 'order.materials', article: '第十一条' });
    expect(contentHash(core)).toBe(before);
    expect(files()).toEqual(onDisk);
    const b = add('发票.pdf');
    removeOrderMaterial(core.ctx, a.id, '以新版本替换');
    expect(listOrderMaterials(core.ctx, orderId).map((m) => m.id)).toEqual([b.id]);
  });

  it('from 核验通过 on it is refused, citing 第十一条, and nothing is removed', () => {
    const a = add('检测报告.pdf');
    add('发票.pdf');
    step('evaluated', '2025-10-13');
    step('uploaded', '2025-10-14');
    step('verified', '2025-10-15');
    const before = contentHash(core);
    const onDisk = files();
    expect(refusal(() => removeOrderMaterial(core.ctx, a.id, '撤回'))).toMatchObject({
      code: 'RULE', reason: 'orderMaterial.removeState', article: '第十一条', params: { statusZh: '核验通过' },
    });
    expect(contentHash(core)).toBe(before);
    expect(files()).toEqual(onDisk);
    expect(fs.existsSync(path.join(orderMaterialsDir(core.ctx, orderId), onDisk[0]))).toBe(true);
  });
});
