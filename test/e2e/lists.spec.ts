// Lists fit a laptop: on 1280×720 and 1400×900 every wide list keeps the row's identity on the left
// and its state and actions on the right, draws its horizontal scrollbar all the time, and keyboard
// focus on a row or its last action never scrolls the identity out of view.
import { test, expect } from './fixtures';
import { deskApi } from './helpers';
import type { Locator, Page } from '@playwright/test';

/** The few DOM calls the in-page checks make (this file is compiled without DOM typings). */
interface InPage {
  document: { elementFromPoint(x: number, y: number): unknown; activeElement: unknown };
  getComputedStyle(el: unknown): { visibility: string };
}

test.use({ deskToday: '2025-06-16' });

const FIRM = {
  kind: 'enterprise', name: '北京新材科技有限公司', creditCode: '91110108551385082Q', registeredDate: '2022-03-01', staffCount: 50,
  revenueFen: 100_000_000, assetsFen: 80_000_000, fields: ['智能制造'],
};

interface ListCase {
  page: string;
  /** A tab or view to open on the page first. */
  open?: (page: Page) => Promise<void>;
  table: string;
  /** The row's text that identifies it, and the headers that must stay on screen. */
  row: string;
  identity: string[];
  kept: string[];
  /** 'actions': Tab to the row's last action button; 'row': the row itself takes focus. */
  focus: 'actions' | 'row';
}

const LISTS: ListCase[] = [
  { page: '创新券', table: 'vouchers-table', row: 'BJ2025-0720', identity: ['券号'], kept: ['所用合同', '操作'], focus: 'actions' },
  { page: '服务合同', table: 'contracts-table', row: 'HT-LAPTOP-01', identity: ['合同编号'], kept: ['状态'], focus: 'row' },
  { page: '仪器目录', table: 'catalog-table', row: 'GC-LAPTOP-01', identity: ['内部编号', '仪器名称'], kept: [], focus: 'row' },
  { page: '申领单位', table: 'applicants-table', row: FIRM.name, identity: ['名称'], kept: [], focus: 'row' },
  {
    page: '兑现申请', table: 'redemption-table', row: 'HT-LAPTOP-01', identity: ['合同'], kept: [], focus: 'row',
    open: async (page) => { await page.getByTestId('redemption-view').getByText('全部合同').click(); },
  },
  {
    page: '预约日历', table: 'usage-table', row: '06-10', identity: ['时间', '仪器'], kept: [], focus: 'row',
    open: async (page) => { await page.getByTestId('calendar-mode').getByText('使用记录').click(); },
  },
];

/** The header cell whose text is exactly `name`. */
function header(table: Locator, name: string): Locator {
  return table.locator('.ant-table-thead th').filter({ hasText: new RegExp(`^\\s*${name}\\s*$`) }).first();
}

/** The element's box lies inside the viewport and nothing covers its centre (a pinned column drawn over it, say). */
async function expectOnScreen(page: Page, el: Locator, what: string) {
  const vp = page.viewportSize()!;
  await expect(el, what).toBeVisible();
  const box = (await el.boundingBox())!;
  expect(box.x, `${what} left edge`).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, `${what} right edge`).toBeLessThanOrEqual(vp.width);
  expect(box.y, `${what} top edge`).toBeGreaterThanOrEqual(0);
  expect(box.y + box.height, `${what} bottom edge`).toBeLessThanOrEqual(vp.height);
  const hit = await el.evaluate((node, p) => {
    const top = (globalThis as unknown as InPage).document.elementFromPoint(p.x, p.y) as typeof node | null;
    return !!top && (node === top || node.contains(top));
  }, { x: box.x + Math.min(box.width / 2, 20), y: box.y + box.height / 2 });
  expect(hit, `${what} is not covered`).toBe(true);
}

/** The virtual list's horizontal scrollbar: drawn (not hidden after a pause), inside the viewport, with a thumb shorter than its track. */
async function expectScrollbar(page: Page, table: Locator, what: string) {
  const bar = table.locator('.ant-table-tbody-virtual-scrollbar-horizontal');
  await expect(bar, `${what} scrollbar`).toHaveCount(1);
  const vis = await bar.evaluate((el) => (globalThis as unknown as InPage).getComputedStyle(el).visibility);
  expect(vis, `${what} scrollbar drawn`).toBe('visible');
  await expectOnScreen(page, bar.locator('.ant-table-tbody-virtual-scrollbar-thumb'), `${what} scrollbar thumb`);
  const track = (await bar.boundingBox())!;
  const thumb = (await bar.locator('.ant-table-tbody-virtual-scrollbar-thumb').boundingBox())!;
  expect(track.height, `${what} scrollbar height`).toBeGreaterThanOrEqual(8);
  expect(thumb.width, `${what} thumb shorter than track`).toBeLessThan(track.width);
}

for (const vp of [{ width: 1280, height: 720 }, { width: 1400, height: 900 }]) {
  test.describe(`on a ${vp.width}×${vp.height} screen`, () => {
    test.use({ viewport: vp });

    test('every wide list keeps identity and actions on screen, shows its scrollbar, and keyboard focus keeps the identity in view', async ({ page, desk, openDesk }) => {
      test.setTimeout(180_000);
      const a = await deskApi<{ id: number }>(desk, 'applicants:create', FIRM);
      await deskApi(desk, 'vouchers:claim', { number: 'BJ2025-0720', applicantId: a.id, faceValueFen: 5_000_000, claimDate: '2025-06-10' });
      await deskApi(desk, 'contracts:create', {
        number: 'HT-LAPTOP-01', title: '材料表征服务', applicantId: a.id, signedDate: '2025-05-01', startDate: '2025-05-01', endDate: '2025-06-10', amountFen: 10_000_000,
      });
      const inst = await deskApi<{ id: number }>(desk, 'catalog:create', {
        innerId: 'GC-LAPTOP-01', nameCn: '气相色谱仪', categoryCode: '010401', originalValueFen: 60_000_000,
      });
      await deskApi(desk, 'usage:create', { instrumentId: inst.id, startAt: '2025-06-10T09:00', endAt: '2025-06-10T11:00', userName: '李工', userUnit: '某材料公司' });
      await openDesk(page);

      // Below 1320 px the menu folds to icons, leaving the lists their width.
      const sider = (await page.getByTestId('sider').boundingBox())!;
      if (vp.width < 1320) expect(sider.width).toBeLessThan(80);
      else expect(sider.width).toBeGreaterThanOrEqual(200);

      for (const list of LISTS) {
        const what = `${list.page} ${vp.width}×${vp.height}`;
        await page.getByRole('menuitem', { name: list.page }).click();
        await list.open?.(page);
        const table = page.getByTestId(list.table);
        const row = table.locator('.ant-table-row', { hasText: list.row }).first();
        await expect(row, what).toBeVisible();

        // Scrolled all the way right: the identity is still on the left, the state and actions on the right.
        const body = (await table.locator('.ant-table-tbody-virtual-holder').boundingBox())!;
        await page.mouse.move(body.x + body.width / 2, body.y + 10);
        await page.mouse.wheel(3000, 0);
        const wide = await table.evaluate((t) => {
          const holder = t.querySelector('.ant-table-tbody-virtual-holder')!;
          const inner = t.querySelector('.ant-table-row')!;
          return inner.getBoundingClientRect().width > holder.getBoundingClientRect().width + 1;
        });
        for (const name of [...list.identity, ...list.kept]) await expectOnScreen(page, header(table, name), `${what} header ${name}`);
        await expectOnScreen(page, row.locator('.ant-table-cell', { hasText: list.row }).first(), `${what} identity cell`);
        // The scrollbar hides 3 s after the last scroll unless the desk keeps it drawn.
        await page.waitForTimeout(3300);
        // Every list but the applicants' is wider than either screen; a list that fits has nothing to scroll.
        expect(wide, `${what} is wider than the screen`).toBe(list.page !== '申领单位');
        if (wide) await expectScrollbar(page, table, what);

        // Keyboard: focus the row (or its last action) by Tab; the identity cell stays in view and the
        // header stays over its column.
        if (list.focus === 'actions') {
          const buttons = row.locator('button');
          const last = (await buttons.count()) - 1;
          await buttons.first().focus();
          for (let i = 0; i < last; i++) await page.keyboard.press('Tab');
          await expect(buttons.nth(last), `${what} last action focused`).toBeFocused();
        } else {
          const ths = table.locator('.ant-table-thead th[tabindex="0"]');
          if (await ths.count()) await ths.last().focus();
          else await table.locator('.ant-table-thead th').last().click();
          for (let i = 0; i < 4 && !(await row.evaluate((r) => r === (globalThis as unknown as InPage).document.activeElement)); i++) await page.keyboard.press('Tab');
          await expect(row, `${what} row focused`).toBeFocused();
        }
        const cell = row.locator('.ant-table-cell', { hasText: list.row }).first();
        await expectOnScreen(page, cell, `${what} identity cell after focus`);
        const head = (await header(table, list.identity[0]).boundingBox())!;
        const idCell = (await row.locator('.ant-table-cell').filter({ hasNot: page.locator('.ant-checkbox') }).first().boundingBox())!;
        expect(Math.abs(head.x - idCell.x), `${what} header over its column`).toBeLessThanOrEqual(1);
        for (const name of list.kept) await expectOnScreen(page, header(table, name), `${what} header ${name} after focus`);
      }
    });
  });
}
