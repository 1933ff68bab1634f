import { test as base, expect, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { deskApi } from './helpers';

export interface DeskServer {
  /** The one-time launch address (the first page.goto exchanges it for the session cookie). */
  url: string;
  /** The session secret, for calls from the test process. */
  token: string;
  dataDir: string;
  /** The server's own key-file folder (outside its data folder, as on a real machine). */
  keyDir: string;
}

/**
 * Starts the built browser-mode server on a free port with its own temp data folder and its own
 * key-file folder, so tests running side by side share nothing but the built app. The key folder
 * is removed when the server process ends.
 */
export async function startServer(today?: string): Promise<{ server: DeskServer; proc: ChildProcess }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-'));
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-e2e-keys-'));
  const args = ['dist/server/browser-server.js', '--port', '0', '--data-dir', dataDir, '--print-token'];
  if (today) args.push('--today', today);
  const proc = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, DESK_KEY_DIR: keyDir } });
  proc.once('exit', () => fs.rmSync(keyDir, { recursive: true, force: true }));
  const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`server did not start: ${out}`)), 20_000);
    proc.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /OIVD_READY (\{.*\})/.exec(out);
      if (m) { clearTimeout(timer); resolve(JSON.parse(m[1]) as { url: string; token: string }); }
    });
    proc.stderr!.on('data', (c: Buffer) => { out += c.toString(); });
    proc.on('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  return { server: { ...ready, dataDir, keyDir }, proc };
}

/** Stops a server and waits for it to finish closing the database before its folder is removed. */
export async function stopServer({ server, proc }: { server: DeskServer; proc: ChildProcess }): Promise<void> {
  if (proc.exitCode === null && proc.signalCode === null) {
    const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
    proc.kill('SIGTERM');
    await Promise.race([exited, new Promise<void>((resolve) => setTimeout(resolve, 10_000))]);
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGKILL');
  }
  fs.rmSync(server.dataDir, { recursive: true, force: true });
}

/** Each test gets a fresh server, port and database; `today` is fixed so deadlines are deterministic. */
export const test = base.extend<{ desk: DeskServer; openDesk: (page: Page) => Promise<void>; deskFirstRun: boolean }, { deskToday: string | undefined }>({
  deskToday: [undefined, { option: true, scope: 'worker' }],
  /** Keep the first-run encryption choice for the test to make; by default the fixture chooses "plain". */
  deskFirstRun: [false, { option: true }],
  desk: async ({ deskToday }, use) => {
    const started = await startServer(deskToday);
    await use(started.server);
    await stopServer(started);
  },
  openDesk: async ({ desk, deskFirstRun }, use) => {
    await use(async (page: Page) => {
      if (!deskFirstRun) await deskApi(desk, 'security:setup', { mode: 'plain' }).catch(() => undefined); // already chosen
      await page.goto(desk.url);
      await expect(page.getByRole('menu')).toBeVisible();
    });
  },
});

export { expect };
