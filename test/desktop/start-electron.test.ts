// `npm start` where the Electron binary is missing says so in one line, offers browser mode, and
// exits at once (no 20 s build first, no Electron stack trace).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.join(__dirname, '..', '..');

describe('npm start without the Electron binary', () => {
  it('prints one line naming npm run start:browser and exits 1 before building', () => {
    // A project copy whose electron package has no downloaded binary (path.txt absent).
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-start-'));
    try {
      fs.mkdirSync(path.join(dir, 'scripts'));
      fs.copyFileSync(path.join(root, 'scripts', 'start-electron.mjs'), path.join(dir, 'scripts', 'start-electron.mjs'));
      const pkg = path.join(dir, 'node_modules', 'electron');
      fs.mkdirSync(pkg, { recursive: true });
      fs.copyFileSync(path.join(root, 'node_modules', 'electron', 'index.js'), path.join(pkg, 'index.js'));
      fs.writeFileSync(path.join(pkg, 'package.json'), JSON.stringify({ name: 'electron', main: 'index.js' }));
      const started = Date.now();
      const run = () => spawnSync(process.execPath, [path.join(dir, 'scripts', 'start-electron.mjs')], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
      for (const setup of [() => undefined, () => fs.writeFileSync(path.join(pkg, 'path.txt'), 'electron')]) {
        setup(); // first no path file, then a path file naming a binary that is not there
        const r = run();
        expect(r.status).toBe(1);
        const lines = r.stderr.trim().split('\n');
        expect(lines).toHaveLength(1);
        expect(lines[0]).toContain('npm run start:browser');
        expect(r.stdout).toBe(''); // no build was started
      }
      expect(Date.now() - started).toBeLessThan(15_000);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
