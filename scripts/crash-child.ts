// Child process of the crash trials (scripts/crash-trials.mjs, test/security/crash-swaps.test.ts).
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
import { addAttachment, getAttachmentFile } from '../electron/services/redemption/attachments';

export type Op = 'encrypt' | 'rekey' | 'restore' | 'migrate';
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

function run(): void {
  process.stdout.write('ready\n');
  if (op === 'migrate') {
    openCore({ dataDir: dir, mode: 'browser', migrationsDir }).close();
  } else if (op === 'encrypt') {
    const core = openCore({ dataDir: dir, mode: 'browser', migrationsDir });
    setupSecurity(core, { mode: 'encrypted', passphrase: P1 });
    core.close();
  } else if (op === 'rekey') {
    const core = openCore({ dataDir: dir, mode: 'browser', migrationsDir, key: P1 });
    changePassphrase(core, P1, P2);
    core.close();
  } else {
    const core = openCore({ dataDir: dir, mode: 'browser', migrationsDir, key: P1 });
    const name = fs.readdirSync(path.join(dir, 'backups')).filter((n) => /^desk-.*\.sqlite$/.test(n)).sort()[0];
    restoreBackup(core, name);
    core.close();
  }
  process.stdout.write('done\n');
}

function filesUnder(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}

function check(): void {
  const live = path.join(dir, 'desk.sqlite');
  const encrypted = isEncryptedFile(live);
  const report: Record<string, unknown> = { op, encrypted };
  let core: Core | null = null;
  try {
    const keys = !encrypted ? [undefined] : op === 'rekey' ? [P2, P1] : [P1];
    for (const key of keys) {
      try {
        core = openCore({ dataDir: dir, mode: 'browser', migrationsDir, key });
        report.passphrase = key === P2 ? 'P2' : key === P1 ? 'P1' : null;
        break;
      } catch (e) {
        if (key === keys.at(-1)) throw e;
      }
    }
    const c = core!;
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
    c.close();
    core = null;
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
    report.ok = true;
  } catch (e) {
    report.ok = false;
    report.error = (e as Error).message;
    (core as Core | null)?.close();
  }
  process.stdout.write(`${JSON.stringify(report)}\n`);
}

if (mode === 'seed') seed();
else if (mode === 'run') run();
else check();
