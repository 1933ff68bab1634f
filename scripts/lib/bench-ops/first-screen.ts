// Renderer first screen in Chromium (browser mode) on the seeded database: from navigation to the
// first catalog rows visible. Every run opens a fresh browser context (no HTTP cache, the session
// cookie of the first run's launch carried over). The desk's first-run choice is made on the copy,
// so the rows are timed as a user meets them, not behind the first-run dialog; start-up with its backup due is the pages op's figure (pages.ts).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { chromium, type Cookie } from 'playwright-core';
import { DATABASE_FILE_NAME } from '../../../electron/app-core';
import { measure, statsOf } from '../timing';
import type { BenchOp } from './types';

export const SERVER = path.join('dist', 'server', 'browser-server.js');
export const CHROMIUM = '/usr/bin/chromium';
// DESIGN.md's flags for Debian's Chromium; Playwright adds the headless switch itself.
export const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];
const FIRST_ROW = '.ant-table-row';
const LIST_CALL = `/api/${encodeURIComponent('catalog:list')}`;

/**
 * The seed copied for a run, written out to disk before the run starts: a desk's file at start-up
 * has long been on disk, while a fresh copy of a 10 GB seed is still being written back by the
 * system for a minute, and every read of the start-up would wait behind that writeback.
 */
export function copyDeskAtRest(from: string, to: string): void {
  fs.copyFileSync(from, to);
  const fd = fs.openSync(to, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** The desk's first-run choice made (plain), as on every desk after its first start. */
export function markFirstRunDone(file: string): void {
  const db = new Database(file);
  try {
    db.prepare(`INSERT INTO settings(key, value) VALUES ('security.setupDone', '1') ON CONFLICT(key) DO UPDATE SET value = '1'`).run();
  } finally {
    db.close();
  }
}

/**
 * Spawns the browser-mode server; resolves with the launch address once the desk is open, or with
 * `early` once it listens, while the desk is still opening: the Electron desk's window loads the
 * renderer beside the open, and the start-up figure is taken the same way.
 */
export function startServer(dataDir: string, today: string, { early = false } = {}): Promise<{ proc: ChildProcess; url: string }> {
  const proc = spawn(process.execPath, [SERVER, '--port', '0', '--data-dir', dataDir, '--today', today], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => { proc.kill(); reject(new Error(`server did not start: ${out}`)); }, 60_000);
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = (early ? /OIVD_LISTENING (\{.*\})/ : /OIVD_READY (\{.*\})/).exec(out);
      if (m) { clearTimeout(timer); resolve({ proc, url: (JSON.parse(m[1]) as { url: string }).url }); }
    });
    proc.stderr!.on('data', (c: Buffer) => { out += c.toString(); });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`server exited ${code}: ${out}`)); });
  });
}

export const firstScreen: BenchOp = {
  id: 'screen',
  async run(env) {
    const name = `first screen, ${env.meta.totals.instruments.toLocaleString('en')} instruments (Chromium)`;
    if (!fs.existsSync(SERVER)) return [{ name, skipped: `${SERVER} missing: run npm run build first` }];
    if (!fs.existsSync(CHROMIUM)) return [{ name, skipped: `${CHROMIUM} not installed` }];
    const dataDir = path.join(env.tmpDir, 'screen');
    fs.mkdirSync(dataDir, { recursive: true });
    env.db.pragma('wal_checkpoint(TRUNCATE)');
    const file = path.join(dataDir, DATABASE_FILE_NAME);
    copyDeskAtRest(env.dbFile, file);
    markFirstRunDone(file);
    const { proc, url } = await startServer(dataDir, env.today);
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
    try {
      // Where the time goes: HTML parsed, the catalog:list answer arrived, rows painted.
      const parts = { dom: [] as number[], list: [] as number[] };
      // The launch address is good once (it sets the session cookie): each later run is a fresh
      // context (no HTTP cache) holding that cookie, as a window the desk opens again would.
      let session: Cookie[] = [];
      const service = await measure(env.runs, async () => {
        const context = await browser.newContext();
        if (session.length) await context.addCookies(session);
        const page = await context.newPage();
        try {
          const t0 = performance.now();
          page.on('response', (r) => { if (r.url().includes(LIST_CALL)) parts.list.push(performance.now() - t0); });
          page.once('domcontentloaded', () => parts.dom.push(performance.now() - t0));
          await page.goto(url);
          await page.locator(FIRST_ROW).first().waitFor({ state: 'visible', timeout: 30_000 });
          if (!session.length) session = await context.cookies();
        } finally {
          await context.close();
        }
      });
      const med = (xs: number[]) => statsOf(xs).median.toFixed(0);
      return [{
        name, service, showP95: true, target: { metric: 'median', maxMs: 1500 },
        note: `navigation → first row visible, fresh context per run; medians incl. warm-up: DOMContentLoaded ${med(parts.dom)} ms, catalog:list answered ${med(parts.list)} ms`,
      }];
    } finally {
      await browser.close();
      proc.kill('SIGTERM');
    }
  },
};
