// Usage records carry their Shanghai order in the lab package (usage part schema 2, manifest 2),
// so the office attributes usage to orders as to contracts; packages written before (schema 1)
// still import, with the order link shown as unknown; part schemas this desk does not read are
// refused by name and change nothing. Charges of orders count at the office as at the lab.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeEvaluation } from '../../electron/services/facility/evaluation';
import { officeYearFigures } from '../../electron/services/facility/office-figures';
import { exportLabPackage } from '../../electron/services/facility/package/export-lab';
import { importLabPackage, inspectLabPackage } from '../../electron/services/facility/package/import-lab';
import { deskKeys, signBytes } from '../../electron/services/facility/package/keys';
import { contentHash, type TempCore } from '../helpers/db';
import { labDesk, labFigures, officeDesk, register } from './lab-fixture';

let lab: TempCore;
let office: TempCore;
const cores: TempCore[] = [];
const track = (c: TempCore) => { cores.push(c); return c; };
afterEach(() => { while (cores.length) cores.pop()!.cleanup(); });

const exportBytes = (desk: TempCore, fromYear = 2025, toYear = 2026) =>
  new Uint8Array(Buffer.from(exportLabPackage(desk.ctx, { fromYear, toYear, attachments: false }).dataBase64, 'base64'));

type Manifest = { schemaVersion: number; parts: { name: string; path: string; schema: number; bytes: number; sha256: string; records: number }[] };

/** Edits parts and manifest of a package and signs it again as the lab would. */
function resigned(bytes: Uint8Array, edit: (parts: Record<string, unknown[]>, m: Manifest) => void): Uint8Array {
  const files = unzipSync(bytes);
  const m = JSON.parse(strFromU8(files['manifest.json'])) as Manifest;
  const parts: Record<string, unknown[]> = {};
  for (const p of m.parts) parts[p.name] = JSON.parse(strFromU8(files[p.path])) as unknown[];
  edit(parts, m);
  for (const p of m.parts) {
    files[p.path] = strToU8(JSON.stringify(parts[p.name]));
    p.bytes = files[p.path].length;
    p.records = parts[p.name].length;
    p.sha256 = createHash('sha256').update(files[p.path]).digest('hex');
  }
  files['manifest.json'] = strToU8(JSON.stringify(m));
  files['manifest.sig'] = strToU8(signBytes(deskKeys(lab.ctx), Buffer.from(files['manifest.json'])));
  return zipSync(files);
}

/** The package as a desk wrote it before usage records carried their order. */
const asSchema1 = (bytes: Uint8Array) => resigned(bytes, (parts, m) => {
  m.schemaVersion = 1;
  m.parts.find((p) => p.name === 'usage')!.schema = 1;
  for (const u of parts.usage as Record<string, unknown>[]) delete u.orderId;
});

function refusal(bytes: Uint8Array): { reason: string; params: Record<string, unknown> } | null {
  try { importLabPackage(office.ctx, bytes); } catch (e) { return (e as { error: { reason: string; params: Record<string, unknown> } }).error; }
  return null;
}

let orders: { sh1: number; sh2: number };

beforeEach(() => {
  lab = track(labDesk('分析测试中心', 'AT'));
  office = track(officeDesk());
  const db = lab.db;
  const applicant = db.prepare('SELECT id FROM applicants LIMIT 1').pluck().get() as number;
  const product = Number(db.prepare(`INSERT INTO service_products(code, name, service_kind, created_at, updated_at) VALUES ('P1', '扫描电镜测试', 'testing', 'x', 'x')`).run().lastInsertRowid);
  const order = (number: string, date: string, total: number, status: string) => Number(db.prepare(`INSERT INTO orders(number, applicant_id, product_id,
      order_date, total_fen, voucher_fen, payout_party, status, profile_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 0, 'institution', ?, 'shanghai-2025', 'x', 'x')`)
    .run(number, applicant, product, date, total, status).lastInsertRowid);
  orders = { sh1: order('SH-1', '2025-03-01', 300_000, 'completed'), sh2: order('SH-2', '2026-01-20', 120_000, 'accepted') };
  // 2025-03-11 09:00–12:30 (3.5 h, Y公司) under SH-1; 2026-02-01 09:00–19:00 (10 h, Z公司) under SH-2.
  db.prepare("UPDATE usage_logs SET order_id = ? WHERE start_at = '2025-03-11T09:00'").run(orders.sh1);
  db.prepare("UPDATE usage_logs SET order_id = ? WHERE start_at = '2026-02-01T09:00'").run(orders.sh2);
  register(office, lab);
});

describe('usage records carry their order', () => {
  it('round trip: each usage record keeps its order link, and the office attributes hours to contracts and orders by hand', () => {
    const bytes = exportBytes(lab);
    const m = JSON.parse(strFromU8(unzipSync(bytes)['manifest.json'])) as Manifest;
    expect(m.schemaVersion).toBe(2);
    expect(m.parts.find((p) => p.name === 'usage')!.schema).toBe(2);
    const usage = JSON.parse(strFromU8(unzipSync(bytes)['parts/usage.json'])) as { startAt: string; orderId: number | null; contractId: number | null }[];
    expect(usage.map((u) => [u.startAt, u.orderId])).toEqual(lab.db.prepare(`SELECT start_at, order_id FROM usage_logs
      WHERE start_at >= '2024-12-25' ORDER BY id`).raw().all());
    expect(importLabPackage(office.ctx, bytes).status).toBe('new');
    // 2025: 8 h under contract K1 (03-10), 3.5 h under SH-1; 2026: 10 h under SH-2, none under a contract.
    expect(officeYearFigures(office.ctx, 2025, { deskIds: null })).toMatchObject({ contractHours: 8, orderHours: 3.5 });
    expect(officeYearFigures(office.ctx, 2026, { deskIds: null })).toMatchObject({ contractHours: 0, orderHours: 10 });
    // The other figures stay the lab's own.
    for (const year of [2025, 2026]) {
      const own = labFigures(lab, year);
      expect(officeYearFigures(office.ctx, year, { deskIds: null })).toMatchObject({ effectiveHours: own.effectiveHours, contracts: own.contracts, serviceIncomeFen: own.serviceIncomeFen });
    }
    // The national self-assessment lists them under 对外服务成效 (all on instrument A, 80万元).
    const ext = computeEvaluation(office.ctx, { fromYear: 2025, toYear: 2026 }).indicators.find((i) => i.id === 'externalService')!;
    expect(ext.figures.filter((f) => f.key === 'contractHours' || f.key === 'orderHours').map((f) => [f.key, f.value])).toEqual([['contractHours', 8], ['orderHours', 13.5]]);
  });

  it('a record whose order link changed at the lab shows as changed in the next package; records without an order hash as before', () => {
    importLabPackage(office.ctx, exportBytes(lab));
    lab.setNow('2027-01-11T02:00:00.000Z');
    lab.db.prepare("UPDATE usage_logs SET order_id = NULL WHERE start_at = '2025-03-11T09:00'").run();
    const preview = inspectLabPackage(office.ctx, exportBytes(lab));
    expect(preview.diff.find((d) => d.part === 'usage')).toMatchObject({ changed: 1, added: 0, removed: 0 });
  });

  it('a package written before (schema 1, usage without orders) still imports: the same figures, hours under orders unknown', () => {
    const old = asSchema1(exportBytes(lab));
    expect(importLabPackage(office.ctx, old).status).toBe('new');
    expect(officeYearFigures(office.ctx, 2025, { deskIds: null })).toMatchObject({ contractHours: 8, orderHours: null, effectiveHours: 29.5 });
    const ext = computeEvaluation(office.ctx, { fromYear: 2025, toYear: 2026 }).indicators.find((i) => i.id === 'externalService')!;
    expect(ext.figures.find((f) => f.key === 'orderHours')!.value).toBeNull();
    // The lab's next package (schema 2) then supplies the links; its usage records without an order are unchanged.
    lab.setNow('2027-01-11T02:00:00.000Z');
    const next = importLabPackage(office.ctx, exportBytes(lab));
    expect(next.diff.find((d) => d.part === 'usage')).toMatchObject({ changed: 2, added: 0, removed: 0 });
    expect(officeYearFigures(office.ctx, 2025, { deskIds: null })).toMatchObject({ contractHours: 8, orderHours: 3.5 });
  });

  it('refuses a usage part of a schema this desk does not read, a schema 2 record without its order field, and a newer manifest, changing nothing', () => {
    const bytes = exportBytes(lab);
    const before = contentHash(office);
    expect(refusal(resigned(bytes, (_p, m) => { m.parts.find((p) => p.name === 'usage')!.schema = 3; })))
      .toMatchObject({ reason: 'package.partSchemaUnsupported', params: { part: 'usage', version: '3', supported: '1, 2' } });
    expect(refusal(resigned(bytes, (p) => { delete (p.usage[1] as Record<string, unknown>).orderId; })))
      .toMatchObject({ reason: 'package.recordInvalid', params: { part: 'usage', row: 2, issue: 'orderId' } });
    expect(refusal(resigned(bytes, (_p, m) => { m.schemaVersion = 3; }))).toMatchObject({ reason: 'package.schemaUnsupported', params: { version: '3', supported: '1, 2' } });
    expect(contentHash(office)).toBe(before);
  });
});

describe('charges of Shanghai orders at the office', () => {
  it('a charge of an order tied to no usage record counts as the year\'s service income, as at the lab', () => {
    const charge = lab.db.prepare(`INSERT INTO charges(order_id, kind, category, service_date, description, amount_fen, created_at, created_by)
      VALUES (?, 'manual', ?, ?, ?, ?, 'x', 'x')`);
    charge.run(orders.sh1, 'consumable', '2025-03-12', '耗材', 12_000);
    charge.run(orders.sh2, 'service', '2026-02-02', '制样', 7_000);
    importLabPackage(office.ctx, exportBytes(lab));
    for (const year of [2025, 2026]) {
      expect(officeYearFigures(office.ctx, year, { deskIds: null }).serviceIncomeFen).toBe(labFigures(lab, year).serviceIncomeFen);
    }
    // 2025: 200,000 + 50,000 typed on the records + 12,000; 2026: 99,000 + 7,000.
    expect(officeYearFigures(office.ctx, 2025, { deskIds: null }).serviceIncomeFen).toBe(262_000);
    expect(officeYearFigures(office.ctx, 2026, { deskIds: null }).serviceIncomeFen).toBe(106_000);
  });

  it('charges travel as records of their own (part schema 2); a package of the charges table as it was (schema 1) gives the same income and no change after', () => {
    const k1 = lab.db.prepare("SELECT id FROM contracts WHERE number = 'AT-K1'").pluck().get() as number;
    const u = lab.db.prepare("SELECT id, instrument_id AS instrumentId FROM usage_logs WHERE start_at = '2025-03-10T09:00'").get() as { id: number; instrumentId: number };
    const charge = lab.db.prepare(`INSERT INTO charges(contract_id, order_id, kind, category, service_date, instrument_id, usage_id, description, amount_fen, created_at, created_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'x', 'x')`);
    charge.run(k1, null, 'usage', 'usage', '2025-03-10', u.instrumentId, u.id, '机时', 260_000);
    charge.run(null, orders.sh1, 'manual', 'consumable', '2025-03-12', null, null, '耗材', 12_000);
    const bytes = exportBytes(lab);
    const m = JSON.parse(strFromU8(unzipSync(bytes)['manifest.json'])) as Manifest;
    expect(m.parts.find((p) => p.name === 'charges')!.schema).toBe(2);
    expect(JSON.parse(strFromU8(unzipSync(bytes)['parts/charges.json']))).toEqual([
      { id: 1, contractId: k1, orderId: null, usageId: u.id, kind: 'usage', category: 'usage', serviceDate: '2025-03-10', instrumentId: u.instrumentId, amountFen: 260_000, statementId: null },
      { id: 2, contractId: null, orderId: orders.sh1, usageId: null, kind: 'manual', category: 'consumable', serviceDate: '2025-03-12', instrumentId: null, amountFen: 12_000, statementId: null },
    ]);
    const asTable = resigned(bytes, (parts, mm) => {
      mm.parts.find((p) => p.name === 'charges')!.schema = 1;
      parts.charges = lab.db.prepare('SELECT * FROM charges ORDER BY rowid').all();
    });
    expect(importLabPackage(office.ctx, asTable).status).toBe('new');
    // 2025: 260,000 charged instead of 200,000 typed, 50,000 typed, 12,000 of the order's consumables.
    expect(officeYearFigures(office.ctx, 2025, { deskIds: null }).serviceIncomeFen).toBe(322_000);
    expect(labFigures(lab, 2025).serviceIncomeFen).toBe(322_000);
    lab.setNow('2027-01-11T02:00:00.000Z');
    expect(inspectLabPackage(office.ctx, exportBytes(lab)).diff.find((d) => d.part === 'charges')).toMatchObject({ records: 2, changed: 0, added: 0, removed: 0 });
  });

  it('a charge or 额定机时 record not as its schema has it is refused by row and field, nothing written; fields in another order read the same', () => {
    const k1 = lab.db.prepare("SELECT id FROM contracts WHERE number = 'AT-K1'").pluck().get() as number;
    lab.db.prepare(`INSERT INTO charges(contract_id, kind, category, service_date, description, amount_fen, created_at, created_by)
      VALUES (?, 'manual', 'service', '2025-06-01', '制样', 6000, 'x', 'x')`).run(k1);
    const bytes = exportBytes(lab);
    const before = contentHash(office);
    const cases: [string, (parts: Record<string, unknown[]>) => void, string, string][] = [
      ['charges', (p) => { (p.charges[0] as Record<string, unknown>).amountFen = '6000'; }, 'charges', 'amountFen'],
      ['charges', (p) => { (p.charges[0] as Record<string, unknown>).serviceDate = '2025-6-1'; }, 'charges', 'serviceDate'],
      ['ratedHours', (p) => { (p.ratedHours[1] as Record<string, unknown>).hours = 0; }, 'ratedHours', 'hours'],
    ];
    for (const [, edit, part, issue] of cases) {
      expect(refusal(resigned(bytes, edit))).toMatchObject({ reason: 'package.recordInvalid', params: { part, issue } });
      expect(contentHash(office)).toBe(before);
    }
    // The same records with their fields in reverse order: imported, and the lab's own package after it shows no change.
    const reversed = resigned(bytes, (p) => {
      p.charges = p.charges.map((c) => Object.fromEntries(Object.entries(c as Record<string, unknown>).reverse()));
      p.ratedHours = p.ratedHours.map((c) => Object.fromEntries(Object.entries(c as Record<string, unknown>).reverse()));
    });
    expect(importLabPackage(office.ctx, reversed).status).toBe('new');
    lab.setNow('2027-01-11T02:00:00.000Z');
    const diff = inspectLabPackage(office.ctx, exportBytes(lab)).diff;
    expect(diff.find((d) => d.part === 'charges')).toMatchObject({ records: 1, changed: 0, added: 0, removed: 0 });
    expect(diff.find((d) => d.part === 'ratedHours')).toMatchObject({ changed: 0, added: 0, removed: 0 });
  });

  it('a package carries the charges of its period and of its usage records only', () => {
    const k1 = lab.db.prepare("SELECT id FROM contracts WHERE number = 'AT-K1'").pluck().get() as number;
    const charge = lab.db.prepare(`INSERT INTO charges(contract_id, kind, category, service_date, description, amount_fen, created_at, created_by)
      VALUES (?, 'manual', 'service', ?, ?, ?, 'x', 'x')`);
    charge.run(k1, '2023-05-01', '早年制样', 5_000);
    charge.run(k1, '2025-06-01', '制样', 6_000);
    const files = unzipSync(exportBytes(lab));
    const charges = JSON.parse(strFromU8(files['parts/charges.json'])) as { serviceDate: string }[];
    expect(charges.map((c) => c.serviceDate)).toEqual(['2025-06-01']);
  });
});
