// The 费用结算单 of a contract as the finance clerk prints it, read back from the real PDF (poppler)
// and the real .xlsx: the unit (from the unit editor, not the lab) with its credit code and bank
// details, the lab and its head, the applicant, each line (date, instrument, quantity, unit price,
// amount), the totals in figures and in 大写, the voucher part and the own part, the payments
// received, and the signature and 公章 areas.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { addManualLine, adoptActual, refreshCharges } from '../../electron/services/money/charges';
import { addRateVersion, saveRateItem } from '../../electron/services/money/rates';
import { issueFromCharges, statementPdfDownload, statementXlsxDownload } from '../../electron/services/money/statements';
import { addPayment } from '../../electron/services/money/statements-store';
import { saveUnit } from '../../electron/services/unit/unit';
import { manualLineSchema, rateVersionFieldsSchema } from '../../shared/ipc/money';
import { unitFieldsSchema } from '../../shared/ipc/unit';
import { tempCoreEach } from '../helpers/db';
import { ENTERPRISE } from '../helpers/money';
import { insertContract } from '../redemption/fixtures';

const core = tempCoreEach('2025-06-16T02:00:00.000Z');
const PDFTOTEXT = fs.existsSync('/usr/bin/pdftotext');
/** A GB 32100 code whose check character (3) is right. */
const UNIT_CODE = '121100004000012343';

/** A contract charged 1,409.50元 (3.5 h × 400元 + 9.50元 of consumables), 700元 of it by voucher, issued and paid. */
function issuedContract() {
  saveUnit(core.ctx, unitFieldsSchema.parse({
    name: '北京某大学', creditCode: UNIT_CODE, address: '北京市海淀区学院路 1 号', bankName: '中国银行北京海淀支行',
    bankAccount: '3344 5566 7788 99', contactName: '赵会计', contactPhone: '010-62345678',
  }));
  const { contractId, instrumentId } = insertContract(core.db, {
    number: 'HT-JS-001', vouchersFen: [70_000], actualAmountFen: null, usage: [['2025-05-10T09:00', '2025-05-10T12:30']],
  });
  core.db.prepare("UPDATE labs SET head = '王主任' WHERE id = (SELECT lab_id FROM contracts WHERE id = ?)").run(contractId);
  const item = saveRateItem(core.ctx, null, { instrumentId, name: '上机', unit: 'hour', billsUsage: true });
  addRateVersion(core.ctx, item.id, rateVersionFieldsSchema.parse({
    effectiveFrom: '2025-01-01', incrementMinutes: 30, prices: [{ priceGroupId: ENTERPRISE, unitPriceFen: 40_000 }],
  }));
  refreshCharges(core.ctx, { contractId });
  addManualLine(core.ctx, manualLineSchema.parse({ contractId, category: 'consumable', serviceDate: '2025-05-12', description: '导电胶', quantityMilli: 1000, unitPriceFen: 950 }));
  adoptActual(core.ctx, { contractId });
  issueFromCharges(core.ctx, { contractId }, '2025-06-15');
  addPayment(core.ctx, { contractId, receiptNumber: 'HD20250616001', paidOn: '2025-06-16', amountFen: 70_950, payer: '北京新材科技有限公司', note: '' });
  return contractId;
}

describe('the 费用结算单 of a contract', () => {
  it.skipIf(!PDFTOTEXT)('prints every element a finance office checks, in figures and in 大写', async () => {
    const contractId = issuedContract();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'statement-'));
    try {
      const file = path.join(dir, 's.pdf');
      const download = await statementPdfDownload(core.ctx, { contractId });
      expect(download.fileName).toBe('费用结算单-HT-JS-001.pdf');
      fs.writeFileSync(file, Buffer.from(download.dataBase64, 'base64'));
      // pdftotext keeps or drops the spaces between CJK glyphs as it likes: compare without white space.
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString().replace(/\s+/g, '');
      for (const part of [
        '费用结算单', '编号JS-2025-0001', '出具日期2025-06-15',
        // The unit from the unit editor (not the lab's name), its code; the lab and its head.
        '开放单位', '北京某大学', UNIT_CODE, '分析测试中心-', '王主任',
        '申领单位', '北京新材科技有限公司', 'HT-JS-001', '价格类别', '企业',
        // Lines: date, instrument, quantity with unit, unit price, amount.
        '2025-05-10', '场发射扫描电子显微镜', '3.5小时', '400.00', '1,400.00', '2025-05-12', '导电胶', '9.50',
        // Totals in figures and in words (the bank rules' own example), voucher and own parts, received.
        '费用合计', '1,409.50', '人民币壹仟肆佰零玖元伍角', '其中：创新券支付', '700.00', '人民币柒佰元整',
        '申领单位自付', '709.50', '人民币柒佰零玖元伍角', '已到账',
        // Bank details and the signature and seal areas.
        '收款账户', '中国银行北京海淀支行', '33445566778899', '赵会计', '010-62345678',
        '开放单位（盖章）', '申领单位确认（盖章）', '公章', '经办人',
      ]) expect(text, part).toContain(part);
      expect(text).not.toContain('草稿');
      // A short statement is one sheet: the signature and 公章 areas stay on the page of the totals.
      const info = execFileSync('pdfinfo', [file]).toString();
      expect(info).toMatch(/^Pages:\s+1$/m);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes the same statement as .xlsx, the amounts as numbers and in 大写', async () => {
    const contractId = issuedContract();
    const x = await statementXlsxDownload(core.ctx, { contractId });
    expect(x.fileName).toBe('费用结算单-HT-JS-001.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(x.dataBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const rows = (ws.getSheetValues() as unknown[]).filter(Array.isArray).map((r) => (r as unknown[]).slice(1).map((v) => (v ?? '') as unknown));
    const row = (label: string) => rows.find((r) => r.includes(label));
    expect(rows[0][0]).toBe('费用结算单 JS-2025-0001');
    expect(row('开放单位')).toEqual(expect.arrayContaining(['北京某大学']));
    expect(row('2025-05-10')).toEqual(expect.arrayContaining(['场发射扫描电子显微镜', 3.5, '小时', 400, 1400]));
    expect(row('2025-05-12')).toEqual(expect.arrayContaining(['导电胶', 9.5]));
    expect(row('费用合计')).toEqual(expect.arrayContaining(['人民币壹仟肆佰零玖元伍角', 1409.5]));
    expect(row('创新券支付')).toEqual(expect.arrayContaining(['人民币柒佰元整', 700]));
    expect(row('申领单位自付')).toEqual(expect.arrayContaining(['人民币柒佰零玖元伍角', 709.5]));
    expect(row('已到账')).toEqual(expect.arrayContaining([709.5]));
    expect(row('户名')).toEqual(expect.arrayContaining(['北京某大学', '中国银行北京海淀支行']));
    expect(row('银行账号')).toEqual(expect.arrayContaining(['3344 5566 7788 99']));
    expect(row('开放单位（盖章）：')).toBeDefined();
  });
});
