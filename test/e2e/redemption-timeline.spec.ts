// A Beijing redemption approved in Q4, walked through the drawer's own status buttons: the drawer
// shows the end of the 5-working-day public notice from the desk's holiday table and the payment rolling to Q1–Q3 of the next year (京科发〔2023〕16号 第十五条).
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { insertContract } from '../redemption/fixtures';
import { expect, test } from './fixtures';

test.use({ deskToday: '2025-10-31' });

test('redemption approved in Q4: the drawer shows the notice end and the payment rolling to Q1–Q3 of next year', async ({ page, desk, openDesk }) => {
  const db = new Database(path.join(desk.dataDir, 'desk.sqlite'));
  db.pragma('busy_timeout = 5000');
  try {
    insertContract(db, { number: 'HT-Q4-001', applicantName: '北京四季科技有限公司', startDate: '2025-08-01', endDate: '2025-10-15' });
  } finally {
    db.close();
  }
  await openDesk(page);
  await page.getByRole('menuitem', { name: /兑现申请/ }).click();
  await page.getByTestId('redemption-row-HT-Q4-001').click();
  await page.getByTestId('open-redemption').click();
  const drawer = page.locator('.ant-drawer');
  await expect(drawer.getByTestId('status-tag')).toHaveText('草稿');
  // Before approval there is no notice end and no quarter yet.
  await expect(drawer.getByTestId('payout-timeline')).toContainText('公示期：待核验/审核通过后开始');

  for (const [to, date, shown] of [['submitted', '2025-10-31', '已提交'], ['under_review', '2025-10-31', '审核中'], ['approved', '2025-10-31', '已批准']]) {
    await drawer.getByTestId(`to-${to}`).click();
    const modal = page.locator('.ant-modal').filter({ hasText: shown });
    await modal.getByPlaceholder('日期（YYYY-MM-DD，留空为今天）').fill(date);
    await modal.getByTestId('confirm-transition').click();
    await expect(drawer.getByTestId('status-tag')).toHaveText(shown);
  }

  // Approved Friday 2025-10-31: five working days (11-03 to 11-07) end on 2025-11-07.
  await expect(drawer.getByTestId('notice-end')).toContainText('京科发〔2023〕16号');
  await expect(drawer.getByTestId('notice-end')).toContainText('2025-10-31 发布，5 个工作日，至 2025-11-07 24:00 止');
  // Q4: paid in Q1–Q3 of 2026, citing 第十五条.
  const quarter = drawer.getByTestId('disbursement-quarter');
  await expect(quarter).toContainText('第十五条');
  await expect(quarter).toContainText('预计兑付：2025 年第 4 季度');
  await expect(quarter).toContainText('第四季度通过的，可顺延至 2026 年第 1–3 季度兑付');
});
