// Pages in Chromium (browser mode) on a copy of the seeded database whose first-run choice is
// made: the server starts with its daily backup due (it is part of start-up), then each page is
// opened from the menu cold (its first visit) and warm (again after another page), timing
// click → usable (the page's first row, grid or figures visible). The backup is taken in the
// background once the desk is quiet: each run then waits for its file in the backups folder and
// records how long after the server's spawn it was there (a run whose backup never lands fails). Each figure is printed and
// appended to a JSON-lines file as it is measured (BENCH_PAGES_LOG, default .bench/pages-<time>.jsonl),
// start-up's and each cold figure with where its time went (the scripts fetched, the calls' round trips);
// a step that fails stops the run, names the step and keeps every figure measured before it.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Page, type Request } from 'playwright-core';
import { DATABASE_FILE_NAME } from '../../../electron/app-core';
import { BACKUPS_FOLDER } from '../../../electron/services/backup/names';
import { statsOf, type Stats } from '../timing';
import { CHROMIUM, copyDeskAtRest, FLAGS, markFirstRunDone, SERVER, startServer } from './first-screen';
import { StepLog } from './step-log';
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

/** The daily backup's file (a finished copy: the .partial is renamed when it is whole), or null. */
function backupTaken(dataDir: string): string | null {
  const dir = path.join(dataDir, BACKUPS_FOLDER);
  if (!fs.existsSync(dir)) return null;
  return fs.readdirSync(dir).find((f) => /^desk-.*\.sqlite$/.test(f)) ?? null;
}

/** Waits for the backup a desk opened with a backup due takes in the background. */
async function waitForBackup(dataDir: string, timeoutMs: number): Promise<void> {
  const until = performance.now() + timeoutMs;
  while (!backupTaken(dataDir)) {
    if (performance.now() > until) throw new Error(`no backup in ${BACKUPS_FOLDER}/ ${Math.round(timeoutMs / 1000)} s after the pages`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The tab's requests with when they began and finished (bench clock), to say where a step's time went. */
class Traffic {
  private readonly began = new Map<Request, number>();
  readonly done: { what: string; from: number; to: number }[] = [];
  constructor(page: Page) {
    page.on('request', (r) => this.began.set(r, performance.now()));
    page.on('requestfinished', (r) => {
      const from = this.began.get(r);
      if (from === undefined) return;
      const u = new URL(r.url());
      const what = u.pathname.startsWith('/api/') ? decodeURIComponent(u.pathname.slice(5)) : u.pathname.endsWith('.js') ? 'script' : '';
      if (what) this.done.push({ what, from, to: performance.now() });
    });
  }

  /** The calls and scripts of [t0, t1]: the five longest calls' round trips and the scripts' span, in ms after t0. */
  between(t0: number, t1: number): string {
    const seen = this.done.filter((d) => d.from >= t0 && d.to <= t1);
    const scripts = seen.filter((d) => d.what === 'script');
    const calls = seen.filter((d) => d.what !== 'script').sort((a, b) => b.to - b.from - (a.to - a.from)).slice(0, 5)
      .sort((a, b) => a.from - b.from);
    const at = (x: number) => Math.round(x - t0);
    const out = calls.map((c) => `${c.what} ${at(c.from)}→${at(c.to)}`);
    if (scripts.length) out.unshift(`${scripts.length} script(s) ${at(Math.min(...scripts.map((d) => d.from)))}→${at(Math.max(...scripts.map((d) => d.to)))}`);
    return out.join(', ');
  }
}

let lastStep = { t0: 0, t1: 0 };

async function open(page: Page, spec: PageSpec): Promise<number> {
  const t0 = performance.now();
  await page.getByRole('menuitem', { name: new RegExp(spec.menu) }).click();
  await page.locator(`main ${spec.usable}, ${spec.usable}`).first().waitFor({ state: 'visible', timeout: 60_000 });
  lastStep = { t0, t1: performance.now() };
  return lastStep.t1 - t0;
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
    const log = new StepLog(process.env.BENCH_PAGES_LOG
      ?? path.resolve('.bench', `pages-${new Date().toISOString().replace(/[:.]/g, '-')}.jsonl`));
    process.stdout.write(`\n    figures as measured → ${log.file}\n`);
    const cold = new Map<string, number[]>(specs.map((p) => [p.key, []]));
    const warm = new Map<string, number[]>(specs.map((p) => [p.key, []]));
    const startup: number[] = [];
    const backupAt: number[] = [];
    const runs = Math.max(1, env.runs);
    log.current = 'launch Chromium';
    try {
      const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
      try {
        for (let run = 0; run < runs; run++) {
          const r = `run ${run + 1}`;
          // A fresh desk each run: copied file, first run done, no backup yet (so one is due at start).
          log.current = `${r}: copy the desk`;
          const dataDir = path.join(env.tmpDir, `pages-${run}`);
          fs.mkdirSync(dataDir, { recursive: true });
          const file = path.join(dataDir, DATABASE_FILE_NAME);
          copyDeskAtRest(env.dbFile, file); // on disk before the spawn: start-up never waits behind the copy's writeback
          markFirstRunDone(file);
          const t0 = performance.now();
          log.current = `${r}: start the server`;
          const { proc, url } = await startServer(dataDir, env.today, { early: true });
          try {
            const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
            const traffic = new Traffic(page);
            const parts = () => traffic.between(lastStep.t0, lastStep.t1);
            try {
              let t1 = 0;
              // The catalog is the first screen: its cold figure is navigation → first rows.
              const first = await log.step(`${r}: start-up with a backup due → catalog rows`, async () => {
                t1 = performance.now();
                await page.goto(url);
                await page.locator('.ant-table-row').first().waitFor({ state: 'visible', timeout: 60_000 });
                lastStep = { t0, t1: performance.now() };
                return lastStep.t1 - t0;
              }, parts);
              startup.push(first);
              cold.get('catalog')?.push(first - (t1 - t0));
              for (const spec of specs) {
                // Cold: the page's first visit in this tab (its code chunk and data load now).
                if (spec.key !== 'catalog') cold.get(spec.key)!.push(await log.step(`${r}: ${spec.key} cold`, () => open(page, spec), parts));
              }
              for (const spec of specs) {
                const before = spec.key === 'dashboard' ? PAGES[0] : PAGES.find((p) => p.key === 'dashboard')!;
                await log.step(`${r}: ${before.key} (before ${spec.key} warm)`, () => open(page, before));
                warm.get(spec.key)!.push(await log.step(`${r}: ${spec.key} warm`, () => open(page, spec)));
              }
              // Start-up did not wait for the backup, but the backup was due: it must be taken now, with the desk quiet.
              backupAt.push(await log.step(`${r}: daily backup taken (since spawn)`, async () => {
                await waitForBackup(dataDir, 180_000);
                return performance.now() - t0;
              }));
            } finally {
              await page.close().catch(() => undefined);
            }
          } finally {
            if (proc.exitCode === null && proc.signalCode === null) {
              const exited = new Promise((res) => proc.once('exit', res));
              proc.kill('SIGTERM');
              await exited;
            }
            fs.rmSync(dataDir, { recursive: true, force: true });
          }
        }
      } finally {
        await browser.close();
      }
    } catch (e) {
      log.fail(e);
    }
    const measured = (name: string, samples: number[], target: OpResult['target'], note: string, extra: Partial<OpResult> = {}): OpResult =>
      samples.length
        ? { name, service: statsOf(samples) as Stats, target, note: `${note}${samples.length < runs ? ` (${samples.length} of ${runs} runs)` : ''}`, ...extra }
        : { name, skipped: `not measured: the run stopped at step "${log.failure?.step}"` };
    const rows: OpResult[] = [measured('start-up with a backup due → catalog rows (Chromium)', startup, { metric: 'median', maxMs: 1500 },
      'server spawn, open, migrate, first catalog rows; the daily backup is due', { showP95: true }),
    measured('daily backup due at start-up: taken, after spawn (Chromium run)', backupAt, { metric: 'median', maxMs: 180_000 },
      'in the background once the desk is quiet (≥ 15 s after open, 10 s without calls); start-up does not wait for it')];
    for (const spec of specs) {
      rows.push(measured(label(spec, 'cold'), cold.get(spec.key)!, { metric: 'median', maxMs: 1500 }, 'menu click → usable, first visit'));
      rows.push(measured(label(spec, 'warm'), warm.get(spec.key)!, { metric: 'median', maxMs: 500 }, 'menu click → usable, again'));
    }
    if (log.failure) {
      rows.push({ name: 'pages run (Chromium)', failed: `step "${log.failure.step}" failed after ${log.figures.length} figures: ${log.failure.message}; figures in ${log.file}` });
    }
    return rows;
  },
};
