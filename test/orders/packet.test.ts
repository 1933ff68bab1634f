// The order materials packet, read back from the real zip: the summary PDF (text extracted with
// poppler), the service records workbook and the uploaded materials, all hashed in the manifest.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlers } from '../../electron/handlers';
import { invoke } from '../../electron/handlers/invoke';
import { createUsage } from '../../electron/services/bookings/usage';
import { addOrderMaterial, orderMaterialsDir } from '../../electron/services/orders/materials';
import { saveOrder, transitionOrder } from '../../electron/services/orders/orders';
import { exportOrderPacket, ORDER_SUMMARY_PDF } from '../../electron/services/orders/packet';
import { saveProduct } from '../../electron/services/orders/products';
import { MANIFEST, RECORDS_XLSX, type ManifestEntry } from '../../electron/services/redemption/packet';
import { saveLab, saveUnit } from '../../electron/services/unit/unit';
import { updateSettings } from '../../electron/services/settings';
import { usageInputSchema } from '../../shared/ipc/bookings';
import { orderInputSchema, productInputSchema } from '../../shared/ipc/orders';
import { labFieldsSchema, unitFieldsSchema } from '../../shared/ipc/unit';
import { addInstrument } from '../bookings/seed';
import { firm, YUAN } from '../deals/helpers';
import { pdfDocument, pngImage } from '../fixtures/documents';
import { tempCore, type TempCore } from '../helpers/db';

let core: TempCore;
beforeEach(() => {
  core = tempCore('2025-11-03T02:00:00.000Z');
  updateSettings(core.ctx, { region: 'shanghai' });
});
afterEach(() => core.cleanup());

const b64 = (b: Buffer) => b.toString('base64');

function completedOrder(): number {
  saveUnit(core.ctx, unitFieldsSchema.parse({ name: '上海材料测试中心' }));
  const lab = saveLab(core.ctx, null, labFieldsSchema.parse({ name: '电镜实验室', contact: '王工', contactPhone: '021-55550000' }));
  const productId = saveProduct(core.ctx, null, productInputSchema.parse({
    code: 'P-SEM', name: '扫描电镜形貌表征', serviceKind: 'inspection', itemCategory: '检验检测/形貌分析', labId: lab.id,
  })).id;
  const a = firm(core.ctx, { name: '上海新材科技有限公司', region: 'shanghai', smeListed: true, smeListedYear: 2025 });
  const o = saveOrder(core.ctx, null, orderInputSchema.parse({
    number: 'SH-2025-0001', applicantId: a.id, productId, orderDate: '2025-10-10', totalFen: 12_000 * YUAN, voucherFen: 6_000 * YUAN,
    payoutParty: 'enterprise',
  }));
  const instrumentId = addInstrument(core, 'SEM-01', { nameCn: '场发射扫描电子显微镜' });
  transitionOrder(core.ctx, { id: o.id, to: 'accepted', date: '2025-10-11', note: '' });
  createUsage(core.ctx, usageInputSchema.parse({
    instrumentId, orderId: o.id, startAt: '2025-10-12T09:00', endAt: '2025-10-12T12:30', external: true, serviceWay: '委托', amountFen: 12_000 * YUAN,
  }));
  transitionOrder(core.ctx, { id: o.id, to: 'completed', date: '2025-10-12', note: '' });
  addOrderMaterial(core.ctx, { orderId: o.id, kind: 'deliverable', uploadedBy: 'institution', fileName: '检测报告.pdf', dataBase64: b64(pdfDocument('report')) });
  addOrderMaterial(core.ctx, { orderId: o.id, kind: 'invoice', uploadedBy: 'enterprise', fileName: '../发票.pdf', dataBase64: b64(pdfDocument('invoice')) });
  addOrderMaterial(core.ctx, { orderId: o.id, kind: 'payment_proof', uploadedBy: 'enterprise', fileName: '回单.png', dataBase64: b64(pngImage()) });
  return o.id;
}

describe('order materials packet', () => {
  it('zips the summary, the service records and the materials, each hashed in the manifest', async () => {
    const id = completedOrder();
    const { fileName, bytes } = await exportOrderPacket(core.ctx, id);
    expect(fileName).toBe('订单兑付材料-SH-2025-0001-上海新材科技有限公司.zip');
    const entries = unzipSync(bytes);
    const names = Object.keys(entries).sort();
    expect(names).toEqual([ORDER_SUMMARY_PDF, RECORDS_XLSX, MANIFEST, '付款凭证/回单.png', '发票/_发票.pdf', '服务成果（报告、数据）/检测报告.pdf'].sort());
    const manifest = JSON.parse(new TextDecoder().decode(entries[MANIFEST])) as { files: ManifestEntry[]; order: { number: string; status: string } };
    expect(manifest.order).toMatchObject({ number: 'SH-2025-0001', status: 'completed' });
    expect(manifest.files.map((f) => f.path).sort()).toEqual(names.filter((n) => n !== MANIFEST).sort());
    for (const f of manifest.files) expect(crypto.createHash('sha256').update(entries[f.path]).digest('hex'), f.path).toBe(f.sha256);
    expect(Buffer.from(entries['发票/_发票.pdf']).equals(pdfDocument('invoice'))).toBe(true);
    // Stored sealed inside the data folder: the plain bytes are nowhere on disk.
    const stored = fs.readdirSync(orderMaterialsDir(core.ctx, id)).map((n) => fs.readFileSync(path.join(orderMaterialsDir(core.ctx, id), n)));
    expect(stored).toHaveLength(3);
    for (const s of stored) expect(s.includes(Buffer.from('invoice'))).toBe(false);
    const audits = core.db.prepare("SELECT action FROM audit_log WHERE entity = 'order' AND action = 'orderPacket.export'").pluck().all();
    expect(audits).toHaveLength(1);
  });

  it('writes the order\'s service records with machine hours', async () => {
    const entries = unzipSync((await exportOrderPacket(core.ctx, completedOrder())).bytes);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(entries[RECORDS_XLSX]) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('服务记录')!;
    expect(ws.getRow(2).getCell(3).value).toBe('场发射扫描电子显微镜');
    expect(ws.getRow(2).getCell(6).value).toBe(3.5);
  });

  it('names the service institution and lab from the unit editor in the summary PDF', async () => {
    const pdf = unzipSync((await exportOrderPacket(core.ctx, completedOrder())).bytes)[ORDER_SUMMARY_PDF];
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-pdf-'));
    try {
      fs.writeFileSync(path.join(dir, 's.pdf'), pdf);
      const text = execFileSync('pdftotext', [path.join(dir, 's.pdf'), '-']).toString();
      for (const s of ['科技创新券订单兑付材料汇总表', '沪科规〔2025〕6号', '上海材料测试中心', '电镜实验室', '上海新材科技有限公司', 'SH-2025-0001',
        '12,000.00', '6,000.00', '陆仟元整', '企业（团队）兑付', '3.50', '检测报告.pdf']) {
        expect(text, s).toContain(s);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('exports through orders:packet as a zip download, and lists the materials', async () => {
    const id = completedOrder();
    const res = await invoke(handlers, core.ctx, 'orders:packet', { orderId: id });
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    const dl = res.value as { fileName: string; mimeType: string; dataBase64: string };
    expect(dl.mimeType).toBe('application/zip');
    expect(Buffer.from(dl.dataBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
    const list = await invoke(handlers, core.ctx, 'orders:materials', { orderId: id });
    expect(list.ok && (list.value as unknown[]).length).toBe(3);
  });
});
