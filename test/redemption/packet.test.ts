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
import { openRedemption, saveResultsText } from '../../electron/services/redemption/applications';
import { addAttachment } from '../../electron/services/redemption/attachments';
import { resolveCjkFont } from '../../electron/services/pdf/cjk-font';
import { addInvoice } from '../../electron/services/redemption/invoices';
import { exportPacket, MANIFEST, RECORDS_XLSX, SUMMARY_PDF, type ManifestEntry } from '../../electron/services/redemption/packet';
import { tempCore, type TempCore } from '../helpers/db';
import { insertContract } from './fixtures';
import { pdfDocument, pngImage } from '../fixtures/documents';

let core: TempCore;
beforeEach(() => { core = tempCore(); });
afterEach(() => core.cleanup());

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

function packetContract(): number {
  const { contractId } = insertContract(core.db, { number: 'HT-2025-001', applicantName: '北京新材科技有限公司' });
  addAttachment(core.ctx, { contractId, kind: 'contract', fileName: '签字合同.pdf', dataBase64: b64(pdfDocument('contract')) });
  addAttachment(core.ctx, { contractId, kind: 'review_form', fileName: '审核表.pdf', dataBase64: b64(pdfDocument('review')) });
  addAttachment(core.ctx, { contractId, kind: 'invoice', fileName: '发票.pdf', dataBase64: b64(pdfDocument('invoice-1')) });
  addAttachment(core.ctx, { contractId, kind: 'invoice', fileName: '发票.pdf', dataBase64: b64(pdfDocument('invoice-2')) });
  addAttachment(core.ctx, { contractId, kind: 'bank_receipt', fileName: '../回单.png', dataBase64: b64(pngImage()) });
  addAttachment(core.ctx, { contractId, kind: 'test_report', fileName: '检测报告.pdf', dataBase64: b64(pdfDocument('report')) });
  addInvoice(core.ctx, contractId, { code: '011002300111', number: '12345678', issueDate: '2025-06-10', amountFen: 6_000_000, attachmentId: null });
  openRedemption(core.ctx, contractId);
  saveResultsText(core.ctx, contractId, '完成了新型合金样品的微观形貌表征，支撑了产品工艺改进。');
  return contractId;
}

describe('exportPacket', () => {
  it('produces a zip whose manifest hashes match, with attachments in named folders', async () => {
    const id = packetContract();
    const { fileName, bytes } = await exportPacket(core.ctx, id);
    expect(fileName).toBe('兑现材料-HT-2025-001-北京新材科技有限公司.zip');
    const entries = unzipSync(bytes);
    const names = Object.keys(entries).sort();
    expect(names).toEqual([
      '发票/发票 (2).pdf', '发票/发票.pdf', '合同/签字合同.pdf', '审核表/审核表.pdf', RECORDS_XLSX, SUMMARY_PDF,
      '检测报告/检测报告.pdf', MANIFEST, '银行回单/_回单.png' /* '../' never leaves the folder, nor shortens the name */,
    ].sort());
    const manifest = JSON.parse(new TextDecoder().decode(entries[MANIFEST])) as { files: ManifestEntry[]; contract: { number: string } };
    expect(manifest.contract.number).toBe('HT-2025-001');
    expect(manifest.files.map((f) => f.path).sort()).toEqual(names.filter((n) => n !== MANIFEST).sort());
    for (const f of manifest.files) {
      expect(crypto.createHash('sha256').update(entries[f.path]).digest('hex'), f.path).toBe(f.sha256);
      expect(entries[f.path].length).toBe(f.size);
    }
    expect(new TextDecoder().decode(entries['发票/发票 (2).pdf'])).toBe(pdfDocument('invoice-2').toString('utf8'));
  });

  it('writes the service records workbook with machine hours', async () => {
    const id = packetContract();
    const entries = unzipSync((await exportPacket(core.ctx, id)).bytes);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(entries[RECORDS_XLSX]) as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('服务记录');
    expect(ws).toBeDefined();
    expect(ws!.getRow(1).getCell(3).value).toBe('仪器名称');
    expect(ws!.getRow(2).getCell(3).value).toBe('场发射扫描电子显微镜');
    expect(ws!.getRow(2).getCell(6).value).toBe(3.5);
    expect(ws!.getRow(3).getCell(6).value).toBe(4);
    expect(ws!.getRow(4).getCell(1).value).toBe('合计');
    expect(ws!.getRow(4).getCell(6).value).toBe(7.5);
    expect(ws!.getRow(4).getCell(10).value).toBe(6000);
  });

  it('renders a Chinese summary PDF that poppler can rasterise', async () => {
    const id = packetContract();
    const pdf = unzipSync((await exportPacket(core.ctx, id)).bytes)[SUMMARY_PDF];
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-png-'));
    try {
      fs.writeFileSync(path.join(dir, 's.pdf'), pdf);
      execFileSync('pdftoppm', ['-png', '-r', '50', path.join(dir, 's.pdf'), path.join(dir, 'page')]);
      const pngs = fs.readdirSync(dir).filter((f) => f.endsWith('.png'));
      expect(pngs.length).toBeGreaterThanOrEqual(1);
      expect(fs.statSync(path.join(dir, pngs[0])).size).toBeGreaterThan(5_000);
      // The font is embedded (subset), so the Chinese text does not depend on the reader's fonts.
      expect(Buffer.from(pdf).toString('latin1')).toMatch(/FontFile2|FontFile3/);
      if (fs.existsSync('/usr/bin/pdftotext')) {
        const text = execFileSync('pdftotext', [path.join(dir, 's.pdf'), '-']).toString();
        expect(text).toContain('科技创新券兑现申请表');
        expect(text).toContain('陆万元整');
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  // Speed is measured by `npm run bench`, not asserted here.
  it('exports through the packets:export channel as a zip download', async () => {
    const id = packetContract();
    const res = await invoke(handlers, core.ctx, 'packets:export', { contractId: id });
    if (!res.ok) throw new Error(res.error.message);
    const dl = res.value as { fileName: string; mimeType: string; dataBase64: string };
    expect(dl.mimeType).toBe('application/zip');
    expect(Buffer.from(dl.dataBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
  });

  it('refuses clearly when the configured font does not exist', () => {
    expect(() => resolveCjkFont(core.ctx, { OIVD_CJK_FONT: '/nope/font.ttf' })).toThrow(/font\.fileMissing/);
    expect(() => resolveCjkFont(core.ctx, { OIVD_CJK_FONT: '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc' })).toThrow(/font\.collectionNeedsName/);
  });
});
