import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlers } from '../../electron/handlers';
import { invoke } from '../../electron/handlers/invoke';
import { openRedemption, transitionRedemption } from '../../electron/services/redemption/applications';
import {
  addAttachment, getAttachmentFile, listAttachments, MAX_ATTACHMENT_BYTES, removeAttachment,
} from '../../electron/services/redemption/attachments';
import { addInvoice, listInvoices, updateInvoice } from '../../electron/services/redemption/invoices';
import { neutraliseFileName } from '../../electron/services/redemption/safe-name';
import { AppFailure } from '../../shared/result';
import { contentHash, tempCore, type TempCore } from '../helpers/db';
import { insertContract } from './fixtures';
import { pdfDocument } from '../fixtures/documents';

let core: TempCore;
beforeEach(() => { core = tempCore(); });
afterEach(() => core.cleanup());

const b64 = (s: string | Buffer) => Buffer.from(s).toString('base64');

/** Every file below <dataDir>/attachments, relative. */
function storedFiles(): string[] {
  const root = path.join(core.dir, 'attachments');
  if (!fs.existsSync(root)) return [];
  return fs.readdirSync(root, { recursive: true, withFileTypes: true }).filter((d) => d.isFile())
    .map((d) => path.relative(root, path.join(d.parentPath, d.name)));
}

describe('neutraliseFileName', () => {
  it.each([
    // Separators never shorten a name: they become '_' (no path survives either way).
    ['../../etc/passwd', '_._etc_passwd'],
    ['..\\..\\Windows\\win.ini', '_._Windows_win.ini'],
    ['/abs/合同.pdf', '_abs_合同.pdf'],
    ['a\u0000b.pdf', 'ab.pdf'],
    ['..', 'file'],
    ['...pdf', 'pdf'],
    ['发票..pdf', '发票.pdf'],
    ['a:b*c?.png', 'a_b_c_.png'],
    ['  审核表.docx ', '审核表.docx'],
    ['NUL.pdf', '_NUL.pdf'],
    ['con', '_con'],
    ['console.pdf', 'console.pdf'],
  ])('%j → %j', (input, expected) => {
    expect(neutraliseFileName(input)).toBe(expected);
  });

  it('bounds absurd lengths and keeps the extension', () => {
    const name = neutraliseFileName(`${'长'.repeat(1000)}.pdf`);
    expect(name.length).toBeLessThanOrEqual(120);
    expect(name.endsWith('.pdf')).toBe(true);
  });
});

describe('attachments', () => {
  it('stores bytes under a generated name in the contract folder, with SHA-256 and the original name as metadata', () => {
    const { contractId } = insertContract(core.db);
    const bytes = pdfDocument('contract scan');
    const a = addAttachment(core.ctx, { contractId, kind: 'contract', fileName: '../../../tmp/evil/签字合同.PDF', dataBase64: b64(bytes) });
    expect(a).toMatchObject({ contractId, kind: 'contract', originalName: '_._._tmp_evil_签字合同.PDF', sizeBytes: bytes.length });
    expect(a.sha256).toBe(crypto.createHash('sha256').update(bytes).digest('hex'));
    const files = storedFiles();
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(new RegExp(`^${contractId}[/\\\\][0-9a-f-]{36}\\.pdf$`));
    expect(fs.existsSync(path.join(core.dir, '..', 'tmp', 'evil'))).toBe(false);
    const dl = getAttachmentFile(core.ctx, a.id);
    expect(Buffer.from(dl.dataBase64, 'base64').equals(bytes)).toBe(true);
    expect(dl).toMatchObject({ fileName: '_._._tmp_evil_签字合同.PDF', mimeType: 'application/pdf' });
  });

  it.each([
    { name: 'a NUL-only name', fileName: '\u0000', data: b64(pdfDocument()), stored: 'file' },
    { name: 'a name of dots', fileName: '....', data: b64(pdfDocument()), stored: 'file' },
  ])('neutralises $name', ({ fileName, data, stored }) => {
    const { contractId } = insertContract(core.db);
    expect(addAttachment(core.ctx, { contractId, kind: 'other', fileName, dataBase64: data }).originalName).toBe(stored);
  });

  it.each([
    { name: 'empty file', data: '', field: 'dataBase64' },
    { name: 'invalid base64', data: '@@@', field: 'dataBase64' },
  ])('refuses $name and writes nothing', ({ data, field }) => {
    const { contractId } = insertContract(core.db);
    const before = contentHash(core);
    expect(() => addAttachment(core.ctx, { contractId, kind: 'other', fileName: 'a.pdf', dataBase64: data }))
      .toThrow(expect.objectContaining({ error: expect.objectContaining({ code: 'VALIDATION', field }) }) as unknown as Error);
    expect(contentHash(core)).toBe(before);
    expect(storedFiles()).toEqual([]);
  });

  it('refuses a file over the size limit', () => {
    const { contractId } = insertContract(core.db);
    const big = Buffer.alloc(MAX_ATTACHMENT_BYTES + 1).toString('base64');
    expect(() => addAttachment(core.ctx, { contractId, kind: 'other', fileName: 'big.bin', dataBase64: big })).toThrow(AppFailure);
    expect(storedFiles()).toEqual([]);
  });

  it('refuses an over-long name at the IPC boundary and an unknown contract', async () => {
    const { contractId } = insertContract(core.db);
    const long = await invoke(handlers, core.ctx, 'attachments:add', { contractId, kind: 'other', fileName: 'x'.repeat(300), dataBase64: b64(pdfDocument()) });
    expect(long).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'fileName' } });
    const missing = await invoke(handlers, core.ctx, 'attachments:add', { contractId: 999, kind: 'other', fileName: 'a.pdf', dataBase64: b64(pdfDocument()) });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(storedFiles()).toEqual([]);
  });

  it('removes the row and the file, unlinking invoices that pointed at it', () => {
    const { contractId } = insertContract(core.db);
    const a = addAttachment(core.ctx, { contractId, kind: 'invoice', fileName: '发票.pdf', dataBase64: b64(pdfDocument('invoice')) });
    const inv = addInvoice(core.ctx, contractId, { code: '011002300111', number: '12345678', issueDate: '2025-06-10', amountFen: 6_000_000, attachmentId: a.id });
    expect(inv.attachmentId).toBe(a.id);
    removeAttachment(core.ctx, a.id);
    expect(listAttachments(core.ctx, contractId)).toEqual([]);
    expect(storedFiles()).toEqual([]);
    expect(listInvoices(core.ctx, contractId)[0].attachmentId).toBeNull();
  });

  it('detects a stored file altered on disk', () => {
    const { contractId } = insertContract(core.db);
    const a = addAttachment(core.ctx, { contractId, kind: 'other', fileName: 'r.pdf', dataBase64: b64(pdfDocument('original')) });
    fs.writeFileSync(path.join(core.dir, 'attachments', storedFiles()[0]), 'tampered');
    expect(() => getAttachmentFile(core.ctx, a.id)).toThrow(expect.objectContaining({ error: expect.objectContaining({ code: 'CONFLICT', reason: 'attachment.altered' }) }));
  });
});

describe('after submission', () => {
  it('keeps attachments and invoices as handed in, but still accepts new files', () => {
    const { contractId } = insertContract(core.db);
    const a = addAttachment(core.ctx, { contractId, kind: 'contract', fileName: 'c.pdf', dataBase64: b64(pdfDocument('c')) });
    const inv = addInvoice(core.ctx, contractId, { code: '1', number: '1', issueDate: '2025-06-10', amountFen: 6_000_000, attachmentId: null });
    openRedemption(core.ctx, contractId);
    transitionRedemption(core.ctx, { contractId, to: 'submitted', note: '' });
    const before = contentHash(core);
    expect(() => removeAttachment(core.ctx, a.id)).toThrow(expect.objectContaining({ error: expect.objectContaining({ code: 'CONFLICT', rule: 'redemption.locked' }) }) as unknown as Error);
    expect(() => updateInvoice(core.ctx, inv.id, { code: '1', number: '1', issueDate: '2025-06-10', amountFen: 1, attachmentId: null })).toThrow(/redemption\.locked/);
    expect(contentHash(core)).toBe(before);
    expect(storedFiles()).toHaveLength(1);
    addAttachment(core.ctx, { contractId, kind: 'bank_receipt', fileName: '回单.pdf', dataBase64: b64(pdfDocument('r')) });
    expect(listAttachments(core.ctx, contractId)).toHaveLength(2);
  });
});

describe('invoices', () => {
  it('refuses a duplicate code/number and an attachment of another contract', () => {
    const one = insertContract(core.db);
    const two = insertContract(core.db);
    const fields = { code: '011002300111', number: '00000001', issueDate: '2025-06-10', amountFen: 100, attachmentId: null };
    const inv = addInvoice(core.ctx, one.contractId, fields);
    expect(() => addInvoice(core.ctx, two.contractId, fields)).toThrow(expect.objectContaining({ error: expect.objectContaining({ code: 'CONFLICT', reason: 'invoice.duplicate', field: 'number' }) }));
    const other = addAttachment(core.ctx, { contractId: two.contractId, kind: 'invoice', fileName: 'x.pdf', dataBase64: b64(pdfDocument('x')) });
    expect(() => updateInvoice(core.ctx, inv.id, { ...fields, attachmentId: other.id })).toThrow(expect.objectContaining({ error: expect.objectContaining({ reason: 'invoice.attachmentOtherContract', field: 'attachmentId' }) }));
    expect(updateInvoice(core.ctx, inv.id, { ...fields, amountFen: 200 }).amountFen).toBe(200);
  });
});
