// The English-mode check: visible Chinese outside the user's data on a page, in a dialog or drawer,
// or in its drop-downs. Shared by the specs that scan their screens in English.
import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * Visible text with Chinese in it outside the user's data: page text, table cells, chosen options,
 * open drop-down options and placeholders. The only exemptions are elements the desk marks as
 * holding what the user typed (`data-user`: names, numbers, titles) and the language switch itself.
 * Defined in the page once (a string, so this file needs no DOM typings) as `__cjk(root)`.
 */
export const CJK_SCAN = `(() => {
  const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]/;
  const DATA = '[data-user], [aria-label="language"]';
  // Inside a zero-sized box that hides its overflow (the select's screen-reader list), nothing is seen.
  const clipped = (el) => {
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      const r = e.getBoundingClientRect();
      if ((r.width === 0 || r.height === 0) && getComputedStyle(e).overflow === 'hidden') return true;
    }
    return false;
  };
  window.__cjk = (root, out) => {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = n.textContent || '';
      const el = n.parentElement;
      if (!CJK.test(text) || !el || !el.checkVisibility() || el.closest(DATA) || clipped(el)) continue;
      const cell = el.closest('td, .ant-table-cell, .ant-select-item, .ant-cascader-menu-item');
      out.add((cell ? '[' + (cell.matches('.ant-select-item, .ant-cascader-menu-item') ? 'option' : 'cell') + '] ' : '') + text.trim());
    }
    for (const el of root.querySelectorAll('input[placeholder], textarea[placeholder]')) {
      const p = el.getAttribute('placeholder') || '';
      if (CJK.test(p) && el.checkVisibility()) out.add('placeholder: ' + p);
    }
    // A title or label that repeats marked data (an ellipsis cell's title, an option's label) is data too.
    const data = [...document.querySelectorAll('[data-user]')].map((e) => (e.textContent || '').trim()).filter(Boolean)
      .sort((x, y) => y.length - x.length);
    for (const el of root.querySelectorAll('[title], [aria-label]')) {
      if (el.closest(DATA) || !el.checkVisibility()) continue;
      for (const a of ['title', 'aria-label']) {
        const v = el.getAttribute(a) || '';
        const rest = data.reduce((r, d) => r.split(d).join(''), v);
        if (CJK.test(rest)) out.add(a + ': ' + v);
      }
    }
    return out;
  };
  window.__cjkOf = (el) => [...window.__cjk(el, new Set())];
  // A drop-down scrolled to its end a screenful at a time, scanned at each step: the virtual list
  // draws the next screenful on the scroll event, so two frames later it is there.
  window.__dropScan = async (drop) => {
    const out = new Set();
    const holder = drop.querySelector('.rc-virtual-list-holder');
    for (let step = 0; step < 150; step++) {
      window.__cjk(drop, out);
      if (!holder || holder.scrollTop + holder.clientHeight >= holder.scrollHeight - 1) break;
      holder.scrollTop += holder.clientHeight;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    }
    return [...out];
  };
  // Calls in flight (the desk's API is fetched), for waiting until a page or dialog has its data.
  window.__calls = 0;
  const f = window.fetch.bind(window);
  window.fetch = (...args) => { window.__calls++; return f(...args).finally(() => { window.__calls--; }); };
})()`;

/** The scan's functions in the page. */
export interface Scan { __dropScan(el: unknown): Promise<string[]>; __cjkOf(el: unknown): string[] }

/** Installs the scan and the call counter in every document the page loads (before `openDesk`). */
export async function prepareScan(page: Page) {
  await page.addInitScript(CJK_SCAN);
}

export async function chineseOutsideData(page: Page): Promise<string[]> {
  return page.evaluate('[...window.__cjk(document.body, new Set())]');
}

/**
 * Waits until the scope has its data: no call in flight, nothing spinning and no change to its
 * content for `quietMs` (a condition polled every frame, not a fixed sleep).
 */
export async function settled(page: Page, scope = '.ant-layout-content', quietMs = 150) {
  await page.evaluate(`new Promise((resolve) => {
    const all = [...document.querySelectorAll(${JSON.stringify(scope.replace(/:visible/g, ''))})];
    const root = all.find((e) => e.checkVisibility()) || all[0] || document.body;
    const start = performance.now();
    let last = start;
    const seen = new MutationObserver(() => { last = performance.now(); });
    seen.observe(root, { childList: true, subtree: true, characterData: true });
    const tick = () => {
      const now = performance.now();
      if (window.__calls > 0 || root.querySelector('.ant-spin-spinning')) last = now;
      if (now - last >= ${quietMs} || now - start > 15000) { seen.disconnect(); resolve(); } else requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  })`);
}

/**
 * Opens each drop-down in the scope in turn (selects, cascaders) and scans its options: a select
 * draws only the options in view, so its list is scrolled to the end a screenful at a time in the
 * page and the drop-down scanned at each step (the page around it was scanned already).
 */
export async function chineseInDropdowns(page: Page, scope = '.ant-layout-content'): Promise<string[]> {
  const out = new Set<string>();
  const selects = page.locator(`${scope} .ant-select:not(.ant-select-disabled)`);
  const n = await selects.count();
  for (let i = 0; i < n; i++) {
    const select = selects.nth(i);
    if (!(await select.isVisible())) continue;
    await select.click();
    // The list now open (the one before may still be fading out: its class says it is leaving).
    const open = page.locator('.ant-select-dropdown:visible:not([class*="-leave"]), .ant-cascader-dropdown:visible:not([class*="-leave"])');
    await expect(open.first()).toBeVisible();
    await settled(page, 'body', 60);
    const found = await open.first().evaluate((drop) => (globalThis as unknown as Scan).__dropScan(drop));
    for (const text of found) out.add(text);
    // The select's own box while open (its search field, a chosen tag).
    for (const text of await select.evaluate((el) => (globalThis as unknown as Scan).__cjkOf(el))) out.add(text);
    await page.keyboard.press('Escape');
    await expect(select).not.toHaveClass(/ant-select-open/);
  }
  // A closing list still takes the next Escape: the caller's Escape is for its dialog.
  await expect(page.locator('.ant-select-dropdown:visible, .ant-cascader-dropdown:visible')).toHaveCount(0);
  return [...out];
}

