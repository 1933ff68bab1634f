// Pages in Chromium (browser mode) on a copy of the seeded database whose first-run choice is
// made: the server starts with its daily backup due (it is part of start-up), then each page is
// opened from the menu cold (its first visit) and warm (again after another page), timing
// click → usable (the page's first row, grid or figures visible).
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { chromium, type Page } from 'playwright-core';
import { DATABASE_FILE_NAME } from '../../../electron/app-core';
import { statsOf, type Stats } from '../timing';
import { CHROMIUM, FLAGS, SERVER, startServer } from './first-screen';
import type { BenchOp, OpResult } from './types';

interface PageSpec { key: string; menu: string; usable: string }

export const PAGES: PageSpec[] = [
  { key: 'catalog', menu: '仪器目录', usable: '.ant-table-row' },
  { key: 'calendar', menu: '预约日历', usable: '[data-testid="time-grid"]' },
  { key: 'applicants', menu: '申领单位', usable: '.ant-table-row' },
  { key: 'vouchers', menu: '创新券', usable: '.ant-table-row' },
  { key: 'contracts', menu: '服务合同', usable: '.ant-table-row' },
  { key: 'redemption', menu: '兑现申请', usable: '.ant-table-row' },
  { key: 'assessment', menu: '年度考核', usable: '[data-testid^="kpi-"]' },
  { key: 'dashboard', menu: '到期提醒', usable: '[data-testid="due-item"]' },
];

async function open(page: Page, spec: PageSpec): Promise<number> {
  const t0 = performance.now();
  await page.getByRole('menuitem', { name: new RegExp(spec.menu) }).click();
  await page.locator(`main ${spec.usable}, ${spec.usable}`).first().waitFor({ state: 'visible', timeout: 60_000 });
  return performance.now() - t0;
}

export const pagesOp: BenchOp = {
  id: 'pages',
  async run(env) {
    const only = process.env.BENCH_PAGES?.split(',');
    const specs = PAGES.filter((p) => !only || only.includes(p.key));
    const label = (p: PageSpec, kind: string) => `page ${p.key}, ${kind} (Chromium)`;
    if (!fs.existsSync(SERVER)) return specs.map((p) => ({ name: label(p, 'cold'), skipped: `${SERVER} missing: run npm run build first` }));
    if (!fs.existsSync(CHROMIUM)) return specs.map((p) => ({ name: label(p, 'cold'), skipped: `${CHROMIUM} not installed` }));
    env.db.pragma('wal_checkpoint(TRUNCATE)');
    const cold = new Map<string, number[]>(specs.map((p) => [p.key, []]));
    const warm = new Map<string, number[]>(specs.map((p) => [p.key, []]));
    const startup: number[] = [];
    const runs = Math.max(1, env.runs);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
    try {
      for (let run = 0; run < runs; run++) {
        // A fresh desk each run: copied file, first run done, no backup yet (so one is due at start).
        const dataDir = path.join(env.tmpDir, `pages-${run}`);
        fs.mkdirSync(dataDir, { recursive: true });
        const file = path.join(dataDir, DATABASE_FILE_NAME);
        fs.copyFileSync(env.dbFile, file);
        const db = new Database(file);
        db.prepare(`INSERT INTO settings(key, value) VALUES ('security.setupDone', '1') ON CONFLICT(key) DO UPDATE SET value = '1'`).run();
        db.close();
        const t0 = performance.now();
        const { proc, url } = await startServer(dataDir, env.today);
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        try {
          const t1 = performance.now();
          await page.goto(url);
          await page.locator('.ant-table-row').first().waitFor({ state: 'visible', timeout: 60_000 });
          startup.push(performance.now() - t0);
          // The catalog is the first screen: its cold figure is navigation → first rows.
          cold.get('catalog')?.push(performance.now() - t1);
          for (const spec of specs) {
            // Cold: the page's first visit in this tab (its code chunk and data load now).
            if (spec.key !== 'catalog') cold.get(spec.key)!.push(await open(page, spec));
          }
          for (const spec of specs) {
            await open(page, spec.key === 'dashboard' ? PAGES[0] : PAGES.find((p) => p.key === 'dashboard')!);
            warm.get(spec.key)!.push(await open(page, spec));
          }
        } finally {
          await page.close();
          proc.kill('SIGTERM');
          await new Promise((r) => proc.once('exit', r));
          fs.rmSync(dataDir, { recursive: true, force: true });
        }
      }
    } finally {
      await browser.close();
    }
    const rows: OpResult[] = [{
      name: 'start-up with a backup due → catalog rows (Chromium)', service: statsOf(startup) as Stats, showP95: true,
      target: { metric: 'median', maxMs: 1500 }, note: 'server spawn, open, migrate, daily backup, first catalog rows',
    }];
    for (const spec of specs) {
      rows.push({ name: label(spec, 'cold'), service: statsOf(cold.get(spec.key)!), target: { metric: 'median', maxMs: 1500 }, note: 'menu click → usable, first visit' });
      rows.push({ name: label(spec, 'warm'), service: statsOf(warm.get(spec.key)!), target: { metric: 'median', maxMs: 500 }, note: 'menu click → usable, again' });
    }
    return rows;
  },
};
