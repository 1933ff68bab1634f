// The marker scan: known strings in every confidential field and in attachments and evidence,
// encryption enabled, every export run (and downloaded), the desk locked; then every byte under the
// data folder and the temp folder is searched for the markers (inside zip/xlsx entries too): zero hits.
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NATIONAL_EVALUATION_2026 } from '../../shared/evaluation/national-2026';
import { insertContract } from '../redemption/fixtures';
import { exportReferencePackage, importReference } from '../../electron/services/facility/package/reference';
import { deskKeys, fingerprint, setIdentity } from '../../electron/services/facility/package/keys';
import { freshCores, tempDir } from './helpers';
import { pdfDocument } from '../fixtures/documents';

const fresh = freshCores();
const M = (n: string) => `MK${n}QZ`; // ASCII markers survive every encoding a file could use
const MARKERS = ['APPLICANT', 'CONTACT', 'PHONE', 'BANKNAME', 'BANKACCT', 'TITLE', 'SERVICES', 'RESULTS', 'USAGE', 'LAB', 'ATTACH', 'EVIDENCE', 'FILENAME'].map(M);

/** Marker hits in a file's bytes, and inside the entries of a zip (xlsx, docx, packet zips) recursively. */
function hitsIn(bytes: Uint8Array, where: string, out: string[]): void {
  const buf = Buffer.from(bytes);
  for (const m of MARKERS) {
    if (buf.includes(Buffer.from(m)) || buf.includes(Buffer.from(m, 'utf16le'))) out.push(`${where}: ${m}`);
  }
  if (buf.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    let entries: Record<string, Uint8Array> = {};
    try { entries = unzipSync(buf); } catch { return; }
    for (const [name, e] of Object.entries(entries)) hitsIn(e, `${where}!${name}`, out);
  }
}

function scan(root: string): { files: number; hits: string[] } {
  const hits: string[] = [];
  let files = 0;
  if (!fs.existsSync(root)) return { files, hits };
  for (const d of fs.readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!d.isFile()) continue;
    const f = path.join(d.parentPath, d.name);
    files++;
    hitsIn(fs.readFileSync(f), path.relative(root, f), hits);
  }
  return { files, hits };
}

let tmp: string;
let savedTmp: string | undefined;
// The temp folder of the process is a fresh one, so every file any code puts there is scanned.
beforeEach(() => { savedTmp = process.env.TMPDIR; tmp = tempDir(); process.env.TMPDIR = tmp; });
afterEach(() => { if (savedTmp === undefined) delete process.env.TMPDIR; else process.env.TMPDIR = savedTmp; fs.rmSync(tmp, { recursive: true, force: true }); });

type R = { ok: boolean; value?: unknown; error?: unknown };

describe('no plaintext left behind', () => {
  it('markers in every confidential field: after encryption, every export and lock, zero hits in the data and temp folders', async () => {
    const c = fresh();
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) {
      const { contractId, applicantId } = insertContract(c.db, { applicantName: `${M('APPLICANT')}${i}` });
      ids.push(contractId);
      c.db.prepare('UPDATE applicants SET contact_name = ?, contact_phone = ?, bank_name = ?, bank_account = ? WHERE id = ?')
        .run(M('CONTACT'), M('PHONE'), M('BANKNAME'), M('BANKACCT'), applicantId);
      c.db.prepare('UPDATE contracts SET title = ?, services = ? WHERE id = ?').run(M('TITLE'), M('SERVICES'), contractId);
      c.db.prepare(`INSERT INTO redemptions(contract_id, results_text, created_at, updated_at) VALUES (?, ?, '2025-06-01T00:00:00.000Z', '2025-06-01T00:00:00.000Z')`).run(contractId, M('RESULTS'));
      c.db.prepare('UPDATE usage_logs SET content = ? WHERE contract_id = ?').run(M('USAGE'), contractId);
      c.db.prepare('UPDATE labs SET contact = ? WHERE id = (SELECT lab_id FROM contracts WHERE id = ?)').run(M('LAB'), contractId);
      expect(await c.call('attachments:add', { contractId, kind: 'test_report', fileName: `${M('FILENAME')}.pdf`, dataBase64: pdfDocument(M('ATTACH')).toString('base64') }))
        .toMatchObject({ ok: true });
    }
    expect(await c.call('evaluation:addEvidence', { fromYear: 2025, toYear: 2025, indicator: NATIONAL_EVALUATION_2026.indicators[0].id, fileName: 'e.txt', dataBase64: Buffer.from(M('EVIDENCE')).toString('base64') }))
      .toMatchObject({ ok: true });
    // A lab desk reporting to a facility office: its lab data package is sealed to the office.
    setIdentity(c.ctx, { role: 'lab', unitName: '某大学', unitCreditCode: '91110108MA01ABCD3X', labName: '分析测试中心' });
    const office = fresh();
    setIdentity(office.ctx, { role: 'office', unitName: '某大学', unitCreditCode: '91110108MA01ABCD3X', labName: '' });
    const reference = new Uint8Array(Buffer.from(exportReferencePackage(office.ctx).dataBase64, 'base64'));
    importReference(c.ctx, reference, fingerprint(deskKeys(office.ctx).signPublic));
    await c.call('security:setup', { mode: 'plain' });
    expect(await c.call('backup:create', {})).toMatchObject({ ok: true }); // a plain backup before encryption
    expect(await c.call('security:setup', { mode: 'encrypted', passphrase: 'marker scan passphrase' })).toMatchObject({ ok: true });
    expect(await c.call('backup:create', {})).toMatchObject({ ok: true });

    // Every export the desk offers; each result is downloaded the way the window does.
    const exports: [string, unknown][] = [
      ['packets:export', { contractId: ids[0] }],
      ['attachments:get', { id: 1 }],
      ['audit:export', { format: 'csv' }],
      ['audit:export', { format: 'xlsx' }],
      ['money:statementXlsx', { contractId: ids[0] }],
      ['money:statementPdf', { contractId: ids[0] }],
      ['catalog:export', { year: 2025 }],
      ['catalog:exportServiceRecords', { year: 2025 }],
      ['assessment:exportXlsx', { year: 2025 }],
      ['assessment:exportPdf', { year: 2025 }],
      ['evaluation:exportXlsx', { fromYear: 2025, toYear: 2025 }],
      ['evaluation:exportPdf', { fromYear: 2025, toYear: 2025 }],
      ['evaluation:exportComparison', { fromYear: 2025, toYear: 2025 }],
      ['package:exportLab', { fromYear: 2025, toYear: 2025, attachments: true }],
      ['package:exportReference', {}],
    ];
    const ran: string[] = [];
    let downloadedWithMarkers = 0;
    for (const [channel, input] of exports) {
      const r = (await c.call(channel, input)) as R;
      if (r.ok) {
        ran.push(channel);
        const hits: string[] = [];
        hitsIn(Buffer.from((r.value as { dataBase64: string }).dataBase64, 'base64'), channel, hits);
        if (hits.length) downloadedWithMarkers++;
      }
    }
    const wait = async (status: string, jobId: string) => {
      for (let i = 0; i < 600; i++) {
        const s = (await c.call(status, { jobId })) as { value: { state: string } };
        if (s.value.state !== 'running') return s.value.state;
        await new Promise((res) => setTimeout(res, 20));
      }
      return 'timeout';
    };
    const batch = (await c.call('packets:startBatch', { contractIds: ids })) as { value: { jobId: string } };
    expect(await wait('packets:jobStatus', batch.value.jobId)).toBe('done');
    expect(await c.call('packets:jobResult', { jobId: batch.value.jobId })).toMatchObject({ ok: true });
    ran.push('packets:startBatch');
    const money = (await c.call('money:batchStart', { year: 2025 })) as R & { value: { jobId: string } };
    if (money.ok) {
      expect(await wait('money:batchStatus', money.value.jobId)).toBe('done');
      const statements = (await c.call('money:batchResult', { jobId: money.value.jobId })) as R;
      expect(statements.ok).toBe(true);
      ran.push('money:batchResult');
    }
    // A second batch is left undownloaded: the lock must drop it.
    const pending = (await c.call('packets:startBatch', { contractIds: ids })) as { value: { jobId: string } };
    await wait('packets:jobStatus', pending.value.jobId);

    expect(await c.call('security:lock', {})).toMatchObject({ ok: true, value: { locked: true } });
    const data = scan(c.ctx.dataDir);
    const temp = scan(tmp);
    console.log(`[markers] exports run: ${ran.length} (${ran.join(', ')}); downloads carrying markers: ${downloadedWithMarkers}; files scanned: ${data.files} data + ${temp.files} temp; hits: ${data.hits.length + temp.hits.length}`);
    expect(ran.length).toBeGreaterThanOrEqual(10);
    // The lab data package (with its attachments) and the statements really ran.
    expect(ran).toEqual(expect.arrayContaining(['package:exportLab', 'money:statementXlsx', 'money:statementPdf', 'money:batchResult']));
    expect(downloadedWithMarkers).toBeGreaterThan(0); // the markers really reached the exports
    expect(data.hits).toEqual([]);
    expect(temp.hits).toEqual([]);
  }, 120_000);
});
