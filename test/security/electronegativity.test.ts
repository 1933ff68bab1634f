// scripts/electronegativity-check.mjs must fail on HIGH findings (the tool itself exits 0) and pass on electron/.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from './helpers';

const root = path.join(__dirname, '..', '..');
const installed = (() => {
  try { createRequire(__filename).resolve('@doyensec/electronegativity/package.json'); return true; } catch { return false; }
})();

function check(input: string) {
  return spawnSync(process.execPath, ['scripts/electronegativity-check.mjs', input], { cwd: root, encoding: 'utf8', timeout: 120_000 });
}

describe.skipIf(!installed)('electronegativity gate', () => {
  it('fails on an insecure window (nodeIntegration on, contextIsolation off, no navigation limits)', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'main.js'), `const { BrowserWindow } = require('electron');
new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false } }).loadURL('http://example.com');\n`);
    const res = check(dir);
    fs.rmSync(dir, { recursive: true, force: true });
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/^HIGH CONTEXT_ISOLATION_JS_CHECK/m);
  }, 120_000);

  it('passes on the app main process (no HIGH finding)', () => {
    const res = check('electron');
    expect(res.stdout).toMatch(/electronegativity \(api\): \d+ finding/);
    expect(res.stderr).not.toMatch(/^HIGH /m);
    expect(res.status).toBe(0);
  }, 120_000);
});
