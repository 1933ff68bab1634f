import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

test.use({ deskToday: '2025-06-16' });

/**
 * Answers 确定 in the open confirmation once it has finished opening: a click while it still zooms
 * in and aligns can land beside its button, leaving the confirmation open and nothing done.
 */
async function confirmPopover(page: Page) {
  const popover = page.locator('.ant-popconfirm');
  await expect(popover).toBeVisible();
  await expect(page.locator('.ant-popover')).not.toHaveClass(/zoom-big-(appear|enter)/);
  await popover.getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(popover).toBeHidden();
}

test.describe('backup and security', () => {
  test('manual backup is created and listed', async ({ page, openDesk }) => {
    await openDesk(page);
    await page.getByRole('menuitem', { name: '备份与安全' }).click();
    const table = page.getByTestId('backup-table');
    // No backup is taken before the first-run choice (it would be plain beside an encrypted desk).
    await expect(table.locator('tbody tr.ant-table-row')).toHaveCount(0);
    await page.getByTestId('backup-create').click();
    await expect(table).toContainText('desk-20250616-100000.sqlite');
    await page.getByTestId('backup-create').click();
    await expect(table).toContainText('desk-20250616-100000-2.sqlite');
    await expect(table.locator('tbody tr.ant-table-row')).toHaveCount(2);

    // Restore asks first, then keeps the replaced database as a pre-restore copy.
    await table.locator('tbody tr', { hasText: 'desk-20250616-100000.sqlite' }).getByRole('button', { name: /恢\s*复/ }).click();
    await expect(page.getByText('当前数据库会先完整保存为“恢复前副本”')).toBeVisible();
    await page.getByTestId('restore-confirm').click();
    await expect(table).toContainText('pre-restore-20250616-100000.sqlite');
  });

  test('audit log exports as .xlsx and .csv downloads', async ({ page, openDesk }) => {
    await openDesk(page);
    await page.getByRole('menuitem', { name: '备份与安全' }).click();
    await page.getByTestId('backup-create').click();
    await expect(page.getByTestId('backup-table')).toContainText('desk-20250616-100000.sqlite');
    await page.reload();
    await page.getByRole('menuitem', { name: '备份与安全' }).click();
    await expect(page.getByTestId('audit-table')).toContainText('新建了备份 desk-20250616-100000.sqlite');
    const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export-xlsx').click()]);
    expect(xlsx.suggestedFilename()).toMatch(/^审计日志-\d{8}-\d{6}\.xlsx$/);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('audit-export-csv').click()]);
    expect(csv.suggestedFilename()).toMatch(/\.csv$/);
    const text = fs.readFileSync(await csv.path(), 'utf8');
    expect(text).toContain('backup.create');
  });

  test('encrypt, lock, wrong passphrase is refused clearly, right one unlocks', async ({ page, openDesk }) => {
    await openDesk(page);
    await page.getByRole('menuitem', { name: '备份与安全' }).click();
    await expect(page.getByTestId('encryption-state')).toHaveText('未加密');
    await page.getByLabel('口令（至少 8 个字符）').fill('e2e passphrase 1');
    await page.getByLabel('再次输入口令').fill('e2e passphrase 1');
    await page.getByTestId('setup-encrypt').click();
    await confirmPopover(page);
    await expect(page.getByTestId('encryption-state')).toHaveText('已加密', { timeout: 20_000 });

    await page.getByTestId('lock-now').click();
    await expect(page.getByTestId('lock-screen')).toBeVisible();
    await page.getByTestId('lock-passphrase').fill('not the passphrase');
    await page.getByTestId('lock-passphrase').press('Enter');
    await expect(page.getByTestId('lock-error')).toContainText('口令不正确');
    await page.getByTestId('lock-passphrase').fill('e2e passphrase 1');
    await page.getByTestId('lock-passphrase').press('Enter');
    await expect(page.getByRole('menu')).toBeVisible();
    await expect(page.getByTestId('lock-screen')).toHaveCount(0);
  });

  test('idle timeout locks an encrypted desk', async ({ page, openDesk }) => {
    await page.clock.install();
    await openDesk(page);
    await page.getByRole('menuitem', { name: '备份与安全' }).click();
    await page.getByLabel('口令（至少 8 个字符）').fill('idle passphrase');
    await page.getByLabel('再次输入口令').fill('idle passphrase');
    await page.getByTestId('setup-encrypt').click();
    await confirmPopover(page);
    await expect(page.getByTestId('encryption-state')).toHaveText('已加密', { timeout: 20_000 });
    await page.getByTestId('idle-minutes').fill('1');
    await page.getByTestId('idle-minutes').press('Enter');
    // The idle clock counts from when the new setting took effect: wait for it before moving time.
    await expect(page.getByText('已保存')).toBeVisible();
    await expect(page.getByTestId('lock-screen')).toHaveCount(0);
    await page.clock.fastForward('00:50');
    await expect(page.getByTestId('lock-screen')).toHaveCount(0); // not idle long enough yet
    await page.clock.fastForward('00:20');
    await expect(page.getByTestId('lock-screen')).toBeVisible();
  });
});
