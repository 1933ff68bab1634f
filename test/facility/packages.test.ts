// Lab data packages: export at a lab desk, import at the office; refusals leave the office unchanged.
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listConflicts, listOfficeLabs, resolveConflict } from '../../electron/services/facility/office';
import { officeYearFigures } from '../../electron/services/facility/office-figures';
import { exportLabPackage } from '../../electron/services/facility/package/export-lab';
import { civilTimeMs, importLabPackage, inspectLabPackage } from '../../electron/services/facility/package/import-lab';
import { deskKeys, fingerprint, getIdentity, setIdentity, signBytes } from '../../electron/services/facility/package/keys';
import { exportReferencePackage, importReference } from '../../electron/services/facility/package/reference';
import { usageRecordV1 } from '../../electron/services/facility/package/parts';
import { setUnitRated } from '../../electron/services/facility/rated-hours';
import { contentHash, type TempCore } from '../helpers/db';
import { insertUsage } from '../assessment/fixtures';
import { labDesk, labFigures, officeDesk, register } from './lab-fixture';

let lab: TempCore;
let office: TempCore;
const cores: TempCore[] = [];
const track = (c: TempCore) => { cores.push(c); return c; };

beforeEach(() => {
  lab = track(labDesk('分析测试中心', 'AT'));
  office = track(officeDesk());
});
afterEach(() => { while (cores.length) cores.pop()!.cleanup(); });

const exportBytes = (desk: TempCore, fromYear = 2025, toYear = 2026) =>
  new Uint8Array(Buffer.from(exportLabPackage(desk.ctx, { fromYear, toYear, attachments: false }).dataBase64, 'base64'));

function expectRefused(bytes: Uint8Array, reason: string) {
  const before = contentHash(office);
  let error: { error?: { reason?: string } } | undefined;
  try { importLabPackage(office.ctx, bytes); } catch (e) { error = e as typeof error; }
  expect(error?.error?.reason).toBe(reason);
  expect(contentHash(office)).toBe(before);
}

/** Rewrites one file of a signed package, keeping everything else. */
function rewrite(bytes: Uint8Array, edit: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(bytes);
  edit(files);
  return zipSync(files);
}

describe('lab data packages', () => {
  it('round trip: the office has the figures the lab has of its own data, for each year', () => {
    setUnitRated(lab.ctx, 2026, { presetId: 'moe-by-kind' });
    register(office, lab);
    const preview = importLabPackage(office.ctx, exportBytes(lab));
    expect(preview.status).toBe('new');
    expect(preview.counts).toMatchObject({ instruments: 3, usage: 6, contracts: 3, vouchers: 1, applicants: 1 });
    for (const year of [2025, 2026]) {
      const own = labFigures(lab, year);
      const at = officeYearFigures(office.ctx, year, { deskIds: null });
      expect(at).toMatchObject({
        instrumentCount: own.instrumentCount, ratedHoursTotal: own.ratedHoursTotal, usageRecords: own.usageRecords,
        effectiveHours: own.effectiveHours, externalHours: own.externalHours, externalUsers: own.externalUsers, contracts: own.contracts,
        contractAmountFen: own.contractAmountFen, voucherAmountFen: own.voucherAmountFen, serviceIncomeFen: own.serviceIncomeFen,
        avgSatisfaction: own.avgSatisfaction, voucherContracts: own.voucherContracts,
      });
      expect(at.utilisation).toBeCloseTo(own.utilisation!, 12);
      expect(at.shareRate).toBeCloseTo(own.shareRate!, 12);
      expect(at.openRate).toBeCloseTo(own.openRate!, 12);
    }
    // 2025: 4 + 8 + 3.5 + 10 + 4 = 29.5 h; C retires in March 2026, so 2026 still counts it: 3 × 1,400 h (通用, MoE by kind).
    expect(officeYearFigures(office.ctx, 2025, { deskIds: null }).effectiveHours).toBe(29.5);
    expect(officeYearFigures(office.ctx, 2026, { deskIds: null })).toMatchObject({ instrumentCount: 3, ratedHoursTotal: 4200, effectiveHours: 12 });
  });

  it('importing the same package twice changes nothing', () => {
    register(office, lab);
    const bytes = exportBytes(lab);
    importLabPackage(office.ctx, bytes);
    const after = contentHash(office);
    expect(importLabPackage(office.ctx, bytes).status).toBe('same');
    expect(contentHash(office)).toBe(after);
  });

  it('a newer package shows what changed and replaces the lab data; an older one is refused', () => {
    register(office, lab);
    const first = exportBytes(lab);
    importLabPackage(office.ctx, first);
    const instrumentId = lab.db.prepare("SELECT id FROM instruments WHERE inner_id = 'AT-B'").pluck().get() as number;
    insertUsage(lab.db, { instrumentId, start: '2026-04-01T08:00', end: '2026-04-01T12:00' });
    lab.db.prepare("UPDATE instruments SET name_cn = '三坐标测量机（新）' WHERE inner_id = 'AT-A'").run();
    lab.db.prepare("DELETE FROM contracts WHERE number = 'AT-K3'").run();
    lab.setNow('2027-01-11T02:00:00.000Z');
    const second = exportBytes(lab);
    const preview = inspectLabPackage(office.ctx, second);
    expect(preview.status).toBe('newer');
    const part = (name: string) => preview.diff.find((d) => d.part === name)!;
    expect(part('usage')).toMatchObject({ added: 1, changed: 0, removed: 0 });
    expect(part('instruments')).toMatchObject({ added: 0, changed: 1, removed: 0 });
    expect(part('contracts')).toMatchObject({ removed: 1 });
    expect(part('contracts').examples).toContainEqual({ change: 'removed', key: expect.any(String), label: 'AT-K3' });
    importLabPackage(office.ctx, second);
    expect(officeYearFigures(office.ctx, 2026, { deskIds: null }).effectiveHours).toBe(16);
    expectRefused(first, 'package.older');
  });

  it('usage records edited or deleted at the lab show as changed and removed, also against hashes stored in the earlier form', () => {
    register(office, lab);
    const first = exportBytes(lab);
    importLabPackage(office.ctx, first);
    const edited = lab.db.prepare("SELECT id FROM usage_logs WHERE start_at = '2025-03-11T09:00'").pluck().get() as number;
    const dropped = lab.db.prepare("SELECT id FROM usage_logs WHERE start_at = '2025-05-20T08:00'").pluck().get() as number;
    lab.db.prepare("UPDATE usage_logs SET end_at = '2025-03-11T13:00' WHERE id = ?").run(edited);
    lab.db.prepare('DELETE FROM usage_logs WHERE id = ?').run(dropped);
    lab.setNow('2027-01-11T02:00:00.000Z');
    const second = exportBytes(lab);
    const usageDiff = () => inspectLabPackage(office.ctx, second).diff.find((d) => d.part === 'usage')!;
    expect(usageDiff()).toMatchObject({ records: 5, added: 0, changed: 1, removed: 1, unchanged: 4 });
    expect(usageDiff().examples).toEqual(expect.arrayContaining([
      { change: 'changed', key: String(edited), label: String(edited) }, { change: 'removed', key: String(dropped), label: String(dropped) },
    ]));
    // Record 1 (2024, before the period) is carried but not compared. Hashes kept as SHA-1 of each
    // record's JSON (the form before): the same comparison.
    const rows = office.db.prepare('SELECT desk_id AS deskId, year, hashes FROM office_usage_hashes').all() as { deskId: string; year: number; hashes: string }[];
    const firstUsage = JSON.parse(strFromU8(unzipSync(first)['parts/usage.json'])) as unknown[];
    const legacy = new Map(firstUsage.map((u) => usageRecordV1.parse(u)).map((u) => [String(u.id), createHash('sha1').update(JSON.stringify(u)).digest('base64').slice(0, 20)]));
    for (const r of rows) {
      const old = JSON.parse(r.hashes) as Record<string, string>;
      for (const key of Object.keys(old)) old[key] = legacy.get(key) ?? old[key];
      office.db.prepare('UPDATE office_usage_hashes SET hashes = ? WHERE desk_id = ? AND year = ?').run(JSON.stringify(old), r.deskId, r.year);
    }
    expect(Object.values(JSON.parse(rows[0].hashes) as Record<string, unknown>).every((h) => Number.isSafeInteger(h))).toBe(true);
    expect(usageDiff()).toMatchObject({ records: 5, added: 0, changed: 1, removed: 1, unchanged: 4 });
    importLabPackage(office.ctx, second);
    expect(officeYearFigures(office.ctx, 2025, { deskIds: null }).effectiveHours).toBe(29.5 - 10 + 0.5);
  });

  it('reads stored and deflated zips alike, refuses a cut-off one, and answers the same package again without re-reading it', () => {
    register(office, lab);
    const bytes = exportBytes(lab);
    const stored = zipSync(unzipSync(bytes), { level: 0 });
    const before = contentHash(office);
    expectRefused(stored.subarray(0, stored.length - 200), 'package.malformed');
    expect(contentHash(office)).toBe(before);
    expect(importLabPackage(office.ctx, stored).status).toBe('new');
    const after = contentHash(office);
    expect(importLabPackage(office.ctx, stored).status).toBe('same');
    // Another file of the same content (deflated) is a package the office holds: the same, nothing changes.
    expect(importLabPackage(office.ctx, bytes).status).toBe('same');
    expect(contentHash(office)).toBe(after);
    // The office's unit is checked again on the same file.
    setIdentity(office.ctx, { unitCreditCode: '12100000400000624D' });
    expectRefused(stored, 'package.otherUnit');
  });

  it('refuses a signed package whose usage record breaks the schema, naming the row and field; unknown fields are dropped', () => {
    register(office, lab);
    const bytes = exportBytes(lab);
    /** Edits the usage part and signs the package again as the lab would. */
    const resigned = (edit: (records: Record<string, unknown>[]) => void) => rewrite(bytes, (f) => {
      const records = JSON.parse(strFromU8(f['parts/usage.json'])) as Record<string, unknown>[];
      edit(records);
      f['parts/usage.json'] = strToU8(JSON.stringify(records));
      const m = JSON.parse(strFromU8(f['manifest.json']));
      const part = m.parts.find((x: { name: string }) => x.name === 'usage');
      part.bytes = f['parts/usage.json'].length;
      part.sha256 = createHash('sha256').update(f['parts/usage.json']).digest('hex');
      f['manifest.json'] = strToU8(JSON.stringify(m));
      f['manifest.sig'] = strToU8(signBytes(deskKeys(lab.ctx), Buffer.from(f['manifest.json'])));
    });
    const refusal = (b: Uint8Array) => { try { importLabPackage(office.ctx, b); } catch (e) { return (e as { error: { reason: string; params: unknown } }).error; } return null; };
    const before = contentHash(office);
    expect(refusal(resigned((r) => { r[2].satisfaction = 7; }))).toMatchObject({ reason: 'package.recordInvalid', params: { part: 'usage', row: 3, issue: 'satisfaction' } });
    expect(refusal(resigned((r) => { r[0].startAt = '2025-01-01 08:00'; }))).toMatchObject({ params: { row: 1, issue: 'startAt' } });
    expect(refusal(resigned((r) => { delete r[1].userUnit; }))).toMatchObject({ params: { row: 2, issue: 'userUnit' } });
    expect(refusal(resigned((r) => { r[1].amountFen = -1; }))).toMatchObject({ params: { row: 2, issue: 'amountFen' } });
    expect(contentHash(office)).toBe(before);
    expect(importLabPackage(office.ctx, resigned((r) => { r[1].note = 'x'; })).status).toBe('new');
    expect(officeYearFigures(office.ctx, 2025, { deskIds: null }).effectiveHours).toBe(29.5);
  });

  it('Shanghai orders travel in the package and count as contracts at the office as at the lab, also from a package of the orders table as it was', () => {
    const db = lab.db;
    const applicant = db.prepare('SELECT id FROM applicants LIMIT 1').pluck().get() as number;
    const product = Number(db.prepare(`INSERT INTO service_products(code, name, service_kind, created_at, updated_at) VALUES ('P1', '扫描电镜测试', 'testing', 'x', 'x')`).run().lastInsertRowid);
    const order = (number: string, date: string, total: number, voucher: number, status: string) => db.prepare(`INSERT INTO orders(number, applicant_id, product_id,
        order_date, total_fen, voucher_fen, payout_party, status, profile_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'institution', ?, 'shanghai-2025', 'x', 'x')`)
      .run(number, applicant, product, date, total, voucher, status);
    order('SH-1', '2025-04-02', 300_000, 150_000, 'completed');
    order('SH-2', '2026-05-06', 120_000, 0, 'accepted');
    order('SH-3', '2026-06-01', 90_000, 45_000, 'cancelled');
    order('SH-4', '2023-06-01', 70_000, 0, 'paid');
    register(office, lab);
    const bytes = exportBytes(lab);
    const preview = importLabPackage(office.ctx, bytes);
    expect(preview.counts.orders).toBe(3); // SH-4 (2023) is outside the period
    for (const year of [2025, 2026]) {
      const own = labFigures(lab, year);
      expect(officeYearFigures(office.ctx, year, { deskIds: null })).toMatchObject({
        contracts: own.contracts, contractAmountFen: own.contractAmountFen, voucherAmountFen: own.voucherAmountFen, voucherContracts: own.voucherContracts,
      });
    }
    // 2025: K1 (800,000 actual) and SH-1; 2026: K2 and SH-2 (K3 void, SH-3 cancelled).
    expect(officeYearFigures(office.ctx, 2025, { deskIds: null })).toMatchObject({ contracts: 2, contractAmountFen: 1_100_000, voucherAmountFen: 550_000 });
    expect(officeYearFigures(office.ctx, 2026, { deskIds: null })).toMatchObject({ contracts: 2, contractAmountFen: 620_000 });
    // A package written before orders had a part of their own carried the table's rows as they were.
    const other = track(officeDesk());
    register(other, lab);
    const asTable = rewrite(bytes, (f) => {
      const rows = db.prepare('SELECT * FROM orders WHERE order_date >= ? ORDER BY rowid').all('2025-01-01');
      f['parts/orders.json'] = strToU8(JSON.stringify(rows));
      const m = JSON.parse(strFromU8(f['manifest.json']));
      const part = m.parts.find((x: { name: string }) => x.name === 'orders');
      part.bytes = f['parts/orders.json'].length;
      part.sha256 = createHash('sha256').update(f['parts/orders.json']).digest('hex');
      f['manifest.json'] = strToU8(JSON.stringify(m));
      f['manifest.sig'] = strToU8(signBytes(deskKeys(lab.ctx), Buffer.from(f['manifest.json'])));
    });
    importLabPackage(other.ctx, asTable);
    for (const year of [2025, 2026]) {
      expect(officeYearFigures(other.ctx, year, { deskIds: null })).toEqual(officeYearFigures(office.ctx, year, { deskIds: null }));
    }
  });

  it('service income at the office follows the lab\'s charges: charged usage at its line, other charges in their year', () => {
    const db = lab.db;
    const k1 = db.prepare("SELECT id FROM contracts WHERE number = 'AT-K1'").pluck().get() as number;
    const u = db.prepare("SELECT id, instrument_id AS instrumentId FROM usage_logs WHERE start_at = '2025-03-10T09:00'").get() as { id: number; instrumentId: number };
    const charge = db.prepare(`INSERT INTO charges(contract_id, kind, category, service_date, instrument_id, usage_id, description, amount_fen, created_at, created_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'x', 'x')`);
    charge.run(k1, 'usage', 'usage', '2025-03-10', u.instrumentId, u.id, '机时', 260_000); // typed 200,000
    charge.run(k1, 'manual', 'consumable', '2025-03-12', null, null, '耗材', 35_000);
    charge.run(k1, 'manual', 'service', '2024-12-30', null, null, '制样', 9_000); // before the period
    register(office, lab);
    importLabPackage(office.ctx, exportBytes(lab));
    for (const year of [2025, 2026]) {
      expect(officeYearFigures(office.ctx, year, { deskIds: null }).serviceIncomeFen).toBe(labFigures(lab, year).serviceIncomeFen);
    }
    // 2025: 200,000 → 260,000 charged, 50,000 typed, plus 35,000 of consumables (100,000 of the 2024 record counts in 2024).
    expect(officeYearFigures(office.ctx, 2025, { deskIds: null }).serviceIncomeFen).toBe(345_000);
    // The national evaluation's instruments carry their records' income only.
    expect(officeYearFigures(office.ctx, 2025, { deskIds: null, minValueFen: 50_000_000 }).serviceIncomeFen).toBe(310_000);
  });

  it('reads a civil time as Date.parse does', () => {
    for (const t of ['2025-01-01T00:00', '2024-02-29T23:59', '2025-02-30T08:00', '2025-04-31T10:30', '2025-12-31T24:00', '2025-12-31T24:01',
      '2025-13-01T08:00', '2025-00-10T08:00', '2025-01-00T08:00', '2025-01-32T08:00', '2025-01-01T25:00', '2025-01-01T23:60', '0099-06-01T08:00', '1969-12-31T23:00']) {
      expect([t, civilTimeMs(t)]).toEqual([t, Date.parse(`${t}:00Z`)]);
    }
  });

  it('a package for one year replaces that year of the lab and keeps its other years', () => {
    register(office, lab);
    importLabPackage(office.ctx, exportBytes(lab, 2025, 2026));
    const y2025 = officeYearFigures(office.ctx, 2025, { deskIds: null });
    const contracts = () => office.db.prepare('SELECT number FROM office_contracts ORDER BY number').pluck().all();
    expect(contracts()).toEqual(['AT-K1', 'AT-K2', 'AT-K3']);
    // At the lab: 2025 records disappear from its desk (archived), 2026 changes.
    const a = lab.db.prepare("SELECT id FROM instruments WHERE inner_id = 'AT-A'").pluck().get() as number;
    lab.db.prepare("DELETE FROM usage_logs WHERE start_at BETWEEN '2025-03-01' AND '2025-06-01'").run();
    lab.db.prepare("DELETE FROM contracts WHERE number = 'AT-K3'").run();
    insertUsage(lab.db, { instrumentId: a, start: '2026-05-01T08:00', end: '2026-05-01T10:00', external: true, amountFen: 30_000, userUnit: 'W公司' });
    lab.setNow('2027-01-11T02:00:00.000Z');
    const only2026 = exportBytes(lab, 2026, 2026);
    const preview = inspectLabPackage(office.ctx, only2026);
    expect(preview).toMatchObject({ status: 'newer', period: { fromYear: 2026, toYear: 2026 }, keptYears: [2025] });
    // Only the period's records count as removed: K3 (signed 2026); K1 (2025) stays.
    expect(preview.diff.find((d) => d.part === 'contracts')).toMatchObject({ removed: 1 });
    expect(preview.diff.find((d) => d.part === 'usage')).toMatchObject({ added: 1, removed: 0 });
    importLabPackage(office.ctx, only2026);
    expect(officeYearFigures(office.ctx, 2025, { deskIds: null })).toEqual(y2025);
    expect(officeYearFigures(office.ctx, 2026, { deskIds: null })).toMatchObject({ effectiveHours: 14, externalUsers: 2 });
    expect(contracts()).toEqual(['AT-K1', 'AT-K2']);
    expect(listOfficeLabs(office.ctx)[0].years.map((y) => [y.year, y.packageId])).toEqual([[2025, expect.any(String)], [2026, preview.packageId]]);
    expect(listOfficeLabs(office.ctx)[0].current).toMatchObject({ packageId: preview.packageId, fromYear: 2026, toYear: 2026 });
    // The same package again changes nothing; the first package (older, covering 2026) is refused.
    const after = contentHash(office);
    expect(importLabPackage(office.ctx, only2026).status).toBe('same');
    expect(contentHash(office)).toBe(after);
    lab.setNow('2027-01-10T12:00:00.000Z');
    expectRefused(exportBytes(lab, 2026, 2026), 'package.older');
    // A tampered or wrong-schema package for the year is refused, the office unchanged.
    expectRefused(rewrite(only2026, (f) => { f['parts/usage.json'] = strToU8(strFromU8(f['parts/usage.json']).replace('"amountFen":30000', '"amountFen":90000')); }), 'package.partTampered');
    expectRefused(rewrite(only2026, (f) => {
      const m = JSON.parse(strFromU8(f['manifest.json']));
      m.schemaVersion = 3; // lab packages are of version 1 or 2
      f['manifest.json'] = strToU8(JSON.stringify(m));
      f['manifest.sig'] = strToU8(signBytes(deskKeys(lab.ctx), Buffer.from(f['manifest.json'])));
    }), 'package.schemaUnsupported');
    // A later package of both years supersedes the two and replaces the lab's data as a whole.
    lab.setNow('2027-01-12T02:00:00.000Z');
    const both = exportBytes(lab, 2025, 2026);
    expect(inspectLabPackage(office.ctx, both)).toMatchObject({ status: 'newer', keptYears: [] });
    importLabPackage(office.ctx, both);
    expect(officeYearFigures(office.ctx, 2025, { deskIds: null }).effectiveHours).toBe(y2025.effectiveHours - 8 - 3.5 - 10);
    expect(listOfficeLabs(office.ctx)[0].years.every((y) => y.packageId === listOfficeLabs(office.ctx)[0].current!.packageId)).toBe(true);
  });

  it('an older package for years the office does not hold adds them and changes no newer year', () => {
    register(office, lab);
    lab.setNow('2027-01-09T02:00:00.000Z');
    const only2025 = exportBytes(lab, 2025, 2025);
    lab.setNow('2027-01-11T02:00:00.000Z');
    lab.db.prepare("UPDATE instruments SET name_cn = '场发射扫描电镜（新）' WHERE inner_id = 'AT-A'").run();
    importLabPackage(office.ctx, exportBytes(lab, 2026, 2026));
    const y2026 = officeYearFigures(office.ctx, 2026, { deskIds: null });
    expect(inspectLabPackage(office.ctx, only2025)).toMatchObject({ status: 'newer', keptYears: [2026] });
    importLabPackage(office.ctx, only2025);
    expect(officeYearFigures(office.ctx, 2026, { deskIds: null })).toEqual(y2026);
    expect(officeYearFigures(office.ctx, 2025, { deskIds: null }).effectiveHours).toBe(29.5);
    // The register keeps the newer package's name of the instrument.
    expect(office.db.prepare("SELECT name_cn FROM office_instruments WHERE inner_id = 'AT-A'").pluck().get()).toBe('场发射扫描电镜（新）');
    expect(listOfficeLabs(office.ctx)[0].current).toMatchObject({ fromYear: 2026, toYear: 2026 });
  });

  it('refuses a tampered part, a tampered manifest, a foreign key and an unsupported schema, changing nothing', () => {
    register(office, lab);
    const bytes = exportBytes(lab);
    // A part changed after signing: its hash no longer matches the manifest.
    expectRefused(rewrite(bytes, (f) => { f['parts/usage.json'] = strToU8(strFromU8(f['parts/usage.json']).replace('"amountFen":200000', '"amountFen":900000')); }), 'package.partTampered');
    // The manifest changed (to cover the tampered part): the signature fails.
    expectRefused(rewrite(bytes, (f) => { f['manifest.json'] = strToU8(strFromU8(f['manifest.json']).replace('"lab"', '"lab" ')); }), 'package.badSignature');
    // Signed by another desk claiming this lab's id.
    const intruder = track(labDesk('分析测试中心', 'AT'));
    const foreign = rewrite(exportBytes(intruder), (f) => {
      const m = JSON.parse(strFromU8(f['manifest.json']));
      m.deskId = getIdentity(lab.ctx).deskId;
      f['manifest.json'] = strToU8(JSON.stringify(m));
      f['manifest.sig'] = strToU8(signBytes(deskKeys(intruder.ctx), Buffer.from(f['manifest.json'])));
    });
    expectRefused(foreign, 'package.badSignature');
    // A desk that was never registered.
    expectRefused(exportBytes(intruder), 'package.unknownDesk');
    // A schema this desk does not read (even when properly signed).
    const future = rewrite(bytes, (f) => {
      const m = JSON.parse(strFromU8(f['manifest.json']));
      m.schemaVersion = 99;
      f['manifest.json'] = strToU8(JSON.stringify(m));
      f['manifest.sig'] = strToU8(signBytes(deskKeys(lab.ctx), Buffer.from(f['manifest.json'])));
    });
    expectRefused(future, 'package.schemaUnsupported');
    expectRefused(strToU8('not a zip'), 'package.malformed');
    // Nothing was imported along the way.
    expect(listOfficeLabs(office.ctx)[0].current).toBeNull();
  });

  it('refuses a package of another unit', () => {
    const other = track(labDesk('外校实验室', 'OT', { creditCode: '12100000400000624D' }));
    register(office, other);
    expectRefused(exportBytes(other), 'package.otherUnit');
  });

  it('an encrypted desk seals its package to the office key; only that office opens it', () => {
    register(office, lab);
    const ref = new Uint8Array(Buffer.from(exportReferencePackage(office.ctx).dataBase64, 'base64'));
    importReference(lab.ctx, ref, fingerprint(deskKeys(office.ctx).signPublic));
    const sealed = exportLabPackage({ ...lab.ctx, db: lab.db, encrypted: true }, { fromYear: 2025, toYear: 2026, attachments: false });
    const bytes = new Uint8Array(Buffer.from(sealed.dataBase64, 'base64'));
    expect(Object.keys(unzipSync(bytes)).sort()).toEqual(['envelope.json', 'payload.bin']);
    expect(strFromU8(unzipSync(bytes)['payload.bin'])).not.toContain('AT-A');
    const preview = importLabPackage(office.ctx, bytes);
    expect(preview.sealed).toBe(true);
    // Another office cannot open it.
    const otherOffice = track(officeDesk());
    register(otherOffice, lab);
    const before = contentHash(otherOffice);
    expect(() => importLabPackage(otherOffice.ctx, bytes)).toThrow(/package.sealedNotForUs/);
    expect(contentHash(otherOffice)).toBe(before);
  });

  it('an encrypted desk without the office key refuses to export in the clear', () => {
    expect(() => exportLabPackage({ ...lab.ctx, db: lab.db, encrypted: true }, { fromYear: 2025, toYear: 2026, attachments: false })).toThrow(/package.officeKeyMissing/);
  });

  it('finds conflicts across labs and keeps the office decision', () => {
    const second = track(labDesk('激光实验室', 'LS', { applicantName: '某材料科技公司' }));
    // The same 所在单位仪器编号 (the unit's asset number) and contract number in both labs; a lab's own
    // 仪器编号 repeated in the other lab is no conflict.
    lab.db.prepare("UPDATE instruments SET asset_no = 'ZC-2019-0001' WHERE inner_id = 'AT-A'").run();
    second.db.prepare("UPDATE instruments SET asset_no = 'ZC-2019-0001' WHERE inner_id = 'LS-A'").run();
    second.db.prepare("UPDATE instruments SET inner_id = 'AT-B' WHERE inner_id = 'LS-B'").run();
    second.db.prepare("UPDATE contracts SET number = 'AT-K1' WHERE number = 'LS-K1'").run();
    register(office, lab);
    register(office, second);
    importLabPackage(office.ctx, exportBytes(lab));
    importLabPackage(office.ctx, exportBytes(second));
    const conflicts = listConflicts(office.ctx, true);
    expect(conflicts.map((c) => [c.kind, c.key, c.entries.length])).toEqual([
      ['instrument', 'ZC-2019-0001', 2], ['contract', 'AT-K1', 2], ['applicant', '91110000MA0000000Y', 2],
    ]);
    expect(conflicts[0].entries.map((e) => e.label.split(' ')[0]).sort()).toEqual(['AT-A', 'LS-A']);
    expect(conflicts[2].entries.map((e) => e.label).sort()).toEqual(['某材料科技公司', '某材料科技有限公司']);
    resolveConflict(office.ctx, { kind: 'instrument', key: 'ZC-2019-0001', resolution: 'distinct', note: '两台不同的电镜' });
    expect(listConflicts(office.ctx, false).map((c) => c.kind)).toEqual(['contract', 'applicant']);
  });
});

describe('reference data from the office', () => {
  it('the first import needs the fingerprint read out; presets, unit default, weights and holidays arrive', () => {
    office.db.prepare("INSERT INTO rated_hours_presets(id, name, hours, created_at) VALUES ('custom:lab', '本校', 1500, 'x')").run();
    setUnitRated(office.ctx, 2026, { presetId: 'custom:lab' });
    const ref = new Uint8Array(Buffer.from(exportReferencePackage(office.ctx).dataBase64, 'base64'));
    const before = contentHash(lab);
    expect(() => importReference(lab.ctx, ref, '0000 0000 0000 0000')).toThrow(/package.fingerprintMismatch/);
    expect(contentHash(lab)).toBe(before);
    const r = importReference(lab.ctx, ref, fingerprint(deskKeys(office.ctx).signPublic).toLowerCase().replace(/ /g, '-'));
    expect(r).toMatchObject({ firstTime: true, presets: 1, ratedYears: 1 });
    expect(labFigures(lab, 2026).ratedHoursTotal).toBe(4500); // 3 instruments in service in 2026 × 1,500 h
    // Another desk's reference package is refused once the office is registered.
    const impostor = track(officeDesk());
    const fake = new Uint8Array(Buffer.from(exportReferencePackage(impostor.ctx).dataBase64, 'base64'));
    const mid = contentHash(lab);
    expect(() => importReference(lab.ctx, fake)).toThrow(/package.officeKeyChanged/);
    expect(contentHash(lab)).toBe(mid);
  });
});
