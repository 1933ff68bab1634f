// The facility office at university scale: BENCH_LABS lab packages (default 50) of 1,000
// instruments and five years of usage each (BENCH_USAGE_PER_YEAR records per instrument and year,
// default 12) imported into one office desk, then the unit-wide two-year national self-assessment
// over them next to a bare-SQL baseline. Desks are temp folders of their own, not the seeded file.
// Building and exporting the lab desks is not measured; with BENCH_PACKAGES_DIR the package files
// (and each lab's desk id and public key) are kept there and read back by the next run, so a run
// on prepared packages is the import and the assessment only. BENCH_PREPARE_ONLY=1 writes the
// packages and measures nothing.
import { strFromU8, unzipSync } from 'fflate';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openCore, type Core } from '../../../electron/app-core';
import { computeEvaluation } from '../../../electron/services/facility/evaluation';
import { registerLab } from '../../../electron/services/facility/office';
import { setUnitRated } from '../../../electron/services/facility/rated-hours';
import { exportLabPackage } from '../../../electron/services/facility/package/export-lab';
import { importLabPackage } from '../../../electron/services/facility/package/import-lab';
import { deskKeys, getIdentity, setIdentity } from '../../../electron/services/facility/package/keys';
import { createRng } from '../prng';
import { measure, statsOf } from '../timing';
import type { BenchEnv, BenchOp, OpResult } from './types';

const CODE = '91110108MA01ABCD3X';
const INSTRUMENTS = 1000;
const YEARS = 5;

function core(dir: string, now: Date): Core {
  return openCore({ dataDir: dir, mode: 'browser', migrationsDir: path.join(__dirname, '..', '..', '..', 'electron', 'db', 'migrations'), now: () => now });
}

/**
 * One lab desk's data, written in one transaction: instruments and usage spread over the five
 * years; per year 50 contracts (a third with a voucher) and 50 Shanghai orders of 60 applicants;
 * half the external usage records under a contract, half under an order, each of those charged
 * (a usage charge line), plus one service charge tied to no usage record per contract and order.
 */
/** Empties a lab desk's tables that seedLab fills. */
export const CLEAR_LAB = `DELETE FROM charges; DELETE FROM contract_vouchers; DELETE FROM vouchers; DELETE FROM usage_logs; DELETE FROM contracts; DELETE FROM orders;
  DELETE FROM service_products; DELETE FROM applicants; DELETE FROM instrument_rated_hours; DELETE FROM rated_hours_unit; DELETE FROM instruments; DELETE FROM labs;`;

export function seedLab(c: Core, lab: number, lastYear: number, perYear: number): void {
  const rng = createRng(1000 + lab);
  const rnd = () => rng.next();
  const db = c.db;
  const AT = '2020-01-01T00:00:00Z';
  db.transaction(() => {
    const labId = Number(db.prepare('INSERT INTO labs(name, created_at) VALUES (?, ?)').run(`实验室${lab}`, AT).lastInsertRowid);
    const ins = db.prepare(`INSERT INTO instruments(inner_id, name_cn, category_code, original_value_fen, share_mode, lab_id, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z')`);
    const use = db.prepare(`INSERT INTO usage_logs(instrument_id, start_at, end_at, external, amount_fen, user_unit, satisfaction, contract_id, order_id, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '2020-01-01T00:00:00Z')`);
    const applicant = db.prepare(`INSERT INTO applicants(kind, name, credit_code, created_at, updated_at) VALUES ('enterprise', ?, ?, ?, ?)`);
    const contract = db.prepare(`INSERT INTO contracts(number, applicant_id, lab_id, signed_date, start_date, end_date, amount_fen, profile_id, status, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, 'beijing-2023', 'active', ?, ?)`);
    const voucher = db.prepare(`INSERT INTO vouchers(number, applicant_id, face_value_fen, claim_date, profile_id, created_at, updated_at) VALUES (?, ?, ?, ?, 'beijing-2023', ?, ?)`);
    const cv = db.prepare('INSERT INTO contract_vouchers(contract_id, voucher_id, amount_fen) VALUES (?, ?, ?)');
    const order = db.prepare(`INSERT INTO orders(number, applicant_id, product_id, order_date, total_fen, voucher_fen, payout_party, status, profile_id, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, 'institution', 'completed', 'shanghai-2025', ?, ?)`);
    const charge = db.prepare(`INSERT INTO charges(contract_id, order_id, kind, category, service_date, instrument_id, usage_id, description, amount_fen, created_at, created_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'bench')`);
    const product = Number(db.prepare(`INSERT INTO service_products(code, name, service_kind, lab_id, created_at, updated_at) VALUES (?, '测试服务', 'testing', ?, ?, ?)`)
      .run(`P${lab}`, labId, AT, AT).lastInsertRowid);
    const pad = (n: number) => String(n).padStart(2, '0');
    const applicants: number[] = [];
    for (let a = 0; a < 60; a++) applicants.push(Number(applicant.run(`企业${a}`, `91110000MA${String(a).padStart(7, '0')}X`, AT, AT).lastInsertRowid));
    const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
    const contractsOf = new Map<number, number[]>();
    const ordersOf = new Map<number, number[]>();
    for (let y = lastYear - YEARS + 1; y <= lastYear; y++) {
      const cs: number[] = [];
      const os: number[] = [];
      for (let k = 0; k < 50; k++) {
        const day = `${y}-${pad(1 + (k % 12))}-${pad(1 + (k % 27))}`;
        const who = pick(applicants);
        const id = Number(contract.run(`HT-${lab}-${y}-${k}`, who, labId, day, day, `${y}-12-31`, 1_000_000 + Math.floor(rnd() * 9_000_000), AT, AT).lastInsertRowid);
        if (k % 3 === 0) {
          const v = Number(voucher.run(`V-${lab}-${y}-${k}`, who, 500_000, day, AT, AT).lastInsertRowid);
          cv.run(id, v, 500_000);
        }
        charge.run(id, null, 'manual', 'service', day, null, null, '制样', 20_000, AT);
        cs.push(id);
        const oid = Number(order.run(`SH-${lab}-${y}-${k}`, pick(applicants), product, day, 300_000 + Math.floor(rnd() * 700_000), k % 2 === 0 ? 150_000 : 0, AT, AT).lastInsertRowid);
        charge.run(null, oid, 'manual', 'consumable', day, null, null, '耗材', 8_000, AT);
        os.push(oid);
      }
      contractsOf.set(y, cs);
      ordersOf.set(y, os);
    }
    for (let i = 0; i < INSTRUMENTS; i++) {
      const id = Number(ins.run(`L${lab}-${i}`, `仪器${i}`, `${pad(1 + (i % 15))}0101`, 50_000_000 + Math.floor(rnd() * 500_000_000),
        rnd() < 0.7 ? '外部共享' : rnd() < 0.5 ? '内部共享' : '不共享', labId).lastInsertRowid);
      for (let y = lastYear - YEARS + 1; y <= lastYear; y++) {
        for (let k = 0; k < perYear; k++) {
          const month = 1 + Math.floor((k * 12) / perYear);
          const day = 1 + Math.floor(rnd() * 27);
          const h = 8 + Math.floor(rnd() * 6);
          const len = 1 + Math.floor(rnd() * 8);
          const ext = rnd() < 0.3 ? 1 : 0;
          const underContract = ext === 1 && rnd() < 0.5;
          const contractId = underContract ? pick(contractsOf.get(y)!) : null;
          const orderId = ext === 1 && !underContract ? pick(ordersOf.get(y)!) : null;
          const date = `${y}-${pad(month)}-${pad(day)}`;
          const u = Number(use.run(id, `${date}T${pad(h)}:00`, `${date}T${pad(h + len)}:00`, ext, ext ? 10_000 * len : 0,
            ext ? `企业${Math.floor(rnd() * 500)}` : '', rnd() < 0.5 ? 1 + Math.floor(rnd() * 5) : null, contractId, orderId).lastInsertRowid);
          if (ext === 1) charge.run(contractId, orderId, 'usage', 'usage', date, id, u, '机时', 12_000 * len, AT);
        }
      }
    }
  })();
}

export const consolidation: BenchOp = {
  id: 'consolidation',
  async run(env) {
    const labs = Number(process.env.BENCH_LABS ?? 50);
    const perYear = Number(process.env.BENCH_USAGE_PER_YEAR ?? 12);
    const lastYear = Number(env.today.slice(0, 4)) - 1;
    const now = new Date(`${env.today}T02:00:00.000Z`);
    const office = core(path.join(env.tmpDir, 'office'), now);
    setIdentity(office.ctx, { role: 'office', unitName: '某大学', unitCreditCode: CODE, labName: '' });
    const prepareOnly = process.env.BENCH_PREPARE_ONLY === '1';
    try {
      const { packages, source } = labPackages(env.tmpDir, labs, perYear, lastYear, now);
      if (prepareOnly) return [{ name: `${labs} lab packages`, skipped: `prepared only: ${source}` }];
      for (const p of packages) registerLab(office.ctx, { deskId: p.deskId, labName: p.labName, publicKey: p.publicKey, note: '' });
      return await measureOffice(env, office, packages.map((p) => p.bytes), labs, lastYear, source);
    } finally {
      office.close();
    }
  },
};

interface LabPackage { deskId: string; labName: string; publicKey: string; bytes: Uint8Array }

/**
 * What the package files depend on: the lab desks' rows (seedLab), the export and package code,
 * 额定机时, the sizes and the bench's date. A cache written under another key is not read (the key
 * names the folder), so a change to any of these builds the packages again. The import verifies
 * every package it reads (signature, schema, hashes) as it would any lab's.
 */
function cacheKey(perYear: number, lastYear: number, now: Date): string {
  const facility = path.join(__dirname, '..', '..', '..', 'electron', 'services', 'facility');
  const pkgDir = path.join(facility, 'package');
  const h = crypto.createHash('sha256');
  h.update(JSON.stringify({ INSTRUMENTS, YEARS, perYear, lastYear, now: now.toISOString(), CLEAR_LAB, seedLab: seedLab.toString() }));
  const files = [path.join(facility, 'rated-hours.ts'), ...fs.readdirSync(pkgDir).filter((f) => f.endsWith('.ts')).sort().map((f) => path.join(pkgDir, f))];
  for (const f of files) h.update(fs.readFileSync(f));
  return `${INSTRUMENTS}x${YEARS}y-${perYear}pi-${lastYear}-${h.digest('hex').slice(0, 12)}`;
}

/** The labs' packages: read from BENCH_PACKAGES_DIR where a run wrote them, the missing ones built (and written there). */
function labPackages(tmpDir: string, labs: number, perYear: number, lastYear: number, now: Date): { packages: LabPackage[]; source: string } {
  const cacheRoot = process.env.BENCH_PACKAGES_DIR;
  const dir = cacheRoot ? path.join(cacheRoot, cacheKey(perYear, lastYear, now)) : null;
  if (dir) fs.mkdirSync(dir, { recursive: true });
  const file = (l: number, ext: string) => path.join(dir!, `lab-${String(l).padStart(3, '0')}.${ext}`);
  const packages: LabPackage[] = [];
  let built = 0;
  let lab: Core | null = null;
  const labDir = path.join(tmpDir, 'lab');
  const t0 = performance.now();
  try {
    for (let l = 0; l < labs; l++) {
      if (dir && fs.existsSync(file(l, 'json')) && fs.existsSync(file(l, 'oidpkg'))) {
        const info = JSON.parse(fs.readFileSync(file(l, 'json'), 'utf8')) as Omit<LabPackage, 'bytes'>;
        packages.push({ ...info, bytes: new Uint8Array(fs.readFileSync(file(l, 'oidpkg'))) });
        continue;
      }
      if (!lab) {
        lab = core(labDir, now);
        setIdentity(lab.ctx, { role: 'lab', unitName: '某大学', unitCreditCode: CODE, labName: '实验室' });
      }
      // One lab database re-seeded per lab would take most of the bench; instead each package
      // comes from its own desk identity (new id and key pair) over a fresh lab's rows.
      lab.db.exec(CLEAR_LAB);
      lab.db.prepare("DELETE FROM settings WHERE key IN ('facility.identity', 'facility.keys')").run();
      setIdentity(lab.ctx, { role: 'lab', labName: `实验室${l}` });
      seedLab(lab, l, lastYear, perYear);
      // 额定机时 of each year from the unit default (national 1,600 h): years before the first
      // Beijing profile have no profile default, as on a real desk.
      for (let y = lastYear - YEARS + 1; y <= lastYear; y++) setUnitRated(lab.ctx, y, { presetId: 'national' });
      const pkg = exportLabPackage(lab.ctx, { fromYear: lastYear - YEARS + 1, toYear: lastYear, attachments: false });
      const p: LabPackage = { deskId: getIdentity(lab.ctx).deskId, labName: `实验室${l}`, publicKey: deskKeys(lab.ctx).signPublic, bytes: new Uint8Array(Buffer.from(pkg.dataBase64, 'base64')) };
      packages.push(p);
      built++;
      if (dir) {
        // The package first, its description last: a description names a whole package.
        fs.writeFileSync(file(l, 'oidpkg'), p.bytes);
        fs.writeFileSync(file(l, 'json'), JSON.stringify({ deskId: p.deskId, labName: p.labName, publicKey: p.publicKey }));
      }
      process.stdout.write(` ${l + 1}/${labs}`);
    }
  } finally {
    lab?.close();
    fs.rmSync(labDir, { recursive: true, force: true });
  }
  const took = `${((performance.now() - t0) / 1000).toFixed(0)} s`;
  const source = !dir ? `packages built in this run (${took}, not measured)`
    : built === 0 ? `packages read from ${dir}` : `${built} of ${labs} packages built (${took}, not measured) and kept in ${dir}`;
  return { packages, source };
}

async function measureOffice(env: BenchEnv, office: Core, packages: Uint8Array[], labs: number, lastYear: number, source: string): Promise<OpResult[]> {
  // Bare baseline of the import: unzip each package, parse its parts and insert every record as
  // it came (one row each, one transaction per package), into a scratch table of the same file;
  // no verification, no sums, no diff. Each package's import and its baseline run one after the
  // other, so both see the same load on a shared machine; CPU time is kept beside wall time.
  const odb = office.db;
  odb.exec('CREATE TEMP TABLE bench_records(desk INTEGER, part TEXT, data TEXT)');
  const put = odb.prepare('INSERT INTO bench_records(desk, part, data) VALUES (?, ?, ?)');
  const bareOne = (p: Uint8Array, k: number) => {
    const files = unzipSync(p);
    odb.transaction(() => {
      for (const [name, bytes] of Object.entries(files)) {
        if (!name.startsWith('parts/')) continue;
        const records = JSON.parse(strFromU8(bytes)) as unknown[];
        for (const r of records) put.run(k, name, JSON.stringify(r));
      }
    })();
  };
  const timed = (f: () => void) => { const w = performance.now(); const c = process.cpuUsage(); f(); const d = process.cpuUsage(c); return { wall: performance.now() - w, cpu: (d.user + d.system) / 1000 }; };
  const per = { importWall: [] as number[], importCpu: [] as number[], bareWall: [] as number[], bareCpu: [] as number[] };
  const load0 = os.loadavg()[0];
  packages.forEach((p, k) => {
    const a = timed(() => importLabPackage(office.ctx, p));
    const b = timed(() => bareOne(p, k));
    per.importWall.push(a.wall); per.importCpu.push(a.cpu); per.bareWall.push(b.wall); per.bareCpu.push(b.cpu);
  });
  const load1 = os.loadavg()[0];
  // The same packages again: each is the one the office holds, so nothing changes.
  const again = timed(() => { for (const p of packages) if (importLabPackage(office.ctx, p).status !== 'same') throw new Error('re-import changed the office'); });
  const sum = (xs: number[]) => xs.reduce((x, y) => x + y, 0);
  const importMs = sum(per.importWall);
  const bareImportMs = sum(per.bareWall);
  odb.exec('DROP TABLE bench_records');
  // Growth with the office's size: CPU ms per package of the first and the last fifth of the packages.
  const fifth = Math.max(1, Math.floor(labs / 5));
  const med = (xs: number[]) => { const s = [...xs].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
  const growth = (xs: number[]) => `${med(xs.slice(0, fifth)).toFixed(0)} → ${med(xs.slice(-fifth)).toFixed(0)}`;
  const usage = office.db.prepare('SELECT SUM(records) FROM office_instrument_years').pluck().get() as number;
  const held = office.db.prepare(`SELECT (SELECT COUNT(*) FROM office_contracts) AS contracts, (SELECT COUNT(*) FROM office_orders) AS orders,
      (SELECT TOTAL(json_extract(counts, '$.charges')) FROM office_imports) AS charges`).get() as { contracts: number; orders: number; charges: number };
  const scope = { fromYear: lastYear - 1, toYear: lastYear };
  // Bare SQL doing the same work: per year, the instruments in service on 1 January and their
  // 额定机时 and usage sums, for every instrument and for those of at least 50万元 side by side
  // (one pass), the period's distinct external users, the contracts signed and orders dated in it,
  // and the labs' charges tied to no usage record.
  const bare = office.db.prepare(`SELECT y.year,
      SUM(i.retired_at IS NULL OR i.retired_at >= CASE y.year WHEN @y0 THEN @ra0 ELSE @ra1 END) AS n, TOTAL(y.rated_hours) AS rated, TOTAL(y.sec) AS sec,
      TOTAL(y.ext_sec) AS ext, TOTAL(y.records), TOTAL(y.income_fen), TOTAL(y.sat_sum), TOTAL(y.sat_n), SUM(i.share_mode <> '不共享'),
      SUM(i.value_fen >= 50000000 AND (i.retired_at IS NULL OR i.retired_at >= CASE y.year WHEN @y0 THEN @ra0 ELSE @ra1 END)),
      TOTAL((i.value_fen >= 50000000) * y.rated_hours), TOTAL((i.value_fen >= 50000000) * y.sec), TOTAL((i.value_fen >= 50000000) * y.ext_sec),
      SUM(i.value_fen >= 50000000 AND i.share_mode <> '不共享'),
      TOTAL(y.contract_sec), TOTAL(y.order_sec), SUM(y.contract_sec IS NULL), SUM(y.order_sec IS NULL),
      TOTAL((i.value_fen >= 50000000) * y.contract_sec), TOTAL((i.value_fen >= 50000000) * y.order_sec)
    FROM office_instrument_years y JOIN office_instruments i ON i.desk_id = y.desk_id AND i.iid = y.iid
    WHERE y.year BETWEEN @y0 AND @y1 GROUP BY y.year`);
  const cut = (y: number) => new Date(Date.UTC(y, 0, 1) - 8 * 3_600_000).toISOString();
  const bareParams = { y0: scope.fromYear, y1: scope.toYear, ra0: cut(scope.fromYear), ra1: cut(scope.toYear) };
  const users = office.db.prepare('SELECT COUNT(DISTINCT user_unit) FROM office_external_users WHERE year BETWEEN ? AND ?');
  const contracts = office.db.prepare(`SELECT substr(signed_date, 1, 4), COUNT(*), SUM(amount_fen), SUM(voucher_fen), SUM(voucher_fen > 0) FROM office_contracts
    WHERE signed_date BETWEEN ? AND ? AND status NOT IN ('draft', 'void') GROUP BY 1`);
  const orders = office.db.prepare(`SELECT substr(order_date, 1, 4), COUNT(*), SUM(total_fen), SUM(voucher_fen), SUM(voucher_fen > 0) FROM office_orders
    WHERE order_date BETWEEN ? AND ? AND status NOT IN ('placed', 'cancelled', 'rejected') GROUP BY 1`);
  const otherIncome = office.db.prepare('SELECT year, TOTAL(other_income_fen) FROM office_lab_years WHERE year BETWEEN ? AND ? GROUP BY year');
  const bytes = packages.reduce((a, p) => a + p.length, 0);
  return [
    {
      name: `import ${labs} lab packages (${INSTRUMENTS} instruments, ${YEARS} years, ${usage.toLocaleString('en')} usage records, `
        + `${held.contracts.toLocaleString('en')} contracts, ${held.orders.toLocaleString('en')} orders, ${held.charges.toLocaleString('en')} charges in all)`,
      service: statsOf([importMs]),
      baseline: statsOf([bareImportMs]),
      target: { metric: 'median', maxMs: 60_000 },
      note: `one run; ${(bytes / 1e6).toFixed(1)} MB of packages, ${source}; CPU ${(sum(per.importCpu) / 1000).toFixed(1)} s vs bare ${(sum(per.bareCpu) / 1000).toFixed(1)} s`
        + ` (${(sum(per.importCpu) / sum(per.bareCpu)).toFixed(2)}×); CPU ms per package, first → last fifth: import ${growth(per.importCpu)}, bare ${growth(per.bareCpu)};`
        + ` load ${load0.toFixed(1)} → ${load1.toFixed(1)}`,
    },
    {
      name: `the same ${labs} packages imported again (each one the office holds: nothing changes)`,
      service: statsOf([again.wall]),
      note: `CPU ${(again.cpu / 1000).toFixed(1)} s`,
    },
    {
      name: `national self-assessment ${scope.fromYear}–${scope.toYear}, ${labs} labs`,
      service: await measure(env.runs, () => computeEvaluation(office.ctx, scope)),
      baseline: await measure(env.runs, () => { bare.all(bareParams); users.get(scope.fromYear, scope.toYear); contracts.all(`${scope.fromYear}-01-01`, `${scope.toYear}-12-31`); orders.all(`${scope.fromYear}-01-01`, `${scope.toYear}-12-31`); otherIncome.all(scope.fromYear, scope.toYear); }),
      target: { metric: 'median', maxMs: 1000, maxRatio: 2 },
    },
  ];
}
