// Bundles the main process, preload and browser-mode server; copies the SQL migrations beside them.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { lazyExternals } from './lib/lazy-externals.mjs';

const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
// @fontsource is read by the font build only (dist/fonts), never by the bundles at run time.
const external = ['electron', '@fontsource/noto-sans-sc', ...Object.keys(pkg.dependencies)];
// exceljs, SheetJS and pdfmake load on first use, not while the desk starts (scripts/lib/lazy-externals.mjs).
const common = { bundle: true, platform: 'node', target: 'node20', format: 'cjs', sourcemap: true, logLevel: 'warning', external, plugins: [lazyExternals()] };

await build({ ...common, entryPoints: ['electron/main.ts'], outfile: 'dist/electron/main.js' });
// A sandboxed preload may require only 'electron': bundle everything else into it.
await build({ ...common, entryPoints: ['electron/preload.ts'], outfile: 'dist/electron/preload.js', external: ['electron'] });
await build({ ...common, entryPoints: ['electron/browser-server.ts'], outfile: 'dist/server/browser-server.js' });
// The core host (database + handlers) off the window's thread: a utility process in Electron,
// a worker thread in browser mode.
await build({ ...common, entryPoints: ['electron/core-host/utility.ts'], outfile: 'dist/electron/core-host.js' });
await build({ ...common, entryPoints: ['electron/core-host/worker.ts'], outfile: 'dist/server/core-host-worker.js' });
// The utility process runs the host in a worker thread of its own, so a cancel reaches a running loop.
await build({ ...common, entryPoints: ['electron/core-host/worker.ts'], outfile: 'dist/electron/core-host-worker.js' });
// The background backup's worker thread, beside each host bundle.
await build({ ...common, entryPoints: ['electron/services/backup/copy-worker.ts'], outfile: 'dist/electron/backup-worker.js' });
await build({ ...common, entryPoints: ['electron/services/backup/copy-worker.ts'], outfile: 'dist/server/backup-worker.js' });
// The worker that reads uploaded sheets off the host's thread, beside each host bundle.
await build({ ...common, entryPoints: ['electron/services/catalog/import-worker.ts'], outfile: 'dist/electron/import-worker.js' });
await build({ ...common, entryPoints: ['electron/services/catalog/import-worker.ts'], outfile: 'dist/server/import-worker.js' });
// The workers that compute the assessment page and write its reports on a read-only connection, beside each host bundle.
for (const dir of ['dist/electron', 'dist/server']) {
  await build({ ...common, entryPoints: ['electron/services/assessment/read-worker.ts'], outfile: `${dir}/assessment-page-worker.js` });
  await build({ ...common, entryPoints: ['electron/services/assessment/report-worker.ts'], outfile: `${dir}/assessment-report-worker.js` });
  // The worker that builds batch packets (PDF, xlsx, zip) off the host's thread.
  await build({ ...common, entryPoints: ['electron/services/redemption/packet-worker.ts'], outfile: `${dir}/packet-worker.js` });
}

for (const dir of ['dist/electron/migrations', 'dist/server/migrations']) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.cpSync('electron/db/migrations', dir, { recursive: true });
}
// The CJK font the PDFs use, merged from the Noto Sans SC slices (dist/fonts, shipped in the package).
const font = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build-font.ts'], { stdio: 'inherit' });
if (font.status !== 0) process.exit(font.status ?? 1);
console.log('built dist/electron and dist/server');
