// A Shanghai order refused by the service: the drawer stays open with everything typed, the refused
// field is marked with the rule and the article, nothing is written (read back through the API),
// and the mark goes once the field is edited.
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { deskApi } from './helpers';

test.use({ deskToday: '2025-11-03' });

const FIRM = '上海微纳检测科技有限公司';

async function choose(page: Page, select: Locator, text: string) {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

test('the order drawer keeps the input on a service refusal, marks the field with the rule, and writes nothing', async ({ page, desk, openDesk }) => {
  await deskApi(desk, 'settings:set', { region: 'shanghai' });
  await deskApi(desk, 'products:save', { id: null, fields: { code: 'P-XRD', name: '物相分析检测', serviceKind: 'inspection', itemCategory: '检验检测/物相分析' } });
  await deskApi(desk, 'applicants:create', {
    kind: 'enterprise', name: FIRM, region: 'shanghai', smeListed: true, smeListedYear: 2025, smeValidFrom: '2025-01-01', smeValidTo: '2025-12-31',
  });
  await openDesk(page);
  await page.getByRole('menuitem', { name: '上海订单' }).click();
  await page.getByTestId('order-add').click();
  const drawer = page.locator('.ant-drawer-content-wrapper:visible');
  await page.getByTestId('order-number').fill('SH-2025-0100');
  await choose(page, page.getByTestId('order-applicant'), FIRM);
  await choose(page, page.getByTestId('order-product'), '物相分析检测');
  await page.getByTestId('order-date').fill('2025-10-10');
  await page.getByTestId('order-date').press('Tab');
  await page.getByTestId('order-total').fill('10000.01');
  // 5,000.01元 of voucher on 10,000.01元 is over half: the service refuses it (第二条).
  await page.getByTestId('order-voucher').fill('5000.01');
  await page.getByTestId('order-save').click();

  const voucherError = page.locator('.ant-form-item', { has: page.getByTestId('order-voucher') })
    .locator('.ant-form-item-explain-error:not(.ant-form-show-help-item-leave)');
  await expect(voucherError).toContainText('5,000.00');
  await expect(voucherError).toContainText('第二条');
  await expect(page.locator('.ant-form-item', { has: page.getByTestId('order-voucher') })).toHaveClass(/ant-form-item-has-error/);
  await expect(drawer).toBeVisible();
  await expect(page.getByTestId('order-detail-status')).toHaveCount(0);
  for (const [id, value] of [['order-number', 'SH-2025-0100'], ['order-date', '2025-10-10'], ['order-total', '10000.01'], ['order-voucher', '5000.01']] as const) {
    await expect(page.getByTestId(id)).toHaveValue(value);
  }
  expect(await deskApi<{ total: number }>(desk, 'orders:list', {})).toMatchObject({ total: 0 });

  // Fixed, the mark goes at once and the order is saved with what is on the screen.
  await page.getByTestId('order-voucher').fill('5000');
  await expect(voucherError).toHaveCount(0);
  await page.getByTestId('order-save').click();
  await expect(page.getByTestId('order-detail-status')).toHaveText('已下单');
  const { rows } = await deskApi<{ rows: { number: string; totalFen: number; voucherFen: number }[] }>(desk, 'orders:list', {});
  expect(rows).toMatchObject([{ number: 'SH-2025-0100', totalFen: 1_000_001, voucherFen: 500_000 }]);
});

test('the order drawer shows the 第七条 conditions a team fails before saving, and what a 长三角 order is not checked against', async ({ page, desk, openDesk }) => {
  const TEAM = '张江量子材料创业团队';
  await deskApi(desk, 'settings:set', { region: 'shanghai' });
  await deskApi(desk, 'products:save', { id: null, fields: { code: 'P-XRD', name: '物相分析检测', serviceKind: 'inspection', itemCategory: '检验检测/物相分析' } });
  // Already registered as a company in Shanghai: not a team in the sense of 第七条.
  await deskApi(desk, 'applicants:create', {
    kind: 'team', name: TEAM, region: 'shanghai', coreMembers: 3, incubator: '张江孵化器', incubatorRegion: 'shanghai', companyRegions: ['shanghai'],
  });
  await openDesk(page);
  await page.getByRole('menuitem', { name: '上海订单' }).click();
  await page.getByTestId('order-add').click();
  await page.getByTestId('order-number').fill('SH-2025-0200');
  await choose(page, page.getByTestId('order-applicant'), TEAM);
  await choose(page, page.getByTestId('order-product'), '物相分析检测');
  await page.getByTestId('order-date').fill('2025-10-10');
  await page.getByTestId('order-date').press('Tab');
  await page.getByTestId('order-total').fill('10000');
  await page.getByTestId('order-voucher').fill('1000');
  // Before saving, the form names the failed condition with its article, and the desk's reading of the text.
  await expect(page.getByTestId('order-ineligible')).toContainText('沪科规〔2025〕6号');
  await expect(page.getByTestId('order-ineligible-condition')).toHaveCount(1);
  await expect(page.getByTestId('order-ineligible-condition')).toContainText('第七条');
  // The refused condition carries the desk's reading of the text with it (a company elsewhere is not addressed).
  await expect(page.getByTestId('order-ineligible-condition')).toContainText('外省市');
  await expect(page.getByTestId('order-eligibility-notes')).toContainText('尚未在本市注册成立企业');
  // The quota line says how the desk reads the year of an order, which the text leaves open.
  await expect(page.getByTestId('order-quota-note')).toContainText('下单日期');
  await page.getByTestId('order-save').click();
  await expect(page.locator('.ant-form-item-explain-error').filter({ hasText: '第七条' }).first()).toBeVisible();
  expect(await deskApi<{ total: number }>(desk, 'orders:list', {})).toMatchObject({ total: 0 });

  // Paid with a 长三角 voucher the order follows Zhejiang's rules (第十五条): the local conditions are not applied, and the form lists each one skipped.
  await choose(page, page.getByTestId('order-cross'), '长三角');
  await choose(page, page.getByTestId('order-issuing'), '浙江');
  await expect(page.getByTestId('order-ineligible')).toHaveCount(0);
  const note = page.getByTestId('order-cross-note');
  await expect(note).toContainText('第十五条');
  await expect(note).toContainText('申领/使用条件（第七条）');
  await expect(note).toContainText('禁止转包（第十二条）');
  await page.getByTestId('order-save').click();
  await expect(page.getByTestId('order-detail-status')).toHaveText('已下单');
  await expect(page.getByTestId('order-unchecked')).toContainText('申领/使用条件（第七条）、占订单总额的比例上限（第二条）');
  expect(await deskApi<{ rows: { crossRegion: string; issuingRegion: string }[] }>(desk, 'orders:list', {}))
    .toMatchObject({ rows: [{ crossRegion: 'yangtze', issuingRegion: 'zhejiang' }] });

  // In English the same list, with its articles, and no Chinese.
  await page.keyboard.press('Escape');
  await page.getByRole('button', { name: 'language' }).click();
  await page.getByTestId('orders-table').getByText('SH-2025-0200').click();
  const unchecked = page.getByTestId('order-unchecked');
  await expect(unchecked).toContainText('applicant conditions (Article 7), share of the order total (Article 2)');
  expect(await unchecked.textContent()).not.toMatch(/\p{Script=Han}/u);
});
