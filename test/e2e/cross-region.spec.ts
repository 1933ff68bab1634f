// A 京津冀 voucher on a Beijing desk (京科发〔2023〕16号 第十九条): the claim form and the voucher list
// say which local rules the desk did not check, each with its article, in Chinese and in English.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { deskApi } from './helpers';

test.use({ deskToday: '2025-06-16' });

const FIRM = '北京微纳测试科技有限公司';

async function choose(page: Page, select: Locator, text: string) {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

test('a 京津冀 voucher is recorded with its issuing region and the rules not checked, on the claim form and in the list', async ({ page, desk, openDesk }) => {
  await deskApi(desk, 'applicants:create', {
    kind: 'enterprise', name: FIRM, region: 'beijing', registeredDate: '2022-03-01', staffCount: 50, revenueFen: 100_000_000, assetsFen: 80_000_000, fields: ['智能制造'],
  });
  await openDesk(page);
  await page.getByRole('menuitem', { name: '创新券' }).click();
  await page.getByTestId('voucher-claim').click();
  await choose(page, page.getByTestId('claim-applicant'), FIRM);
  await page.getByTestId('claim-number').fill('TJ2025-0001');
  // 8万元: over Beijing's single-voucher limit, which is not the issuing region's rule.
  await page.getByTestId('claim-face').fill('80000');
  await choose(page, page.getByTestId('claim-cross-region'), '京津冀');
  await choose(page, page.getByTestId('claim-issuing-region'), '天津');
  const note = page.getByTestId('claim-cross-note');
  await expect(note).toContainText('第十九条');
  await expect(note).toContainText('申领/使用条件（第七条）、单张面额上限（第十二条）');
  await expect(note).toContainText('兑现申请期限（第十五条）');
  await expect(note).not.toContainText('使用方式');
  await page.getByTestId('claim-save').click();

  const tag = page.getByTestId('vouchers-table').getByTestId('voucher-cross-region');
  await expect(tag).toHaveText('跨区域 · 天津');
  await tag.hover();
  await expect(page.locator('.ant-tooltip:visible')).toContainText('未按本地政策核对：申领/使用条件（第七条）');
  expect(await deskApi<{ rows: { number: string; crossRegion: string; faceValueFen: number }[] }>(desk, 'vouchers:list', {}))
    .toMatchObject({ rows: [{ number: 'TJ2025-0001', crossRegion: 'jingjinji', faceValueFen: 8_000_000 }] });

  await page.getByRole('button', { name: 'language' }).click();
  await expect(tag).toHaveText('Cross-region · Tianjin');
  await tag.hover();
  const tip = page.locator('.ant-tooltip:visible');
  await expect(tip).toContainText('applicant conditions (Article 7), single face-value limit (Article 12)');
  expect(await tip.textContent()).not.toMatch(/\p{Script=Han}/u);
});
