import fs from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { unzipSync } from 'fflate';
import { expect, test } from './fixtures';
import { deskApi } from './helpers';

// A Shanghai desk (the lab as 服务机构) on a fixed day after the whole order path.
test.use({ deskToday: '2025-11-03' });

const FIRM = '上海微纳检测科技有限公司';

async function choose(page: Page, select: Locator, text: string) {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

/** Types a date into a strict date field and leaves it (Enter in a form's text field saves the form). */
async function typeDate(input: Locator, date: string) {
  await input.click();
  await input.fill(date);
  await input.press('Tab');
}

test('Shanghai order → accept → usage → charges and statement → complete → upload → notice → payment, with the 50% and annual caps refused', async ({ page, desk, openDesk }) => {
  test.setTimeout(180_000); // the whole path, thirteen saves, in one test
  await deskApi(desk, 'settings:set', { region: 'shanghai' });
  const xrd = await deskApi<{ id: number }>(desk, 'catalog:create', { innerId: 'SH-XRD-01', nameCn: 'X射线衍射仪', categoryCode: '010401', originalValueFen: 80_000_000 });
  // 上机 on the XRD: 400元 an hour for enterprises (price group 3), in 30-minute steps.
  const rate = await deskApi<{ id: number }>(desk, 'money:rateItemSave', { id: null, fields: { instrumentId: xrd.id, name: '上机', unit: 'hour', billsUsage: true } });
  await deskApi(desk, 'money:rateVersionAdd', { itemId: rate.id, fields: { effectiveFrom: '2025-01-01', incrementMinutes: 30, prices: [{ priceGroupId: 3, unitPriceFen: 40_000 }] } });
  await deskApi(desk, 'products:save', { id: null, fields: { code: 'P-XRD', name: '物相分析检测', serviceKind: 'inspection', itemCategory: '检验检测/物相分析' } });
  const firm = await deskApi<{ id: number }>(desk, 'applicants:create', {
    kind: 'enterprise', name: FIRM, region: 'shanghai', smeListed: true, smeListedYear: 2025, smeValidFrom: '2025-01-01', smeValidTo: '2025-12-31',
  });
  const product = (await deskApi<{ id: number }[]>(desk, 'products:list', {}))[0];
  // 296,000元 already used this year: 5,000元 more would pass the 50% cap but not the annual 30万 (第二条).
  await deskApi(desk, 'orders:create', {
    number: 'SH-EARLIER', applicantId: firm.id, productId: product.id, orderDate: '2025-09-15', totalFen: 59_200_000, voucherFen: 29_600_000, payoutParty: 'institution',
  });
  await openDesk(page);

  await page.getByRole('menuitem', { name: '上海订单' }).click();
  await page.getByTestId('order-add').click();
  await page.getByTestId('order-number').fill('SH-2025-0001');
  await choose(page, page.getByTestId('order-applicant'), FIRM);
  await choose(page, page.getByTestId('order-product'), '物相分析检测');
  // The order date is typed as text: an impossible date is refused on the field, not replaced.
  await typeDate(page.getByTestId('order-date'), '2025-02-30');
  await page.getByTestId('order-total').fill('10000.01');
  await page.getByTestId('order-voucher').fill('1000');
  await page.getByTestId('order-save').click();
  await expect(page.locator('.ant-form-item-explain-error').filter({ hasText: '下单日期' })).toContainText('2025-02-30');
  await expect(page.getByTestId('order-detail-status')).toHaveCount(0);
  // Before 2025-09-01 no Shanghai profile is in force: the form says so rather than judge by another one.
  await typeDate(page.getByTestId('order-date'), '2025-08-31');
  await expect(page.getByTestId('order-no-profile')).toContainText('2025-08-31');
  await typeDate(page.getByTestId('order-date'), '2025-10-10');
  await expect(page.getByTestId('order-no-profile')).toHaveCount(0);
  await expect(page.getByTestId('order-max')).toContainText('5,000.00');
  await expect(page.getByTestId('order-quota')).toContainText('4,000.00');

  // 50%: 5,000.01元 on 10,000.01元 is refused on the field, citing 第二条.
  await page.getByTestId('order-voucher').fill('5000.01');
  await page.getByTestId('order-save').click();
  // The field's current error: a replaced one fades out for a moment beside it.
  const fieldError = () => page.locator('.ant-form-item-explain-error:not(.ant-form-show-help-item-leave)').filter({ hasText: '第二条' });
  const voucherError = fieldError();
  await expect(voucherError).toContainText('5,000.00');
  // Annual cap: 5,000.00元 is within 50% but over the 4,000元 left this year.
  await page.getByTestId('order-voucher').fill('5000');
  await page.getByTestId('order-save').click();
  await expect(fieldError()).toContainText('300,000.00');
  await page.getByTestId('order-voucher').fill('4000');
  await page.getByTestId('order-save').click();
  await expect(page.getByTestId('order-detail-status')).toHaveText('已下单');

  const step = async (to: string, date: string) => {
    await typeDate(page.getByTestId('order-step-date'), date);
    await page.getByTestId(`order-to-${to}`).click();
  };
  // A step date that is not a date stays as typed with the error on it; the order does not move.
  await step('accepted', '2025-10-32');
  await expect(page.locator('.ant-form-item-explain-error').filter({ hasText: '2025-10-32' })).toBeVisible();
  await expect(page.getByTestId('order-detail-status')).toHaveText('已下单');
  await step('accepted', '2025-10-11');
  await expect(page.getByTestId('order-detail-status')).toHaveText('已接单');

  // The service record behind the order: 3 hours on the XRD.
  await choose(page, page.getByTestId('order-usage-instrument'), 'X射线衍射仪');
  await page.getByTestId('order-usage-start').fill('2025-10-12 09:00');
  await page.getByTestId('order-usage-end').fill('2025-10-12 12:00');
  await page.getByTestId('order-usage-add').click();
  await expect(page.getByText('共 1 条，3.0 小时')).toBeVisible();

  // Charges from the usage at the rate of the day for the enterprise: 3 h × 400元 = 1,200.00元.
  const charges = page.getByTestId('charges-panel');
  await charges.getByTestId('charges-refresh').click();
  await expect(charges.getByTestId('charges-total')).toHaveText('1,200.00 元');
  await expect(charges.getByTestId('charges-actual')).toHaveText('10,000.01 元');
  // The charges as the order total would put the 4,000元 voucher over 50% of it (第二条): refused, nothing changes.
  await charges.getByTestId('charges-adopt').click();
  await expect(page.locator('.ant-message')).toContainText('第二条');
  await expect(charges.getByTestId('charges-actual')).toHaveText('10,000.01 元');
  // Quotes for the order (报价单): one of 7,999.99元 would put the voucher over 50% (第二条) and is refused;
  // the one of 10,000.01元 becomes the order total, a dated step of its history; each prints as PDF.
  for (const [number, fen] of [['BJ-SH-LOW', 799_999], ['BJ-SH-OK', 1_000_001]] as const) {
    await deskApi(desk, 'money:quoteSave', { id: null, fields: { number, applicantId: firm.id, quoteDate: '2025-10-11', validUntil: '2025-11-11', title: '物相分析',
      lines: [{ description: '物相分析检测', unit: 'item', quantityMilli: 1000, unitPriceFen: fen }] } });
  }
  // The drawer reads the applicant's quotes when it opens.
  await page.keyboard.press('Escape');
  await page.getByTestId('orders-table').getByText('SH-2025-0001').click();
  const quoteRow = (n: string) => page.getByTestId('order-quotes').locator('.ant-table-row', { hasText: n });
  await quoteRow('BJ-SH-LOW').getByTestId('quote-adopt').click();
  await page.getByTestId('quote-adopt-ok').click();
  await expect(page.locator('.ant-message')).toContainText('第二条');
  await page.locator('.ant-modal').getByRole('button', { name: /取\s*消/ }).click();
  await quoteRow('BJ-SH-OK').getByTestId('quote-adopt').click();
  await page.getByTestId('quote-adopt-ok').click();
  await expect(page.getByTestId('order-history')).toContainText('订单总额采用报价单 BJ-SH-OK：10,000.01 元 → 10,000.01 元');
  await expect(quoteRow('BJ-SH-OK')).toContainText('SH-2025-0001');
  const quotePdf = page.waitForEvent('download');
  await quoteRow('BJ-SH-OK').getByTestId('quote-pdf').click();
  expect((await quotePdf).suggestedFilename()).toBe('报价单-BJ-SH-OK.pdf');
  // The total set on the platform stays; the difference is confirmed with a reason, then the statement issued.
  await charges.getByTestId('charges-confirm').click();
  await page.getByTestId('dialog-reason').fill('平台按服务事项清单核定订单总额');
  await page.locator('.ant-modal').getByRole('button', { name: /确\s*定/ }).click();
  await expect(charges).toContainText('已说明：平台按服务事项清单核定订单总额');
  await charges.getByTestId('charges-issue').click();
  await expect(charges.getByText(/结算单 JS-2025-0001/)).toBeVisible();
  const statement = page.waitForEvent('download');
  await charges.getByTestId('charges-pdf').click();
  expect((await statement).suggestedFilename()).toBe('费用结算单-SH-2025-0001.pdf');
  // The enterprise's own part (10,000.01 − 4,000.00) received.
  await charges.getByTestId('payment-add').click();
  await page.getByTestId('payment-receipt').fill('HD2025101200001');
  await page.getByTestId('payment-amount').fill('6000.01');
  await page.locator('.ant-modal').getByRole('button', { name: /确\s*定/ }).click();
  await expect(charges.getByTestId('charges-paid')).toHaveText('6,000.01 元');

  await step('completed', '2025-10-12');
  await step('evaluated', '2025-10-13');
  await expect(page.getByTestId('order-detail-status')).toHaveText('已评价');
  // 材料已上传 needs the materials (第十一条): refused until a file is on the order.
  await step('uploaded', '2025-10-14');
  await expect(page.locator('.ant-message')).toContainText('尚未上传兑付材料');
  await expect(page.getByTestId('order-detail-status')).toHaveText('已评价');
  await page.getByTestId('order-materials').locator('.ant-upload input[type=file]')
    .setInputFiles({ name: '物相分析报告.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 XRD report') });
  await expect(page.getByTestId('order-material-list')).toContainText('物相分析报告.pdf');
  await expect(page.getByTestId('order-material-list')).toContainText('服务机构兑付');
  // A wrong file can be removed before verification, confirmed with a reason; the UI says the text is silent on it.
  await page.getByTestId('order-materials').locator('.ant-upload input[type=file]')
    .setInputFiles({ name: '草稿.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 draft') });
  await expect(page.getByTestId('order-material-list')).toContainText('草稿.pdf');
  await expect(page.getByTestId('order-material-remove-note')).toContainText('未规定撤回');
  await page.getByTestId('order-material-list').getByRole('row', { name: /草稿\.pdf/ }).getByRole('button', { name: '删除' }).click();
  await page.getByTestId('order-material-remove-reason').fill('上传错了文件');
  await page.locator('.ant-modal').getByRole('button', { name: /确认删除/ }).click();
  await expect(page.getByTestId('order-material-list')).not.toContainText('草稿.pdf');
  await expect(page.getByTestId('order-material-list')).toContainText('物相分析报告.pdf');
  await step('uploaded', '2025-10-14');
  await expect(page.getByTestId('order-detail-status')).toHaveText('材料已上传');
  await step('verified', '2025-10-15');
  await step('notice', '2025-10-16');
  await expect(page.getByTestId('order-detail-status')).toHaveText('公示中');
  await expect(page.getByTestId('notice-end')).toContainText('2025-10-23');
  await expect(page.getByTestId('notice-end')).toContainText('第十一条');
  await expect(page.getByTestId('order-payment-step')).toContainText('最早 2025-10-24 可兑付');

  // Paying on the notice's last day is refused; the day after it is paid.
  await step('paid', '2025-10-23');
  await expect(page.locator('.ant-message')).toContainText('2025-10-23');
  await expect(page.getByTestId('order-detail-status')).toHaveText('公示中');
  await step('paid', '2025-10-24');
  await expect(page.getByTestId('order-detail-status')).toHaveText('已兑付');
  await expect(page.getByTestId('order-payment-step')).toHaveText('2025-10-24 已兑付');

  // The order materials packet: summary, service records and the uploaded report, from the drawer.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('order-packet').click()]);
  expect(download.suggestedFilename()).toBe(`订单兑付材料-SH-2025-0001-${FIRM}.zip`);
  const entries = unzipSync(fs.readFileSync(await download.path()));
  expect(Object.keys(entries).sort()).toEqual(['manifest.json', '服务成果（报告、数据）/物相分析报告.pdf', '服务记录.xlsx', '订单兑付材料汇总表.pdf', '费用结算单.pdf'].sort());
  expect(Buffer.from(entries['服务成果（报告、数据）/物相分析报告.pdf']).toString()).toBe('%PDF-1.4 XRD report');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('orders-table')).toContainText('SH-2025-0001');

  // The charges page picks orders as well as contracts, searched as the user types.
  await page.getByRole('menuitem', { name: /费用结算/ }).click();
  await page.getByTestId('charges-contract').locator('.ant-select').click();
  await page.keyboard.type('SH-2025');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'SH-2025-0001' }).click();
  await expect(page.getByTestId('charges-total')).toHaveText('1,200.00 元');
  await page.getByRole('menuitem', { name: '上海订单' }).click();

  // In English the timeline cites 'Article 11' of the document named in English, with no Chinese.
  await page.getByRole('button', { name: 'language' }).click();
  await page.getByTestId('orders-table').getByText('SH-2025-0001').click();
  const notice = page.getByTestId('notice-end');
  await expect(notice).toContainText('Article 11, Hu Ke Gui [2025] No. 6');
  await expect(notice).not.toContainText('第');
  await expect(page.locator('.ant-drawer-body')).toContainText('Payment materials (Article 11)');
  await expect(page.getByTestId('order-material-list')).toContainText('Paid to the service institution');
  await expect(page.locator('.ant-drawer-body')).toContainText('Materials uploaded by the service institution');
});
