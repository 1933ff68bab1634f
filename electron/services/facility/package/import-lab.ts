// The office imports a lab's package: verify (format, schema, registered key, signature, every
// part's hash and count, every record), show the changes since that lab's previous package, and
// replace that lab's data in one transaction. A refused package changes nothing; the same package
// twice changes nothing; an older package never replaces a newer one.
import { jobStep } from '../../../core-host/job';
import crypto from 'node:crypto';
import type { ZodType } from 'zod';
import type { ImportPreview, PartDiff } from '../../../../shared/ipc/office';
import { audit } from '../../audit';
import type { ServiceContext } from '../../context';
import { openPackage, packageSha256, refuse, verifyPackage, type Manifest } from './format';
import { existingKeys, peekIdentity } from './keys';
import { LAB_PARTS, REQUIRED_LAB_PARTS, type ApplicantRec, type ContractRec, type InstrumentRec, type RatedRec, type UsageRec } from './parts';

const EXAMPLES = 20;

interface Verified {
  manifest: Manifest;
  sha: string;
  sealed: boolean;
  parts: Map<string, Record<string, unknown>[]>;
}

function verify(ctx: ServiceContext, bytes: Uint8Array): Verified {
  const opened = openPackage(bytes, () => existingKeys(ctx));
  const { manifest } = opened;
  if (manifest.kind !== 'lab') refuse('package.wrongKind', { kind: manifest.kind });
  const lab = ctx.db.prepare('SELECT public_key AS publicKey FROM office_labs WHERE desk_id = ?').get(String(manifest.deskId)) as { publicKey: string } | undefined;
  if (!lab) refuse('package.unknownDesk', { deskId: String(manifest.deskId) }, 'FORBIDDEN');
  const raw = verifyPackage(opened, lab.publicKey);
  const own = peekIdentity(ctx)?.unitCreditCode;
  if (own && manifest.unit?.creditCode !== own) refuse('package.otherUnit', { creditCode: String(manifest.unit?.creditCode ?? '') }, 'FORBIDDEN');
  for (const name of REQUIRED_LAB_PARTS) if (!raw.has(name)) refuse('package.partTampered', { part: name });
  const parts = new Map<string, Record<string, unknown>[]>();
  for (const [name, records] of raw) {
    const schema = (LAB_PARTS as Record<string, ZodType>)[name];
    const out: Record<string, unknown>[] = [];
    for (let i = 0; i < records.length; i++) {
      const r = records[i];
      if (schema) {
        const parsed = schema.safeParse(r);
        if (!parsed.success) refuse('package.recordInvalid', { part: name, row: i + 1, issue: parsed.error.issues[0]?.path.join('.') || 'record' });
        out.push(parsed.data as Record<string, unknown>);
      } else {
        if (typeof r !== 'object' || r === null) refuse('package.recordInvalid', { part: name, row: i + 1, issue: 'record' });
        out.push(r as Record<string, unknown>);
      }
    }
    parts.set(name, out);
  }
  return { manifest, sha: packageSha256(bytes), sealed: opened.sealed, parts };
}

const keyOf = (r: Record<string, unknown>) => String(r.id ?? r.rowid ?? JSON.stringify(r));
const hashOf = (r: Record<string, unknown>) => crypto.createHash('sha1').update(JSON.stringify(r)).digest('base64').slice(0, 20);
const labelOf = (part: string, r: Record<string, unknown>): string =>
  String(part === 'instruments' ? `${r.innerId} ${r.nameCn}` : part === 'contracts' ? r.number : part === 'applicants' ? r.name : part === 'vouchers' ? r.number : keyOf(r));

interface Hashed { part: string; key: string; hash: string; record: Record<string, unknown> }

function hashAll(parts: Map<string, Record<string, unknown>[]>): Hashed[] {
  const out: Hashed[] = [];
  for (const [part, records] of parts) for (const r of records) out.push({ part, key: keyOf(r), hash: hashOf(r), record: r });
  return out;
}

function diffWith(ctx: ServiceContext, deskId: string, hashed: Hashed[]): PartDiff[] {
  const old = new Map<string, Map<string, { hash: string; data: string | null }>>();
  for (const row of ctx.db.prepare('SELECT part, rkey, hash, data FROM office_records WHERE desk_id = ?').iterate(deskId) as Iterable<{ part: string; rkey: string; hash: string; data: string | null }>) {
    let m = old.get(row.part);
    if (!m) old.set(row.part, (m = new Map()));
    m.set(row.rkey, { hash: row.hash, data: row.data });
  }
  const byPart = new Map<string, PartDiff>();
  const get = (part: string) => {
    let d = byPart.get(part);
    if (!d) byPart.set(part, (d = { part, records: 0, added: 0, changed: 0, removed: 0, unchanged: 0, examples: [] }));
    return d;
  };
  const seen = new Map<string, Set<string>>();
  for (const h of hashed) {
    const d = get(h.part);
    d.records++;
    const prev = old.get(h.part)?.get(h.key);
    let s = seen.get(h.part);
    if (!s) seen.set(h.part, (s = new Set()));
    s.add(h.key);
    if (!prev) { d.added++; if (d.examples.length < EXAMPLES) d.examples.push({ change: 'added', key: h.key, label: labelOf(h.part, h.record) }); }
    else if (prev.hash !== h.hash) { d.changed++; if (d.examples.length < EXAMPLES) d.examples.push({ change: 'changed', key: h.key, label: labelOf(h.part, h.record) }); }
    else d.unchanged++;
  }
  for (const [part, m] of old) {
    const s = seen.get(part);
    for (const [key, v] of m) {
      if (s?.has(key)) continue;
      const d = get(part);
      d.removed++;
      if (d.examples.length < EXAMPLES) d.examples.push({ change: 'removed', key, label: v.data ? labelOf(part, JSON.parse(v.data) as Record<string, unknown>) : key });
    }
  }
  return [...byPart.values()];
}

interface Current { id: number; packageSha: string; createdAt: string; packageId: string }

function current(ctx: ServiceContext, deskId: string): Current | undefined {
  return ctx.db.prepare(`SELECT i.id, i.package_sha256 AS packageSha, i.created_at AS createdAt, i.package_id AS packageId
    FROM office_labs l JOIN office_imports i ON i.id = l.current_import_id WHERE l.desk_id = ?`).get(deskId) as Current | undefined;
}

function previewOf(ctx: ServiceContext, v: Verified, hashed: Hashed[]): ImportPreview {
  const m = v.manifest;
  const cur = current(ctx, m.deskId);
  const status: ImportPreview['status'] = !cur ? 'new' : cur.packageSha === v.sha || cur.packageId === m.packageId ? 'same' : 'newer';
  if (cur && status === 'newer' && cur.createdAt >= m.createdAt) refuse('package.older', { current: cur.createdAt }, 'CONFLICT');
  return {
    status, deskId: m.deskId, labName: m.lab.name, unitName: m.unit.name, unitCreditCode: m.unit.creditCode, packageId: m.packageId,
    createdAt: m.createdAt, period: m.period!, schemaVersion: m.schemaVersion, sealed: v.sealed, attachments: m.attachments,
    counts: Object.fromEntries(m.parts.filter((p) => p.path.startsWith('parts/')).map((p) => [p.name, p.records])),
    diff: status === 'same' ? [] : diffWith(ctx, m.deskId, hashed),
  };
}

export function inspectLabPackage(ctx: ServiceContext, bytes: Uint8Array): ImportPreview {
  const v = verify(ctx, bytes);
  return previewOf(ctx, v, hashAll(v.parts));
}

/** Seconds of [s, e) inside [a, b), as the lab's assessment clips usage to a year. */
const clip = (s: number, e: number, a: number, b: number) => Math.max(0, (Math.min(e, b) - Math.max(s, a)) / 1000);

export function importLabPackage(ctx: ServiceContext, bytes: Uint8Array): ImportPreview {
  const v = verify(ctx, bytes);
  const hashed = hashAll(v.parts);
  const preview = previewOf(ctx, v, hashed);
  if (preview.status === 'same') return preview;
  const m = v.manifest;
  const desk = m.deskId;
  const period = m.period!;
  const db = ctx.db;

  db.transaction(() => {
    for (const t of ['office_records', 'office_instruments', 'office_instrument_years', 'office_months', 'office_external_users', 'office_contracts', 'office_applicants']) {
      db.prepare(`DELETE FROM ${t} WHERE desk_id = ?`).run(desk);
    }
    const rec = db.prepare('INSERT INTO office_records(desk_id, part, rkey, hash, data) VALUES (?, ?, ?, ?, ?)');
    // Progress to the window over the package's records; a cancel here rolls the whole import back.
    let written = 0;
    for (const h of hashed) {
      rec.run(desk, h.part, h.key, h.hash, h.part === 'usage' ? null : JSON.stringify(h.record));
      if (++written % 100 === 0) jobStep(written, hashed.length);
    }

    const instruments = v.parts.get('instruments') as unknown as InstrumentRec[];
    const insI = db.prepare(`INSERT INTO office_instruments(desk_id, iid, inner_id, name_cn, category_code, value_fen, usage_kind, share_mode, status, retired_at, lab_name)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const i of instruments) insI.run(desk, i.id, i.innerId, i.nameCn, i.categoryCode, i.originalValueFen, i.usageKind, i.shareMode, i.status, i.retiredAt, i.labName || m.lab.name);

    // Per instrument-year sums of the usage records, clipped to each year of the period.
    type Acc = { rated: number; sec: number; ext: number; records: number; income: number; satSum: number; satN: number };
    const years: { y: number; a: number; b: number }[] = [];
    for (let y = period.fromYear; y <= period.toYear; y++) years.push({ y, a: Date.UTC(y, 0, 1), b: Date.UTC(y + 1, 0, 1) });
    const acc = new Map<string, Acc>();
    const slot = (iid: number, y: number) => {
      const k = `${iid}:${y}`;
      let a = acc.get(k);
      if (!a) acc.set(k, (a = { rated: 0, sec: 0, ext: 0, records: 0, income: 0, satSum: 0, satN: 0 }));
      return a;
    };
    for (const r of v.parts.get('ratedHours') as unknown as RatedRec[]) slot(r.instrumentId, r.year).rated = r.hours;
    const months = new Map<string, { sec: number; ext: number }>();
    const users = new Set<string>();
    for (const u of v.parts.get('usage') as unknown as UsageRec[]) {
      const s = Date.parse(`${u.startAt}:00Z`);
      const e = Date.parse(`${u.endAt}:00Z`);
      for (const { y, a, b } of years) {
        if (!(e > a && s < b)) continue;
        const sec = clip(s, e, a, b);
        const t = slot(u.instrumentId, y);
        t.sec += sec;
        t.ext += u.external * sec;
        t.records++;
        if (s >= a) t.income += u.amountFen;
        if (u.satisfaction !== null) { t.satSum += u.satisfaction; t.satN++; }
        const month = new Date(Math.max(s, a)).getUTCMonth() + 1;
        const mk = `${y}:${month}`;
        const mm = months.get(mk) ?? { sec: 0, ext: 0 };
        mm.sec += sec;
        mm.ext += u.external * sec;
        months.set(mk, mm);
        if (u.external === 1 && u.userUnit !== '') users.add(`${y}\u0000${u.userUnit}`);
      }
    }
    const insY = db.prepare(`INSERT INTO office_instrument_years(desk_id, iid, year, rated_hours, sec, ext_sec, records, income_fen, sat_sum, sat_n)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (const [k, a] of acc) {
      const [iid, y] = k.split(':').map(Number);
      insY.run(desk, iid, y, a.rated, Math.round(a.sec), Math.round(a.ext), a.records, a.income, a.satSum, a.satN);
    }
    const insM = db.prepare('INSERT INTO office_months(desk_id, year, month, sec, ext_sec) VALUES (?, ?, ?, ?, ?)');
    for (const [k, mm] of months) { const [y, mo] = k.split(':').map(Number); insM.run(desk, y, mo, Math.round(mm.sec), Math.round(mm.ext)); }
    const insU = db.prepare('INSERT INTO office_external_users(desk_id, year, user_unit) VALUES (?, ?, ?)');
    for (const k of users) { const [y, unit] = k.split('\u0000'); insU.run(desk, Number(y), unit); }

    const insC = db.prepare('INSERT INTO office_contracts(desk_id, cid, number, applicant_id, signed_date, amount_fen, status, voucher_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const c of v.parts.get('contracts') as unknown as ContractRec[]) {
      insC.run(desk, c.id, c.number, c.applicantId, c.signedDate, c.actualAmountFen ?? c.amountFen, c.status, c.vouchers.reduce((s, x) => s + x.amountFen, 0));
    }
    const insA = db.prepare('INSERT INTO office_applicants(desk_id, aid, name, credit_code) VALUES (?, ?, ?, ?)');
    for (const a of v.parts.get('applicants') as unknown as ApplicantRec[]) insA.run(desk, a.id, a.name, a.creditCode);

    const importId = Number(db.prepare(`INSERT INTO office_imports(desk_id, package_id, package_sha256, schema_version, created_at, from_year, to_year, lab_name, unit_name,
        unit_credit_code, sealed, counts, diff, derived, imported_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(desk, m.packageId, v.sha, m.schemaVersion, m.createdAt, period.fromYear, period.toYear, m.lab.name, m.unit.name, m.unit.creditCode, v.sealed ? 1 : 0,
        JSON.stringify(preview.counts), JSON.stringify(preview.diff.map(({ examples: _e, ...d }) => d)), JSON.stringify(v.parts.get('derived')),
        ctx.now().toISOString(), ctx.actor).lastInsertRowid);
    db.prepare('UPDATE office_labs SET current_import_id = ?, lab_name = ? WHERE desk_id = ?').run(importId, m.lab.name, desk);
    jobStep(hashed.length, hashed.length);
    audit(ctx, 'import', 'lab_package', m.packageId, { deskId: desk, lab: m.lab.name, period, counts: preview.counts });
  })();
  return preview;
}
