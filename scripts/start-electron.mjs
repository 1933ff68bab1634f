// `npm start`: the desktop app. Where the Electron binary is missing (it cannot be downloaded on
// every network), say so in one line and offer browser mode instead of Electron's raw error.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electron;
try {
  electron = require('electron'); // the binary's path; throws when the download never happened
  // A download cut short leaves the path file without the binary it names.
  if (typeof electron !== 'string' || !fs.existsSync(electron)) throw new Error('missing');
} catch {
  console.error('未找到 Electron 程序文件，无法启动桌面版；可改用浏览器模式：npm run start:browser (Electron binary not found — use browser mode: npm run start:browser)');
  process.exit(1);
}
const dev = process.argv.includes('--dev');
if (!dev) {
  const built = spawnSync(process.platform === 'win32' ? 'npm.cmd' : 'npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
const child = spawn(electron, ['.'], { stdio: 'inherit', env: process.env });
child.on('exit', (code) => process.exit(code ?? 0));
