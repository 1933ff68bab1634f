// The office's reference data as a package labs import: unit profile (with the office's key that
// lab packages are sealed to), 额定机时 presets and unit defaults, indicator weights, holidays.
// The first import registers the office (the user confirms its fingerprint, read out by phone);
// later imports must be signed by the same key.
import type { FileDownload } from '../../../../shared/ipc/catalog';
import type { ReferenceImportResult } from '../../../../shared/ipc/office';
import { audit } from '../../audit';
import type { ServiceContext } from '../../context';
import { evaluationSettingsSchema, getEvaluationSettings } from '../evaluation-settings';
import { buildPackage, openPackage, refuse, verifyPackage, type OpenedPackage } from './format';
import { APP_VERSION } from './export-lab';
import { deskKeys, existingKeys, fingerprint, getIdentity, peekIdentity, setIdentity } from './keys';
import { getRegisteredOffice, setRegisteredOffice } from './office-key';
import { referenceParts } from './parts';
import type { ZodType } from 'zod';

export function exportReferencePackage(ctx: ServiceContext): FileDownload {
  const id = getIdentity(ctx);
  if (!id.unitCreditCode) refuse('package.identityMissing', { what: '单位统一社会信用代码 (unit credit code)' });
  const keys = deskKeys(ctx);
  const db = ctx.db;
  const ev = getEvaluationSettings(ctx);
  const parts = [
    { name: 'unit', schema: 1, records: [{ id: 'unit', name: id.unitName, creditCode: id.unitCreditCode, officeBoxPublic: keys.boxPublic, officeDeskId: id.deskId }] },
    { name: 'ratedPresets', schema: 1, records: db.prepare('SELECT id, name, hours FROM rated_hours_presets ORDER BY id').all() },
    { name: 'ratedUnit', schema: 1, records: db.prepare("SELECT CAST(year AS TEXT) AS id, year, preset_id AS presetId, hours FROM rated_hours_unit ORDER BY year").all() },
    { name: 'weights', schema: 1, records: [{ id: 'weights', weights: ev.weights, gradeFloors: ev.gradeFloors }] },
    { name: 'holidays', schema: 1, records: db.prepare('SELECT date AS id, kind, name FROM holidays ORDER BY date').all() },
  ];
  const { bytes, manifest } = buildPackage({
    kind: 'reference', deskId: id.deskId, unit: { name: id.unitName, creditCode: id.unitCreditCode }, lab: { name: '' }, period: null,
    createdAt: ctx.now().toISOString(), appVersion: APP_VERSION, parts, keys, signerFingerprint: fingerprint(keys.signPublic),
  });
  audit(ctx, 'export', 'reference_package', manifest.packageId, { counts: Object.fromEntries(manifest.parts.map((p) => [p.name, p.records])) });
  return { fileName: `设备处参考数据-${id.unitName || id.unitCreditCode}.oidpkg`, mimeType: 'application/octet-stream', dataBase64: Buffer.from(bytes).toString('base64') };
}

function openReference(ctx: ServiceContext, bytes: Uint8Array): { opened: OpenedPackage; firstTime: boolean; parts: Map<string, unknown[]> } {
  const opened = openPackage(bytes, () => existingKeys(ctx));
  if (opened.manifest.kind !== 'reference') refuse('package.wrongKind', { kind: opened.manifest.kind });
  const registered = getRegisteredOffice(ctx);
  const signer = String(opened.manifest.signer?.publicKey ?? '');
  if (registered && registered.signPublic !== signer) {
    refuse('package.officeKeyChanged', { fingerprint: signer ? fingerprint(signer) : '—', registered: registered.fingerprint }, 'FORBIDDEN');
  }
  const parts = verifyPackage(opened, registered?.signPublic ?? signer);
  for (const [name, schema] of Object.entries(referenceParts) as [string, ZodType][]) {
    const records = parts.get(name);
    if (!records) refuse('package.partTampered', { part: name });
    records.forEach((r, i) => { if (!schema.safeParse(r).success) refuse('package.recordInvalid', { part: name, row: i + 1, issue: 'record' }); });
  }
  const own = peekIdentity(ctx)?.unitCreditCode;
  if (own && opened.manifest.unit.creditCode !== own) refuse('package.otherUnit', { creditCode: opened.manifest.unit.creditCode }, 'FORBIDDEN');
  return { opened, firstTime: !registered, parts };
}

export function inspectReference(ctx: ServiceContext, bytes: Uint8Array) {
  const { opened, firstTime } = openReference(ctx, bytes);
  return {
    fingerprint: fingerprint(opened.manifest.signer.publicKey), unitName: opened.manifest.unit.name, firstTime,
    counts: Object.fromEntries(opened.manifest.parts.map((p) => [p.name, p.records])),
  };
}

const normFp = (s: string) => s.replace(/[\s-]/g, '').toUpperCase();

export function importReference(ctx: ServiceContext, bytes: Uint8Array, confirmFingerprint?: string): ReferenceImportResult {
  const { opened, firstTime, parts } = openReference(ctx, bytes);
  const fp = fingerprint(opened.manifest.signer.publicKey);
  if (firstTime && normFp(confirmFingerprint ?? '') !== normFp(fp)) refuse('package.fingerprintMismatch', { fingerprint: fp, confirmed: confirmFingerprint ?? '' }, 'FORBIDDEN');
  const unit = parts.get('unit')![0] as { name: string; creditCode: string; officeBoxPublic: string; officeDeskId: string };
  const presets = parts.get('ratedPresets') as { id: string; name: string; hours: number }[];
  const ratedUnit = parts.get('ratedUnit') as { year: number; presetId: string | null; hours: number | null }[];
  const weights = parts.get('weights')![0] as { weights: Record<string, number>; gradeFloors: { excellent: number; good: number; qualified: number } };
  const holidays = parts.get('holidays') as { id: string; kind: string; name: string }[];
  const db = ctx.db;
  db.transaction(() => {
    setRegisteredOffice(ctx, {
      deskId: unit.officeDeskId, unitName: unit.name, creditCode: unit.creditCode, signPublic: opened.manifest.signer.publicKey, boxPublic: unit.officeBoxPublic,
      fingerprint: fp, registeredAt: getRegisteredOffice(ctx)?.registeredAt ?? ctx.now().toISOString(),
    });
    setIdentity(ctx, { unitName: unit.name, unitCreditCode: unit.creditCode });
    const putPreset = db.prepare(`INSERT INTO rated_hours_presets(id, name, hours, created_at) VALUES (?, ?, ?, ?)
      ON CONFLICT(id) DO UPDATE SET name = excluded.name, hours = excluded.hours`);
    for (const p of presets) putPreset.run(p.id, p.name, p.hours, ctx.now().toISOString());
    const putUnit = db.prepare(`INSERT INTO rated_hours_unit(year, preset_id, hours, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT(year) DO UPDATE SET preset_id = excluded.preset_id, hours = excluded.hours, updated_at = excluded.updated_at`);
    for (const r of ratedUnit) putUnit.run(r.year, r.presetId, r.hours, ctx.now().toISOString());
    db.prepare("INSERT INTO settings(key, value) VALUES ('evaluation.settings', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
      .run(JSON.stringify(evaluationSettingsSchema.parse(weights)));
    // Holidays: the office's table replaces the years it covers.
    const years = [...new Set(holidays.map((h) => h.id.slice(0, 4)))];
    for (const y of years) db.prepare('DELETE FROM holidays WHERE date BETWEEN ? AND ?').run(`${y}-01-01`, `${y}-12-31`);
    const putH = db.prepare('INSERT INTO holidays(date, kind, name) VALUES (?, ?, ?)');
    for (const h of holidays) putH.run(h.id, h.kind, h.name);
    audit(ctx, 'import', 'reference_package', opened.manifest.packageId, { office: fp, firstTime, presets: presets.length, ratedYears: ratedUnit.length, holidays: holidays.length });
  })();
  return { officeFingerprint: fp, firstTime, presets: presets.length, ratedYears: ratedUnit.length, holidays: holidays.length, weights: true };
}
