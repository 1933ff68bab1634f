// Runs Electronegativity (Doyensec) on electron/ and fails on any HIGH finding: the tool itself
// exits 0 whatever it finds, so its results are parsed here.
// Usage: node scripts/electronegativity-check.mjs [input-dir]   (needs devDependency @doyensec/electronegativity)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const input = path.resolve(process.argv[2] ?? 'electron');
// The scanned folder has no package.json: tell the tool which Electron the app targets.
const rootPkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const electronVersion = String(rootPkg.devDependencies?.electron ?? rootPkg.dependencies?.electron ?? '').replace(/^[^\d]*/, '') || undefined;

function report(issues, source) {
  const bySeverity = {};
  for (const i of issues) bySeverity[i.severity] = (bySeverity[i.severity] ?? 0) + 1;
  console.log(`electronegativity (${source}): ${issues.length} finding(s) ${JSON.stringify(bySeverity)}`);
  for (const i of issues.filter((x) => x.severity !== 'HIGH')) console.log(`${i.severity} ${i.id} ${i.file}${i.location ? `:${i.location}` : ''}`);
  const high = issues.filter((i) => i.severity === 'HIGH');
  for (const i of high) console.error(`HIGH ${i.id} ${i.file}${i.location ? `:${i.location}` : ''} ${i.description ?? ''}`);
  process.exit(high.length ? 1 : 0);
}

function packageDir() {
  try {
    return path.dirname(require.resolve('@doyensec/electronegativity/package.json'));
  } catch {
    console.error('electronegativity is not installed: add devDependency @doyensec/electronegativity');
    process.exit(2);
  }
}

/** Preferred: the package's programmatic run(), which returns issues with their severity objects. */
async function viaApi() {
  let mod;
  try {
    mod = require('@doyensec/electronegativity');
  } catch {
    return false;
  }
  const run = typeof mod === 'function' ? mod : mod.run ?? mod.default;
  if (typeof run !== 'function') return false;
  const result = await run({
    input, output: undefined, isSarif: false, customScan: [], excludeFromScan: [], severitySet: undefined,
    confidenceSet: undefined, isRelative: true, parserPlugins: [], electronUpgrade: undefined, electronVersionOverride: electronVersion,
  });
  const issues = (result?.issues ?? []).map((i) => ({
    id: i.id, file: i.file, location: i.location ? `${i.location.line}:${i.location.column}` : '',
    severity: String(i.severity?.name ?? i.severity ?? '').toUpperCase(), description: i.description,
  }));
  for (const e of result?.errors ?? []) if (!e.tolerable) console.warn(`parse error ${e.file}: ${e.message}`);
  report(issues, 'api');
  return true;
}

/** Fallback: the CLI's table on stdout (severity printed as "HIGH | CERTAIN" beside the check id). */
function viaCli(dir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
  const bin = path.join(dir, typeof pkg.bin === 'string' ? pkg.bin : Object.values(pkg.bin ?? {})[0] ?? 'dist/index.js');
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'eneg-')), 'result.csv');
  const res = spawnSync(process.execPath, [bin, '-i', input, '-o', out, '-r'], { encoding: 'utf8' });
  if (res.error || res.status !== 0) {
    console.error(`electronegativity failed to run: ${res.error?.message ?? res.stderr}`);
    process.exit(2);
  }
  const text = res.stdout.replace(/\x1b\[[0-9;]*m/g, '');
  const issues = [];
  let current = null;
  for (const line of text.split('\n')) {
    const cells = line.split('│').map((c) => c.trim());
    if (cells.length < 5) continue;
    if (/^[A-Z_]+_(JS|HTML|JSON|GLOBAL)_CHECK/.test(cells[1])) current = { id: cells[1], file: cells[2], location: cells[3], severity: '' };
    const sev = /\b(HIGH|MEDIUM|LOW|INFORMATIONAL)\s*\|/.exec(cells[1]);
    if (current && sev) { current.severity = sev[1]; issues.push(current); current = null; }
  }
  if (!issues.length && !/No issues were found/.test(text)) {
    console.error('could not read electronegativity output:\n' + text.slice(0, 2000));
    process.exit(2);
  }
  report(issues, 'cli');
}

const dir = packageDir();
if (!(await viaApi())) viaCli(dir);
