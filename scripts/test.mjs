// `npm test`: every check of the project, in stages, with each step's time printed at the end.
// The static checks are single-threaded, so they run two at a time (one per core of the CI machine).
// Then the unit suite runs beside the build and the end-to-end tests: the unit files often wait on
// child processes, servers and timers, and the one end-to-end worker (a browser and a desk server)
// leaves part of the second core idle, so side by side they finish well before one after the other.
// A stage with more than one lane prefixes each output line with its step's name.
// Usage: node scripts/test.mjs [--only lint,typecheck,...]   (step names as printed)
import { spawn } from 'node:child_process';
import os from 'node:os';
import readline from 'node:readline';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
/** The stages in order; the lanes of a stage run side by side, the steps of a lane one after another. */
const stages = [
  [
    [['lint', [npm, 'run', 'lint']]],
    [['typecheck', [npm, 'run', 'typecheck']], ['security:scan', [npm, 'run', 'security:scan']]],
  ],
  [
    [['test:unit', [npm, 'run', 'test:unit']]],
    [['build', [npm, 'run', 'build']], ['test:e2e', [npm, 'run', 'test:e2e']]],
  ],
];

const onlyArg = process.argv.indexOf('--only');
const only = onlyArg > 0 ? new Set(process.argv[onlyArg + 1].split(',')) : null;

function run(name, [cmd, ...args], prefixed) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: prefixed ? ['inherit', 'pipe', 'pipe'] : 'inherit' });
    if (prefixed) {
      for (const [from, to] of [[child.stdout, process.stdout], [child.stderr, process.stderr]]) {
        readline.createInterface({ input: from, crlfDelay: Infinity }).on('line', (line) => to.write(`[${name}] ${line}\n`));
      }
    }
    child.on('close', (code, signal) => resolve({ name, ok: code === 0, code: code ?? signal, seconds: (Date.now() - started) / 1000 }));
    child.on('error', (e) => resolve({ name, ok: false, code: e.message, seconds: (Date.now() - started) / 1000 }));
  });
}

const results = [];
const t0 = Date.now();
for (const lanes of stages) {
  const picked = lanes.map((lane) => lane.filter(([name]) => !only || only.has(name))).filter((lane) => lane.length);
  if (!picked.length) continue;
  const laneResults = await Promise.all(picked.map(async (lane) => {
    const done = [];
    for (const [name, command] of lane) {
      const r = await run(name, command, picked.length > 1);
      done.push(r);
      if (!r.ok) break;
    }
    return done;
  }));
  results.push(...laneResults.flat());
  if (results.some((r) => !r.ok)) break;
}

const load = os.loadavg().map((l) => l.toFixed(2)).join(' ');
console.log(`\nnpm test steps (${os.availableParallelism()} cores, load average now ${load}):`);
for (const r of results) console.log(`  ${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(14)} ${r.seconds.toFixed(1).padStart(7)} s${r.ok ? '' : `  (exit ${r.code})`}`);
console.log(`  total              ${((Date.now() - t0) / 1000).toFixed(1).padStart(7)} s`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
