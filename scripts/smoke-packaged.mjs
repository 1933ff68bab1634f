// Launches the packaged desk (release/*-unpacked or the .app) headless with a temp data folder,
// lets it open the database in its core host and call app:info, and checks the answer.
// Usage: node scripts/smoke-packaged.mjs [path-to-binary]   (Linux CI: under xvfb-run)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));

function findBinary() {
  if (process.argv[2]) return process.argv[2];
  const candidates = {
    linux: [path.join('release', 'linux-unpacked', pkg.name)],
    win32: [path.join('release', 'win-unpacked', `${pkg.productName}.exe`)],
    darwin: ['mac', 'mac-arm64', 'mac-universal'].map((d) => path.join('release', d, `${pkg.productName}.app`, 'Contents', 'MacOS', pkg.productName)),
  }[process.platform] ?? [];
  const found = candidates.find((c) => fs.existsSync(c));
  if (!found) throw new Error(`no packaged desk found (looked for ${candidates.join(', ')}); run electron-builder first`);
  return found;
}

const binary = findBinary();
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-smoke-'));
const child = spawn(binary, ['--smoke'], { env: { ...process.env, OIVD_DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'pipe'] });
let out = '';
child.stdout.on('data', (c) => { out += c; });
child.stderr.on('data', (c) => { out += c; });
const timer = setTimeout(() => { child.kill(); fail('timed out after 60 s'); }, 60_000);

function fail(why) {
  console.error(`smoke test failed: ${why}\n${out}`);
  process.exit(1);
}

child.on('exit', (code) => {
  clearTimeout(timer);
  const m = /OIVD_SMOKE (\{.*\})/.exec(out);
  if (code !== 0 || !m) fail(`exit ${code}, no OIVD_SMOKE line`);
  const info = JSON.parse(m[1]);
  if (!info.ok || info.value.version !== pkg.version || !(info.value.schemaVersion > 0)) fail(`unexpected answer ${m[1]}`);
  if (!fs.existsSync(path.join(dataDir, 'desk.sqlite'))) fail('no database file was created');
  console.log(`smoke test passed: ${binary} — desk ${info.value.version}, schema ${info.value.schemaVersion}`);
  fs.rmSync(dataDir, { recursive: true, force: true });
});
