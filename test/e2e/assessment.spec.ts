import { expect, test } from './fixtures';
import { deskApi as api } from './helpers';

// Today is fixed at 2025-06-16 on the server clock; the report is for 2025 so far.
test.use({ deskToday: '2025-06-16' });

test('annual assessment: figures, subsidy what-if, Excel and PDF downloads, settings', async ({ page, desk, openDesk }) => {
  const sem = await api<{ id: number }>(desk, 'catalog:create', {
    innerId: 'SEM-01', nameCn: '场发射扫描电镜', categoryCode: '010101', originalValueFen: 80_000_000, shareMode: '外部共享',
  });
  await api(desk, 'catalog:create', { innerId: 'CMM-01', nameCn: '三坐标测量机', categoryCode: '030101', originalValueFen: 30_000_000, shareMode: '内部共享' });
  // 8 h external + 3 h internal = 11 h in 2025.
  await api(desk, 'usage:create', { instrumentId: sem.id, startAt: '2025-03-10T09:00', endAt: '2025-03-10T17:00', external: true, userUnit: '某材料公司', amountFen: 200_000 });
  await api(desk, 'usage:create', { instrumentId: sem.id, startAt: '2025-04-02T09:00', endAt: '2025-04-02T12:00' });

  await openDesk(page);
  await page.getByRole('menuitem', { name: '年度考核' }).click();
  await page.getByTestId('assessment-year').click();
  await page.locator('.ant-select-item-option[title="2025"]').click();

  // Each card's figure, worked out from the two instruments and two usage records above (rated
  // 1,600 h per instrument-year by default; 万 = 10,000 yuan).
  const kpi = (key: string) => page.getByTestId(`kpi-${key}`).locator('.ant-statistic-content');
  await expect(kpi('instruments')).toHaveText('2');
  await expect(kpi('effective')).toHaveText('11'); // 8 h + 3 h
  await expect(kpi('external')).toHaveText('8');
  await expect(kpi('utilisation')).toHaveText('0.3%'); // 11 h / (2 × 1,600 h) = 0.34%
  await expect(kpi('share')).toHaveText('72.7%'); // 8 h external of 11 h
  await expect(kpi('avg')).toHaveText('5.5'); // 11 h / 2 instruments
  await expect(kpi('users')).toHaveText('1'); // 某材料公司
  await expect(kpi('contracts')).toHaveText('0 / 0');
  await expect(kpi('income')).toHaveText('0.2万'); // 2,000 yuan
  await expect(kpi('national')).toHaveText('1 / 80万'); // only the SEM is ≥ 50万
  await expect(kpi('open')).toHaveText('100.0%'); // both shared (one internally)
  await expect(page.getByTestId('chart-monthlyHours')).toBeVisible();
  // The usage was logged without bookings: the check lists it.
  await expect(page.getByTestId('check-noBooking')).toBeVisible();

  // Subsidy: open value 80万 ≥ boundary 50万 → Class Ⅰ; what-if 优秀 → cap 1,000,000 yuan.
  await page.getByTestId('subsidy-boundary').fill('500000');
  await page.getByTestId('subsidy-save').click();
  await page.getByTestId('subsidy').getByText('优秀', { exact: true }).click();
  await expect(page.getByTestId('subsidy-cap')).toHaveText('1,000,000.00元');
  await expect(page.getByTestId('subsidy-staff')).toHaveText('1,400.00元'); // ⌈70% × 2000 yuan income⌉

  const [xlsx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-xlsx').click()]);
  expect(xlsx.suggestedFilename()).toBe('年度考核-2025.xlsx');
  const [pdf] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByTestId('export-pdf').click()]);
  expect(pdf.suggestedFilename()).toBe('年度考核-2025.pdf');
  const bytes = await (await pdf.createReadStream()).toArray();
  expect(Buffer.concat(bytes).subarray(0, 5).toString()).toBe('%PDF-');

  // Settings: 2024 has no holiday data; lower rated hours raise utilisation.
  await page.getByRole('menuitem', { name: '设置' }).click();
  await expect(page.getByTestId('holiday-missing')).toContainText('2024');
  // Enter a 2024 holiday: the editor shows 2024 and the warning no longer names it; delete it again.
  await page.getByTestId('holiday-date').click();
  await page.keyboard.type('2024-10-01');
  await page.keyboard.press('Enter');
  await page.getByPlaceholder('名称').fill('国庆节');
  await page.getByTestId('holiday-add').click();
  await expect(page.getByTestId('holiday-table')).toContainText('2024-10-01');
  await expect(page.getByTestId('holiday-missing')).toHaveCount(0);
  await page.getByTestId('holiday-del-2024-10-01').click();
  await page.getByRole('button', { name: 'OK' }).or(page.getByRole('button', { name: '确 定' })).or(page.getByRole('button', { name: '确定' })).click();
  await expect(page.getByTestId('holiday-table')).not.toContainText('2024-10-01');
  await expect(page.getByTestId('holiday-missing')).toContainText('2024');

  await page.getByTestId('settings-rated').fill('110');
  await page.getByTestId('settings-save').click();
  await expect(page.getByText('设置已保存')).toBeVisible();
  await page.getByRole('menuitem', { name: '年度考核' }).click();
  // 11 h / (2 instruments × 110 h) = 5.0%
  await expect(page.getByTestId('kpi-utilisation').locator('.ant-statistic-content')).toHaveText('5.0%');
});
