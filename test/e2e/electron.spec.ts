import { _electron as electron } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { channels, type Api } from '../../shared/ipc';
import { expect, test } from './fixtures';

/** The Electron executable, when this machine has it (installs with ELECTRON_SKIP_BINARY_DOWNLOAD have none). */
function electronBinary(): string | null {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const bin = require('electron') as unknown as string;
    return typeof bin === 'string' && fs.existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

const bin = electronBinary();

// Needs the Electron binary and the SQLite driver rebuilt for it (`npx electron-builder install-app-deps`).
test.skip(!bin, 'Electron binary not installed here; the browser-mode specs drive the same renderer and handlers');

test('the Electron window: security baseline, window.api = the contract, a real call', async () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-electron-'));
  const app = await electron.launch({ executablePath: bin!, args: ['dist/electron/main.js'], env: { ...process.env, OIVD_DATA_DIR: dataDir } });
  try {
    const win = await app.firstWindow();
    await expect(win.getByRole('menuitem', { name: '仪器目录' })).toBeVisible();
    // No Node in the page (nodeIntegration off, context isolated, sandboxed preload).
    expect(await win.evaluate(() => [typeof (globalThis as Record<string, unknown>).require, typeof (globalThis as Record<string, unknown>).process]))
      .toEqual(['undefined', 'undefined']);
    expect(await win.evaluate(() => Object.keys((globalThis as unknown as { api: object }).api).sort())).toEqual([...channels].sort());
    const created = await win.evaluate(() => (globalThis as unknown as { api: Api }).api['catalog:create']({
      innerId: 'E-1', nameCn: '电镜', categoryCode: '010101', originalValueFen: 100,
    }));
    expect(created.ok).toBe(true);
    // Navigation away from the app is refused.
    await win.evaluate(() => { (globalThis as unknown as { location: { href: string } }).location.href = 'https://example.com/'; });
    await win.waitForTimeout(500);
    expect(win.url()).toMatch(/^file:/);
  } finally {
    await app.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
