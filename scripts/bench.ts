// npm run bench [-- --db .bench/desk-bench.sqlite --runs 7 --only search,week,lists,export,backup,pages]
// Exits with 1 when a target is missed. BENCH_PAGES=redemption,vouchers narrows the Chromium pages run.
// Times the app's services on the seeded database next to a bare-SQL baseline, against the targets.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../electron/db/connection';
import { intArg, parseArgs } from './lib/args';
import { annualAssessment } from './lib/bench-ops/assessment';
import { backupOp } from './lib/bench-ops/backup';
import { catalogExport } from './lib/bench-ops/catalog-export';
import { catalogSearch } from './lib/bench-ops/catalog-search';
import { conflictCheck } from './lib/bench-ops/conflict-check';
import { consolidation } from './lib/bench-ops/consolidation';
import { dueSoonDashboard } from './lib/bench-ops/dashboard';
import { firstScreen } from './lib/bench-ops/first-screen';
import { listPages } from './lib/bench-ops/lists';
import { childProcesses, rssRow, watchRss } from './lib/bench-ops/memory';
import { openMigrate } from './lib/bench-ops/open-migrate';
import { pagesOp } from './lib/bench-ops/pages';
import { moneyOps } from './lib/bench-ops/money';
import { redemptionPacket } from './lib/bench-ops/packet';
import { targetText, verdict, type BenchEnv, type BenchOp, type OpResult } from './lib/bench-ops/types';
import { weekCalendar } from './lib/bench-ops/week-calendar';
import { xlsxImport } from './lib/bench-ops/xlsx-import';
import { metaPath, type SeedMeta } from './lib/seed';
import { DEFAULT_OUT } from './lib/seed/options';
import { formatMs } from './lib/timing';

const OPS: BenchOp[] = [openMigrate, catalogSearch, weekCalendar, conflictCheck, annualAssessment, dueSoonDashboard,
  redemptionPacket, xlsxImport, firstScreen, moneyOps, consolidation, listPages, catalogExport, backupOp, pagesOp];

function row(r: OpResult): string[] {
  if (r.failed) return [r.name, 'FAILED', '', '', '', '', 'FAIL', r.failed];
  if (r.skipped) return [r.name, 'SKIPPED', '', '', '', '', '', r.skipped];
  const s = r.service!;
  if (r.unit === 'MB') return [r.name, `${s.median.toFixed(0)} MB`, '', '', '', targetText(r.target, r.unit), verdict(r), r.note ?? ''];
  const ratio = r.baseline ? `${(s.median / r.baseline.median).toFixed(1)}×` : '—';
  return [r.name, formatMs(s.median), r.showP95 ? formatMs(s.p95) : '', r.baseline ? formatMs(r.baseline.median) : '—', ratio,
    targetText(r.target), verdict(r), r.note ?? ''];
}

function printTable(rows: string[][]): string {
  const header = ['operation', 'median ms', 'p95 ms', 'bare SQL ms', 'ratio', 'target', 'result', 'notes'];
  const lines = [header, header.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`);
  return lines.join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const dbFile = args.get('db') ?? DEFAULT_OUT;
  if (!fs.existsSync(dbFile) || !fs.existsSync(metaPath(dbFile))) {
    throw new Error(`${dbFile} (or its .json) not found: run npm run seed first`);
  }
  const meta = JSON.parse(fs.readFileSync(metaPath(dbFile), 'utf8')) as SeedMeta;
  const only = args.get('only')?.split(',');
  const tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-'));
  const { db } = openDatabase(dbFile);
  const env: BenchEnv = {
    dbFile, db, meta, today: meta.today, runs: intArg(args, 'runs', 7), tmpDir,
    ctx: { db, dataDir: tmpDir, actor: 'bench', now: () => new Date(`${meta.today}T02:00:00.000Z`) },
  };
  console.log(`bench on ${dbFile}: ${meta.totals.instruments.toLocaleString('en')} instruments, ${meta.totals.bookings.toLocaleString('en')} bookings, `
    + `${meta.totals.usage.toLocaleString('en')} usage records, ${meta.totals.contracts.toLocaleString('en')} contracts; today ${meta.today}; ${env.runs} runs`);
  const results: OpResult[] = [];
  try {
    for (const op of OPS.filter((o) => !only || only.includes(o.id))) {
      process.stdout.write(`  ${op.id} …`);
      const t0 = performance.now();
      try {
        // The pages run starts browser-mode servers: their peak memory is a row of its own.
        const memory = op.id === 'pages' ? watchRss(() => childProcesses(/browser-server\.js/)) : null;
        const rows = await op.run(env);
        if (memory) rows.push(rssRow('server peak RSS during the pages run (Chromium)', memory.stop(), 'browser-mode server process (core host, workers, HTTP), /proc VmRSS sampled every 100 ms and VmHWM'));
        results.push(...rows);
        process.stdout.write(` ${rows.map((r) => (r.failed ? `FAILED (${r.failed.split('\n')[0]})` : r.skipped ? 'skipped' : `${r.unit === 'MB' ? `${r.service!.median.toFixed(0)} MB` : `${formatMs(r.service!.median)} ms`} ${verdict(r)}`)).join(', ')} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
      } catch (e) {
        results.push({ name: op.id, failed: (e as Error).message.split('\n')[0] });
        process.stdout.write(` failed: ${(e as Error).message}\n`);
      }
    }
  } finally {
    db.close();
    fs.rmSync(tmpDir, { recursive: true, force: true });
  }
  console.log(`\n${printTable(results.map(row))}\n`);
  for (const r of results.filter((x) => verdict(x) === 'MISS' && x.plan)) {
    console.log(`EXPLAIN QUERY PLAN, ${r.name} (bare SQL): ${r.plan!.join(' → ')}`);
  }
  // A missed target fails the run, so a regression shows in CI and scripts.
  const missed = results.filter((r) => verdict(r) === 'MISS');
  if (missed.length) {
    console.log(`${missed.length} target(s) missed: ${missed.map((r) => r.name).join('; ')}`);
    process.exitCode = 1;
  }
  // A failed step fails the run too (its figures before the failure are in the table above).
  const failed = results.filter((r) => r.failed);
  if (failed.length) {
    console.log(`${failed.length} failed: ${failed.map((r) => `${r.name}: ${r.failed}`).join('; ')}`);
    process.exitCode = 1;
  }
  // Other work on the machine skews the figures: the load average says how much there was.
  console.log(`${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, Node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}, ${new Date().toISOString()}`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
