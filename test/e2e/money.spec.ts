import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { unzipSync } from 'fflate';
import { insertContract } from '../redemption/fixtures';
import { expect, test } from './fixtures';
import { deskApi } from './helpers';

test.use({ deskToday: '2025-06-16' });

test.setTimeout(180_000);

/** The text of a PDF as poppler reads it, without white space (null when poppler is not installed). */
function pdfText(file: string): string | null {
  if (!fs.existsSync('/usr/bin/pdftotext')) return null;
  return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-']).toString().replace(/\s+/g, '');
}

test('money: set a rate, log use, see the charges, adopt them, print the statement, record the payment, export the packet', async ({ page, desk, openDesk }) => {
  // A contract with a 900元 voucher and one usage record (3.5 h on 2025-05-10); the actual amount is not set yet.
  const db = new Database(path.join(desk.dataDir, 'desk.sqlite'));
  db.pragma('busy_timeout = 5000');
  let innerId: string;
  try {
    const f = insertContract(db, { number: 'HT-MONEY-001', vouchersFen: [90_000], actualAmountFen: null, usage: [['2025-05-10T09:00', '2025-05-10T12:30']] });
    innerId = db.prepare('SELECT inner_id FROM instruments WHERE id = ?').pluck().get(f.instrumentId) as string;
  } finally {
    db.close();
  }
  await openDesk(page);

  // The unit as its finance office knows it: every document names it, never the lab.
  await page.getByRole('menuitem', { name: /单位与实验室/ }).click();
  await page.getByTestId('unit-name').fill('北京某大学分析测试中心');
  await page.getByTestId('unit-bank').fill('中国银行北京海淀支行');
  await page.getByTestId('unit-account').fill('3344 5566 7788');
  await page.getByTestId('unit-save').click();
  await expect(page.getByText('已保存')).toBeVisible();

  // Rate: 上机, per hour in 30-minute steps, 企业 400元 from 1 January.
  await page.getByRole('menuitem', { name: /收费标准/ }).click();
  await page.getByTestId('rates-instrument').click();
  await page.keyboard.type(innerId);
  await page.locator('.ant-select-item-option', { hasText: innerId }).click();
  await page.getByTestId('rates-add-item').click();
  await page.locator('.ant-modal').getByRole('button', { name: /保\s*存/ }).click();
  await page.getByTestId('rates-add-version').click();
  await page.getByTestId('rate-price-企业').fill('400');
  await page.locator('.ant-modal').getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.getByTestId('rates-reference')).toHaveText('上机：企业 400元/小时（按30分钟计费）');

  // Log one more use in the calendar's usage form (40 min, billed as 1 h): 3.5 h × 400 + 1 h × 400 = 1,800元.
  await page.getByRole('menuitem', { name: /预约日历/ }).click();
  await page.getByTestId('calendar-mode').getByText('使用记录').click();
  await page.getByRole('button', { name: /登记使用/ }).click();
  const usage = page.locator('.ant-modal').filter({ hasText: '登记实际使用' });
  await expect(usage.locator('.ant-form-item', { hasText: '仪器' }).first()).toContainText(innerId);
  await usage.locator('.ant-form-item', { hasText: '合同' }).locator('.ant-select').click();
  await page.keyboard.type('HT-MONEY');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'HT-MONEY-001' }).first().click();
  for (const [id, value] of [['usage-start', '2025-06-02 14:00'], ['usage-end', '2025-06-02 14:40']]) {
    const input = usage.getByTestId(id);
    await input.click();
    await input.fill(value);
    await input.press('Tab');
  }
  const external = usage.locator('.ant-form-item', { hasText: '对外服务' }).getByRole('switch');
  if (!(await external.isChecked())) await external.click();
  await usage.getByTestId('usage-save').click();
  await expect(usage).toBeHidden();
  await expect(page.getByTestId('usage-table')).toContainText('06-02');
  await page.getByRole('menuitem', { name: /费用结算/ }).click();
  await page.getByTestId('charges-contract').locator('.ant-select').click();
  await page.locator('.ant-select-item-option', { hasText: 'HT-MONEY-001' }).click();
  await page.getByTestId('charges-refresh').click();
  await expect(page.getByTestId('charges-total')).toHaveText('1,800.00 元');
  await expect(page.getByTestId('charges-lines')).toContainText('3.5 小时');
  await expect(page.getByTestId('charges-lines')).toContainText('1 小时');
  await page.getByTestId('charges-adopt').click();
  await expect(page.getByTestId('charges-actual')).toHaveText('1,800.00 元');

  await page.getByTestId('charges-issue').click();
  await expect(page.getByText(/结算单 JS-2025-0001/)).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByTestId('charges-pdf').click();
  const statement = await download;
  expect(statement.suggestedFilename()).toBe('费用结算单-HT-MONEY-001.pdf');
  const printed = pdfText((await statement.path())!);
  if (printed !== null) {
    for (const part of ['北京某大学分析测试中心', '中国银行北京海淀支行', '334455667788', 'JS-2025-0001', '1,800.00', '人民币壹仟捌佰元整', '人民币玖佰元整', '公章']) {
      expect(printed, part).toContain(part);
    }
  }

  await page.getByTestId('payment-add').click();
  await page.getByTestId('payment-receipt').fill('HD2025061800017');
  await page.getByTestId('payment-amount').fill('900');
  await page.locator('.ant-modal').getByRole('button', { name: /确\s*定/ }).click();
  await expect(page.getByTestId('charges-paid')).toHaveText('900.00 元');

  // The packet carries the statement and the payment as proof of own payment.
  await page.getByRole('menuitem', { name: /兑现申请/ }).click();
  await page.getByTestId('redemption-row-HT-MONEY-001').click();
  const packet = page.waitForEvent('download');
  await page.getByTestId('export-packet').click();
  const file = await (await packet).path();
  const entries = unzipSync(new Uint8Array(fs.readFileSync(file!)));
  expect(Object.keys(entries)).toContain('费用结算单.pdf');
  // The summary names the unit from the unit editor and lists the payment as the proof of own payment.
  const summary = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'money-e2e-')), 'summary.pdf');
  fs.writeFileSync(summary, entries['兑现申请表.pdf']);
  const text = pdfText(summary);
  if (text !== null) {
    for (const part of ['北京某大学分析测试中心', '自付款到账', 'HD2025061800017', '900.00']) expect(text, part).toContain(part);
  }
});

test('quotes: price a quote, see a duplicate number refused on its field, adopt it as the contract amount within the 50% voucher rule', async ({ page, desk, openDesk }) => {
  // A contract with a 900元 voucher and no actual amount yet: its amount comes from the quote adopted.
  const db = new Database(path.join(desk.dataDir, 'desk.sqlite'));
  db.pragma('busy_timeout = 5000');
  try {
    insertContract(db, { number: 'HT-QUOTE-001', applicantName: '北京报价测试科技有限公司', vouchersFen: [90_000], actualAmountFen: null, usage: [] });
  } finally {
    db.close();
  }
  await openDesk(page);
  await page.getByRole('menuitem', { name: /报价单/ }).click();

  const newQuote = async (number: string, quantity: string, price: string) => {
    await page.getByTestId('quote-new').click();
    const drawer = page.locator('.ant-drawer');
    await page.getByTestId('quote-number').fill(number);
    await drawer.getByTestId('quote-applicant').click();
    await page.keyboard.type('报价测试');
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '北京报价测试科技有限公司' }).click();
    await expect(drawer.getByTestId('quote-applicant')).toContainText('北京报价测试科技有限公司');
    const line = drawer.getByTestId('quote-line').first();
    await line.locator('input').nth(1).fill('成分分析');
    await line.locator('input').nth(3).fill(quantity);
    await line.locator('input').nth(4).fill(price);
    await page.getByTestId('quote-save').click();
  };

  await newQuote('BJ-Q-001', '1', '1000');
  await expect(page.getByTestId('quote-table')).toContainText('1,000.00');
  // The same number again: refused on the number field, worded with its label, and the drawer keeps the input.
  await newQuote('BJ-Q-001', '2', '1000');
  await expect(page.locator('.ant-drawer .ant-form-item-explain-error')).toContainText('报价单编号 BJ-Q-001 已存在');
  await page.getByTestId('quote-number').fill('BJ-Q-002');
  await page.getByTestId('quote-save').click();
  await expect(page.getByTestId('quote-table')).toContainText('2,000.00');

  const adopt = async (number: string) => {
    await page.locator('.ant-table-row', { hasText: number }).getByTestId('quote-adopt').click();
    await page.locator('.ant-modal .ant-select').click();
    await page.locator('.ant-select-item-option', { hasText: 'HT-QUOTE-001' }).click();
    await page.locator('.ant-modal').getByRole('button', { name: /采\s*用/ }).click();
  };
  // 900元 of voucher on a 1,000元 quote is over 50%: refused where the user acts, citing the rule.
  await adopt('BJ-Q-001');
  await expect(page.locator('.ant-message')).toContainText('超过合同实际金额');
  await page.locator('.ant-modal').getByRole('button', { name: /取\s*消/ }).click();
  await adopt('BJ-Q-002');
  // Adopted: the row names the contract it serves and offers no second adoption.
  const adopted = page.locator('.ant-table-row', { hasText: 'BJ-Q-002' });
  await expect(adopted).toContainText('HT-QUOTE-001');
  await expect(adopted.getByTestId('quote-adopt')).toHaveCount(0);

  const check = new Database(path.join(desk.dataDir, 'desk.sqlite'), { readonly: true });
  try {
    expect(check.prepare("SELECT amount_fen FROM contracts WHERE number = 'HT-QUOTE-001'").pluck().get()).toBe(200_000);
  } finally {
    check.close();
  }
});

test('price group: set an applicant’s 价格组 in its drawer, and the charges generated after it use that group’s price', async ({ page, desk, openDesk }) => {
  const db = new Database(path.join(desk.dataDir, 'desk.sqlite'));
  db.pragma('busy_timeout = 5000');
  let ids: { contractId: number; instrumentId: number };
  try {
    ids = insertContract(db, { number: 'HT-GROUP-001', applicantName: '北京价格组测试科技有限公司', vouchersFen: [], actualAmountFen: null, usage: [['2025-05-10T09:00', '2025-05-10T12:30']] });
  } finally {
    db.close();
  }
  // 上机: 校内 200元/h, 企业 400元/h, in 30-minute steps.
  const item = await deskApi<{ id: number }>(desk, 'money:rateItemSave', { id: null, fields: { instrumentId: ids!.instrumentId, name: '上机', unit: 'hour', billsUsage: true } });
  await deskApi(desk, 'money:rateVersionAdd', { itemId: item.id, fields: { effectiveFrom: '2025-01-01', incrementMinutes: 30,
    prices: [{ priceGroupId: 1, unitPriceFen: 20_000 }, { priceGroupId: 3, unitPriceFen: 40_000 }] } });
  await openDesk(page);

  await page.getByRole('menuitem', { name: '申领单位' }).click();
  await page.getByTestId('applicants-table').getByText('北京价格组测试科技有限公司').click();
  const field = page.getByTestId('applicant-price-group');
  await expect(field).toContainText('默认：企业');
  await field.click();
  await page.locator('.ant-select-item-option', { hasText: '校内' }).click();
  await expect(page.getByText('已保存')).toBeVisible();
  await page.locator('.ant-drawer-close').click();
  await expect(page.locator('.ant-drawer-content')).toHaveCount(0);
  await page.getByTestId('applicants-table').getByText('北京价格组测试科技有限公司').click();
  await expect(page.getByTestId('applicant-price-group')).toContainText('校内');
  await page.locator('.ant-drawer-close').click();

  // 3.5 h at the 校内 price: 700元 (at 企业 it would be 1,400元).
  await page.getByRole('menuitem', { name: /费用结算/ }).click();
  await page.getByTestId('charges-contract').locator('.ant-select').click();
  await page.locator('.ant-select-item-option', { hasText: 'HT-GROUP-001' }).click();
  await page.getByTestId('charges-refresh').click();
  await expect(page.getByTestId('charges-total')).toHaveText('700.00 元');

  // Staff time at a typed price, per hour; then removed again with its reason, in the dialog.
  await page.getByRole('button', { name: /添加费用/ }).click();
  const dialog = page.locator('.ant-modal');
  await dialog.getByLabel('内容').fill('制样');
  await dialog.getByLabel('单价（元，未选收费项目时）').fill('50');
  await dialog.getByTestId('charge-unit').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '小时' }).click();
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await expect(page.getByTestId('charges-total')).toHaveText('750.00 元');
  await expect(page.getByTestId('charges-lines')).toContainText('制样');
  await page.getByTestId('charge-remove').click();
  await expect(dialog).toContainText('删除费用行');
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await expect(dialog.locator('.ant-form-item-explain-error')).toBeVisible();
  await dialog.getByTestId('dialog-reason').fill('录错');
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await expect(page.getByTestId('charges-total')).toHaveText('700.00 元');
  await expect(page.getByTestId('charges-lines')).not.toContainText('制样');
});
