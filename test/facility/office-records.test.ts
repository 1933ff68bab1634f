// The office reads a lab's records, read-only, for a period: charges and 额定机时 as the lab's
// package carried them (held per lab, part and year), usage as the sums per instrument and year
// the office keeps instead of the records; other parts from their records.
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { officeChannels } from '../../shared/ipc/office';
import { labRecords } from '../../electron/services/facility/office';
import { exportLabPackage } from '../../electron/services/facility/package/export-lab';
import { importLabPackage } from '../../electron/services/facility/package/import-lab';
import { getIdentity } from '../../electron/services/facility/package/keys';
import { setInstrumentRated } from '../../electron/services/facility/rated-hours';
import { contentHash, type TempCore } from '../helpers/db';
import { labDesk, officeDesk, register } from './lab-fixture';

let lab: TempCore;
let office: TempCore;
let deskId: string;
let pkg: Uint8Array;
const cores: TempCore[] = [];
afterEach(() => { while (cores.length) cores.pop()!.cleanup(); });

const read = (part: Parameters<typeof labRecords>[1]['part'], more: { fromYear?: number; toYear?: number; offset?: number; limit?: number } = {}) =>
  labRecords(office.ctx, { deskId, part, offset: 0, limit: 100, ...more });
const packagePart = (name: string) => JSON.parse(strFromU8(unzipSync(pkg)[`parts/${name}.json`])) as Record<string, unknown>[];
/** A record as the package carried it: without the instrument's number and name and the applicant's name the office adds beside its ids. */
const carriedOf = ({ innerId: _i, nameCn: _n, applicantName: _a, ...r }: Record<string, unknown>) => r;

beforeEach(() => {
  lab = labDesk('分析测试中心', 'AT');
  office = officeDesk();
  cores.push(lab, office);
  const db = lab.db;
  const k1 = db.prepare("SELECT id FROM contracts WHERE number = 'AT-K1'").pluck().get() as number;
  const a = db.prepare("SELECT id FROM instruments WHERE inner_id = 'AT-A'").pluck().get() as number;
  const u = db.prepare("SELECT id FROM usage_logs WHERE start_at = '2025-03-10T09:00'").pluck().get() as number;
  const charge = db.prepare(`INSERT INTO charges(contract_id, kind, category, service_date, instrument_id, usage_id, description, amount_fen, created_at, created_by)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'x', 'x')`);
  charge.run(k1, 'usage', 'usage', '2025-03-10', a, u, '机时', 260_000);
  charge.run(k1, 'manual', 'service', '2025-06-01', null, null, '制样', 6_000);
  charge.run(k1, 'manual', 'consumable', '2026-02-03', null, null, '耗材', 1_500);
  // A's 额定机时 for 2026 set by hand (双班): the office sees the override, not the unit default.
  setInstrumentRated(lab.ctx, { year: 2026, instrumentIds: [a], source: { hours: 2400 }, note: '双班' });
  register(office, lab);
  deskId = getIdentity(lab.ctx).deskId;
  pkg = new Uint8Array(Buffer.from(exportLabPackage(lab.ctx, { fromYear: 2025, toYear: 2026, attachments: false }).dataBase64, 'base64'));
  importLabPackage(office.ctx, pkg);
});

describe('a lab\'s records at the office', () => {
  it('charges of the period are the records the package carried, by year', () => {
    const all = read('charges');
    expect(all).toMatchObject({ part: 'charges', held: 'records', years: [2025, 2026], total: 3, notHeldYears: [] });
    expect(all.rows.map(carriedOf)).toEqual(packagePart('charges'));
    // The instrument of a charge by its number and name beside its id; a charge of no instrument has none.
    expect(all.rows.map((c) => [c.innerId ?? null, c.nameCn ?? null])).toEqual([['AT-A', lab.db.prepare("SELECT name_cn FROM instruments WHERE inner_id = 'AT-A'").pluck().get()], [null, null], [null, null]]);
    expect(all.rows.map((c) => [c.serviceDate, c.amountFen])).toEqual([['2025-03-10', 260_000], ['2025-06-01', 6_000], ['2026-02-03', 1_500]]);
    const y2026 = read('charges', { fromYear: 2026, toYear: 2026 });
    expect(y2026).toMatchObject({ years: [2026], total: 1 });
    expect(y2026.rows.map((c) => c.amountFen)).toEqual([1_500]);
    // Paged: the second record alone.
    expect(read('charges', { offset: 1, limit: 1 }).rows.map((c) => c.amountFen)).toEqual([6_000]);
    // A year the office does not hold of the lab reads nothing.
    expect(read('charges', { fromYear: 2024, toYear: 2024 })).toMatchObject({ years: [], total: 0, rows: [] });
  });

  it('额定机时 per instrument and year, with the lab\'s override', () => {
    const r = read('ratedHours');
    const carried = packagePart('ratedHours').filter((x) => x.year === 2025 || x.year === 2026);
    expect(r.total).toBe(carried.length);
    expect(r.rows.map(carriedOf)).toEqual([...carried].sort((x, y) => (x.year as number) - (y.year as number)));
    expect(r.rows.every((x) => typeof x.innerId === 'string' && typeof x.nameCn === 'string')).toBe(true);
    const a = lab.db.prepare("SELECT id FROM instruments WHERE inner_id = 'AT-A'").pluck().get() as number;
    expect(r.rows.filter((x) => x.instrumentId === a).map((x) => [x.year, x.hours])).toEqual([[2025, 1600], [2026, 2400]]);
    expect(read('ratedHours', { fromYear: 2025, toYear: 2025 }).rows.every((x) => x.year === 2025)).toBe(true);
  });

  it('usage is read as the sums per instrument and year the office holds, not as records', () => {
    const r = read('usage', { fromYear: 2025, toYear: 2025 });
    expect(r.held).toBe('sums');
    const a = r.rows.find((x) => x.innerId === 'AT-A')!;
    // 2025: 00:00–04:00 of 1 January (the rest is 2024), 8 h and 3.5 h: 15.5 h, all external.
    expect(a).toMatchObject({ year: 2025, effectiveHours: 15.5, externalHours: 15.5, records: 3, ratedHours: 1600, avgSatisfaction: 4.5 });
  });

  it('reading changes nothing; an unknown lab or part is refused', () => {
    const before = contentHash(office);
    read('charges'); read('ratedHours'); read('usage'); read('contracts');
    expect(contentHash(office)).toBe(before);
    expect(() => labRecords(office.ctx, { deskId: '00000000-0000-4000-8000-000000000000', part: 'charges', offset: 0, limit: 10 })).toThrow(/office.labNotFound/);
    expect(officeChannels['office:records'].input.safeParse({ deskId, part: 'bookings' }).success).toBe(false);
    expect(officeChannels['office:records'].input.safeParse({ deskId, part: 'charges', fromYear: 2026, toYear: 2025 }).success).toBe(false);
  });

  it('records of other parts follow the period; register records always show', () => {
    const contracts = read('contracts', { fromYear: 2026, toYear: 2026 }).rows;
    expect(contracts.map((c) => c.number)).toEqual(['AT-K2', 'AT-K3']);
    // Each with its applicant's name from the lab's applicants beside the applicant's id.
    const names = new Map((lab.db.prepare('SELECT id, name FROM applicants').all() as { id: number; name: string }[]).map((a) => [a.id, a.name]));
    expect(contracts.map((c) => c.applicantName)).toEqual(contracts.map((c) => names.get(c.applicantId as number)));
    expect(contracts.every((c) => typeof c.applicantName === 'string')).toBe(true);
    expect(read('instruments', { fromYear: 2026, toYear: 2026 }).total).toBe(3);
  });
});
