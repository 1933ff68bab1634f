import { expect, test } from './fixtures';

test.use({ deskFirstRun: true });

test('first run asks once; "plain" is remembered', async ({ page, openDesk }) => {
  await openDesk(page);
  const dialog = page.getByRole('dialog', { name: /首次使用/ });
  await expect(dialog).toBeVisible();
  await page.getByTestId('first-run-start').click(); // plain is the default choice
  await expect(dialog).toBeHidden();
  await page.reload();
  await expect(page.getByRole('menuitem', { name: '仪器目录' })).toBeVisible();
  await expect(dialog).toBeHidden();
});

test('first run with encryption: mismatched passphrases refused, then the database is encrypted', async ({ page, openDesk }) => {
  await openDesk(page);
  const dialog = page.getByRole('dialog', { name: /首次使用/ });
  await page.getByTestId('first-run-encrypted').click();
  await dialog.getByLabel(/口令（至少/).fill('lab-secret-2025');
  await dialog.getByLabel('再次输入口令').fill('lab-secret-2026');
  await page.getByTestId('first-run-start').click();
  await expect(dialog.getByText('两次输入的口令不一致')).toBeVisible();
  await dialog.getByLabel('再次输入口令').fill('lab-secret-2025');
  await page.getByTestId('first-run-start').click();
  await expect(dialog).toBeHidden({ timeout: 20_000 });
  await page.getByRole('menuitem', { name: '备份与安全' }).click();
  await expect(page.getByTestId('encryption-state')).toHaveText('已加密');
});
