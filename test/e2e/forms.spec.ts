// What is saved is what the user sees: an impossible date typed into the claim and booking dialogs
// is refused on the field and nothing is saved; a contract refusal about a voucher highlights that
// voucher's row where the user is; in English no page shows Chinese outside the user's data.
import { test, expect } from './fixtures';
import { deskApi, dragInLane } from './helpers';
import { chineseInDropdowns, chineseOutsideData, prepareScan, settled } from './cjk-scan';
import type { Locator, Page } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';

test.use({ deskToday: '2025-06-16' });

async function choose(page: Page, select: Locator, text: string) {
  await select.click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: text }).first().click();
}

const FIRM = {
  kind: 'enterprise', name: '北京新材科技有限公司', creditCode: '91110108551385082Q', registeredDate: '2022-03-01', staffCount: 50,
  revenueFen: 100_000_000, assetsFen: 80_000_000, fields: ['智能制造'],
};

test('an impossible claim date is refused on the field and nothing is saved', async ({ page, desk, openDesk }) => {
  const a = await deskApi<{ id: number }>(desk, 'applicants:create', FIRM);
  await openDesk(page);
  await page.getByRole('menuitem', { name: '创新券' }).click();
  await page.getByTestId('voucher-claim').click();
  const dialog = page.getByRole('dialog');
  await choose(page, page.getByTestId('claim-applicant'), FIRM.name);
  await page.getByTestId('claim-number').fill('BJ2025-0230');
  await page.getByTestId('claim-face').fill('5万');
  await page.getByTestId('claim-date').fill('2025-02-30');
  await page.getByTestId('claim-save').click();
  await expect(dialog.locator('.ant-form-item-explain-error')).toContainText('2025-02-30 不是存在的日期');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('claim-date')).toHaveValue('2025-02-30');
  expect(await deskApi<{ rows: unknown[]; total: number }>(desk, 'vouchers:list', { applicantId: a.id })).toEqual({ rows: [], total: 0 });

  // 2025-6-3 is read as 2025-06-03 and shown so; then it saves exactly that day.
  await page.getByTestId('claim-date').fill('2025-6-3');
  await page.getByTestId('claim-number').click();
  await expect(page.getByTestId('claim-date')).toHaveValue('2025-06-03');
  await expect(dialog.locator('.ant-form-item-explain-error')).toHaveCount(0);
  await page.getByTestId('claim-save').click();
  await expect(dialog).toBeHidden();
  const saved = await deskApi<{ rows: { claimDate: string }[] }>(desk, 'vouchers:list', { applicantId: a.id });
  expect(saved.rows.map((v) => v.claimDate)).toEqual(['2025-06-03']);
});

test('an impossible booking start is refused on the field and nothing is saved', async ({ page, desk, openDesk }) => {
  const inst = await deskApi<{ id: number }>(desk, 'catalog:create', {
    innerId: 'GC-FORMS-01', nameCn: '气相色谱仪', categoryCode: '010401', originalValueFen: 60_000_000,
  });
  await openDesk(page);
  await page.getByRole('menuitem', { name: '预约日历' }).click();
  const dialog = page.getByRole('dialog');
  await dragInLane(page, page.getByTestId(`lane-2025-06-16-${inst.id}`), 9 * 60 + 5, 10 * 60 + 55);
  await expect(dialog).toBeVisible();
  await page.getByTestId('booking-start').fill('2025-02-30 09:00');
  await dialog.getByTestId('booking-save').click();
  await expect(dialog.locator('.ant-form-item-explain-error')).toContainText('2025-02-30 不是存在的日期');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('booking-start')).toHaveValue('2025-02-30 09:00');
  const week = await deskApi<{ bookings: unknown[] }>(desk, 'bookings:week', { weekStart: '2025-06-16', instrumentIds: [inst.id] });
  expect(week.bookings).toEqual([]);
  // A recurring block of 1000 is refused, not cut to 104.
  await page.getByTestId('booking-start').fill('2025-06-16 09:00');
  await page.getByTestId('booking-repeat').check();
  await page.getByTestId('booking-count').fill('1000');
  await dialog.getByTestId('booking-save').click();
  await expect(dialog.locator('.ant-form-item-explain-error')).toContainText('不能大于 104');
  await expect(page.getByTestId('booking-count')).toHaveValue('1000');
  expect((await deskApi<{ bookings: unknown[] }>(desk, 'bookings:week', { weekStart: '2025-06-16', instrumentIds: [inst.id] })).bookings).toEqual([]);
});

test('an impossible instrument date and an out-of-range rated hours are refused on the field, never replaced', async ({ page, desk, openDesk }) => {
  const inst = await deskApi<{ id: number }>(desk, 'catalog:create', {
    innerId: 'XRD-FORMS-01', nameCn: 'X射线衍射仪', categoryCode: '010401', originalValueFen: 60_000_000, startUseDate: '2020-05-01',
  });
  await openDesk(page);
  await page.getByRole('menuitem', { name: '仪器目录' }).click();
  await page.getByText('XRD-FORMS-01').click();
  const drawer = page.locator('.ant-drawer');
  await expect(page.getByTestId('instrument-start-use')).toHaveValue('2020-05-01');
  await page.getByTestId('instrument-start-use').fill('2025-02-30');
  await drawer.getByRole('button', { name: /保存/ }).click();
  await expect(drawer.locator('.ant-form-item-explain-error')).toContainText('2025-02-30 不是存在的日期');
  await expect(page.getByTestId('instrument-start-use')).toHaveValue('2025-02-30');
  expect(await deskApi<{ startUseDate: string }>(desk, 'catalog:get', { id: inst.id })).toMatchObject({ startUseDate: '2020-05-01' });
  // 2024-2-9 is shown as 2024-02-09 on leaving the field, and saved so.
  await page.getByTestId('instrument-start-use').fill('2024-2-9');
  await page.getByTestId('instrument-booked').click();
  await expect(page.getByTestId('instrument-start-use')).toHaveValue('2024-02-09');
  await drawer.getByRole('button', { name: /保存/ }).click();
  await expect(drawer).toBeHidden();
  expect(await deskApi<{ startUseDate: string }>(desk, 'catalog:get', { id: inst.id })).toMatchObject({ startUseDate: '2024-02-09' });

  // 额定机时 -5 stays -5 with the rule on the field; nothing is saved.
  await page.getByRole('menuitem', { name: '设置' }).click();
  await page.getByTestId('settings-rated').fill('-5');
  await page.getByTestId('settings-save').click();
  await expect(page.locator('.ant-form-item-explain-error')).toContainText('额定机时（小时/台·年）须大于 0');
  await expect(page.getByTestId('settings-rated')).toHaveValue('-5');
  expect(await deskApi<{ settings: { ratedHours: number | null } }>(desk, 'settings:get', {})).toMatchObject({ settings: { ratedHours: null } });
  // An impossible holiday date is marked on its field, not moved to 2025-03-02.
  await page.getByTestId('holiday-date').fill('2025-02-30');
  await page.getByTestId('holiday-add').click();
  await expect(page.getByTestId('holiday-editor').locator('.ant-form-item-explain-error')).toContainText('2025-02-30');
  await expect(page.getByTestId('holiday-table')).not.toContainText('2025-03-02');
});

test('a contract refusal about a voucher highlights its row where the user is scrolled to', async ({ page, desk, openDesk }) => {
  const a = await deskApi<{ id: number }>(desk, 'applicants:create', FIRM);
  await deskApi(desk, 'vouchers:claim', { number: 'BJ2025-0101', applicantId: a.id, faceValueFen: 5_000_000, claimDate: '2025-06-10' });
  await openDesk(page);
  await page.getByRole('menuitem', { name: '服务合同' }).click();
  await page.getByTestId('contract-add').click();
  await page.getByTestId('contract-number').fill('HT-FORMS-001');
  await choose(page, page.getByTestId('contract-applicant'), FIRM.name);
  await page.getByTestId('contract-end').fill('2025-06-30');
  await page.getByTestId('contract-amount').fill('200000');
  // The service kind comes from the policy's scope vocabulary; a contract without one is refused.
  await choose(page, page.getByTestId('contract-service-kinds'), '测试');
  await page.keyboard.press('Escape');
  const picker = page.getByTestId('voucher-picker');
  const row = picker.locator('tr', { hasText: 'BJ2025-0101' });
  await row.locator('input[type=checkbox]').check();
  // 6万 on a 5万 voucher: within the 50% share, above the face value: the server refuses that row.
  await page.getByTestId('voucher-amount-BJ2025-0101').fill('60000');
  await row.scrollIntoViewIfNeeded();
  await page.getByTestId('contract-save').click();
  await expect(row).toHaveAttribute('data-refused', 'true');
  await expect(row).toBeInViewport();
  await expect(page.getByTestId('voucher-row-error-BJ2025-0101')).toContainText('超过面额');
  await expect(page.getByTestId('contract-voucher-error')).toBeInViewport();
  await expect(page.getByTestId('voucher-amount-BJ2025-0101')).toHaveValue('60000');
  expect((await deskApi<{ total: number }>(desk, 'contracts:list', {})).total).toBe(0);
  // Fixing the amount clears the highlight and saves.
  await page.getByTestId('voucher-amount-BJ2025-0101').fill('50000');
  await expect(row).not.toHaveAttribute('data-refused', 'true');
  await page.getByTestId('contract-save').click();
  await expect(page.getByTestId('contracts-table')).toContainText('HT-FORMS-001');
});

test('the register dialogs keep the input on a service refusal, mark the field with the rule, write nothing, and clear the mark once fixed', async ({ page, desk, openDesk }) => {
  test.setTimeout(150_000);
  const a = await deskApi<{ id: number }>(desk, 'applicants:create', FIRM);
  await deskApi(desk, 'vouchers:claim', { number: 'BJ2025-0101', applicantId: a.id, faceValueFen: 5_000_000, claimDate: '2025-06-10' });
  await deskApi(desk, 'contracts:create', {
    number: 'HT-DUP-001', title: '测试服务', applicantId: a.id, signedDate: '2025-05-01', startDate: '2025-05-01', endDate: '2025-06-10', amountFen: 10_000_000, serviceKinds: ['testing'],
  });
  await openDesk(page);
  const errorOf = (testId: string) => page.locator('.ant-form-item', { has: page.getByTestId(testId) }).locator('.ant-form-item-explain-error');

  // 申领: a voucher number already recorded is refused by the service on 券号; the dialog keeps what was typed.
  await page.getByRole('menuitem', { name: '创新券' }).click();
  await page.getByTestId('voucher-claim').click();
  const dialog = page.getByRole('dialog');
  await choose(page, page.getByTestId('claim-applicant'), FIRM.name);
  await page.getByTestId('claim-number').fill('BJ2025-0101');
  await page.getByTestId('claim-face').fill('3万');
  await page.getByTestId('claim-save').click();
  await expect(errorOf('claim-number')).toHaveText('券号 BJ2025-0101 已登记');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('claim-number')).toHaveValue('BJ2025-0101');
  await expect(page.getByTestId('claim-face')).toHaveValue('3万');
  expect((await deskApi<{ total: number }>(desk, 'vouchers:list', { applicantId: a.id })).total).toBe(1);
  await page.getByTestId('claim-number').fill('BJ2025-0102');
  await expect(errorOf('claim-number')).toHaveCount(0);
  await page.getByTestId('claim-save').click();
  await expect(dialog).toBeHidden();
  expect((await deskApi<{ total: number }>(desk, 'vouchers:list', { applicantId: a.id })).total).toBe(2);

  // 申领单位: the same enterprise typed in lower case is refused on 统一社会信用代码, naming the one registered.
  await page.getByRole('menuitem', { name: '申领单位' }).click();
  await page.getByTestId('applicant-add').click();
  const drawer = page.locator('.ant-drawer-content-wrapper:visible');
  await page.getByTestId('applicant-name').fill('北京新材科技（分公司）');
  await page.getByTestId('applicant-credit-code').fill('91110108551385082q');
  await page.getByTestId('applicant-save').click();
  await expect(errorOf('applicant-credit-code')).toContainText(`已由“${FIRM.name}”登记：同一企业只能登记一次`);
  await expect(drawer).toBeVisible();
  await expect(page.getByTestId('applicant-name')).toHaveValue('北京新材科技（分公司）');
  expect((await deskApi<{ total: number }>(desk, 'applicants:list', {})).total).toBe(1);
  await page.getByTestId('applicant-credit-code').fill('91110108551385082');
  await expect(errorOf('applicant-credit-code')).toHaveCount(0);
  await page.keyboard.press('Escape');
  await expect(drawer).toHaveCount(0);

  // 服务合同: a contract number already used is refused on 合同编号; the drawer keeps the input.
  await page.getByRole('menuitem', { name: '服务合同' }).click();
  await page.getByTestId('contract-add').click();
  await page.getByTestId('contract-number').fill('HT-DUP-001');
  await choose(page, page.getByTestId('contract-applicant'), FIRM.name);
  await page.getByTestId('contract-end').fill('2025-06-30');
  await page.getByTestId('contract-amount').fill('200000');
  await choose(page, page.getByTestId('contract-service-kinds'), '测试');
  await page.keyboard.press('Escape');
  await page.getByTestId('contract-save').click();
  await expect(errorOf('contract-number')).toHaveText('合同编号 HT-DUP-001 已存在');
  await expect(page.getByTestId('contract-amount')).toHaveValue('200000');
  await expect(page.getByTestId('contract-end')).toHaveValue('2025-06-30');
  expect((await deskApi<{ total: number }>(desk, 'contracts:list', {})).total).toBe(1);
  await page.getByTestId('contract-number').fill('HT-DUP-002');
  await expect(errorOf('contract-number')).toHaveCount(0);
  await page.getByTestId('contract-save').click();
  await expect(page.getByTestId('contracts-table')).toContainText('HT-DUP-002');

  // 报价单: a line without a description is refused by the service on that line's 内容 (a field with no
  // rule of its own); typing one clears the mark, and the quote saves.
  await page.getByRole('menuitem', { name: '报价单' }).click();
  await page.getByTestId('quote-new').click();
  await page.getByTestId('quote-number').fill('BJ-BJ-DUP-01');
  await choose(page, page.getByTestId('quote-applicant'), FIRM.name);
  const line = page.getByTestId('quote-line').first();
  await line.locator('input[inputmode=decimal]').nth(1).fill('100');
  await page.getByTestId('quote-save').click();
  const lineError = line.locator('.ant-form-item-explain-error');
  await expect(lineError).toHaveText(/内容/);
  expect(await deskApi<unknown[]>(desk, 'money:quotes', {})).toEqual([]);
  await line.locator('input').nth(1).fill('表征');
  await expect(lineError).toHaveCount(0);
  await page.getByTestId('quote-save').click();
  await expect(page.getByTestId('quote-table')).toContainText('BJ-BJ-DUP-01');
});

/** The data the English scan runs over: Chinese names, numbers and titles on every list. */
async function seedForScan(desk: Parameters<typeof deskApi>[0]) {
  const a = await deskApi<{ id: number }>(desk, 'applicants:create', { ...FIRM, contactName: '王敏', contactPhone: '13800138000' });
  await deskApi(desk, 'vouchers:claim', { number: '京券2025-0201', applicantId: a.id, faceValueFen: 5_000_000, claimDate: '2025-06-10' });
  const inst = await deskApi<{ id: number }>(desk, 'catalog:create', {
    innerId: '色谱-01', nameCn: '气相色谱仪', model: '岛津GC-2030', categoryCode: '010401', originalValueFen: 60_000_000, location: '科研楼305室',
  });
  await deskApi(desk, 'contracts:create', {
    number: '京合2025-001', title: '材料表征服务', applicantId: a.id, signedDate: '2025-05-01', startDate: '2025-05-01', endDate: '2025-06-10', amountFen: 10_000_000,
    instrumentIds: [inst.id], serviceKinds: ['testing'],
  });
  await deskApi(desk, 'usage:create', { instrumentId: inst.id, startAt: '2025-06-10T09:00', endAt: '2025-06-10T11:00', userName: '李工', userUnit: '某材料公司', operator: '张三' });
  await deskApi(desk, 'money:quoteSave', { id: null, fields: {
    number: '京报2025-001', applicantId: a.id, priceGroupId: null, quoteDate: '2025-06-10', validUntil: '2025-07-10', title: '材料表征报价',
    lines: [{ rateItemId: null, description: '表征', unit: 'item', quantityMilli: 1000, unitPriceFen: 100_000 }],
  } });
}

const SAMPLE = path.join(__dirname, '..', '..', 'resources', 'samples', 'instruments-sample.xlsx');

test('in English no page shows Chinese outside the user data, in its text, table cells or drop-downs', async ({ page, desk, openDesk }) => {
  test.setTimeout(240_000);
  await seedForScan(desk);
  await prepareScan(page);
  await openDesk(page);
  await page.getByRole('button', { name: 'language' }).click();
  const items = page.getByRole('menuitem');
  const count = await items.count();
  const found: Record<string, string[]> = {};
  const scan = async (name: string) => {
    await settled(page);
    const cjk = [...new Set([...await chineseOutsideData(page), ...await chineseInDropdowns(page)])];
    if (cjk.length) found[name] = cjk;
  };
  for (let i = 0; i < count; i++) {
    const item = items.nth(i);
    const name = (await item.innerText()).trim() || `page ${i + 1}`;
    await item.click();
    await scan(name);
  }
  // Views behind a switch on their page.
  await page.getByRole('menuitem', { name: 'Bookings' }).click();
  await page.getByTestId('calendar-mode').getByText('Usage records').click();
  await scan('Bookings: usage records');
  await page.getByRole('menuitem', { name: 'Redemption' }).click();
  await page.getByTestId('redemption-view').getByText('All contracts').click();
  await scan('Redemption: all contracts');
  // Every page of the registry is in the menu, so every page was scanned.
  const registry = fs.readFileSync(path.join(__dirname, '..', '..', 'renderer', 'src', 'pages', 'registry.tsx'), 'utf8');
  expect(count).toBe([...registry.matchAll(/^\s+\{ key: '/gm)].length);
  // The audit log reads in English as sentences, and every row's details view too (the seed wrote
  // one row of each kind it made): no generic wording, no JSON text.
  await page.getByRole('menuitem', { name: 'Backup & security' }).click();
  const opens = page.getByTestId('audit-table').locator('[data-testid^="audit-open-"]');
  await expect(opens.first()).toBeVisible();
  await expect(page.getByTestId('audit-table')).not.toContainText('changed record');
  const rows = Math.min(await opens.count(), 12);
  expect(rows).toBeGreaterThanOrEqual(6);
  for (let i = 0; i < rows; i++) {
    await opens.nth(i).click();
    await expect(page.getByTestId('audit-detail')).toBeVisible();
    const sentence = (await page.getByTestId('audit-detail-sentence').innerText()).trim();
    const detail = await chineseOutsideData(page);
    if (detail.length) found[`audit details: ${sentence}`] = detail;
    await expect(page.getByTestId('audit-detail')).not.toContainText(/[{}]|"\w+":/);
    await page.locator('.ant-modal-footer:visible').getByRole('button', { name: 'Close' }).click();
    await expect(page.locator('.ant-modal-wrap:visible')).toHaveCount(0);
  }
  expect(found).toEqual({});
});

test('in English the record dialogs and drawers show no Chinese outside the user data', async ({ page, desk, openDesk }) => {
  test.setTimeout(480_000);
  await seedForScan(desk);
  await prepareScan(page);
  await openDesk(page);
  await page.getByRole('button', { name: 'language' }).click();
  const found: Record<string, string[]> = {};
  const scanOpen = async (name: string, scope: string) => {
    await expect(page.locator(scope).first()).toBeVisible();
    await settled(page, scope);
    const cjk = [...new Set([...await chineseOutsideData(page), ...await chineseInDropdowns(page, scope)])];
    if (cjk.length) found[name] = cjk;
    if (cjk.length) console.log(name, JSON.stringify(cjk));
    await page.keyboard.press('Escape');
    await expect(page.locator(scope)).toHaveCount(0);
  };
  await page.getByRole('menuitem', { name: 'Vouchers' }).click();
  await page.getByTestId('voucher-claim').click();
  await scanOpen('claim dialog', '.ant-modal-wrap:visible');
  await page.getByRole('menuitem', { name: 'Contracts' }).click();
  await page.getByTestId('contracts-table').getByText('京合2025-001').click();
  await scanOpen('contract drawer', '.ant-drawer-content-wrapper:visible');
  await page.getByRole('menuitem', { name: 'Instruments' }).click();
  await page.getByText('色谱-01').click();
  await scanOpen('instrument drawer', '.ant-drawer-content-wrapper:visible');
  await page.getByRole('menuitem', { name: 'Applicants' }).click();
  await page.getByTestId('applicants-table').getByText(FIRM.name).click();
  await scanOpen('applicant drawer', '.ant-drawer-content-wrapper:visible');

  // The booking and usage dialogs.
  await page.getByRole('menuitem', { name: 'Bookings' }).click();
  await page.getByTestId('calendar-new').click();
  await scanOpen('booking dialog', '.ant-modal-wrap:visible');
  await page.getByTestId('calendar-mode').getByText('Usage records').click();
  await page.getByRole('button', { name: 'Log use' }).click();
  await scanOpen('usage dialog', '.ant-modal-wrap:visible');
  await page.getByTestId('usage-table').getByText('李工').click();
  await scanOpen('usage record dialog', '.ant-modal-wrap:visible');

  // The import wizard at its mapping step and at its check step (the sample holds refused rows).
  await page.getByRole('menuitem', { name: 'Instruments' }).click();
  await page.getByRole('button', { name: 'Import' }).click();
  await page.locator('input[type=file]').setInputFiles(SAMPLE);
  await expect(page.getByTestId('top-rows')).toBeVisible();
  const wizard = '.ant-modal-wrap:visible';
  await settled(page, wizard);
  const mapping = [...new Set([...await chineseOutsideData(page), ...await chineseInDropdowns(page, wizard)])];
  if (mapping.length) found['import: columns'] = mapping;
  if (mapping.length) console.log('import', JSON.stringify(mapping));
  await page.getByRole('button', { name: 'Check data' }).click();
  await expect(page.getByTestId('import-summary')).toBeVisible();
  await scanOpen('import: check', wizard);

  // The platform export dialog.
  await page.getByRole('button', { name: 'Export to the national platform' }).click();
  await scanOpen('platform export dialog', '.ant-modal-wrap:visible');

  // The quote drawer, new and saved.
  await page.getByRole('menuitem', { name: 'Quotes' }).click();
  await page.getByTestId('quote-new').click();
  await scanOpen('new quote', '.ant-drawer-content-wrapper:visible');
  await page.getByTestId('quote-table').getByText('京报2025-001').click();
  await scanOpen('saved quote', '.ant-drawer-content-wrapper:visible');
  // The adoption dialog, its contract list open.
  await page.getByTestId('quote-table').getByTestId('quote-adopt').first().click();
  await scanOpen('quote adopt dialog', '.ant-modal-wrap:visible');

  // The charges page with a contract picked, and its dialogs.
  await page.getByRole('menuitem', { name: 'Charges' }).click();
  await choose(page, page.getByTestId('charges-contract').locator('.ant-select'), '京合2025-001');
  await expect(page.getByTestId('charges-panel')).toBeVisible();
  await settled(page);
  const charges = [...new Set([...await chineseOutsideData(page), ...await chineseInDropdowns(page)])];
  if (charges.length) found['charges page'] = charges;
  if (charges.length) console.log('charges', JSON.stringify(charges));
  for (const button of ['charges-adjust', 'payment-add']) {
    await page.getByTestId(button).click();
    await scanOpen(`charges: ${button}`, '.ant-modal-wrap:visible');
  }
  expect(found).toEqual({});
});

test('Chinese pickers name the weekdays in Chinese from Monday, and default years follow the desk\'s day in Beijing', async ({ page, desk, openDesk }) => {
  await deskApi(desk, 'catalog:create', { innerId: 'GC-YEAR-01', nameCn: '气相色谱仪', categoryCode: '010401', originalValueFen: 60_000_000 });
  await openDesk(page);
  // The calendar's day picker: 一 … 日, the week starting on Monday.
  await page.getByRole('menuitem', { name: '预约日历' }).click();
  await page.locator('.ant-layout-content .ant-picker').first().click();
  const heads = page.locator('.ant-picker-dropdown:visible .ant-picker-content thead th');
  await expect(heads).toHaveText(['一', '二', '三', '四', '五', '六', '日']);
  await page.keyboard.press('Escape');
  // The platform export reports last year by the desk's day (2025-06-16 here), whatever the computer's clock says.
  await page.getByRole('menuitem', { name: '仪器目录' }).click();
  await page.getByRole('button', { name: '导出到国家平台' }).click();
  await expect(page.getByLabel('platform-year')).toHaveValue('2024');
  await page.keyboard.press('Escape');
  await page.getByText('GC-YEAR-01').click();
  await expect(page.getByTestId('year-hours-year')).toContainText('2024');
});
