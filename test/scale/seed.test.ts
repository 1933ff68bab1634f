// The generator at a tiny size: its data must satisfy the schema and every policy rule it claims.
import Database from 'better-sqlite3-multiple-ciphers';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadHolidayCalendar } from '../../electron/services/holidays';
import { categoryCodeProblem } from '../../shared/catalog/categories';
import { disciplinesProblem } from '../../shared/catalog/platform';
import { profileById } from '../../shared/policy';
import {
  annualQuotaFor, checkAnnualQuota, checkContractVoucherShare, checkVoucherFaceValue, isWorkingDay, redemptionApplyBy, registerBy, validUntil,
} from '../../shared/rules';
import { seedDatabase, type SeedTotals } from '../../scripts/lib/seed';
import { voucherKindOf } from '../../electron/services/deals/applicant-facts';

const TODAY = '2026-06-15';
let dir: string;

function seeded(name: string, extra: { vouchers?: number; seed?: number } = {}): { db: Database.Database; totals: SeedTotals; file: string } {
  const file = path.join(dir, `${name}.sqlite`);
  const totals = seedDatabase({ instruments: 50, years: 1, seed: extra.seed ?? 7, out: file, today: TODAY, vouchers: extra.vouchers });
  return { db: new Database(file, { readonly: true }), totals, file };
}

const profile = (id: string) => {
  const p = profileById(id);
  if (!p) throw new Error(`unknown profile ${id}`);
  return p;
};

beforeAll(() => { dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-scale-')); });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// Two shapes: the default tiny database, and one with many vouchers per applicant so quotas bind.
describe.each([
  { name: 'tiny', vouchers: undefined },
  { name: 'quota-stress', vouchers: 400 },
])('seed generator: $name', ({ name, vouchers }) => {
  let db: Database.Database;
  let totals: SeedTotals;
  beforeAll(() => ({ db, totals } = seeded(name, { vouchers })));
  afterAll(() => db.close());

  it('fills every table it owns and matches the schema (foreign keys, migrations)', () => {
    expect(totals.instruments).toBe(50);
    for (const key of ['bookings', 'usage', 'contracts', 'vouchers', 'applicants', 'labs'] as const) expect(totals[key]).toBeGreaterThan(0);
    expect(db.prepare('SELECT count(*) FROM bookings').pluck().get()).toBe(totals.bookings);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const migrations = fs.readdirSync(path.join(__dirname, '../../electron/db/migrations')).filter((f) => /^\d{4}_/.test(f)).sort();
    expect(db.pragma('user_version', { simple: true })).toBe(Number(migrations[migrations.length - 1].slice(0, 4)));
  });

  it('gives every instrument a valid 6-digit category code and a Chinese name', () => {
    const rows = db.prepare('SELECT category_code AS code, name_cn AS name, original_value_fen AS v, discipline FROM instruments').all() as { code: string; name: string; v: number; discipline: string }[];
    for (const r of rows) {
      expect(categoryCodeProblem(r.code), r.code).toBeNull();
      expect(disciplinesProblem(r.discipline), r.discipline).toBeNull();
      expect(r.name).toMatch(/[\u4e00-\u9fff]/);
      expect(r.v).toBeGreaterThan(0);
    }
  });

  it('keeps voucher face values within the limit and each applicant within its annual quota', () => {
    const vs = db.prepare('SELECT face_value_fen AS face, profile_id AS pid FROM vouchers').all() as { face: number; pid: string }[];
    for (const v of vs) expect(checkVoucherFaceValue(v.face, profile(v.pid)).ok).toBe(true);
    const perYear = db.prepare(`SELECT a.kind, a.high_tech = 1 AS highTech, a.sme_listed = 1 AS smeListed, a.specialized_sme = 1 AS specializedSme,
        a.high_tech_valid_from AS htFrom, a.high_tech_valid_to AS htTo, a.sme_valid_from AS smeFrom, a.sme_valid_to AS smeTo,
        v.profile_id AS pid, substr(v.claim_date, 1, 4) AS year, min(v.claim_date) AS firstClaim,
        sum(v.face_value_fen) AS total FROM vouchers v JOIN applicants a ON a.id = v.applicant_id
      GROUP BY v.applicant_id, year, v.profile_id`).all() as {
        kind: 'enterprise' | 'team'; highTech: number; smeListed: number; specializedSme: number; pid: string; total: number;
        htFrom: string | null; htTo: string | null; smeFrom: string | null; smeTo: string | null; firstClaim: string;
      }[];
    const kindOf = (r: (typeof perYear)[number]) => voucherKindOf({
      kind: r.kind, highTech: !!r.highTech, smeListed: !!r.smeListed, specializedSme: !!r.specializedSme,
      highTechValidFrom: r.htFrom, highTechValidTo: r.htTo, smeValidFrom: r.smeFrom, smeValidTo: r.smeTo,
    }, profile(r.pid), r.firstClaim);
    expect(perYear.length).toBeGreaterThan(0);
    for (const r of perYear) expect(checkAnnualQuota(kindOf(r), 0, r.total, profile(r.pid)).ok, JSON.stringify(r)).toBe(true);
    if (vouchers) {
      // The stress shape must actually reach the quotas, or the check above proves nothing.
      const fill = Math.max(...perYear.map((r) => r.total / annualQuotaFor(kindOf(r), profile(r.pid))!));
      expect(fill).toBeGreaterThanOrEqual(0.9);
    }
  });

  it('registers within the register period, ends within validity and pays at most the share of the actual amount', () => {
    const rows = db.prepare(`SELECT c.id, c.amount_fen AS amount, c.actual_amount_fen AS actual, c.registration_date AS reg,
        c.end_date AS endDate, c.profile_id AS pid, sum(cv.amount_fen) AS paid, max(cv.amount_fen > v.face_value_fen) AS overFace,
        min(v.claim_date) AS claim, max(v.registered_date) AS vreg
      FROM contracts c JOIN contract_vouchers cv ON cv.contract_id = c.id JOIN vouchers v ON v.id = cv.voucher_id
      GROUP BY c.id`).all() as { id: number; amount: number; actual: number | null; reg: string; endDate: string; pid: string; paid: number; overFace: number; claim: string; vreg: string }[];
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      const p = profile(r.pid);
      expect(checkContractVoucherShare(r.actual ?? r.amount, r.paid, p).ok, `contract ${r.id}`).toBe(true);
      expect(r.overFace).toBe(0);
      expect(r.reg).toBe(r.vreg);
      expect(r.reg > r.claim && r.reg <= registerBy(r.claim, p)!.due, `contract ${r.id}`).toBe(true);
      expect(r.endDate <= validUntil(r.reg, p)!.due, `contract ${r.id}`).toBe(true);
    }
    const late = db.prepare(`SELECT c.end_date AS endDate, c.profile_id AS pid, r.submitted_date AS submitted
      FROM redemptions r JOIN contracts c ON c.id = r.contract_id`).all() as { endDate: string; pid: string; submitted: string }[];
    for (const r of late) {
      expect(r.submitted > r.endDate && r.submitted <= redemptionApplyBy(r.endDate, profile(r.pid))!.due).toBe(true);
      expect(r.submitted <= TODAY).toBe(true);
    }
  });

  it('never overlaps two bookings of one instrument and books only working days within working hours', () => {
    const overlaps = db.prepare(`SELECT count(*) FROM (SELECT start_at, lag(end_at) OVER (PARTITION BY instrument_id ORDER BY start_at) AS prev_end
      FROM bookings) WHERE prev_end > start_at`).pluck().get();
    expect(overlaps).toBe(0);
    const calendar = loadHolidayCalendar({ db });
    const dates = db.prepare('SELECT DISTINCT substr(start_at, 1, 10) FROM bookings').pluck().all() as string[];
    for (const d of dates) expect(isWorkingDay(d, calendar).working, d).toBe(true);
    const outside = db.prepare(`SELECT count(*) FROM bookings WHERE substr(start_at, 12) < '08:00' OR substr(end_at, 12) > '18:00'
      OR substr(start_at, 1, 10) <> substr(end_at, 1, 10) OR start_at NOT GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]'`).pluck().get();
    expect(outside).toBe(0);
    const contractOutside = db.prepare(`SELECT count(*) FROM bookings b JOIN contracts c ON c.id = b.contract_id
      WHERE substr(b.start_at, 1, 10) NOT BETWEEN c.start_date AND c.end_date`).pluck().get();
    expect(contractOutside).toBe(0);
  });

  it('records usage only in the past, inside its booking, ending after it starts', () => {
    const bad = db.prepare(`SELECT count(*) FROM usage_logs u JOIN bookings b ON b.id = u.booking_id
      WHERE u.end_at <= u.start_at OR u.start_at < b.start_at OR u.end_at > b.end_at OR substr(u.start_at, 1, 10) > ?
        OR u.instrument_id <> b.instrument_id OR (u.external = 1) <> (b.kind = 'contract')`).pluck().get(TODAY);
    expect(bad).toBe(0);
    expect(db.prepare('SELECT count(*) FROM usage_logs WHERE booking_id IS NULL').pluck().get()).toBe(0);
  });
});

describe('seed generator determinism', () => {
  it('writes the same rows for the same seed and different ones for another seed', () => {
    const digest = (db: Database.Database) => db.prepare(`SELECT count(*) || ':' || sum(length(start_at) * id + instrument_id) FROM bookings`).pluck().get();
    const a = seeded('same-a');
    const b = seeded('same-b');
    const c = seeded('other', { seed: 8 });
    try {
      expect(digest(a.db)).toBe(digest(b.db));
      expect(digest(a.db)).not.toBe(digest(c.db));
    } finally {
      [a, b, c].forEach((s) => s.db.close());
    }
  });
});
