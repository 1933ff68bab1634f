import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

// The catalog table is virtualised: rows are .ant-table-row elements, not ARIA rows.
const rowOf = (page: Page, text: string) => page.locator('.ant-table-row', { hasText: text });

const SAMPLE = path.join(__dirname, '..', '..', 'resources', 'samples', 'instruments-sample.xlsx');

test('import the sample workbook, search 色谱, edit an instrument and export', async ({ page, openDesk }) => {
  await openDesk(page);

  // Import: mapping is suggested, bad rows are listed with row numbers, only valid rows are written.
  await page.getByRole('button', { name: /导\s*入/ }).click();
  await page.locator('input[type=file]').setInputFiles(SAMPLE);
  await expect(page.getByText('共 10 行数据')).toBeVisible();
  await page.getByRole('button', { name: '检查数据' }).click();
  await expect(page.getByTestId('import-summary')).toContainText('有效 5 行，有问题 5 处');
  await expect(page.getByTestId('import-issues')).toContainText('990601 不在国家平台仪器分类表中');
  await page.getByRole('button', { name: '导入 5 条有效记录' }).click();
  await expect(page.getByTestId('import-done')).toContainText('新增 5');
  await page.getByRole('button', { name: '关闭' }).click();
  await expect(page.getByTestId('catalog-total')).toHaveText('共 5 台');

  // Search: 2 characters take the LIKE path.
  await page.getByPlaceholder(/搜索名称/).fill('色谱');
  await expect(page.getByTestId('catalog-total')).toHaveText('共 3 台');
  await expect(rowOf(page, '离子色谱仪')).toBeVisible();
  await expect(rowOf(page, '扫描电子显微镜')).toHaveCount(0);

  // Edit: value typed as "75万" is parsed to fen and shown formatted.
  await rowOf(page, '离子色谱仪').click();
  const drawer = page.locator('.ant-drawer');
  await expect(drawer.getByLabel('仪器名称')).toHaveValue('离子色谱仪');
  await drawer.getByLabel('仪器名称').fill('离子色谱仪（双通道）');
  await drawer.getByLabel(/原值/).fill('75万');
  await drawer.getByRole('button', { name: /保存/ }).click();
  await expect(drawer).toBeHidden();
  const row = rowOf(page, '离子色谱仪（双通道）');
  await expect(row).toContainText('750,000.00');

  // A bad edit is refused with the field named and nothing saved.
  await row.click();
  await drawer.getByLabel(/分类编码/).fill('990501');
  await drawer.getByRole('button', { name: /保存/ }).click();
  await expect(page.getByText(/990501 不在国家平台仪器分类表中/).first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(rowOf(page, '离子色谱仪（双通道）')).toContainText('010501');

  // Export: the platform's 单台套 template with the three 色谱 instruments.
  await page.getByRole('button', { name: /导出到国家平台/ }).click();
  await expect(page.getByTestId('platform-summary')).toContainText('3 台仪器');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /单台套 \.xlsx/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^国家平台单台套-\d{4}-\d{8}\.xlsx$/);
  const file = await download.path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(file!) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('大型科研仪器')!;
  expect(ws.getCell('C2').value).toBe('仪器设备名称');
  expect(ws.rowCount).toBe(5);
  const names = [3, 4, 5].map((r) => ws.getCell(`C${r}`).value);
  expect(names).toContain('离子色谱仪（双通道）');
});

test('switches the interface to English and back', async ({ page, openDesk }) => {
  await openDesk(page);
  await page.getByRole('button', { name: 'language' }).click();
  await expect(page.getByRole('button', { name: /New instrument/ })).toBeVisible();
  await page.getByRole('button', { name: 'language' }).click();
  await expect(page.getByRole('button', { name: /新增仪器/ })).toBeVisible();
});
