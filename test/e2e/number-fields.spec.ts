// Number fields hold what the user typed: -5, 1.5 or 100000 outside a field's rule stay on the screen
// after leaving the field, the field names the rule, and nothing is saved or applied as a filter.
// Text that is not a number (12a, 1,5) stays as typed too, refused as "须为数字", instead of antd putting
// back the last number; full-width digits typed with a Chinese input method are shown as half-width.
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Page } from '@playwright/test';
import { insertContract } from '../redemption/fixtures';
import { expect, test } from './fixtures';
import { deskApi } from './helpers';

test.use({ deskToday: '2025-06-16' });

/** Types into a field and leaves it: antd would clamp or round here if the input had min/max/precision. */
async function typeAndLeave(page: Page, testId: string, text: string, shown = text) {
  await page.getByTestId(testId).fill(text);
  await page.getByTestId(testId).press('Tab');
  await expect(page.getByTestId(testId)).toHaveValue(shown);
}

test('lock and backup settings keep -5, 1.5, 100000, 12a and full-width 1,5 as typed, name the rule and save nothing', async ({ page, desk, openDesk }) => {
  const before = await deskApi<{ idleMinutes: number; keepBackups: number; maxBackupMb: number }>(desk, 'security:status', {});
  await openDesk(page);
  await page.getByRole('menuitem', { name: '备份与安全' }).click();
  const save = page.getByRole('button', { name: /保\s*存/ }).last();
  for (const [id, text, shown, rule] of [
    ['idle-minutes', '-5', '-5', '须为 0–1440 的整数（现为 -5）'],
    ['idle-minutes', '1.5', '1.5', '须为 0–1440 的整数（现为 1.5）'],
    ['keep-backups', '100000', '100000', '须为 1–365 的整数（现为 100000）'],
    ['idle-minutes', '12a', '12a', '须为数字（现为“12a”）'],
    ['keep-backups', '１，５', '1，5', '须为数字（现为“1，5”）'],
    ['max-backup-mb', '1,5', '1,5', '须为数字（现为“1,5”）'],
  ] as const) {
    await typeAndLeave(page, id, text, shown);
    await save.click();
    await expect(page.locator('.ant-form-item-explain-error', { hasText: rule })).toBeVisible();
    await expect(page.getByTestId(id)).toHaveValue(shown);
  }
  await expect(page.getByText('已保存')).toHaveCount(0);
  expect(await deskApi(desk, 'security:status', {})).toMatchObject({ idleMinutes: before.idleMinutes, keepBackups: before.keepBackups, maxBackupMb: before.maxBackupMb });
});

test('a manual charge keeps an impossible quantity as typed with the rule, writes nothing, then saves exactly 2.5', async ({ page, desk, openDesk }) => {
  const db = new Database(path.join(desk.dataDir, 'desk.sqlite'));
  let contractId: number;
  try {
    contractId = insertContract(db, { number: 'HT-QTY-001', vouchersFen: [90_000], actualAmountFen: null }).contractId;
  } finally {
    db.close();
  }
  await openDesk(page);
  await page.getByRole('menuitem', { name: /费用结算/ }).click();
  await page.getByTestId('charges-contract').locator('.ant-select').click();
  await page.locator('.ant-select-item-option', { hasText: 'HT-QTY-001' }).click();
  await page.getByRole('button', { name: '添加费用' }).click();
  const dialog = page.locator('.ant-modal');
  // An empty required field names its label, in the catalog's words (not antd's 请输入description).
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await expect(dialog.locator('.ant-form-item-explain-error', { hasText: '内容必填' })).toBeVisible();
  await dialog.getByLabel('内容').fill('样品前处理');
  await dialog.getByLabel('单价（元，未选收费项目时）').fill('10');
  for (const [text, rule] of [
    ['-5', '数量须为 0.001–1000000 之间、最多 3 位小数的数（现为 -5）'],
    ['0.0001', '数量须为 0.001–1000000 之间、最多 3 位小数的数（现为 0.0001）'],
    ['100000000', '数量须为 0.001–1000000 之间、最多 3 位小数的数（现为 100000000）'],
  ] as const) {
    await typeAndLeave(page, 'charge-quantity', text);
    await dialog.getByRole('button', { name: /确\s*定/ }).click();
    await expect(dialog.locator('.ant-form-item-explain-error', { hasText: rule })).toBeVisible();
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('charge-quantity')).toHaveValue(text);
  }
  expect((await deskApi<{ lines: unknown[] }>(desk, 'money:charges', { contractId: contractId! })).lines).toEqual([]);

  await typeAndLeave(page, 'charge-quantity', '2.5');
  await dialog.getByRole('button', { name: /确\s*定/ }).click();
  await expect(dialog).toBeHidden();
  const { lines } = await deskApi<{ lines: { quantityMilli: number | null; amountFen: number }[] }>(desk, 'money:charges', { contractId: contractId! });
  expect(lines).toMatchObject([{ quantityMilli: 2500, amountFen: 2500 }]);
});

test('a value filter that is not a value is marked and not applied; the list stays the one shown', async ({ page, desk, openDesk }) => {
  for (const [innerId, fen] of [['QTY-CHEAP-01', 500_000], ['QTY-DEAR-01', 60_000_000]] as const) {
    await deskApi(desk, 'catalog:create', { innerId, nameCn: '测试仪器', categoryCode: '010401', originalValueFen: fen, startUseDate: '2020-05-01' });
  }
  await openDesk(page);
  await page.getByRole('menuitem', { name: '仪器目录' }).click();
  await expect(page.getByText('QTY-CHEAP-01')).toBeVisible();
  await typeAndLeave(page, 'catalog-min-value', '-5');
  await expect(page.getByTestId('catalog-min-value-error')).toHaveText('最低原值(万元)须为 0–1000000 之间、最多 6 位小数的数（现为 -5）');
  await expect(page.getByText('QTY-CHEAP-01')).toBeVisible();
  await expect(page.getByText('QTY-DEAR-01')).toBeVisible();
  // Text that is not a number stays as typed, is named, and does not filter.
  await typeAndLeave(page, 'catalog-min-value', '12a');
  await expect(page.getByTestId('catalog-min-value-error')).toHaveText('最低原值(万元)须为数字（现为“12a”）');
  await expect(page.getByText('QTY-CHEAP-01')).toBeVisible();
  await expect(page.getByText('QTY-DEAR-01')).toBeVisible();
  // A real value applies, full-width digits shown as half-width: 10万元 leaves only the dearer instrument.
  await typeAndLeave(page, 'catalog-min-value', '１０', '10');
  await expect(page.getByTestId('catalog-min-value-error')).toHaveCount(0);
  await expect(page.getByText('QTY-CHEAP-01')).toHaveCount(0);
  await expect(page.getByText('QTY-DEAR-01')).toBeVisible();
});
