import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { deskApi, dragInLane } from './helpers';

// Today is fixed: claim 2025-06-16 → register by 2025-07-01; contract ending 2025-06-16 → apply for redemption by 2025-07-16.
test.use({ deskToday: '2025-06-16' });

const APPLICANT = '北京光谱科技有限公司';

/** Picks an option of an antd Select by its visible text. */
async function choose(page: Page, select: Locator, text: string) {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

/** Types a date into an antd DatePicker and confirms it. */
async function typeDate(picker: Locator, date: string) {
  const input = (await picker.evaluate((e) => e.tagName)) === 'INPUT' ? picker : picker.locator('input');
  await input.click();
  await input.fill(date);
  await input.press('Enter');
}

test('applicant → voucher → contract (over 50% refused) → two slots (conflict refused) → due-soon dashboard', async ({ page, desk, openDesk }) => {
  const inst = await deskApi<{ id: number }>(desk, 'catalog:create', {
    innerId: 'UV-E2E-01', nameCn: '紫外可见分光光度计', categoryCode: '010401', originalValueFen: 60_000_000,
  });
  await openDesk(page);

  // 1. Applicant with its eligibility facts; the eligibility panel lists what is missing.
  await page.getByRole('menuitem', { name: '申领单位' }).click();
  await page.getByTestId('applicant-add').click();
  await page.getByTestId('applicant-name').fill(APPLICANT);
  await page.getByTestId('applicant-staff').fill('80');
  await page.getByTestId('applicant-revenue').fill('1000万');
  await page.getByTestId('applicant-assets').fill('800万');
  await choose(page, page.getByTestId('applicant-fields'), '智能制造');
  await page.getByTestId('applicant-name').click(); // closes the tags dropdown
  await page.getByTestId('applicant-save').click();
  const panel = page.getByTestId('eligibility-panel');
  await expect(panel).toBeVisible();
  await expect(panel.getByTestId('eligibility-violation')).toHaveCount(1);
  await expect(panel).toContainText('注册日期');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('applicants-table')).toContainText(APPLICANT);

  // 2. Claim a 5万 voucher today: the quota line previews what is left, the table shows the register-by date.
  await page.getByRole('menuitem', { name: '创新券' }).click();
  await page.getByTestId('voucher-claim').click();
  await choose(page, page.getByTestId('claim-applicant'), APPLICANT);
  await page.getByTestId('claim-number').fill('BJ2025-0001');
  await page.getByTestId('claim-face').fill('5万');
  await expect(page.getByTestId('quota-left')).toContainText('150,000.00');
  // The applicant still lacks its 注册日期 (第七条): claiming needs an explicit override with a reason.
  await page.getByTestId('claim-override').check();
  await page.getByTestId('claim-override-reason').fill('注册日期待补，营业执照已核验');
  await page.getByTestId('claim-save').click();
  const vouchers = page.getByTestId('vouchers-table');
  await expect(vouchers).toContainText('BJ2025-0001');
  await expect(vouchers.getByTestId('voucher-state').first()).toHaveText('待登记');
  await expect(vouchers.getByTestId('voucher-deadline').first()).toContainText('2025-07-01');

  // 3. Contract of 8万 ending today: 5万 of vouchers is over 50% and refused; 4万 is saved.
  await page.getByRole('menuitem', { name: '服务合同' }).click();
  await page.getByTestId('contract-add').click();
  await page.getByTestId('contract-number').fill('HT-E2E-001');
  await page.getByTestId('contract-title').fill('材料光谱分析');
  await choose(page, page.getByTestId('contract-applicant'), APPLICANT);
  await typeDate(page.getByTestId('contract-end'), '2025-06-16');
  await page.getByTestId('contract-amount').fill('80000');
  // The service kind comes from the policy's scope vocabulary; a contract without one is refused.
  await choose(page, page.getByTestId('contract-service-kinds'), '测试');
  await page.keyboard.press('Escape');
  const picker = page.getByTestId('voucher-picker');
  await picker.locator('tr', { hasText: 'BJ2025-0001' }).locator('input[type=checkbox]').check();
  const amount = page.getByTestId('voucher-amount-BJ2025-0001');
  await expect(amount).toHaveValue('40000.00'); // prefilled with what the 50% cap leaves
  await amount.fill('50000');
  await expect(page.getByTestId('share-left')).toContainText('超出 10,000.00');
  await page.getByTestId('contract-save').click();
  const error = page.getByTestId('contract-error');
  await expect(error).toBeVisible();
  await expect(error).toContainText('50%');
  await expect(error).toContainText('第十二条');
  await amount.fill('40000');
  await expect(page.getByTestId('share-left')).toContainText('剩余可用 0.00');
  await page.getByTestId('contract-save').click();
  const contracts = page.getByTestId('contracts-table');
  await expect(contracts).toContainText('HT-E2E-001');
  await expect(contracts.getByTestId('contract-voucher-total').first()).toHaveText('40,000.00');
  await expect(contracts.getByTestId('contract-apply-by').first()).toHaveText('2025-07-16');

  // 4. Book two slots for the contract on the instrument; a third that overlaps is refused, clearly.
  await page.getByRole('menuitem', { name: '预约日历' }).click();
  const lane = page.getByTestId(`lane-2025-06-16-${inst.id}`);
  const dialog = page.getByRole('dialog');
  const blocks = page.getByTestId('booking-block');
  for (const [from, to, title] of [[9 * 60 + 5, 10 * 60 + 55, '光谱扫描'], [13 * 60 + 5, 14 * 60 + 55, '复测']] as const) {
    await dragInLane(page, lane, from, to);
    await dialog.getByText('合同服务').click();
    await choose(page, dialog.getByLabel('合同', { exact: true }), 'HT-E2E-001');
    await dialog.getByTestId('booking-title').fill(title);
    await dialog.getByTestId('booking-save').click();
    await expect(dialog).toBeHidden();
  }
  await expect(blocks).toHaveCount(2);
  await dragInLane(page, lane, 12 * 60 + 25, 10 * 60 + 35); // from empty space upwards, across the 09:00 slot
  await dialog.getByTestId('booking-save').click();
  await expect(dialog.getByTestId('booking-error')).toContainText('时段冲突');
  await expect(dialog.getByTestId('booking-error')).toContainText('HT-E2E-001 2025-06-16 09:00–11:00');
  await dialog.getByRole('button', { name: /取\s*消/ }).click();
  await expect(blocks).toHaveCount(2);

  // 5. The dashboard lists both deadlines, most urgent first, and opens the contract.
  await page.getByRole('menuitem', { name: '到期提醒' }).click();
  const items = page.getByTestId('due-item');
  await expect(items).toHaveCount(2);
  await expect(items.nth(0)).toHaveAttribute('data-kind', 'voucher_register');
  await expect(items.nth(0).getByTestId('due-deadline')).toContainText('2025-07-01');
  await expect(items.nth(0).getByTestId('due-days')).toHaveText('剩 15 天');
  await expect(items.nth(1)).toHaveAttribute('data-kind', 'contract_redemption');
  await expect(items.nth(1).getByTestId('due-deadline')).toContainText('2025-07-16');
  await page.getByTestId('due-window').getByText('7 天').click();
  await expect(items).toHaveCount(0);
  await page.getByTestId('due-window').getByText('30 天').click();
  await items.nth(1).click();
  await expect(page.getByTestId('contract-number')).toHaveValue('HT-E2E-001');
});
