import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { deskApi as api, dragInLane } from './helpers';

// Today is fixed at 2025-06-16 (a Monday), 10:00 Shanghai on the server clock.
test.use({ deskToday: '2025-06-16' });

/** Drags an existing block by a number of minutes down and lanes to the right. */
async function dragBlock(page: Page, block: Locator, lane: Locator, minutes: number, lanesRight = 0) {
  const b = (await block.boundingBox())!;
  const l = (await lane.boundingBox())!;
  const x = b.x + b.width / 2;
  const y = b.y + 8;
  await page.mouse.move(x, y);
  await page.mouse.down();
  await page.mouse.move(x + lanesRight * l.width, y + (minutes / (14 * 60)) * l.height, { steps: 8 });
  await page.mouse.up();
}

test('book two slots, refuse a conflicting one, move, log actual use, delete', async ({ page, desk, openDesk }) => {
  const inst = await api<{ id: number }>(desk, 'catalog:create', {
    innerId: 'GC-E2E-01', nameCn: '气相色谱仪', categoryCode: '020101', originalValueFen: 85_000_000,
  });
  const applicant = await api<{ id: number }>(desk, 'applicants:create', { kind: 'enterprise', name: '北京色谱应用科技有限公司' });
  await api(desk, 'contracts:create', {
    number: 'HT-BK-001', applicantId: applicant.id, title: '挥发物检测', signedDate: '2025-06-01', startDate: '2025-06-01',
    endDate: '2025-06-30', amountFen: 2_000_000, instrumentIds: [inst.id], serviceKinds: ['testing'],
  });

  await openDesk(page);
  await page.getByRole('menuitem', { name: '预约日历' }).click();
  await expect(page.getByTestId('calendar-range')).toHaveText('2025-06-16 ～ 2025-06-22');
  const monday = page.getByTestId(`lane-2025-06-16-${inst.id}`);
  const tuesday = page.getByTestId(`lane-2025-06-17-${inst.id}`);
  const dialog = page.getByRole('dialog');
  const blocks = page.getByTestId('booking-block');

  // 1. Drag 09:00–11:00 today and book it for the contract.
  await dragInLane(page, monday, 9 * 60 + 5, 10 * 60 + 55);
  await expect(dialog).toBeVisible();
  await dialog.getByText('合同服务').click();
  await dialog.getByLabel('合同', { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'HT-BK-001' }).click();
  await dialog.getByTestId('booking-title').fill('样品挥发物测试');
  await dialog.getByTestId('booking-save').click();
  await expect(dialog).toBeHidden();
  await expect(blocks).toHaveCount(1);
  await expect(blocks.first()).toContainText('09:00–11:00');
  await expect(blocks.first()).toContainText('HT-BK-001 北京色谱应用科技有限公司');

  // 2. A second, internal slot right after it (touching edges are allowed): 11:00–12:00, saved with Enter.
  await dragInLane(page, monday, 11 * 60 + 5, 11 * 60 + 50);
  await dialog.getByTestId('booking-title').fill('课题组自测');
  await dialog.getByTestId('booking-title').press('Enter');
  await expect(dialog).toBeHidden();
  await expect(blocks).toHaveCount(2);

  // 3. A conflicting slot 10:30–12:30 (dragged upwards from empty space) is refused with a clear
  //    message naming the clash; nothing is added.
  await dragInLane(page, monday, 12 * 60 + 25, 10 * 60 + 35);
  await expect(dialog.getByLabel('开始', { exact: true })).toHaveValue('2025-06-16 10:30');
  await expect(dialog.getByLabel('结束', { exact: true })).toHaveValue('2025-06-16 12:30');
  await dialog.getByTestId('booking-save').click();
  const refusal = dialog.getByTestId('booking-error');
  await expect(refusal).toContainText('时段冲突');
  await expect(refusal).toContainText('与已有预约重叠');
  await expect(refusal).toContainText('HT-BK-001 2025-06-16 09:00–11:00');
  await dialog.getByRole('button', { name: /取\s*消/ }).click();
  await expect(blocks).toHaveCount(2);

  // 4. Dragging the internal slot up onto the contract slot is refused; dragging it to Tuesday works.
  const internal = blocks.filter({ hasText: '课题组自测' });
  await dragBlock(page, internal, monday, -60);
  await expect(page.getByTestId('calendar-error')).toContainText('时段冲突');
  await dragBlock(page, internal, monday, 0, 1);
  await expect(page.getByTestId('calendar-error')).toBeHidden();
  await expect(internal).toContainText('11:00–12:00');
  const [moved, column] = [(await internal.boundingBox())!, (await tuesday.boundingBox())!];
  expect(moved.x).toBeGreaterThanOrEqual(column.x);
  expect(moved.x + moved.width).toBeLessThanOrEqual(column.x + column.width);

  // 5. Log the actual use of the contract slot (prefilled: external, applicant's unit).
  await blocks.filter({ hasText: 'HT-BK-001' }).click();
  await dialog.getByTestId('booking-log-usage').click();
  await expect(dialog.getByRole('switch')).toBeChecked();
  await dialog.getByLabel('使用人', { exact: true }).fill('李工');
  await dialog.getByTestId('usage-save').click();
  await expect(dialog).toBeHidden();
  await expect(blocks.filter({ hasText: 'HT-BK-001' })).toContainText('✓');
  await page.getByTestId('calendar-mode').getByText('使用记录').click();
  await expect(page.getByTestId('usage-totals')).toContainText('共 1 条，有效机时 2.0 h，对外服务机时 2.0 h');
  await page.getByTestId('calendar-mode').getByText('周视图').click();

  // 6. Keyboard: → next week, T back to today (focus off the view switch, whose arrows switch views).
  await page.getByTestId('calendar-range').click();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('calendar-range')).toHaveText('2025-06-23 ～ 2025-06-29');
  await page.keyboard.press('t');
  await expect(page.getByTestId('calendar-range')).toHaveText('2025-06-16 ～ 2025-06-22');

  // 7. Delete the internal slot, after confirmation.
  await blocks.filter({ hasText: '课题组自测' }).click();
  // Under load the first click can land while the dialog is still settling: click until the
  // confirmation shows (deleting without it is what must never happen).
  const confirm = page.locator('.ant-popconfirm');
  await expect(async () => {
    await dialog.getByTestId('booking-delete').click();
    await expect(confirm).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await expect(blocks).toHaveCount(2); // nothing deleted before confirming
  await confirm.getByRole('button', { name: /确\s*定|OK/ }).click();
  await expect(blocks).toHaveCount(1);
});

test('day view: move across instruments; a recurring block with conflicts is refused whole', async ({ page, desk, openDesk }) => {
  const a = await api<{ id: number }>(desk, 'catalog:create', { innerId: 'A-01', nameCn: '扫描电镜', categoryCode: '020101', originalValueFen: 90_000_000 });
  const b = await api<{ id: number }>(desk, 'catalog:create', { innerId: 'B-01', nameCn: 'X射线衍射仪', categoryCode: '020101', originalValueFen: 70_000_000 });
  await api(desk, 'bookings:create', { instrumentId: a.id, kind: 'internal', startAt: '2025-06-16T09:00', endAt: '2025-06-16T10:00', title: '电镜测样' });
  await api(desk, 'bookings:create', { instrumentId: b.id, kind: 'maintenance', startAt: '2025-06-16T10:00', endAt: '2025-06-16T11:00', title: '衍射仪校准' });
  await api(desk, 'bookings:create', { instrumentId: b.id, kind: 'internal', startAt: '2025-06-30T11:00', endAt: '2025-06-30T13:00', title: '月底测样' });

  await openDesk(page);
  await page.getByRole('menuitem', { name: '预约日历' }).click();
  await page.getByTestId('calendar-mode').getByText('日视图').click();
  await expect(page.getByTestId('calendar-range')).toHaveText('2025-06-16 周一');
  const blocks = page.getByTestId('booking-block');
  await expect(blocks).toHaveCount(2);

  // Drag the SEM booking one row down onto the XRD, ending where its calibration starts: allowed.
  const grid = (await page.getByTestId('time-grid').boundingBox())!;
  const rowHeight = grid.height / 2;
  const perMinute = grid.width / (14 * 60);
  const sem = blocks.filter({ hasText: '电镜测样' });
  let box = (await sem.boundingBox())!;
  await page.mouse.move(box.x + 10, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 10, box.y + box.height / 2 + rowHeight, { steps: 8 });
  await page.mouse.up();
  await expect.poll(async () => (await sem.boundingBox())?.y ?? 0).toBeGreaterThan(grid.y + rowHeight);
  const onB = await api<{ bookings: { title: string }[] }>(desk, 'bookings:day', { date: '2025-06-16', instrumentIds: [b.id] });
  expect(onB.bookings.map((x) => x.title)).toEqual(['电镜测样', '衍射仪校准']);

  // Pushing it 30 minutes later now overlaps the calibration: refused, named in the message.
  box = (await sem.boundingBox())!;
  await page.mouse.move(box.x + 10, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + 10 + 30 * perMinute, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  await expect(page.getByTestId('calendar-error')).toContainText('维护 2025-06-16 10:00–11:00「衍射仪校准」');

  // Weekly maintenance on the XRD, Mondays 09:00–12:00 × 3: two Mondays clash, so nothing is created.
  await page.getByRole('button', { name: '周期性预约' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('仪器', { exact: true }).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: 'X射线衍射仪' }).click();
  await dialog.getByText('维护', { exact: true }).click();
  await dialog.getByLabel('次数').fill('3');
  await expect(dialog).toContainText('将创建 3 次预约');
  await dialog.getByTestId('booking-save').click();
  await expect(dialog.getByTestId('booking-error')).toContainText('以下日期与已有预约冲突，未创建任何预约：2025-06-16、2025-06-30');
  await dialog.getByRole('button', { name: /取\s*消/ }).click();
  await expect(blocks).toHaveCount(2);
  expect((await api<{ bookings: unknown[] }>(desk, 'bookings:week', { weekStart: '2025-06-23', instrumentIds: [b.id] })).bookings).toEqual([]);
});
