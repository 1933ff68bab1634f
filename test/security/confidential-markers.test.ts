// The marker scan: known strings in every confidential field and in attachments and evidence,
// encryption enabled, every export run (and downloaded), the desk locked; then every byte under the
// data folder and the temp folder is searched for the markers (inside zip/xlsx entries too): zero hits.
import { execFileSync } from 'node:child_process';
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
const MARKERS = ['APPLICANT', 'CONTACT', 'PHONE', 'BANKNAME', 'BANKACCT', 'TITLE', 'SERVICES', 'RESULTS', 'USAGE', 'LAB', 'ATTACH', 'EVIDENCE', 'FILENAME',
  'FIRM', 'FIRMBANK', 'MATERIAL', 'ORDERNOTE'].map(M);

const PDFTOTEXT = fs.existsSync('/usr/bin/pdftotext');

/**
 * Marker hits in a file's bytes, in the text of a PDF (the desk's PDFs draw text with a subset font,
 * so their bytes never show it: poppler reads it back), and inside the entries of a zip (xlsx,
 * docx, packet zips) recursively.
 */
function hitsIn(bytes: Uint8Array, where: string, out: string[]): void {
  const buf = Buffer.from(bytes);
  const pdfText = PDFTOTEXT && buf.subarray(0, 5).toString('latin1') === '%PDF-'
    ? Buffer.from(execFileSync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { input: buf }).toString().replace(/\s+/g, ''))
    : null;
  for (const m of MARKERS) {
    if (buf.includes(Buffer.from(m)) || buf.includes(Buffer.from(m, 'utf16le')) || pdfText?.includes(Buffer.from(m))) out.push(`${where}: ${m}`);
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

/**
 * A Shanghai order (沪科规〔2025〕6号) through the channels the window uses, completed, with the
 * enterprise's confidential fields, a note and an uploaded material carrying markers; the desk and its
 * clock are set back to Beijing in June afterwards, as a desk serving both keeps its orders.
 */
async function shanghaiOrder(c: ReturnType<typeof fresh>): Promise<{ orderId: number; materialId: number }> {
  const ok = async <T>(channel: string, input: unknown): Promise<T> => {
    const r = (await c.call(channel, input)) as R;
    expect(r, `${channel}: ${JSON.stringify(r.error)}`).toMatchObject({ ok: true });
    return r.value as T;
  };
  c.setNow('2025-11-03T02:00:00.000Z'); // the Shanghai profile is in force from 2025-09-01
  await ok('settings:set', { region: 'shanghai' });
  const lab = await ok<{ id: number }>('unit:labSave', { id: null, fields: { name: '电镜实验室', head: '', contact: '王工', contactPhone: '021-55550000', location: '' } });
  const product = await ok<{ id: number }>('products:save', { id: null, fields: { code: 'P-MK', name: '扫描电镜形貌表征', serviceKind: 'inspection', itemCategory: '检验检测', labId: lab.id } });
  const firm = await ok<{ id: number }>('applicants:create', {
    kind: 'enterprise', name: '上海新材科技有限公司', region: 'shanghai', registeredDate: '2022-03-01', staffCount: 50,
    revenueFen: 100_000_000, assetsFen: 80_000_000, fields: ['智能制造'], smeListed: true, smeListedYear: 2025, smeValidFrom: '2020-01-01', smeValidTo: '2030-12-31',
  });
  c.db.prepare('UPDATE applicants SET name = ?, contact_name = ?, bank_name = ?, bank_account = ? WHERE id = ?')
    .run(M('FIRM'), M('CONTACT'), M('FIRMBANK'), M('BANKACCT'), firm.id);
  const order = await ok<{ id: number }>('orders:create', {
    number: 'SH-MK-1', applicantId: firm.id, productId: product.id, orderDate: '2025-10-10', totalFen: 1_200_000, voucherFen: 600_000, payoutParty: 'enterprise',
  });
  await ok('orders:transition', { id: order.id, to: 'accepted', date: '2025-10-11', note: M('ORDERNOTE') });
  const instrumentId = c.db.prepare('SELECT id FROM instruments ORDER BY id LIMIT 1').pluck().get() as number;
  await ok('usage:create', {
    instrumentId, orderId: order.id, startAt: '2025-10-12T09:00', endAt: '2025-10-12T12:30', external: true, serviceWay: '委托',
    content: M('USAGE'), userName: M('CONTACT'), userUnit: M('FIRM'), amountFen: 1_200_000,
  });
  await ok('orders:transition', { id: order.id, to: 'completed', date: '2025-10-12', note: M('ORDERNOTE') });
  const material = await ok<{ id: number }>('orders:addMaterial', {
    orderId: order.id, kind: 'deliverable', uploadedBy: 'institution', fileName: `${M('FILENAME')}.pdf`, dataBase64: pdfDocument(M('MATERIAL')).toString('base64'),
  });
  await ok('settings:set', { region: 'beijing' });
  c.setNow('2025-06-16T02:00:00.000Z');
  return { orderId: order.id, materialId: material.id };
}

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
    const order = await shanghaiOrder(c);
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
      ['orders:packet', { orderId: order.orderId }],
      ['orders:getMaterial', { id: order.materialId }],
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
    const carried = new Set<string>();
    let downloadedWithMarkers = 0;
    for (const [channel, input] of exports) {
      const r = (await c.call(channel, input)) as R;
      if (r.ok) {
        ran.push(channel);
        const hits: string[] = [];
        hitsIn(Buffer.from((r.value as { dataBase64: string }).dataBase64, 'base64'), channel, hits);
        if (hits.length) { downloadedWithMarkers++; carried.add(channel); }
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
    console.log(`[markers] exports run: ${ran.length} (${ran.join(', ')}); downloads carrying markers: ${downloadedWithMarkers} (${[...carried].join(', ')}); files scanned: ${data.files} data + ${temp.files} temp; hits: ${data.hits.length + temp.hits.length}`);
    expect(ran.length).toBeGreaterThanOrEqual(10);
    // The lab data package (with its attachments) and the statements really ran.
    expect(ran).toEqual(expect.arrayContaining(['package:exportLab', 'money:statementXlsx', 'money:statementPdf', 'money:batchResult', 'orders:packet', 'orders:getMaterial']));
    expect(downloadedWithMarkers).toBeGreaterThan(0); // the markers really reached the exports
    // The order packet and its material, and a PDF drawn in the desk's font, are seen by the scan.
    expect([...carried]).toEqual(expect.arrayContaining(['orders:packet', 'orders:getMaterial', 'packets:export', ...(PDFTOTEXT ? ['money:statementPdf'] : [])]));
    expect(data.hits).toEqual([]);
    expect(temp.hits).toEqual([]);
  }, 120_000);
});
