// Child process of the crash trials (scripts/crash-trials.mjs, test/security/crash-swaps.test.ts,
// test/security/crash.test.ts).
// It drives the REAL services on a data folder: `seed` builds a template desk for an operation,
// `run` performs the operation (and is SIGKILLed at a random moment by the parent), `check` is the
// normal start that follows and reports what it finds as one JSON line.
//   node child.cjs seed  <op> <dir> <migrationsDir>
//   node child.cjs run   <op> <dir> <migrationsDir>
//   node child.cjs check <op> <dir> <migrationsDir>
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { openCore, type Core } from '../electron/app-core';
import { openDatabase } from '../electron/db/connection';
import { isEncryptedFile } from '../electron/db/encryption';
import { changePassphrase, setupSecurity } from '../electron/security/session';
import { createBackup } from '../electron/services/backup/backups';
import { restoreBackup } from '../electron/services/backup/restore';
import { commitImport, parseImportOffThread, suggestMapping } from '../electron/services/catalog/import';
import { createInstrument } from '../electron/services/catalog/instruments';
import { createLab } from '../electron/services/catalog/labs';
import { createApplicant } from '../electron/services/deals/applicants';
import { saveContract } from '../electron/services/deals/contracts';
import { claimVoucher } from '../electron/services/deals/vouchers';
import { addEvidence, deleteEvidence, readEvidence } from '../electron/services/facility/evaluation';
import { createUsage } from '../electron/services/bookings/usage';
import { addOrderMaterial, getOrderMaterialFile, removeOrderMaterial } from '../electron/services/orders/materials';
import { saveOrder, transitionOrder } from '../electron/services/orders/orders';
import { saveProduct } from '../electron/services/orders/products';
import { addAttachment, getAttachmentFile, removeAttachment } from '../electron/services/redemption/attachments';
import { updateSettings } from '../electron/services/settings';
import { referencedSealedFiles, SEALED_FOLDERS } from '../electron/services/sealed-store';
import { NATIONAL_EVALUATION_2026 } from '../shared/evaluation/national-2026';
import { instrumentInputSchema } from '../shared/catalog/instrument';
import { usageInputSchema } from '../shared/ipc/bookings';
import { applicantInputSchema, contractInputSchema, voucherClaimSchema } from '../shared/ipc/deals';
import { orderInputSchema, productInputSchema } from '../shared/ipc/orders';

export type Op = 'encrypt' | 'rekey' | 'restore' | 'migrate' | 'contract-save' | 'import-commit' | 'sealed-store';
const [mode, op, dir, migrationsDir] = process.argv.slice(2) as ['seed' | 'run' | 'check', Op, string, string];

export const P1 = 'first crash passphrase';
export const P2 = 'second crash passphrase';
export const MARK_NAME = 'CRASHMARK-APPLICANT';
export const MARK_FILE = 'CRASHMARK-ATTACHMENT';
const CONTRACTS = 40;
const EXTRA = 7;
const AT = '2025-06-01T00:00:00.000Z';

function insertContracts(db: Core['db'], n: number, from: number): number[] {
  const lab = Number(db.prepare('INSERT INTO labs(name, unit_name, contact, created_at) VALUES (?, ?, ?, ?)').run(`中心-${from}`, '某大学', '', AT).lastInsertRowid);
  const ids: number[] = [];
  db.transaction(() => {
    for (let i = from; i < from + n; i++) {
      const applicant = Number(db.prepare(`INSERT INTO applicants(kind, name, credit_code, region, contact_name, contact_phone, bank_name, bank_account, created_at, updated_at)
        VALUES ('enterprise', ?, ?, 'beijing', '李经理', '13800000000', '工商银行', ?, ?, ?)`)
        .run(`${MARK_NAME}-${i}`, `91110108MA${String(i).padStart(8, '0')}`, `6222-${MARK_NAME}-${i}`, AT, AT).lastInsertRowid);
      ids.push(Number(db.prepare(`INSERT INTO contracts(number, applicant_id, lab_id, title, services, signed_date, start_date, end_date, amount_fen,
        registration_date, profile_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, '检测', '2025-05-01', '2025-05-01', '2025-06-10', 100000,
        '2025-05-01', 'beijing-2023', 'active', ?, ?)`).run(`HT-${i}`, applicant, lab, `${MARK_NAME} 课题 ${i}`, AT, AT).lastInsertRowid));
    }
  })();
  return ids;
}

function attach(core: Core, contractIds: number[]): void {
  for (const id of contractIds.slice(0, 12)) {
    // Attachments are kept only as documents or images (judged by content): a PDF carrying the marker.
    const bytes = Buffer.from(`%PDF-1.4\n% ${MARK_FILE} ${id} ${'x'.repeat(3000)}\n%%EOF\n`);
    addAttachment(core.ctx, { contractId: id, kind: 'other', fileName: `附件-${id}.pdf`, dataBase64: bytes.toString('base64') });
  }
}

/** The legacy template: a desk of an older version (migrations up to 0017), key in settings, first-format sealed files. */
function seedLegacy(): void {
  const older = path.join(dir, '..', `${path.basename(dir)}-migrations`);
  fs.mkdirSync(older, { recursive: true });
  for (const f of fs.readdirSync(migrationsDir)) if (Number(f.slice(0, 4)) <= 17) fs.copyFileSync(path.join(migrationsDir, f), path.join(older, f));
  fs.mkdirSync(dir, { recursive: true });
  const { db } = openDatabase(path.join(dir, 'desk.sqlite'), { migrationsDir: older });
  const ids = insertContracts(db, CONTRACTS, 1);
  const key = Buffer.from(db.prepare(`SELECT value FROM settings WHERE key = 'attachments.dataKey'`).pluck().get() as string, 'hex');
  for (const id of ids.slice(0, 12)) {
    const plain = Buffer.from(`${MARK_FILE} ${id} ${'x'.repeat(3000)}`);
    const iv = crypto.randomBytes(12);
    const c = crypto.createCipheriv('aes-256-gcm', key, iv);
    const body = Buffer.concat([c.update(plain), c.final()]);
    fs.mkdirSync(path.join(dir, 'attachments', String(id)), { recursive: true });
    fs.writeFileSync(path.join(dir, 'attachments', String(id), `${id}.txt`), Buffer.concat([Buffer.from('OIVDSEAL1'), iv, c.getAuthTag(), body]));
    db.prepare(`INSERT INTO attachments(contract_id, kind, original_name, stored_name, sha256, size_bytes, created_at) VALUES (?, 'other', ?, ?, ?, ?, ?)`)
      .run(id, `${id}.txt`, `${id}.txt`, crypto.createHash('sha256').update(plain).digest('hex'), plain.length, AT);
  }
  db.close();
  fs.rmSync(older, { recursive: true, force: true });
}

function seed(): void {
  if (op === 'migrate') return seedLegacy();
  const core = openCore({ dataDir: dir, mode: 'browser', migrationsDir });
  setupSecurity(core, { mode: 'plain' });
  const ids = insertContracts(core.db, CONTRACTS, 1);
  attach(core, ids);
  createBackup(core.ctx, 'manual');
  if (op === 'rekey' || op === 'restore') setupSecurity(core, { mode: 'encrypted', passphrase: P1 });
  if (op === 'restore') {
    // The live desk moves on after the backup; restore goes back to CONTRACTS.
    insertContracts(core.db, EXTRA, 1000);
  }
  core.close();
}

/** Opens the desk as a normal start does (with `key` when it is encrypted), runs `use` and closes it. */
function withDesk(key: string | undefined, use: (core: Core) => void): void {
  const core = openCore({ dataDir: dir, mode: 'browser', migrationsDir, key });
  use(core);
  core.close();
}

function run(): void {
  process.stdout.write('ready\n');
  if (op === 'migrate') withDesk(undefined, () => {});
  else if (op === 'encrypt') withDesk(undefined, (core) => setupSecurity(core, { mode: 'encrypted', passphrase: P1 }));
  else if (op === 'rekey') withDesk(P1, (core) => changePassphrase(core, P1, P2));
  else {
    withDesk(P1, (core) => restoreBackup(core, fs.readdirSync(path.join(dir, 'backups')).filter((n) => /^desk-.*\.sqlite$/.test(n)).sort()[0]));
  }
  process.stdout.write('done\n');
}

function filesUnder(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}

function check(): void {
  const encrypted = isEncryptedFile(path.join(dir, 'desk.sqlite'));
  const keys = !encrypted ? [undefined] : op === 'rekey' ? [P2, P1] : [P1];
  const open = (report: Record<string, unknown>): Core => {
    for (const key of keys) {
      try {
        const core = openCore({ dataDir: dir, mode: 'browser', migrationsDir, key });
        report.passphrase = key === P2 ? 'P2' : key === P1 ? 'P1' : null;
        return core;
      } catch (e) {
        if (key === keys.at(-1)) throw e;
      }
    }
    throw new Error('no passphrase to try');
  };
  reportCheck(open, (c, report) => {
    report.integrity = c.db.pragma('integrity_check', { simple: true });
    report.contracts = Number(c.db.prepare('SELECT count(*) FROM contracts').pluck().get());
    const ids = c.db.prepare('SELECT id FROM attachments ORDER BY id').pluck().all() as number[];
    let readable = 0;
    for (const id of ids) {
      const bytes = Buffer.from(getAttachmentFile(c.ctx, id).dataBase64, 'base64');
      if (bytes.includes(Buffer.from(MARK_FILE))) readable++;
    }
    report.attachments = ids.length;
    report.attachmentsReadable = readable;
    report.legacyKeyRow = Number(c.db.prepare(`SELECT count(*) FROM settings WHERE key = 'attachments.dataKey'`).pluck().get());
  }, (report) => {
    // Plaintext: no file may hold a marker, except the live plain database (and its own plain backups) of a plain desk.
    const hits: string[] = [];
    for (const f of filesUnder(dir)) {
      const rel = path.relative(dir, f);
      const plainDeskFile = !encrypted && (/^desk\.sqlite(-wal)?$/.test(rel) || /^backups[/\\](desk|pre-restore)-[\d-]+\.sqlite$/.test(rel));
      if (plainDeskFile) continue;
      const bytes = fs.readFileSync(f);
      if (bytes.includes(Buffer.from(MARK_NAME)) || bytes.includes(Buffer.from(MARK_FILE))) hits.push(rel);
    }
    report.plaintextHits = hits;
    report.strays = fs.readdirSync(dir).filter((n) => /^desk\.sqlite\.|swap|keyring\.next/.test(n));
  }, { encrypted });
}

/**
 * The normal start that follows a run: opens the desk, lets `inspect` fill the report, closes the
 * desk (then `afterClose` looks at the folder) and prints the report as one JSON line; `ok` is
 * false, with the error, when anything throws.
 */
function reportCheck(
  open: (report: Record<string, unknown>) => Core,
  inspect: (core: Core, report: Record<string, unknown>) => void,
  afterClose: (report: Record<string, unknown>) => void = () => undefined,
  known: Record<string, unknown> = {},
): void {
  const report: Record<string, unknown> = { op, ...known };
  let core: Core | null = null;
  try {
    core = open(report);
    inspect(core, report);
    core.close();
    core = null;
    afterClose(report);
    report.ok = true;
  } catch (e) {
    report.ok = false;
    report.error = (e as Error).message;
    (core as Core | null)?.close();
  }
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

// ---- Contract save and import commit: many multi-row transactions of the real services. ----
/** The desk's fixed clock for these operations, so the dates below stay inside the 2023 Beijing profile. */
const NOW = () => new Date('2025-06-16T02:00:00.000Z');
const YUAN = 100;
export const SAVES = 24;
export const IMPORT_SEEDED = 150;
export const IMPORT_ROWS = 1500;
const IMPORT_HEADERS = ['所在单位内部编号', '仪器名称', '分类编码', '原值（万元）', '启用日期', '运行状态', '共享模式', '所属实验室'];

const openFixed = () => openCore({ dataDir: dir, mode: 'browser', migrationsDir, now: NOW });

/** Contract i at version v (1: created, 2: updated): what its instruments and voucher amount must be. */
export function contractShape(i: number, v: number): { instruments: number; voucherFen: number } {
  return v === 1 ? { instruments: 1 + (i % 3), voucherFen: 10_000 * YUAN + i } : { instruments: 3 - (i % 3), voucherFen: 20_000 * YUAN + i };
}

function contractFields(i: number, v: number, applicantId: number, voucherId: number) {
  const shape = contractShape(i, v);
  return contractInputSchema.parse({
    number: `CS-${i}`, applicantId, title: `${MARK_NAME} v${v}`, signedDate: '2025-06-12', startDate: '2025-06-12', endDate: '2025-07-31',
    amountFen: 100_000 * YUAN, serviceKinds: ['testing'], instrumentIds: [1, 2, 3].slice(0, shape.instruments),
    vouchers: [{ voucherId, amountFen: shape.voucherFen }],
  });
}

function importCsv(version: number, rows: number): string {
  const lines = [IMPORT_HEADERS.join(',')];
  for (let i = 1; i <= rows; i++) {
    lines.push([`IM-${String(i).padStart(5, '0')}`, `气相色谱仪 v${version}`, '010501', String(10 + (i % 90)), '2019-03-01', '正常', '外部共享', '分析测试中心'].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

function importInto(core: Core, csv: string): void {
  commitImport(core.ctx, {
    fileName: 'instruments.csv', dataBase64: Buffer.from(csv).toString('base64'), encoding: 'utf8',
    mapping: suggestMapping(IMPORT_HEADERS), onDuplicate: 'update',
  });
}

function seedWrites(): void {
  const core = openFixed();
  setupSecurity(core, { mode: 'plain' });
  if (op === 'contract-save') {
    const lab = createLab(core.ctx, { name: '分析测试中心', unitName: '某大学', contact: '' });
    for (let k = 1; k <= 3; k++) {
      createInstrument(core.ctx, instrumentInputSchema.parse({ innerId: `YQ-${k}`, nameCn: `仪器${k}`, categoryCode: '010501', originalValueFen: 500_000 * YUAN, labId: lab.id }));
    }
    for (let i = 0; i < SAVES; i++) {
      const a = createApplicant(core.ctx, applicantInputSchema.parse({
        kind: 'enterprise', name: `${MARK_NAME}-${i}`, region: 'beijing', registeredDate: '2022-03-01', staffCount: 50,
        revenueFen: 1_000_000 * YUAN, assetsFen: 800_000 * YUAN, fields: ['智能制造'],
      }));
      claimVoucher(core.ctx, voucherClaimSchema.parse({ number: `QC-${i}`, applicantId: a.id, faceValueFen: 50_000 * YUAN, claimDate: '2025-06-10', registeredDate: '2025-06-10' }));
    }
  } else {
    importInto(core, importCsv(1, IMPORT_SEEDED));
    fs.writeFileSync(path.join(dir, 'import.csv'), importCsv(2, IMPORT_ROWS));
  }
  core.close();
}

async function runWrites(): Promise<void> {
  const core = openFixed();
  process.stdout.write('ready\n');
  if (op === 'contract-save') {
    // Applicant i holds voucher i (seeded in that order): ids i + 1.
    const ids: number[] = [];
    for (let i = 0; i < SAVES; i++) {
      ids.push(saveContract(core.ctx, contractFields(i, 1, i + 1, i + 1), null).id);
      process.stdout.write(`saved ${i} 1\n`);
    }
    for (let i = 0; i < SAVES; i++) {
      saveContract(core.ctx, contractFields(i, 2, i + 1, i + 1), ids[i]);
      process.stdout.write(`saved ${i} 2\n`);
    }
  } else {
    // As the window does it: parse the file, then commit the kept parse; a kill after 'committing'
    // falls inside the commit itself.
    const csv = fs.readFileSync(path.join(dir, 'import.csv'));
    const parsed = await parseImportOffThread(core.ctx, { fileName: 'instruments.csv', dataBase64: csv.toString('base64'), encoding: 'utf8' });
    process.stdout.write('committing\n');
    commitImport(core.ctx, { parseId: parsed.parseId, headerRow: parsed.headerRow, mapping: suggestMapping(IMPORT_HEADERS), onDuplicate: 'update' });
  }
  core.close();
  process.stdout.write('done\n');
}

function checkWrites(): void {
  reportCheck(openFixed, (core, report) => {
    const db = core.db;
    report.integrity = db.pragma('integrity_check', { simple: true });
    report.foreignKeys = (db.pragma('foreign_key_check') as unknown[]).length;
    if (op === 'contract-save') {
      const rows = db.prepare(`SELECT c.id, c.number, c.title,
          (SELECT count(*) FROM contract_instruments ci WHERE ci.contract_id = c.id) AS instruments,
          (SELECT coalesce(sum(amount_fen), 0) FROM contract_vouchers cv WHERE cv.contract_id = c.id) AS voucherFen,
          (SELECT count(*) FROM contract_vouchers cv WHERE cv.contract_id = c.id) AS voucherRows,
          (SELECT count(*) FROM audit_log a WHERE a.entity = 'contract' AND a.entity_id = c.id) AS audits
        FROM contracts c ORDER BY c.id`).all() as { number: string; title: string; instruments: number; voucherFen: number; voucherRows: number; audits: number }[];
      const versions: number[] = [];
      const torn: string[] = [];
      for (const r of rows) {
        const i = Number(r.number.slice(3));
        const v = Number(/ v(\d)$/.exec(r.title)?.[1]);
        versions[i] = v;
        const shape = contractShape(i, v);
        if (r.instruments !== shape.instruments || r.voucherFen !== shape.voucherFen || r.voucherRows !== 1 || r.audits !== v) {
          torn.push(`${r.number} v${v}: ${r.instruments} instruments, ${r.voucherFen} fen on ${r.voucherRows} rows, ${r.audits} audit rows`);
        }
      }
      report.contracts = rows.length;
      report.versions = versions;
      report.torn = torn;
      report.orphans = Number(db.prepare(`SELECT (SELECT count(*) FROM contract_instruments WHERE contract_id NOT IN (SELECT id FROM contracts))
        + (SELECT count(*) FROM contract_vouchers WHERE contract_id NOT IN (SELECT id FROM contracts))`).pluck().get());
    } else {
      report.instruments = Number(db.prepare(`SELECT count(*) FROM instruments WHERE inner_id LIKE 'IM-%'`).pluck().get());
      report.updated = Number(db.prepare(`SELECT count(*) FROM instruments WHERE name_cn = '气相色谱仪 v2'`).pluck().get());
      report.importAudits = Number(db.prepare(`SELECT count(*) FROM audit_log WHERE action = 'import'`).pluck().get());
      report.mappings = Number(db.prepare('SELECT count(*) FROM import_mappings').pluck().get());
    }
  });
}

// ---- The sealed store: killed at a fixed point of a store or a removal (test/security/crash-sealed.test.ts). ----
// CRASH_SEALED_AT says where: `<kind>-store` dies right after the rename into place, before the
// COMMIT of the row; `<kind>-remove` dies right after the delete's COMMIT, before the file goes.
// Kinds: attachment (a contract's), evidence (evaluation), material (a Shanghai order's).
const EVIDENCE_INDICATOR = NATIONAL_EVALUATION_2026.indicators[0].id;
const evidenceUpload = (text: string) => ({ fromYear: 2025, toYear: 2025, indicator: EVIDENCE_INDICATOR, fileName: '佐证.pdf', dataBase64: Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`).toString('base64') });

function seedSealed(): void {
  const core = openCore({ dataDir: dir, mode: 'browser', migrationsDir });
  setupSecurity(core, { mode: 'plain' });
  attach(core, insertContracts(core.db, 4, 1));
  addEvidence(core.ctx, evidenceUpload(`${MARK_FILE} evidence 1`));
  addEvidence(core.ctx, evidenceUpload(`${MARK_FILE} evidence 2`));
  // A Shanghai order at 服务已完成 with two uploaded materials.
  updateSettings(core.ctx, { region: 'shanghai' });
  const productId = saveProduct(core.ctx, null, productInputSchema.parse({ code: 'P-01', name: '材料成分检验检测', serviceKind: 'inspection' })).id;
  const applicantId = createApplicant(core.ctx, applicantInputSchema.parse({
    kind: 'enterprise', name: `${MARK_NAME}-沪`, region: 'shanghai', registeredDate: '2022-03-01', staffCount: 50, revenueFen: 100_000_000,
    assetsFen: 80_000_000, fields: ['智能制造'], smeListed: true, smeListedYear: 2025, smeValidFrom: '2020-01-01', smeValidTo: '2030-12-31',
  })).id;
  const orderId = saveOrder(core.ctx, null, orderInputSchema.parse({
    number: 'DD00001', applicantId, productId, orderDate: '2025-10-10', totalFen: 200_000, voucherFen: 100_000, payoutParty: 'institution',
  })).id;
  transitionOrder(core.ctx, { id: orderId, to: 'accepted', date: '2025-10-11', note: '' });
  const instrumentId = createInstrument(core.ctx, instrumentInputSchema.parse({ innerId: 'SH-001', nameCn: '仪器SH-001', categoryCode: '020101', originalValueFen: 60_000_000 })).id;
  createUsage(core.ctx, usageInputSchema.parse({ instrumentId, orderId, startAt: '2025-10-12T09:00', endAt: '2025-10-12T12:00', external: true }));
  transitionOrder(core.ctx, { id: orderId, to: 'completed', date: '2025-10-12', note: '' });
  for (const n of [1, 2]) addOrderMaterial(core.ctx, { orderId, ...materialUpload(`${MARK_FILE} material ${n}`) });
  core.close();
}

const materialUpload = (text: string) => ({
  kind: 'deliverable' as const, uploadedBy: 'institution' as const, fileName: '检测报告.pdf', dataBase64: Buffer.from(`%PDF-1.4\n% ${text}\n%%EOF\n`).toString('base64'),
});

/** Kills this process the moment `fs[name]` is called with a path `hit` accepts (after the call when `after`). */
function dieAt(name: 'renameSync' | 'rmSync', hit: (p: string) => boolean, after: boolean): void {
  const real = fs[name] as (...a: unknown[]) => unknown;
  (fs as unknown as Record<string, unknown>)[name] = (...a: unknown[]) => {
    const p = String(a[name === 'renameSync' ? 1 : 0]);
    if (!hit(p)) return real(...a);
    if (!after) process.kill(process.pid, 'SIGKILL');
    const out = real(...a);
    process.kill(process.pid, 'SIGKILL');
    return out;
  };
}

function runSealed(): void {
  const at = process.env.CRASH_SEALED_AT ?? '';
  const core = openCore({ dataDir: dir, mode: 'browser', migrationsDir });
  const sealedTarget = (p: string) => SEALED_FOLDERS.some((f) => p.startsWith(path.join(dir, f) + path.sep)) && !/\.(part|pending|tmp)$/.test(p);
  const contractId = Number(core.db.prepare('SELECT min(id) FROM contracts').pluck().get());
  const attachmentId = Number(core.db.prepare('SELECT min(id) FROM attachments').pluck().get());
  const evidenceId = Number(core.db.prepare('SELECT min(id) FROM evaluation_evidence').pluck().get());
  const orderId = Number(core.db.prepare('SELECT min(id) FROM orders').pluck().get());
  const materialId = Number(core.db.prepare('SELECT min(id) FROM order_materials').pluck().get());
  process.stdout.write('ready\n');
  // The rename's target is the sealed file; the removal's first rmSync of a sealed file comes after its COMMIT.
  if (at.endsWith('-store')) dieAt('renameSync', sealedTarget, true);
  else dieAt('rmSync', sealedTarget, false);
  const pdf = Buffer.from(`%PDF-1.4\n% ${MARK_FILE} new\n%%EOF\n`).toString('base64');
  if (at === 'attachment-store') addAttachment(core.ctx, { contractId, kind: 'other', fileName: '新附件.pdf', dataBase64: pdf });
  else if (at === 'evidence-store') addEvidence(core.ctx, evidenceUpload(`${MARK_FILE} new`));
  else if (at === 'attachment-remove') removeAttachment(core.ctx, attachmentId);
  else if (at === 'evidence-remove') deleteEvidence(core.ctx, evidenceId);
  else if (at === 'material-store') addOrderMaterial(core.ctx, { orderId, ...materialUpload(`${MARK_FILE} new`) });
  else if (at === 'material-remove') removeOrderMaterial(core.ctx, materialId, '上传错了版本');
  else throw new Error(`unknown CRASH_SEALED_AT ${at}`);
  process.stdout.write('done\n');
}

function checkSealed(): void {
  reportCheck(() => openCore({ dataDir: dir, mode: 'browser', migrationsDir }), (c, report) => {
    const referenced = new Set(referencedSealedFiles(c.db, dir).map((f) => path.relative(dir, f)));
    const onDisk = SEALED_FOLDERS.flatMap((f) => filesUnder(path.join(dir, f))).map((f) => path.relative(dir, f));
    report.orphans = onDisk.filter((f) => !referenced.has(f));
    report.missing = [...referenced].filter((f) => !onDisk.includes(f));
    let unreadable = 0;
    const attachments = c.db.prepare('SELECT id FROM attachments').pluck().all() as number[];
    for (const id of attachments) {
      try { if (!Buffer.from(getAttachmentFile(c.ctx, id).dataBase64, 'base64').includes(Buffer.from(MARK_FILE))) unreadable++; } catch { unreadable++; }
    }
    const evidence = c.db.prepare('SELECT id FROM evaluation_evidence').pluck().all() as number[];
    for (const id of evidence) {
      try { if (!readEvidence(c.ctx, id).bytes.includes(Buffer.from(MARK_FILE))) unreadable++; } catch { unreadable++; }
    }
    const materials = c.db.prepare('SELECT id FROM order_materials').pluck().all() as number[];
    for (const id of materials) {
      try { if (!Buffer.from(getOrderMaterialFile(c.ctx, id).dataBase64, 'base64').includes(Buffer.from(MARK_FILE))) unreadable++; } catch { unreadable++; }
    }
    report.attachments = attachments.length;
    report.evidence = evidence.length;
    report.materials = materials.length;
    report.unreadable = unreadable;
    report.integrity = c.db.pragma('integrity_check', { simple: true });
  });
}

const WRITES: readonly Op[] = ['contract-save', 'import-commit'];

if (op === 'sealed-store') {
  if (mode === 'seed') seedSealed();
  else if (mode === 'run') runSealed();
  else checkSealed();
} else if (WRITES.includes(op)) {
  if (mode === 'seed') seedWrites();
  else if (mode === 'run') runWrites().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
  else checkWrites();
} else if (mode === 'seed') seed();
else if (mode === 'run') run();
else check();
