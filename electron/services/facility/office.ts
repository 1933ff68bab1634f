// The office desk: registered lab desks and their keys, imports, conflicts across labs, and each
// lab's records (read-only: nothing here edits what a lab sent).
import type { ConflictItem, DeskIdentityView, KeyCard, LabRecordsPage, OfficeLab, OfficeRecordPart } from '../../../shared/ipc/office';
import type { FileDownload } from '../../../shared/ipc/catalog';
import { refuse } from '../../../shared/result';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { deskKeys, fingerprint, getIdentity, isPublicKey } from './package/keys';
import { BULK_PARTS } from './package/import-lab';
import { getRegisteredOffice } from './package/office-key';

export function identityView(ctx: ServiceContext & { encrypted: boolean }): DeskIdentityView {
  const id = getIdentity(ctx);
  const keys = deskKeys(ctx);
  const office = getRegisteredOffice(ctx);
  return {
    ...id, signPublicKey: keys.signPublic, fingerprint: fingerprint(keys.signPublic), boxPublicKey: keys.boxPublic, boxFingerprint: fingerprint(keys.boxPublic),
    encrypted: ctx.encrypted,
    office: office ? { deskId: office.deskId, unitName: office.unitName, creditCode: office.creditCode, fingerprint: office.fingerprint, registeredAt: office.registeredAt } : null,
  };
}

export function keyCard(ctx: ServiceContext): FileDownload & { card: KeyCard } {
  const id = getIdentity(ctx);
  const keys = deskKeys(ctx);
  const card: KeyCard = { format: 'open-instrument-desk/key-card', deskId: id.deskId, labName: id.labName, unitCreditCode: id.unitCreditCode, publicKey: keys.signPublic, fingerprint: fingerprint(keys.signPublic) };
  return { fileName: `工作台公钥-${id.labName || id.deskId}.json`, mimeType: 'application/json', dataBase64: Buffer.from(JSON.stringify(card, null, 1)).toString('base64'), card };
}

type LabRow = { deskId: string; labName: string; fingerprint: string; note: string; registeredAt: string; packageId: string | null; createdAt: string; importedAt: string; fromYear: number; toYear: number; counts: string; sealed: number };

export function listOfficeLabs(ctx: ServiceContext): OfficeLab[] {
  const rows = ctx.db.prepare(`SELECT l.desk_id AS deskId, l.lab_name AS labName, l.fingerprint, l.note, l.registered_at AS registeredAt,
      i.package_id AS packageId, i.created_at AS createdAt, i.imported_at AS importedAt, i.from_year AS fromYear, i.to_year AS toYear, i.counts, i.sealed
    FROM office_labs l LEFT JOIN office_imports i ON i.id = l.current_import_id ORDER BY l.lab_name, l.desk_id`).all() as LabRow[];
  const years = new Map<string, OfficeLab['years']>();
  for (const y of ctx.db.prepare(`SELECT y.desk_id AS deskId, y.year, i.package_id AS packageId, i.created_at AS createdAt
      FROM office_lab_years y JOIN office_imports i ON i.id = y.import_id ORDER BY y.desk_id, y.year`).all() as { deskId: string; year: number; packageId: string; createdAt: string }[]) {
    years.set(y.deskId, [...(years.get(y.deskId) ?? []), { year: y.year, packageId: y.packageId, createdAt: y.createdAt }]);
  }
  return rows.map((r) => ({
    deskId: r.deskId, labName: r.labName, fingerprint: r.fingerprint, note: r.note, registeredAt: r.registeredAt, years: years.get(r.deskId) ?? [],
    current: r.packageId ? { packageId: r.packageId, createdAt: r.createdAt, importedAt: r.importedAt, fromYear: r.fromYear, toYear: r.toYear, counts: JSON.parse(r.counts) as Record<string, number>, sealed: r.sealed === 1 } : null,
  }));
}

export function registerLab(ctx: ServiceContext, input: { deskId: string; labName: string; publicKey: string; note: string }): OfficeLab {
  if (!isPublicKey(input.publicKey)) refuse('VALIDATION', 'office.badPublicKey', { field: 'publicKey' });
  return ctx.db.transaction(() => {
    const taken = ctx.db.prepare('SELECT desk_id AS deskId, lab_name AS labName FROM office_labs WHERE public_key = ?').get(input.publicKey) as { deskId: string; labName: string } | undefined;
    if (taken && taken.deskId !== input.deskId) refuse('CONFLICT', 'office.labKeyTaken', { field: 'publicKey', params: { labName: taken.labName } });
    const before = ctx.db.prepare('SELECT public_key FROM office_labs WHERE desk_id = ?').pluck().get(input.deskId) as string | undefined;
    ctx.db.prepare(`INSERT INTO office_labs(desk_id, lab_name, public_key, fingerprint, note, registered_at) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT(desk_id) DO UPDATE SET lab_name = excluded.lab_name, public_key = excluded.public_key, fingerprint = excluded.fingerprint, note = excluded.note`)
      .run(input.deskId, input.labName, input.publicKey, fingerprint(input.publicKey), input.note, ctx.now().toISOString());
    audit(ctx, before ? 'update' : 'create', 'office_lab', input.deskId, { labName: input.labName, fingerprint: fingerprint(input.publicKey), keyChanged: before !== undefined && before !== input.publicKey });
    return listOfficeLabs(ctx).find((l) => l.deskId === input.deskId)!;
  })();
}

export function listImports(ctx: ServiceContext, input: { deskId?: string; limit: number }) {
  const rows = ctx.db.prepare(`SELECT id, desk_id AS deskId, lab_name AS labName, package_id AS packageId, created_at AS createdAt, imported_at AS importedAt,
      from_year AS fromYear, to_year AS toYear, diff FROM office_imports WHERE (@deskId IS NULL OR desk_id = @deskId) ORDER BY id DESC LIMIT @limit`)
    .all({ deskId: input.deskId ?? null, limit: input.limit }) as { id: number; deskId: string; labName: string; packageId: string; createdAt: string; importedAt: string; fromYear: number; toYear: number; diff: string }[];
  return rows.map((r) => ({ ...r, diff: JSON.parse(r.diff) }));
}

/**
 * Conflicts across labs: one 所在单位仪器编号 in two labs, one contract (or order) number in two labs, one
 * 统一社会信用代码 under two names (in any labs). Found by query over the current data.
 */
export function listConflicts(ctx: ServiceContext, includeResolved: boolean): ConflictItem[] {
  const db = ctx.db;
  const notes = new Map((db.prepare('SELECT kind, conflict_key AS key, resolution, note, resolved_at AS resolvedAt FROM office_conflict_notes').all() as
    { kind: string; key: string; resolution: 'same' | 'distinct' | 'corrected_at_lab'; note: string; resolvedAt: string }[]).map((n) => [`${n.kind}\u0000${n.key}`, n]));
  const out: ConflictItem[] = [];
  const push = (kind: ConflictItem['kind'], key: string, entries: ConflictItem['entries']) => {
    const n = notes.get(`${kind}\u0000${key}`);
    if (n && !includeResolved) return;
    out.push({ kind, key, entries, resolution: n ? { resolution: n.resolution, note: n.note, resolvedAt: n.resolvedAt } : null });
  };
  const group = <T extends { key: string; deskId: string; labName: string; label: string }>(rows: T[]) => {
    const m = new Map<string, T[]>();
    for (const r of rows) m.set(r.key, [...(m.get(r.key) ?? []), r]);
    return m;
  };
  // 所在单位仪器编号 is the unit's asset number (a lab's own 仪器编号 may repeat across labs); an
  // instrument without one (or from a package that did not carry it) is compared with none.
  const inst = db.prepare(`SELECT o.asset_no AS key, o.desk_id AS deskId, l.lab_name AS labName, o.inner_id || ' ' || o.name_cn AS label FROM office_instruments o
      JOIN office_labs l ON l.desk_id = o.desk_id
      WHERE o.asset_no IN (SELECT asset_no FROM office_instruments WHERE asset_no <> '' GROUP BY asset_no HAVING COUNT(DISTINCT desk_id) > 1) ORDER BY o.asset_no, l.lab_name`).all() as { key: string; deskId: string; labName: string; label: string }[];
  for (const [key, rows] of group(inst)) push('instrument', key, rows.map(({ deskId, labName, label }) => ({ deskId, labName, label })));
  // Contract numbers and Shanghai order numbers together (an order is its region's service agreement).
  const con = db.prepare(`WITH a AS (SELECT number, desk_id, signed_date AS label FROM office_contracts UNION ALL SELECT number, desk_id, order_date FROM office_orders)
    SELECT c.number AS key, c.desk_id AS deskId, l.lab_name AS labName, c.label FROM a c
      JOIN office_labs l ON l.desk_id = c.desk_id
      WHERE c.number IN (SELECT number FROM a GROUP BY number HAVING COUNT(DISTINCT desk_id) > 1) ORDER BY c.number, l.lab_name`).all() as { key: string; deskId: string; labName: string; label: string }[];
  for (const [key, rows] of group(con)) push('contract', key, rows.map(({ deskId, labName, label }) => ({ deskId, labName, label })));
  const app = db.prepare(`SELECT DISTINCT a.credit_code AS key, a.desk_id AS deskId, l.lab_name AS labName, a.name AS label FROM office_applicants a
      JOIN office_labs l ON l.desk_id = a.desk_id
      WHERE a.credit_code IN (SELECT credit_code FROM office_applicants WHERE credit_code IS NOT NULL GROUP BY credit_code HAVING COUNT(DISTINCT name) > 1)
      ORDER BY a.credit_code, a.name, l.lab_name`).all() as { key: string; deskId: string; labName: string; label: string }[];
  for (const [key, rows] of group(app)) push('applicant', key, rows.map(({ deskId, labName, label }) => ({ deskId, labName, label })));
  return out;
}

export function resolveConflict(ctx: ServiceContext, input: { kind: ConflictItem['kind']; key: string; resolution: 'same' | 'distinct' | 'corrected_at_lab' | null; note: string }): ConflictItem[] {
  ctx.db.transaction(() => {
    if (input.resolution === null) ctx.db.prepare('DELETE FROM office_conflict_notes WHERE kind = ? AND conflict_key = ?').run(input.kind, input.key);
    else {
      ctx.db.prepare(`INSERT INTO office_conflict_notes(kind, conflict_key, resolution, note, resolved_at, actor) VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT(kind, conflict_key) DO UPDATE SET resolution = excluded.resolution, note = excluded.note, resolved_at = excluded.resolved_at, actor = excluded.actor`)
        .run(input.kind, input.key, input.resolution, input.note, ctx.now().toISOString(), ctx.actor);
    }
    audit(ctx, 'resolve', 'office_conflict', `${input.kind}:${input.key}`, input);
  })();
  return listConflicts(ctx, true);
}

/**
 * A lab's records at the office, read-only, for a period (the years the office holds of the lab,
 * narrowed to fromYear–toYear when given). Charges and 额定机时 are read from their per-year arrays;
 * usage records are not kept one by one, so `usage` reads the sums per instrument and year.
 */
export function labRecords(ctx: ServiceContext, input: { deskId: string; part: OfficeRecordPart; fromYear?: number; toYear?: number; offset: number; limit: number }): LabRecordsPage {
  const db = ctx.db;
  if (!db.prepare('SELECT 1 FROM office_labs WHERE desk_id = ?').get(input.deskId)) refuse('NOT_FOUND', 'office.labNotFound', { field: 'deskId', params: { deskId: input.deskId } });
  const held = db.prepare('SELECT year FROM office_lab_years WHERE desk_id = ? ORDER BY year').pluck().all(input.deskId) as number[];
  const years = held.filter((y) => (input.fromYear === undefined || y >= input.fromYear) && (input.toYear === undefined || y <= input.toYear));
  const p = { desk: input.deskId, part: input.part, years: JSON.stringify(years), limit: input.limit, offset: input.offset };
  const inYears = (col: string) => `${col} IN (SELECT value FROM json_each(@years))`;
  // A record names its instrument and applicant by the lab's row id; the office's copies of the lab's
  // register give their number and name beside it.
  const instrument = db.prepare('SELECT inner_id AS innerId, name_cn AS nameCn FROM office_instruments WHERE desk_id = ? AND iid = ?');
  const applicant = db.prepare('SELECT name FROM office_applicants WHERE desk_id = ? AND aid = ?').pluck();
  const named = (r: Record<string, unknown>): Record<string, unknown> => {
    if (input.part === 'instruments' || input.part === 'applicants') return r;
    const i = typeof r.instrumentId === 'number' ? instrument.get(input.deskId, r.instrumentId) as { innerId: string; nameCn: string } | undefined : undefined;
    const a = typeof r.applicantId === 'number' ? applicant.get(input.deskId, r.applicantId) as string | undefined : undefined;
    return { ...r, ...(i ?? {}), ...(a !== undefined ? { applicantName: a } : {}) };
  };
  const parse = (rows: { data: string | null; rkey?: string }[]) => rows.map((r) => (r.data ? named(JSON.parse(r.data) as Record<string, unknown>) : { id: r.rkey }));
  if (input.part === 'usage') {
    const where = `FROM office_instrument_years y LEFT JOIN office_instruments i ON i.desk_id = y.desk_id AND i.iid = y.iid WHERE y.desk_id = @desk AND ${inYears('y.year')}`;
    const total = db.prepare(`SELECT COUNT(*) ${where}`).pluck().get(p) as number;
    const rows = db.prepare(`SELECT y.iid AS instrumentId, i.inner_id AS innerId, i.name_cn AS nameCn, y.year, y.rated_hours AS ratedHours, y.records,
        round(y.sec / 3600.0, 2) AS effectiveHours, round(y.ext_sec / 3600.0, 2) AS externalHours, round(y.contract_sec / 3600.0, 2) AS contractHours,
        round(y.order_sec / 3600.0, 2) AS orderHours, y.income_fen AS incomeFen, y.sat_n AS satisfactionRecords,
        CASE WHEN y.sat_n > 0 THEN round(1.0 * y.sat_sum / y.sat_n, 2) END AS avgSatisfaction
      ${where} ORDER BY y.year, y.iid LIMIT @limit OFFSET @offset`).all(p) as Record<string, unknown>[];
    return { part: input.part, held: 'sums', years, total, rows, notHeldYears: [] };
  }
  if (BULK_PARTS.has(input.part)) {
    const where = `FROM office_part_hashes h WHERE h.desk_id = @desk AND h.part = @part AND ${inYears('h.year')}`;
    const notHeldYears = db.prepare(`SELECT h.year ${where} AND h.records IS NULL ORDER BY h.year`).pluck().all(p) as number[];
    const total = db.prepare(`SELECT coalesce(SUM(json_array_length(h.records)), 0) ${where}`).pluck().get(p) as number;
    const rows = db.prepare(`SELECT r.value AS data FROM office_part_hashes h, json_each(h.records) r WHERE h.desk_id = @desk AND h.part = @part AND ${inYears('h.year')}
      ORDER BY h.year, r.key LIMIT @limit OFFSET @offset`).all(p) as { data: string }[];
    return { part: input.part, held: 'records', years, total, rows: parse(rows), notHeldYears };
  }
  // Register records (instruments, applicants: no year) always; dated ones within the years.
  const where = `FROM office_records WHERE desk_id = @desk AND part = @part AND (year IS NULL OR ${inYears('year')})`;
  const total = db.prepare(`SELECT COUNT(*) ${where}`).pluck().get(p) as number;
  const rows = db.prepare(`SELECT rkey, data ${where} ORDER BY CAST(rkey AS INTEGER), rkey LIMIT @limit OFFSET @offset`).all(p) as { rkey: string; data: string | null }[];
  return { part: input.part, held: 'records', years, total, rows: parse(rows), notHeldYears: [] };
}
