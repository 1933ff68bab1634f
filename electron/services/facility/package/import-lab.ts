// The office imports a lab's package: verify (format, schema, registered key, signature, every
// part's hash and count, every record), show the changes since that lab's previous package, and
// replace that lab's data for the package's period (its years) in one transaction, keeping the
// lab's other years. A refused package changes nothing; the same package twice changes nothing;
// an older package never replaces a year a newer one supplies.
import { jobStep } from '../../../core-host/job';
import crypto from 'node:crypto';
import type { ZodType } from 'zod';
import type { ImportPreview, PartDiff } from '../../../../shared/ipc/office';
import { audit } from '../../audit';
import type { ServiceContext } from '../../context';
import { openPackage, packageSha256, refuse, verifyPackage, type Manifest } from './format';
import { existingKeys, peekIdentity, verifyBytes } from './keys';
import { chargeFromTableRow, chargeRecord, LAB_PARTS, labPartSchemaOf, OLDER_LAB_PARTS, orderFromTableRow, ratedHoursRecord, REQUIRED_LAB_PARTS, usageRecord, usageRecordV1, type ChargeRec, type RatedRec, type UsageRec } from './parts';

const EXAMPLES = 20;

interface Verified {
  manifest: Manifest;
  sha: string;
  sealed: boolean;
  /** Null for the package the office already holds as it is (nothing to read or apply). */
  parts: Map<string, Record<string, unknown>[]> | null;
  /** The usage records carry their Shanghai order (usage part schema 2 and later). */
  ordersKnown?: boolean;
}

const isInt = Number.isSafeInteger as (v: unknown) => v is number;
const isText = (v: unknown): v is string => typeof v === 'string' && v.length <= 2000;
const CIVIL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const USAGE_FIELDS = Object.keys(usageRecord.shape).length;
const USAGE_FIELDS_V1 = Object.keys(usageRecordV1.shape).length;

/**
 * A usage record exactly as the schema has it (its fields and no other): the check the schema
 * makes, written out for the part that carries a lab's records by the ten thousand. A record it
 * does not pass goes through the schema, which names the field at fault (or strips unknown ones).
 * Part schema 1 has no order link.
 */
function plainUsage(r: unknown, schema: number): boolean {
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return false;
  const u = r as Record<string, unknown>;
  let n = 0;
  for (const _ in u) n++;
  return n === (schema === 1 ? USAGE_FIELDS_V1 : USAGE_FIELDS) && isInt(u.id) && isInt(u.instrumentId) && (u.contractId === null || isInt(u.contractId))
    && (schema === 1 || u.orderId === null || isInt(u.orderId))
    && typeof u.startAt === 'string' && CIVIL_TIME.test(u.startAt) && typeof u.endAt === 'string' && CIVIL_TIME.test(u.endAt)
    && (u.external === 0 || u.external === 1) && isText(u.serviceWay) && isText(u.direction) && isInt(u.amountFen) && u.amountFen >= 0
    && isText(u.userUnit) && (u.satisfaction === null || (isInt(u.satisfaction) && u.satisfaction >= 1 && u.satisfaction <= 5));
}

const CIVIL_DATE = /^\d{4}-\d{2}-\d{2}$/;
const CHARGE_KEYS = Object.keys(chargeRecord.shape);
const RATED_KEYS = Object.keys(ratedHoursRecord.shape);
const intOrNull = (v: unknown) => v === null || isInt(v);
/** The record's own keys are exactly `keys`, in that order (the order the schema would give them, so its JSON is the same). */
function keysAre(u: Record<string, unknown>, keys: string[]): boolean {
  let n = 0;
  for (const k in u) if (k !== keys[n++]) return false;
  return n === keys.length;
}
const isRecord = (r: unknown): r is Record<string, unknown> => typeof r === 'object' && r !== null && !Array.isArray(r);

/** A charge record exactly as the schema has it (fields in the schema's order), checked as plainUsage checks a usage record: charges come by the ten thousand too. */
function plainCharge(r: unknown): boolean {
  if (!isRecord(r) || !keysAre(r, CHARGE_KEYS)) return false;
  return isInt(r.id) && intOrNull(r.contractId) && intOrNull(r.orderId) && intOrNull(r.usageId) && isText(r.kind) && isText(r.category)
    && typeof r.serviceDate === 'string' && CIVIL_DATE.test(r.serviceDate) && intOrNull(r.instrumentId) && isInt(r.amountFen) && intOrNull(r.statementId);
}

/** An 额定机时 record exactly as the schema has it (one per instrument and year). */
function plainRated(r: unknown): boolean {
  if (!isRecord(r) || !keysAre(r, RATED_KEYS)) return false;
  return typeof r.id === 'string' && isInt(r.instrumentId) && isInt(r.year) && typeof r.hours === 'number' && Number.isFinite(r.hours) && r.hours > 0 && isText(r.origin);
}

/** The fast check of a part's records at a part schema, where there is one. */
function fastCheckOf(name: string, version: number): ((r: unknown, schema: number) => boolean) | null {
  if (name === 'usage') return plainUsage;
  if (name === 'charges' && (version === 1 || version === 2)) return plainCharge;
  if (name === 'ratedHours' && version === 1) return plainRated;
  return null;
}

/** The record schema of a part at the part schema its manifest names; refuses a part schema this desk does not read. */
function partSchema(name: string, version: number): ZodType | null {
  const current = labPartSchemaOf(name);
  if (version === current) return (LAB_PARTS as Record<string, ZodType>)[name] ?? null;
  const older = OLDER_LAB_PARTS[name]?.[version];
  if (older) return older;
  const supported = [...Object.keys(OLDER_LAB_PARTS[name] ?? {}).map(Number), current].sort((a, b) => a - b);
  return refuse('package.partSchemaUnsupported', { part: name, version: String(version), supported: supported.join(', ') });
}

function verify(ctx: ServiceContext, bytes: Uint8Array): Verified {
  const opened = openPackage(bytes, () => existingKeys(ctx));
  const { manifest } = opened;
  if (manifest.kind !== 'lab') refuse('package.wrongKind', { kind: manifest.kind });
  const lab = ctx.db.prepare('SELECT public_key AS publicKey FROM office_labs WHERE desk_id = ?').get(String(manifest.deskId)) as { publicKey: string } | undefined;
  if (!lab) refuse('package.unknownDesk', { deskId: String(manifest.deskId) }, 'FORBIDDEN');
  const own = peekIdentity(ctx)?.unitCreditCode;
  const sha = packageSha256(bytes);
  // The very file the office imported from this lab before (its parts verified then): its signature
  // and unit are checked again, its parts are not read a second time unless it is to be applied.
  const before = ctx.db.prepare('SELECT 1 FROM office_imports WHERE desk_id = ? AND package_sha256 = ?').get(String(manifest.deskId), sha) !== undefined;
  if (before && verifyBytes(lab.publicKey, opened.manifestBytes, opened.signature) && !(own && manifest.unit?.creditCode !== own)
    && planOf(ctx, manifest, sha).status === 'same') {
    return { manifest, sha, sealed: opened.sealed, parts: null };
  }
  const raw = verifyPackage(opened, lab.publicKey);
  if (own && manifest.unit?.creditCode !== own) refuse('package.otherUnit', { creditCode: String(manifest.unit?.creditCode ?? '') }, 'FORBIDDEN');
  for (const name of REQUIRED_LAB_PARTS) if (!raw.has(name)) refuse('package.partTampered', { part: name });
  const parts = new Map<string, Record<string, unknown>[]>();
  for (const [name, records] of raw) {
    const version = manifest.parts.find((p) => p.name === name)?.schema ?? 1;
    const schema = partSchema(name, version);
    const fast = fastCheckOf(name, version);
    const out: Record<string, unknown>[] = [];
    for (let i = 0; i < records.length; i++) {
      const r = name === 'orders' ? orderFromTableRow(records[i]) : name === 'charges' && version === 1 ? chargeFromTableRow(records[i]) : records[i];
      if (fast?.(r, version)) out.push(r as Record<string, unknown>);
      else if (schema) {
        const parsed = schema.safeParse(r);
        if (!parsed.success) refuse('package.recordInvalid', { part: name, row: i + 1, issue: parsed.error.issues[0]?.path.join('.') || 'record' });
        out.push(parsed.data as Record<string, unknown>);
      } else {
        if (typeof r !== 'object' || r === null) refuse('package.recordInvalid', { part: name, row: i + 1, issue: 'record' });
        out.push(r as Record<string, unknown>);
      }
    }
    // Usage records of part schema 1 carry no order link: null, and the office knows it is unknown.
    if (name === 'usage' && version === 1) for (const u of out) u.orderId = null;
    parts.set(name, out);
  }
  const usageVersion = manifest.parts.find((p) => p.name === 'usage')?.schema ?? 1;
  return { manifest, sha, sealed: opened.sealed, parts, ordersKnown: usageVersion >= 2 };
}

/** Parts held at the office per lab, part and year (office_part_hashes: the hashes and one JSON array of the records), not as a row each: they come by the thousand. */
export const BULK_PARTS = new Set(['charges', 'ratedHours']);

const keyOf = (r: Record<string, unknown>) => String(r.id ?? r.rowid ?? JSON.stringify(r));
const hashOfJson = (json: string) => crypto.hash('sha1', json, 'base64').slice(0, 20);

/** 53-bit cyrb53 of a string. */
function cyrb53(str: string): number {
  let h1 = 0xdeadbeef | 0;
  let h2 = 0x41c6ce57 | 0;
  for (let i = 0; i < str.length; i++) {
    const ch = str.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 0x9e3779b1 | 0);
    h2 = Math.imul(h2 ^ ch, 0x5f356495 | 0);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 0x85ebca6b | 0) ^ Math.imul(h2 ^ (h2 >>> 13), 0xc2b2ae35 | 0);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 0x85ebca6b | 0) ^ Math.imul(h1 ^ (h1 >>> 13), 0xc2b2ae35 | 0);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/**
 * A usage record's hash at the office, kept only to tell a changed record from an unchanged one in
 * the next package of the same lab (the package's own integrity is its signature and SHA-256s):
 * a 53-bit hash of its fields, a number, cheap enough for millions of records. Hashes stored
 * before (strings: SHA-1 of the record's JSON) are compared with that hash of the new record.
 */
const usageHash = (u: UsageRec): number =>
  cyrb53(`${u.instrumentId}\u001f${u.contractId ?? ''}\u001f${u.startAt}\u001f${u.endAt}\u001f${u.external}\u001f${u.serviceWay}\u001f${u.direction}\u001f${u.amountFen}\u001f${u.userUnit}\u001f${u.satisfaction ?? ''}`
    // The order link joins the hash only when there is one, so a record without an order hashes as before orders travelled.
    + (u.orderId === null || u.orderId === undefined ? '' : `\u001fo${u.orderId}`));
const legacyUsageHash = (u: UsageRec): string => hashOfJson(JSON.stringify(usageRecordV1.parse(u)));
const labelOf = (part: string, r: Record<string, unknown>): string =>
  String(part === 'instruments' ? `${r.innerId} ${r.nameCn}` : part === 'contracts' ? r.number : part === 'applicants' ? r.name : part === 'vouchers' ? r.number : keyOf(r));

/** `year` is the year the record belongs to; null for register records (instruments, applicants, …). */
interface Hashed { part: string; key: string; hash: string; year: number | null; record: Record<string, unknown>; json: string }

/** The usage records, side by side: each one's key, hash and year (of its start). */
interface UsageHashed { records: UsageRec[]; keys: string[]; hashes: number[]; years: (number | null)[] }

function hashUsage(records: UsageRec[]): UsageHashed {
  const n = records.length;
  const out: UsageHashed = { records, keys: new Array<string>(n), hashes: new Array<number>(n), years: new Array<number | null>(n) };
  for (let i = 0; i < n; i++) {
    const u = records[i];
    out.keys[i] = String(u.id);
    out.hashes[i] = usageHash(u);
    out.years[i] = yearOfDate(u.startAt);
  }
  return out;
}

const yearOfDate = (v: unknown): number | null => (typeof v === 'string' && /^\d{4}-/.test(v) ? Number(v.slice(0, 4)) : null);

/** Every record but the usage records, with its JSON and SHA-1. */
function hashAll(parts: Map<string, Record<string, unknown>[]>): Hashed[] {
  const contractYear = new Map<number, number | null>();
  for (const c of parts.get('contracts') ?? []) contractYear.set(c.id as number, yearOfDate(c.signedDate));
  const yearOf = (part: string, r: Record<string, unknown>): number | null => {
    switch (part) {
      case 'usage': return yearOfDate(r.startAt);
      case 'contracts': return yearOfDate(r.signedDate);
      case 'orders': return yearOfDate(r.orderDate);
      case 'vouchers': return yearOfDate(r.claimDate);
      case 'ratedHours': case 'derived': return typeof r.year === 'number' ? r.year : null;
      case 'redemptions': case 'attachments': return contractYear.get(r.contractId as number) ?? null;
      case 'charges': return yearOfDate(r.serviceDate);
      default: return null;
    }
  };
  const out: Hashed[] = [];
  for (const [part, records] of parts) {
    if (part === 'usage') continue;
    for (const r of records) {
      const json = JSON.stringify(r);
      out.push({ part, key: keyOf(r), hash: hashOfJson(json), year: yearOf(part, r), record: r, json });
    }
  }
  return out;
}

interface YearOwner { year: number; importId: number; packageId: string; packageSha: string; createdAt: string }

function ownersOf(ctx: ServiceContext, deskId: string): YearOwner[] {
  return ctx.db.prepare(`SELECT y.year, y.import_id AS importId, i.package_id AS packageId, i.package_sha256 AS packageSha, i.created_at AS createdAt
    FROM office_lab_years y JOIN office_imports i ON i.id = y.import_id WHERE y.desk_id = ? ORDER BY y.year`).all(deskId) as YearOwner[];
}

/**
 * What importing a package for [from, to] does to the lab's data at the office: the years of the
 * period are replaced; the lab's other years are kept. Register records (instruments, applicants,
 * and records dated outside the period) are replaced as a whole only when the package covers every
 * year the office holds of the lab; otherwise they are added, and updated when the package is the
 * lab's newest, never removed.
 */
interface Plan {
  status: ImportPreview['status'];
  period: { fromYear: number; toYear: number };
  /** The package covers every year the office holds of this lab. */
  whole: boolean;
  /** The package is at least as new as every package whose years are kept. */
  newest: boolean;
  keptYears: number[];
}

function planOf(ctx: ServiceContext, m: Manifest, sha: string): Plan {
  const period = m.period!;
  const owners = ownersOf(ctx, m.deskId);
  const inPeriod = owners.filter((o) => o.year >= period.fromYear && o.year <= period.toYear);
  const kept = owners.filter((o) => o.year < period.fromYear || o.year > period.toYear);
  const isThis = (o: YearOwner) => o.packageSha === sha || o.packageId === m.packageId;
  const allYears = period.toYear - period.fromYear + 1;
  if (inPeriod.length === allYears && inPeriod.every(isThis)) {
    return { status: 'same', period, whole: kept.length === 0, newest: true, keptYears: kept.map((o) => o.year) };
  }
  // A year of the period supplied by a package made at the same time or later: this one is older.
  const newer = inPeriod.filter((o) => !isThis(o) && o.createdAt >= m.createdAt).sort((a, b) => b.createdAt.localeCompare(a.createdAt))[0];
  if (newer) refuse('package.older', { current: newer.createdAt }, 'CONFLICT');
  // The package was imported before and a newer one has since taken some of its years.
  if (inPeriod.some(isThis)) refuse('package.older', { current: inPeriod.filter((o) => !isThis(o)).map((o) => o.createdAt).sort().pop() ?? m.createdAt }, 'CONFLICT');
  return {
    status: owners.length === 0 ? 'new' : 'newer', period, whole: kept.length === 0,
    newest: kept.every((o) => o.createdAt <= m.createdAt), keptYears: [...new Set(kept.map((o) => o.year))],
  };
}

const inPeriodOf = (plan: Plan) => (year: number | null) => year !== null && year >= plan.period.fromYear && year <= plan.period.toYear;

function diffWith(ctx: ServiceContext, deskId: string, partOrder: string[], hashed: Hashed[], usageHashed: UsageHashed, plan: Plan): PartDiff[] {
  const inPeriod = inPeriodOf(plan);
  const old = new Map<string, Map<string, { hash: string; data: string | null; year: number | null }>>();
  for (const row of ctx.db.prepare('SELECT part, rkey, hash, data, year FROM office_records WHERE desk_id = ?').iterate(deskId) as Iterable<{ part: string; rkey: string; hash: string; data: string | null; year: number | null }>) {
    let m = old.get(row.part);
    if (!m) old.set(row.part, (m = new Map()));
    m.set(row.rkey, { hash: row.hash, data: row.data, year: row.year });
  }
  // Usage records are compared within the years the package replaces (the records it carries from
  // the days before its period belong to the previous year's package).
  const usage = new Map<string, { hash: string | number; data: string | null; year: number | null }>();
  for (const row of ctx.db.prepare('SELECT year, hashes FROM office_usage_hashes WHERE desk_id = ?').all(deskId) as { year: number; hashes: string }[]) {
    if (!plan.whole && !inPeriod(row.year)) continue;
    for (const [key, hash] of Object.entries(JSON.parse(row.hashes) as Record<string, string | number>)) usage.set(key, { hash, data: null, year: row.year });
  }
  old.set('usage', usage as Map<string, { hash: string; data: string | null; year: number | null }>);
  // Charges and 额定机时 likewise, by part and year (office_part_hashes); a hash stored as an object
  // is the record itself, as the upgrade to this form read it from the lab's table row.
  for (const row of ctx.db.prepare('SELECT part, year, hashes FROM office_part_hashes WHERE desk_id = ?').all(deskId) as { part: string; year: number; hashes: string }[]) {
    if (!plan.whole && !inPeriod(row.year)) continue;
    let m = old.get(row.part);
    if (!m) old.set(row.part, (m = new Map()));
    for (const [key, hash] of Object.entries(JSON.parse(row.hashes) as Record<string, string | object>)) {
      m.set(key, { hash: typeof hash === 'string' ? hash : `json:${JSON.stringify(hash)}`, data: null, year: row.year });
    }
  }
  const byPart = new Map<string, PartDiff>();
  const get = (part: string) => {
    let d = byPart.get(part);
    if (!d) byPart.set(part, (d = { part, records: 0, added: 0, changed: 0, removed: 0, unchanged: 0, examples: [] }));
    return d;
  };
  const seen = new Map<string, Set<string>>();
  if (usageHashed.records.length > 0) {
    const d = get('usage');
    const s = new Set<string>();
    seen.set('usage', s);
    const { records, keys, hashes, years } = usageHashed;
    for (let i = 0; i < records.length; i++) {
      d.records++;
      if (!inPeriod(years[i])) { d.unchanged++; continue; }
      const key = keys[i];
      s.add(key);
      const prev = usage.get(key);
      if (!prev) { d.added++; if (d.examples.length < EXAMPLES) d.examples.push({ change: 'added', key, label: key }); continue; }
      const hash = typeof prev.hash === 'string' ? legacyUsageHash(records[i]) : hashes[i];
      if (prev.hash !== hash) { d.changed++; if (d.examples.length < EXAMPLES) d.examples.push({ change: 'changed', key, label: key }); }
      else d.unchanged++;
    }
  }
  for (const h of hashed) {
    const d = get(h.part);
    d.records++;
    // Charges and 额定机时 are compared within the years the package replaces, as usage records are.
    if (BULK_PARTS.has(h.part) && !inPeriod(h.year)) { d.unchanged++; continue; }
    const prev = old.get(h.part)?.get(h.key);
    let s = seen.get(h.part);
    if (!s) seen.set(h.part, (s = new Set()));
    s.add(h.key);
    // A register record of an older package than the kept years' stays as the office has it.
    const takes = plan.whole || inPeriod(h.year) || plan.newest;
    if (!prev) { d.added++; if (d.examples.length < EXAMPLES) d.examples.push({ change: 'added', key: h.key, label: labelOf(h.part, h.record) }); }
    else if (prev.hash !== h.hash && takes && prev.hash !== `json:${h.json}`) { d.changed++; if (d.examples.length < EXAMPLES) d.examples.push({ change: 'changed', key: h.key, label: labelOf(h.part, h.record) }); }
    else d.unchanged++;
  }
  for (const [part, m] of old) {
    const s = seen.get(part);
    for (const [key, v] of m) {
      if (s?.has(key)) continue;
      // Only the period's records and, for a package of every year, the register go.
      if (!plan.whole && !inPeriod(v.year)) continue;
      const d = get(part);
      d.removed++;
      if (d.examples.length < EXAMPLES) d.examples.push({ change: 'removed', key, label: v.data ? labelOf(part, JSON.parse(v.data) as Record<string, unknown>) : key });
    }
  }
  const rank = (part: string) => { const i = partOrder.indexOf(part); return i < 0 ? partOrder.length : i; };
  return [...byPart.values()].sort((a, b) => rank(a.part) - rank(b.part));
}

interface Previewed { preview: ImportPreview; plan: Plan; hashed: Hashed[]; usage: UsageHashed }

/** The plan and the changes since the lab's previous package; the records are hashed only when the package is not the one the office holds. */
function previewOf(ctx: ServiceContext, v: Verified): Previewed {
  const m = v.manifest;
  const plan = planOf(ctx, m, v.sha);
  const same = plan.status === 'same';
  const parts = v.parts ?? new Map<string, Record<string, unknown>[]>();
  const hashed = same ? [] : hashAll(parts);
  const usage = same ? hashUsage([]) : hashUsage(parts.get('usage') as unknown as UsageRec[]);
  const preview: ImportPreview = {
    status: plan.status, deskId: m.deskId, labName: m.lab.name, unitName: m.unit.name, unitCreditCode: m.unit.creditCode, packageId: m.packageId,
    createdAt: m.createdAt, period: m.period!, schemaVersion: m.schemaVersion, sealed: v.sealed, attachments: m.attachments,
    counts: Object.fromEntries(m.parts.filter((p) => p.path.startsWith('parts/')).map((p) => [p.name, p.records])),
    diff: same ? [] : diffWith(ctx, m.deskId, [...parts.keys()], hashed, usage, plan),
    keptYears: plan.keptYears,
  };
  return { preview, plan, hashed, usage };
}

export function inspectLabPackage(ctx: ServiceContext, bytes: Uint8Array): ImportPreview {
  return previewOf(ctx, verify(ctx, bytes)).preview;
}

/** Seconds of [s, e) inside [a, b), as the lab's assessment clips usage to a year. */
const clip = (s: number, e: number, a: number, b: number) => Math.max(0, (Math.min(e, b) - Math.max(s, a)) / 1000);

const digits2 = (t: string, i: number) => (t.charCodeAt(i) - 48) * 10 + t.charCodeAt(i + 1) - 48;

/**
 * A civil time 'YYYY-MM-DDTHH:MM' (already matched by the schema) as UTC milliseconds, read as
 * Date.parse reads it with ':00Z' appended: days up to 31 in any month run on into the next
 * month, 24:00 is the next midnight, anything else out of range is NaN.
 */
export function civilTimeMs(t: string): number {
  const y = digits2(t, 0) * 100 + digits2(t, 2);
  const mo = digits2(t, 5);
  const d = digits2(t, 8);
  const h = digits2(t, 11);
  const mi = digits2(t, 14);
  if (y < 100 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || (h === 24 && mi > 0)) return y < 100 ? Date.parse(`${t}:00Z`) : NaN;
  return Date.UTC(y, mo - 1, d, h, mi);
}

interface Slot { iid: number; year: number; rated: number; sec: number; ext: number; con: number; ord: number; records: number; income: number; satSum: number; satN: number }
interface MonthSum { year: number; month: number; sec: number; ext: number }

/**
 * Per instrument-year sums of the usage records clipped to each year of the period (and the
 * 额定机时 of each instrument-year), per month, and the external users of each year; slots and
 * months in the order the records first reach them.
 */
function sumUsage(period: { fromYear: number; toYear: number }, rated: RatedRec[], records: UsageRec[], charges: ChargeRec[]) {
  const n = period.toYear - period.fromYear + 1;
  const starts: number[] = [];
  for (let k = 0; k <= n; k++) starts.push(Date.UTC(period.fromYear + k, 0, 1));
  const byInstrument = new Map<number, (Slot | undefined)[]>();
  const slots: Slot[] = [];
  const slot = (iid: number, k: number): Slot => {
    let row = byInstrument.get(iid);
    if (!row) byInstrument.set(iid, (row = new Array<Slot | undefined>(n)));
    let a = row[k];
    if (!a) slots.push((row[k] = a = { iid, year: period.fromYear + k, rated: 0, sec: 0, ext: 0, con: 0, ord: 0, records: 0, income: 0, satSum: 0, satN: 0 }));
    return a;
  };
  const outside = new Map<string, Slot>();
  for (const r of rated) {
    const k = r.year - period.fromYear;
    if (k >= 0 && k < n) { slot(r.instrumentId, k).rated = r.hours; continue; }
    const key = `${r.instrumentId}:${r.year}`;
    let a = outside.get(key);
    if (!a) { outside.set(key, (a = { iid: r.instrumentId, year: r.year, rated: 0, sec: 0, ext: 0, con: 0, ord: 0, records: 0, income: 0, satSum: 0, satN: 0 })); slots.push(a); }
    a.rated = r.hours;
  }
  // 服务金额 of a usage record: its charge line's amount when it has been charged, else the typed
  // amount; charges tied to no usage record count as the year's other service income (as at the lab).
  const charged = new Map<number, number>();
  const otherIncome = new Array<number>(n).fill(0);
  for (const c of charges) {
    if (c.usageId !== null) { charged.set(c.usageId, c.amountFen); continue; }
    // A charge belongs to a contract or to a Shanghai order (never both): either counts.
    const k = (yearOfDate(c.serviceDate) ?? 0) - period.fromYear;
    if ((c.contractId !== null || c.orderId !== null) && k >= 0 && k < n) otherIncome[k] += c.amountFen;
  }
  const monthOf = new Array<MonthSum | undefined>(n * 12);
  const months: MonthSum[] = [];
  const users = new Map<number, Set<string>>();
  for (const u of records) {
    const s = civilTimeMs(u.startAt);
    const e = civilTimeMs(u.endAt);
    for (let k = 0; k < n; k++) {
      const a = starts[k];
      const b = starts[k + 1];
      if (!(e > a && s < b)) continue;
      const sec = clip(s, e, a, b);
      const t = slot(u.instrumentId, k);
      t.sec += sec;
      t.ext += u.external * sec;
      if (u.contractId !== null) t.con += sec;
      if (u.orderId !== null && u.orderId !== undefined) t.ord += sec;
      t.records++;
      if (s >= a) t.income += charged.get(u.id) ?? u.amountFen;
      if (u.satisfaction !== null) { t.satSum += u.satisfaction; t.satN++; }
      const mi = k * 12 + new Date(Math.max(s, a)).getUTCMonth();
      let mm = monthOf[mi];
      if (!mm) months.push((monthOf[mi] = mm = { year: period.fromYear + k, month: (mi % 12) + 1, sec: 0, ext: 0 }));
      mm.sec += sec;
      mm.ext += u.external * sec;
      if (u.external === 1 && u.userUnit !== '') {
        const y = period.fromYear + k;
        let set = users.get(y);
        if (!set) users.set(y, (set = new Set()));
        set.add(u.userUnit);
      }
    }
  }
  return { slots, months, users, otherIncome };
}

export function importLabPackage(ctx: ServiceContext, bytes: Uint8Array): ImportPreview {
  const v = verify(ctx, bytes);
  const { preview, plan, hashed, usage } = previewOf(ctx, v);
  if (preview.status === 'same' || !v.parts) return preview;
  const parts = v.parts;
  const m = v.manifest;
  const desk = m.deskId;
  const period = m.period!;
  const db = ctx.db;
  const inPeriod = inPeriodOf(plan);

  db.transaction(() => {
    // The period's years go; the lab's other years stay.
    const span = [period.fromYear, period.toYear];
    for (const t of ['office_instrument_years', 'office_months', 'office_external_users']) {
      db.prepare(`DELETE FROM ${t} WHERE desk_id = ? AND year BETWEEN ? AND ?`).run(desk, ...span);
    }
    if (plan.whole) db.prepare('DELETE FROM office_records WHERE desk_id = ?').run(desk);
    else db.prepare('DELETE FROM office_records WHERE desk_id = ? AND year BETWEEN ? AND ?').run(desk, ...span);
    const put = db.prepare('INSERT OR REPLACE INTO office_records(desk_id, part, rkey, hash, data, year) VALUES (?, ?, ?, ?, ?, ?)');
    const add = db.prepare('INSERT OR IGNORE INTO office_records(desk_id, part, rkey, hash, data, year) VALUES (?, ?, ?, ?, ?, ?)');
    // Progress to the window over the package's records; a cancel here rolls the whole import back.
    const total = hashed.length + usage.records.length;
    let written = 0;
    // Charges and 额定机时 of the period: per part and year, the hashes and the records as carried (their JSON, already made for the hash).
    const bulk = new Map<string, { hashes: Record<string, string>; records: string[] }>();
    for (const h of hashed) {
      if (BULK_PARTS.has(h.part)) {
        if (inPeriod(h.year)) {
          const k = `${h.part}\u0000${h.year}`;
          let m = bulk.get(k);
          if (!m) bulk.set(k, (m = { hashes: {}, records: [] }));
          m.hashes[h.key] = h.hash;
          m.records.push(h.json);
        }
      } else (plan.whole || plan.newest || inPeriod(h.year) ? put : add).run(desk, h.part, h.key, h.hash, h.json, h.year);
      if (++written % 1000 === 0) jobStep(written, total);
    }
    if (plan.whole) db.prepare('DELETE FROM office_part_hashes WHERE desk_id = ?').run(desk);
    else db.prepare('DELETE FROM office_part_hashes WHERE desk_id = ? AND year BETWEEN ? AND ?').run(desk, ...span);
    const putBulk = db.prepare('INSERT INTO office_part_hashes(desk_id, part, year, hashes, records) VALUES (?, ?, ?, ?, ?)');
    for (const [k, m] of bulk) { const [part, year] = k.split('\u0000'); putBulk.run(desk, part, Number(year), JSON.stringify(m.hashes), `[${m.records.join(',')}]`); }
    const usageHashes = new Map<number, Record<string, number>>();
    for (let i = 0; i < usage.records.length; i++) {
      const year = usage.years[i];
      if (inPeriod(year)) {
        let m = usageHashes.get(year!);
        if (!m) usageHashes.set(year!, (m = {}));
        m[usage.keys[i]] = usage.hashes[i];
      }
      if (++written % 1000 === 0) jobStep(written, total);
    }
    if (plan.whole) db.prepare('DELETE FROM office_usage_hashes WHERE desk_id = ?').run(desk);
    else db.prepare('DELETE FROM office_usage_hashes WHERE desk_id = ? AND year BETWEEN ? AND ?').run(desk, ...span);
    const putUsage = db.prepare('INSERT INTO office_usage_hashes(desk_id, year, hashes) VALUES (?, ?, ?)');
    for (const [year, m] of usageHashes) putUsage.run(desk, year, JSON.stringify(m));

    // The lab's instruments, contracts, orders and applicants at the office, from its records as they now stand.
    for (const t of ['office_instruments', 'office_contracts', 'office_orders', 'office_applicants']) db.prepare(`DELETE FROM ${t} WHERE desk_id = ?`).run(desk);
    const j = (f: string) => `json_extract(data, '$.${f}')`;
    db.prepare(`INSERT INTO office_instruments(desk_id, iid, inner_id, asset_no, name_cn, category_code, value_fen, usage_kind, share_mode, status, retired_at, lab_name)
      SELECT desk_id, CAST(rkey AS INTEGER), ${j('innerId')}, coalesce(${j('assetNo')}, ''), ${j('nameCn')}, ${j('categoryCode')}, ${j('originalValueFen')}, ${j('usageKind')},
        ${j('shareMode')}, ${j('status')}, ${j('retiredAt')}, coalesce(nullif(${j('labName')}, ''), @lab)
      FROM office_records WHERE desk_id = @desk AND part = 'instruments'`).run({ desk, lab: m.lab.name });
    db.prepare(`INSERT INTO office_contracts(desk_id, cid, number, applicant_id, signed_date, amount_fen, status, voucher_fen)
      SELECT desk_id, CAST(rkey AS INTEGER), ${j('number')}, ${j('applicantId')}, ${j('signedDate')}, coalesce(${j('actualAmountFen')}, ${j('amountFen')}), ${j('status')},
        (SELECT coalesce(sum(json_extract(v.value, '$.amountFen')), 0) FROM json_each(data, '$.vouchers') v)
      FROM office_records WHERE desk_id = ? AND part = 'contracts'`).run(desk);
    db.prepare(`INSERT INTO office_orders(desk_id, oid, number, applicant_id, order_date, total_fen, voucher_fen, status)
      SELECT desk_id, CAST(rkey AS INTEGER), ${j('number')}, ${j('applicantId')}, ${j('orderDate')}, ${j('totalFen')}, ${j('voucherFen')}, ${j('status')}
      FROM office_records WHERE desk_id = ? AND part = 'orders'`).run(desk);
    db.prepare(`INSERT INTO office_applicants(desk_id, aid, name, credit_code)
      SELECT desk_id, CAST(rkey AS INTEGER), ${j('name')}, ${j('creditCode')} FROM office_records WHERE desk_id = ? AND part = 'applicants'`).run(desk);

    const sums = sumUsage(period, parts.get('ratedHours') as unknown as RatedRec[], usage.records, (parts.get('charges') ?? []) as unknown as ChargeRec[]);
    const insY = db.prepare(`INSERT INTO office_instrument_years(desk_id, iid, year, rated_hours, sec, ext_sec, records, income_fen, sat_sum, sat_n, contract_sec, order_sec)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const ordersKnown = v.ordersKnown === true;
    for (const a of sums.slots) {
      insY.run(desk, a.iid, a.year, a.rated, Math.round(a.sec), Math.round(a.ext), a.records, a.income, a.satSum, a.satN, Math.round(a.con), ordersKnown ? Math.round(a.ord) : null);
    }
    const insM = db.prepare('INSERT INTO office_months(desk_id, year, month, sec, ext_sec) VALUES (?, ?, ?, ?, ?)');
    for (const mm of sums.months) insM.run(desk, mm.year, mm.month, Math.round(mm.sec), Math.round(mm.ext));
    const insU = db.prepare('INSERT INTO office_external_users(desk_id, year, user_unit) VALUES (?, ?, ?)');
    for (const [y, units] of sums.users) for (const unit of units) insU.run(desk, y, unit);

    const importId = Number(db.prepare(`INSERT INTO office_imports(desk_id, package_id, package_sha256, schema_version, created_at, from_year, to_year, lab_name, unit_name,
        unit_credit_code, sealed, counts, diff, derived, imported_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(desk, m.packageId, v.sha, m.schemaVersion, m.createdAt, period.fromYear, period.toYear, m.lab.name, m.unit.name, m.unit.creditCode, v.sealed ? 1 : 0,
        JSON.stringify(preview.counts), JSON.stringify(preview.diff.map(({ examples: _e, ...d }) => d)), JSON.stringify(parts.get('derived')),
        ctx.now().toISOString(), ctx.actor).lastInsertRowid);
    const setYear = db.prepare('INSERT OR REPLACE INTO office_lab_years(desk_id, year, import_id, other_income_fen) VALUES (?, ?, ?, ?)');
    for (let y = period.fromYear; y <= period.toYear; y++) setYear.run(desk, y, importId, sums.otherIncome[y - period.fromYear]);
    // The lab's current package is its newest; the packages no longer supplying a year stay in the history.
    db.prepare(`UPDATE office_labs SET current_import_id = (SELECT i.id FROM office_lab_years y JOIN office_imports i ON i.id = y.import_id
        WHERE y.desk_id = @desk ORDER BY i.created_at DESC, i.id DESC LIMIT 1), lab_name = CASE WHEN @newest THEN @lab ELSE lab_name END WHERE desk_id = @desk`)
      .run({ desk, lab: m.lab.name, newest: plan.newest ? 1 : 0 });
    jobStep(total, total);
    audit(ctx, 'import', 'lab_package', m.packageId, { deskId: desk, lab: m.lab.name, period, keptYears: plan.keptYears, counts: preview.counts });
  })();
  return preview;
}
