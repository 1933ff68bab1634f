// Money: charges of one contract computed from 1,000 usage records (and the charges page read back),
// on a desk whose other usage records are charged too, and a year's statement batch of 5,000
// contracts and 1,000 Shanghai orders written as one workbook. Both work inside a savepoint rolled
// back at the end, so the seeded file is left as it was. Baselines: the same rows read and written in bare SQL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { contractCharges, refreshCharges } from '../../../electron/services/money/charges';
import { writeBatch } from '../../../electron/services/money/statements';
import { measure } from '../timing';
import type { BenchEnv, BenchOp, OpResult } from './types';

const USAGE = 1000;
/** Charge lines of other contracts' usage records: a desk that bills its instrument time has one per record. */
const OTHER_LINES = 100_000;
const BATCH = 5000;
/** Shanghai orders in the batch next to the contracts, three charge lines each. */
const BATCH_ORDERS = 1000;

function withRollback<T>(env: BenchEnv, fn: () => Promise<T>): Promise<T> {
  env.db.exec('SAVEPOINT bench_money');
  return fn().finally(() => { env.db.exec('ROLLBACK TO bench_money'); env.db.exec('RELEASE bench_money'); });
}

async function chargesOp(env: BenchEnv): Promise<OpResult[]> {
  const db = env.db;
  const c = db.prepare('SELECT id, applicant_id AS applicantId FROM contracts ORDER BY id LIMIT 1').get() as { id: number } | undefined;
  const instrumentId = db.prepare('SELECT id FROM instruments ORDER BY id LIMIT 1').pluck().get() as number | undefined;
  if (!c || instrumentId === undefined) return [{ name: `charges of a contract, ${USAGE} usage records`, skipped: 'no contract or instrument in the database' }];
  const now = new Date().toISOString();
  // The contract gets 1,000 records of its own (50 min each, 8 a day) and an hour rate.
  db.prepare('UPDATE usage_logs SET contract_id = NULL WHERE contract_id = ?').run(c.id);
  const add = db.prepare(`INSERT INTO usage_logs(instrument_id, contract_id, start_at, end_at, created_at) VALUES (?, ?, ?, ?, ?)`);
  for (let i = 0; i < USAGE; i++) {
    const d = new Date(Date.UTC(2024, 0, 1) + Math.floor(i / 8) * 86_400_000).toISOString().slice(0, 10);
    const h = String(8 + (i % 8)).padStart(2, '0');
    add.run(instrumentId, c.id, `${d}T${h}:00`, `${d}T${h}:50`, now);
  }
  db.prepare('DELETE FROM charges WHERE contract_id = ?').run(c.id);
  const item = Number(db.prepare("INSERT INTO rate_items(instrument_id, name, unit, bills_usage, created_at) VALUES (?, 'bench 上机', 'hour', 1, ?)").run(instrumentId, now).lastInsertRowid);
  const v1 = Number(db.prepare("INSERT INTO rate_versions(item_id, effective_from, increment_minutes, created_at) VALUES (?, '2000-01-01', 30, ?)").run(item, now).lastInsertRowid);
  const v2 = Number(db.prepare("INSERT INTO rate_versions(item_id, effective_from, increment_minutes, minimum_fen, created_at) VALUES (?, '2024-02-01', 15, 5000, ?)").run(item, now).lastInsertRowid);
  for (const v of [v1, v2]) for (const g of [1, 2, 3]) db.prepare('INSERT INTO rate_prices(version_id, price_group_id, unit_price_fen) VALUES (?, ?, ?)').run(v, g, 10_000 * g + v);
  // The other contracts' records are charged at the same rate (the versions are in use, as on a desk in use).
  db.prepare(`INSERT INTO charges(contract_id, kind, category, service_date, instrument_id, usage_id, rate_item_id, rate_version_id, description,
      unit, quantity_milli, unit_price_fen, amount_fen, created_at, created_by)
    SELECT u.contract_id, 'usage', 'usage', substr(u.start_at, 1, 10), u.instrument_id, u.id, ?, ?, 'bench', 'hour', 1000, 20000, 20000, ?, 'bench'
    FROM usage_logs u WHERE u.contract_id IS NOT NULL AND u.contract_id <> ? AND NOT EXISTS (SELECT 1 FROM charges ch WHERE ch.usage_id = u.id) LIMIT ?`)
    .run(item, v1, now, c.id, OTHER_LINES);
  const others = Number(db.prepare('SELECT count(*) FROM charges WHERE contract_id IS NOT ?').pluck().get(c.id));
  const clear = db.prepare("DELETE FROM charges WHERE contract_id = ? AND kind = 'usage'");
  const service = await measure(env.runs, () => { clear.run(c.id); refreshCharges(env.ctx, { contractId: c.id }); });
  const lines = Number(db.prepare('SELECT count(*) FROM charges WHERE contract_id = ?').pluck().get(c.id));
  // Bare SQL: read the records, price each at one fixed rate, insert the lines, in one transaction.
  const read = db.prepare('SELECT id, start_at, end_at FROM usage_logs WHERE contract_id = ?');
  const ins = db.prepare(`INSERT INTO charges(contract_id, kind, category, service_date, usage_id, description, amount_fen, created_at, created_by)
    VALUES (?, 'usage', 'usage', ?, ?, '', ?, ?, 'bench')`);
  const bare = db.transaction(() => {
    for (const u of read.all(c.id) as { id: number; start_at: string; end_at: string }[]) {
      const minutes = (Date.parse(`${u.end_at}:00Z`) - Date.parse(`${u.start_at}:00Z`)) / 60_000;
      ins.run(c.id, u.start_at.slice(0, 10), u.id, Math.ceil(minutes / 30) * 15_000, now);
    }
  });
  const baseline = await measure(env.runs, () => { clear.run(c.id); bare(); });
  const load = avgLoad();
  const refresh: OpResult = {
    name: `charges of a contract, ${USAGE} usage records`, service, baseline, target: { metric: 'median', maxMs: 50 },
    note: `${lines} lines, two rate versions, ${others.toLocaleString('en')} other lines on the desk; load ${load}`,
  };
  // The charges page of that contract (money:charges): its lines, the records, payments, statement.
  clear.run(c.id);
  refreshCharges(env.ctx, { contractId: c.id });
  const page = await measure(env.runs, () => JSON.stringify(contractCharges(env.ctx, { contractId: c.id })));
  const readLines = db.prepare(`SELECT c.*, i.name_cn FROM charges c LEFT JOIN instruments i ON i.id = c.instrument_id WHERE c.contract_id = ? ORDER BY c.service_date, c.id`);
  const pageBare = await measure(env.runs, () => { JSON.stringify(readLines.all(c.id)); read.all(c.id); });
  return [refresh, {
    name: `charges page of a contract, ${lines} lines`, service: page, baseline: pageBare, target: { metric: 'median', maxMs: 50 },
    note: `lines and usage records read, JSON as sent; baseline: the lines and records read bare; load ${load}`,
  }];
}

/** The 1-minute load average, as the figures are read against it. */
function avgLoad(): string {
  return os.loadavg()[0].toFixed(2);
}

async function batchOp(env: BenchEnv): Promise<OpResult> {
  const db = env.db;
  const ids = db.prepare('SELECT id FROM contracts ORDER BY number LIMIT ?').pluck().all(BATCH) as number[];
  if (ids.length === 0) return { name: `statement batch, ${BATCH} contracts`, skipped: 'no contracts in the database' };
  const now = new Date().toISOString();
  // One charge line per usage record of those contracts, as a refresh would leave them.
  db.exec(`CREATE TEMP TABLE bench_ids(id INTEGER PRIMARY KEY)`);
  const addId = db.prepare('INSERT INTO bench_ids(id) VALUES (?)');
  for (const id of ids) addId.run(id);
  db.prepare(`INSERT INTO charges(contract_id, kind, category, service_date, instrument_id, usage_id, description, quantity_milli, unit_price_fen, amount_fen, created_at, created_by)
    SELECT u.contract_id, 'usage', 'usage', substr(u.start_at, 1, 10), u.instrument_id, u.id, 'bench', 1000, 20000, 20000, ?, 'bench'
    FROM usage_logs u WHERE u.contract_id IN (SELECT id FROM bench_ids) AND NOT EXISTS (SELECT 1 FROM charges c WHERE c.usage_id = u.id)`).run(now);
  const lines = Number(db.prepare('SELECT count(*) FROM charges WHERE contract_id IN (SELECT id FROM bench_ids)').pluck().get());
  db.exec('DROP TABLE bench_ids');
  const orderIds = benchOrders(env, now);
  const orderLines = Number(db.prepare('SELECT count(*) FROM charges WHERE order_id IS NOT NULL').pluck().get());
  const file = path.join(env.tmpDir, 'statements.xlsx');
  const runs = Math.min(env.runs, 3);
  const service = await measure(runs, () => writeBatch({ db }, ids, fs.createWriteStream(file), () => true, orderIds), 0);
  const size = fs.statSync(file).size;
  const head = db.prepare(`SELECT c.number, a.name, c.actual_amount_fen, (SELECT coalesce(sum(amount_fen), 0) FROM contract_vouchers WHERE contract_id = c.id),
    (SELECT coalesce(sum(amount_fen), 0) FROM payments WHERE contract_id = c.id) FROM contracts c JOIN applicants a ON a.id = c.applicant_id WHERE c.id = ?`);
  const body = db.prepare('SELECT service_date, description, quantity_milli, unit_price_fen, amount_fen FROM charges WHERE contract_id = ? ORDER BY service_date, id');
  const orderHead = db.prepare(`SELECT o.number, a.name, o.total_fen, o.voucher_fen, (SELECT coalesce(sum(amount_fen), 0) FROM payments WHERE order_id = o.id)
    FROM orders o JOIN applicants a ON a.id = o.applicant_id WHERE o.id = ?`);
  const orderBody = db.prepare('SELECT service_date, description, quantity_milli, unit_price_fen, amount_fen FROM charges WHERE order_id = ? ORDER BY service_date, id');
  const baseline = await measure(runs, () => {
    for (const id of ids) { head.get(id); body.all(id); }
    for (const id of orderIds) { orderHead.get(id); orderBody.all(id); }
  }, 0);
  return {
    name: `statement batch, ${ids.length} contracts + ${orderIds.length} orders`, service, baseline, target: { metric: 'median', maxMs: 60_000 },
    note: `${(lines + orderLines).toLocaleString('en')} lines, ${(size / 1024 / 1024).toFixed(1)} MB xlsx (streamed); baseline = SQL reads only; ${runs} runs`,
  };
}

/** BATCH_ORDERS Shanghai orders of the bench year, three charge lines each (inside the rolled-back savepoint). */
function benchOrders(env: BenchEnv, now: string): number[] {
  const db = env.db;
  const applicants = db.prepare('SELECT id FROM applicants ORDER BY id LIMIT ?').pluck().all(BATCH_ORDERS) as number[];
  if (applicants.length === 0) return [];
  const product = Number(db.prepare(`INSERT INTO service_products(code, name, service_kind, created_at, updated_at) VALUES ('BENCH-P', 'bench 检验检测', 'inspection', ?, ?)`)
    .run(now, now).lastInsertRowid);
  const year = env.today.slice(0, 4);
  const addOrder = db.prepare(`INSERT INTO orders(number, applicant_id, product_id, order_date, total_fen, voucher_fen, payout_party, status, profile_id, created_at, updated_at)
    VALUES (?, ?, ?, ?, 90000, 45000, ?, 'accepted', 'shanghai-2025', ?, ?)`);
  const addLine = db.prepare(`INSERT INTO charges(order_id, kind, category, service_date, description, unit, quantity_milli, unit_price_fen, amount_fen, created_at, created_by)
    VALUES (?, 'manual', 'service', ?, 'bench 检测', 'item', 1000, 30000, 30000, ?, 'bench')`);
  const ids: number[] = [];
  for (let i = 0; i < BATCH_ORDERS; i++) {
    const day = `${year}-${String(1 + (i % 5)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const id = Number(addOrder.run(`BENCH-SH-${String(i).padStart(5, '0')}`, applicants[i % applicants.length], product, day,
      i % 2 ? 'enterprise' : 'institution', now, now).lastInsertRowid);
    for (let k = 0; k < 3; k++) addLine.run(id, day, now);
    ids.push(id);
  }
  return ids;
}

export const moneyOps: BenchOp = {
  id: 'money',
  async run(env) {
    const charges = await withRollback(env, () => chargesOp(env));
    const batch = await withRollback(env, () => batchOp(env));
    return [...charges, batch];
  },
};
