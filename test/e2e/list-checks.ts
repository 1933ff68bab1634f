// The checks every wide list passes on a laptop screen (lists.spec.ts, lists-shanghai.spec.ts).
import { expect } from './fixtures';
import type { Locator, Page } from '@playwright/test';

/** The few DOM calls the in-page checks make (this file is compiled without DOM typings). */
interface InPage {
  document: { elementFromPoint(x: number, y: number): unknown; activeElement: unknown };
  getComputedStyle(el: unknown): { visibility: string };
}

export interface ListCase {
  /** The menu item to open the list by; a list in a dialog is opened by `open` alone. */
  page: string;
  menu?: false;
  /** A list narrower than the screen: nothing to scroll, so no scrollbar. */
  fits?: true;
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

/** The class the virtual list gives its scrollbar while it means to show it (it drops it 3 s after the last scroll). */
const SHOWN = /(^|\s)ant-table-tbody-virtual-scrollbar-visible(\s|$)/;

/**
 * The list is on screen: scrolled right, its identity stays left and its kept columns right, its
 * scrollbar is drawn, and keyboard focus keeps the identity in view. `clock`: the spec installed the
 * page's clock (`page.clock.install()` before `openDesk`), so the scrollbar's 3 s are moved on, not waited.
 */
export async function checkList(page: Page, list: ListCase, vp: { width: number; height: number }, opts: { clock?: boolean } = {}) {
  const what = `${list.page} ${vp.width}×${vp.height}`;
  if (list.menu !== false) await page.getByRole('menuitem', { name: list.page }).click();
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
  // Every list but the applicants' is wider than either screen; a list that fits has nothing to scroll.
  expect(wide, `${what} is wider than the screen`).toBe(!list.fits);
  if (wide) {
    // The virtual list hides its scrollbar 3 s after the last scroll unless the desk keeps it drawn:
    // once the list has dropped its own "shown" mark (its hide timer ran), the bar must still be drawn.
    const bar = table.locator('.ant-table-tbody-virtual-scrollbar-horizontal');
    await expect(bar, `${what} scrollbar`).toHaveCount(1);
    await expect(bar, `${what} scrollbar shown by the scroll`).toHaveClass(SHOWN);
    if (opts.clock) await page.clock.fastForward(3300);
    await expect(bar, `${what} scrollbar's hide timer ran`).not.toHaveClass(SHOWN, { timeout: 10_000 });
    await expectScrollbar(page, table, what);
  }

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
    // A list without a sortable header: start from its last header cell, as a click there would.
    else await table.locator('.ant-table-thead th').last().evaluate((th) => { (th as unknown as { setAttribute(k: string, v: string): void; focus(): void }).setAttribute('tabindex', '-1'); (th as unknown as { focus(): void }).focus(); });
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

