import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { unzipSync } from 'fflate';
import { insertContract } from '../redemption/fixtures';
import { expect, test } from './fixtures';

test.use({ deskToday: '2025-06-16' });

/** Fixture rows go straight into the server's database file (the contract UI is another issue). */
function seed(dataDir: string): number[] {
  const db = new Database(path.join(dataDir, 'desk.sqlite'));
  db.pragma('busy_timeout = 5000');
  try {
    return [
      insertContract(db, { number: 'HT-E2E-001', applicantName: '北京新材科技有限公司' }).contractId,
      insertContract(db, { number: 'HT-E2E-002', applicantName: '北京智造科技有限公司', endDate: '2025-06-12' }).contractId,
    ];
  } finally {
    db.close();
  }
}

/** Calls a channel of the browser-mode server the way the renderer does, from the test process. */
async function api(desk: { url: string; token: string }, channel: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { message: string } }> {
  const u = new URL(desk.url);
  const token = desk.token;
  const res = await fetch(`${u.origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-desk-token': token, origin: u.origin },
    body: JSON.stringify(input),
  });
  return (await res.json()) as { ok: boolean; value?: unknown };
}

test('redemption: start an application, see the check list, export a packet and a batch', async ({ page, desk, openDesk }) => {
  const [first] = seed(desk.dataDir);
  const added = await api(desk, 'attachments:add', {
    contractId: first, kind: 'contract', fileName: '../签字合同.pdf', dataBase64: Buffer.from('%PDF-1.4 test').toString('base64'),
  });
  expect(added.ok, JSON.stringify(added.error)).toBe(true);

  await openDesk(page);
  await page.getByRole('menuitem', { name: /兑现申请/ }).click();
  await expect(page.getByTestId('redemption-total')).toHaveText('共 2 份合同');
  const row = page.getByTestId('redemption-row-HT-E2E-001');
  await expect(row.getByTestId('days-left')).toHaveText('剩 24 天');
  await row.click();

  await page.getByTestId('open-redemption').click();
  await expect(page.locator('.ant-drawer').getByTestId('status-tag')).toHaveText('草稿');
  const check = page.getByTestId('check-list');
  await expect(check.getByTestId('check-missing.review_form')).toBeVisible();
  await expect(check.getByTestId('check-missing.contract')).toHaveCount(0);

  // Upload the review form through the UI and record the invoice with Enter.
  await page.getByRole('tab', { name: '附件' }).click();
  await page.getByTestId('attachment-kind').click();
  await page.locator('.ant-select-item-option', { hasText: '审核表' }).click();
  await page.locator('.ant-upload input[type=file]').setInputFiles({ name: '审核表.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 review') });
  await expect(page.getByTestId('attachment-table')).toContainText('审核表.pdf');
  await page.getByRole('tab', { name: '发票' }).click();
  const form = page.getByTestId('invoice-form');
  await form.getByPlaceholder('发票代码').fill('011002300111');
  await form.getByPlaceholder('发票号码').fill('12345678');
  await form.getByPlaceholder('开票日期').fill('2025-06-10');
  await form.getByPlaceholder('金额（元）').fill('6万');
  await form.getByPlaceholder('金额（元）').press('Enter');
  await expect(page.getByTestId('invoice-total')).toHaveText('合计 60,000.00 元');
  await page.getByRole('tab', { name: '完整性检查' }).click();
  await expect(check.getByTestId('check-missing.review_form')).toHaveCount(0);
  await expect(check.getByTestId('check-missing.invoiceRecords')).toHaveCount(0);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-packet').click()]);
  expect(download.suggestedFilename()).toBe('兑现材料-HT-E2E-001-北京新材科技有限公司.zip');
  const bytes = fs.readFileSync(await download.path());
  expect(bytes.subarray(0, 2).toString()).toBe('PK');
  const entries = unzipSync(bytes);
  // The uploaded name '../签字合同.pdf' stays whole and inside its folder: separators become '_'.
  expect(Object.keys(entries)).toEqual(expect.arrayContaining(['兑现申请表.pdf', '服务记录.xlsx', 'manifest.json', '合同/_签字合同.pdf', '审核表/审核表.pdf']));
  expect(Object.keys(entries).every((n) => !n.includes('..') && !n.startsWith('/'))).toBe(true);

  await page.locator('.ant-drawer-close').click();
  await page.locator('.ant-table-thead .ant-checkbox-input').check();
  const [batch] = await Promise.all([page.waitForEvent('download'), page.getByTestId('batch-export').click()]);
  const outer = unzipSync(fs.readFileSync(await batch.path()));
  expect(Object.keys(outer)).toHaveLength(2);
  await expect(page.getByTestId('batch-progress')).toContainText('2/2');
});
