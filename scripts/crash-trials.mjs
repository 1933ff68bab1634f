// Crash trials: SIGKILL the REAL services at random points of encryption, passphrase change,
// restore, migration, contract saves and an import commit, then start the desk normally and check
// that the data is all there, encrypted or not as the last completed step says, integrity_check ok,
// every attachment readable, no plaintext copy anywhere in the data folder, and every contract save
// or import either wholly there or not at all.
//   npm run crash-trials -- --op encrypt --n 200 [--seed 1]
//   npm run crash-trials -- --op all --n 200
// The child (scripts/crash-child.ts) is bundled once with esbuild into dist/crash/child/child.cjs,
// with the import worker beside it.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const MIGRATIONS = path.join(ROOT, 'electron', 'db', 'migrations');
/** Swaps of the whole database or its key (test/security/crash-swaps.test.ts). */
export const SWAP_OPS = ['encrypt', 'rekey', 'restore', 'migrate'];
/** Multi-row writes of the services (test/security/crash.test.ts). */
export const WRITE_OPS = ['contract-save', 'import-commit'];
export const OPS = [...SWAP_OPS, ...WRITE_OPS];
/** Sizes the child uses (scripts/crash-child.ts SAVES, IMPORT_SEEDED, IMPORT_ROWS). */
const SAVES = 24;
const IMPORT_SEEDED = 150;
const IMPORT_ROWS = 1500;

export async function buildChild(name = 'child.cjs') {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  // A folder a bundle: the import worker sits beside its child, and two builds never share a file.
  const outfile = path.join(ROOT, 'dist', 'crash', path.parse(name).name, name);
  await build({
    entryPoints: [path.join(ROOT, 'scripts', 'crash-child.ts')], outfile, bundle: true, platform: 'node', target: 'node20',
    format: 'cjs', logLevel: 'warning', external: ['electron', ...Object.keys(pkg.dependencies)],
  });
  // The import parse runs in its worker thread, as in the built app.
  await build({
    entryPoints: [path.join(ROOT, 'electron', 'services', 'catalog', 'import-worker.ts')], outfile: path.join(path.dirname(outfile), 'import-worker.js'),
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', external: ['electron', ...Object.keys(pkg.dependencies)],
  });
  return outfile;
}

/** Deterministic pseudo-random numbers, so a failing trial can be replayed with its seed. */
function rng(seed) {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}

export function runChild(child, args, env, killAfterMs) {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [child, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env });
    let out = '';
    let err = '';
    let readyAt = null;
    const started = performance.now();
    let timer;
    if (killAfterMs?.fromSpawn !== undefined) timer = setTimeout(() => p.kill('SIGKILL'), killAfterMs.fromSpawn);
    p.stdout.on('data', (c) => {
      out += c.toString();
      if (readyAt === null && out.includes('ready\n')) {
        readyAt = performance.now();
        if (killAfterMs?.fromReady !== undefined) timer = setTimeout(() => p.kill('SIGKILL'), killAfterMs.fromReady);
      }
    });
    p.stderr.on('data', (c) => { err += c.toString(); });
    p.on('error', reject);
    p.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, out, err, ms: performance.now() - (readyAt ?? started) });
    });
  });
}

/** Contract saves: each whole or absent, in the order the run made them, none lost once reported. */
function judgeContractSave(r, completed, out) {
  const problems = [];
  if (r.torn.length) problems.push(`torn: ${r.torn.slice(0, 3).join('; ')}`);
  if (r.orphans) problems.push(`${r.orphans} rows of contracts that do not exist`);
  const created = r.versions.filter((v) => v >= 1).length;
  const updated = r.versions.filter((v) => v === 2).length;
  if (created !== r.contracts) problems.push(`contracts ${r.contracts} but ${created} numbered`);
  for (let i = 0; i < SAVES; i++) {
    // The run creates CS-0…CS-23, then updates them in the same order: what is there is a prefix.
    const expected = i < updated ? 2 : i < created ? 1 : undefined;
    if (r.versions[i] !== expected && !(r.versions[i] === undefined && expected === undefined)) problems.push(`CS-${i} at v${r.versions[i]} out of order`);
  }
  if (updated > 0 && created !== SAVES) problems.push(`updates before all creates (${created} created, ${updated} updated)`);
  for (const m of out.matchAll(/^saved (\d+) (\d)$/gm)) {
    if (!(r.versions[Number(m[1])] >= Number(m[2]))) problems.push(`CS-${m[1]} v${m[2]} was reported saved but is not there`);
  }
  if (completed && updated !== SAVES) problems.push(`run completed but ${updated}/${SAVES} updated`);
  return problems;
}

/** The import: all rows inserted or updated with its audit row, or the desk exactly as seeded. */
function judgeImport(r, completed) {
  const none = r.instruments === IMPORT_SEEDED && r.updated === 0 && r.importAudits === 1 && r.mappings === 1;
  const all = r.instruments === IMPORT_ROWS && r.updated === IMPORT_ROWS && r.importAudits === 2 && r.mappings === 1;
  const problems = [];
  if (!none && !all) problems.push(`torn import: ${r.instruments} instruments, ${r.updated} updated, ${r.importAudits} audit rows, ${r.mappings} mappings`);
  if (completed && !all) problems.push('import completed but its rows are not all there');
  return problems;
}

function judge(op, r, completed, out = '') {
  const problems = [];
  if (!r.ok) return [`start failed: ${r.error}`];
  if (op === 'contract-save' || op === 'import-commit') {
    if (r.integrity !== 'ok') problems.push(`integrity ${r.integrity}`);
    if (r.foreignKeys) problems.push(`${r.foreignKeys} foreign key violations`);
    return [...problems, ...(op === 'contract-save' ? judgeContractSave(r, completed, out) : judgeImport(r, completed))];
  }
  if (r.integrity !== 'ok') problems.push(`integrity ${r.integrity}`);
  const contractsOk = op === 'restore' ? [40, 47].includes(r.contracts) : r.contracts === 40;
  if (!contractsOk) problems.push(`contracts ${r.contracts}`);
  if (r.attachments !== 12 || r.attachmentsReadable !== 12) problems.push(`attachments ${r.attachmentsReadable}/${r.attachments}`);
  if (r.plaintextHits.length) problems.push(`plaintext in ${r.plaintextHits.join(', ')}`);
  if (r.strays.length) problems.push(`left over ${r.strays.join(', ')}`);
  if (r.legacyKeyRow) problems.push('legacy key row still in the database');
  if (op === 'encrypt' && completed && !r.encrypted) problems.push('encryption completed but the desk is plain');
  if ((op === 'rekey' || op === 'restore') && !r.encrypted) problems.push('encrypted desk became plain');
  if (op === 'rekey' && completed && r.passphrase !== 'P2') problems.push('passphrase change completed but P2 does not open');
  if (op === 'restore' && completed && r.contracts !== 40) problems.push('restore completed but the data is not the backup');
  return problems;
}

export function outcomeOf(op, r) {
  if (op === 'encrypt') return r.encrypted ? 'encrypted' : 'plain';
  if (op === 'rekey') return `opens with ${r.passphrase}`;
  if (op === 'restore') return r.contracts === 40 ? 'restored' : 'not restored';
  if (op === 'import-commit') return r.instruments === IMPORT_ROWS ? 'imported' : 'not imported';
  if (op === 'contract-save') {
    const created = r.versions.filter((v) => v >= 1).length;
    const updated = r.versions.filter((v) => v === 2).length;
    if (updated === SAVES) return 'all saved';
    if (updated > 0) return 'all created, some updated';
    if (created > 0) return 'some created';
    return 'none saved';
  }
  return 'migrated';
}

/** Runs `n` trials of `op`; returns the counts and every failure with its trial number and seed. */
export async function crashTrials({ op, n, seed = 20251202, child, log = () => undefined }) {
  child ??= await buildChild();
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `desk-crash-${op}-`));
  const env = { ...process.env, NODE_OPTIONS: '', DESK_KEY_DIR: path.join(root, 'keys') };
  const template = path.join(root, 'template');
  try {
    const seeded = await runChild(child, ['seed', op, template, MIGRATIONS], env);
    if (seeded.code !== 0) throw new Error(`seeding ${op} failed: ${seeded.err}`);
    // Calibration: one uninterrupted run tells how long the operation takes.
    const calib = path.join(root, 'calibration');
    fs.cpSync(template, calib, { recursive: true });
    const full = await runChild(child, ['run', op, calib, MIGRATIONS], env);
    if (full.code !== 0) throw new Error(`uninterrupted ${op} failed: ${full.err}`);
    const calibCheck = JSON.parse((await runChild(child, ['check', op, calib, MIGRATIONS], env)).out.trim().split('\n').at(-1));
    const calibProblems = judge(op, calibCheck, true);
    if (calibProblems.length) throw new Error(`uninterrupted ${op} is not correct: ${calibProblems.join('; ')}`);
    fs.rmSync(calib, { recursive: true, force: true });
    let span = Math.max(20, full.ms * 1.15);
    const random = rng(seed);
    const result = { op, n, operationMs: Math.round(full.ms), killed: 0, completedBeforeKill: 0, failures: [], outcomes: {} };
    for (let i = 0; i < n; i++) {
      const dir = path.join(root, `trial-${i}`);
      fs.cpSync(template, dir, { recursive: true });
      // One in eight dies while the process starts (opening, reconciling); the rest during the operation.
      const early = random() < 0.125;
      const delay = Math.floor(random() * (early ? 150 : span));
      const ran = await runChild(child, ['run', op, dir, MIGRATIONS], env, early ? { fromSpawn: delay } : { fromReady: delay });
      const completed = ran.out.includes('done\n');
      // The calibration run can be slower than later ones: keep the kill window inside the operation.
      if (completed) span = Math.max(20, Math.min(span, ran.ms * 1.1));
      if (ran.signal === 'SIGKILL') {
        result.killed++;
        // The import's child says when its commit starts: kills from then on fell inside the commit.
        if (ran.out.includes('committing\n') && !completed) result.killedInCommit = (result.killedInCommit ?? 0) + 1;
      }
      else if (completed) result.completedBeforeKill++;
      else { result.failures.push({ trial: i, delay, problems: [`run failed by itself: ${ran.err.slice(0, 300)}`] }); fs.rmSync(dir, { recursive: true, force: true }); continue; }
      const checked = await runChild(child, ['check', op, dir, MIGRATIONS], env);
      let report;
      try { report = JSON.parse(checked.out.trim().split('\n').at(-1)); } catch { report = { ok: false, error: checked.err.slice(0, 300) }; }
      const problems = judge(op, report, completed, ran.out);
      if (report.ok) result.outcomes[outcomeOf(op, report)] = (result.outcomes[outcomeOf(op, report)] ?? 0) + 1;
      if (problems.length) result.failures.push({ trial: i, delay, early, problems });
      log(`${op} ${i + 1}/${n} kill at ${delay} ms${early ? ' (start-up)' : ''}: ${problems.length ? problems.join('; ') : 'ok'}`);
      fs.rmSync(dir, { recursive: true, force: true });
    }
    return result;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}

async function main() {
  const args = process.argv.slice(2);
  const get = (name, fallback) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : fallback; };
  const opArg = get('op', 'all');
  const n = Number(get('n', '200'));
  const seed = Number(get('seed', '20251202'));
  const verbose = args.includes('--verbose');
  const ops = opArg === 'all' ? OPS : opArg.split(',');
  for (const op of ops) if (!OPS.includes(op)) throw new Error(`unknown --op ${op} (one of ${OPS.join(', ')}, all)`);
  const child = await buildChild();
  let failed = 0;
  for (const op of ops) {
    const started = Date.now();
    const r = await crashTrials({ op, n, seed, child, log: verbose ? (l) => console.log(l) : undefined });
    failed += r.failures.length;
    console.log(JSON.stringify({ ...r, failures: r.failures.length, firstFailures: r.failures.slice(0, 5), seconds: Math.round((Date.now() - started) / 1000) }));
  }
  process.exitCode = failed ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  main().catch((e) => { console.error(e); process.exitCode = 2; });
}
