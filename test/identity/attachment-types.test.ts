// Attachments are kept only as documents and images, judged by their bytes, never by their names.
import fs from 'node:fs';
import path from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAttachment, getAttachmentFile } from '../../electron/services/redemption/attachments';
import { sniffAttachmentType } from '../../shared/identity';
import { contentHash, tempCore, type TempCore } from '../helpers/db';
import { refusal } from '../deals/helpers';
import { docxDocument, jpegImage, ofdDocument, pdfDocument, pngImage, xlsxWorkbook } from '../fixtures/documents';
import { insertContract } from '../redemption/fixtures';

let core: TempCore;
beforeEach(() => { core = tempCore(); });
afterEach(() => core.cleanup());

describe('attachment type by content', () => {
  it.each([
    ['pdf', pdfDocument()], ['png', pngImage()], ['jpg', jpegImage()], ['xlsx', xlsxWorkbook()], ['docx', docxDocument()], ['ofd', ofdDocument()],
  ] as const)('%s is recognised from its bytes', (type, bytes) => {
    expect(sniffAttachmentType(bytes)).toBe(type);
  });

  it.each([
    ['plain text', Buffer.from('合同正文')],
    ['an executable', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03])],
    ['an HTML page', Buffer.from('<!doctype html><script>alert(1)</script>')],
    ['a plain zip', Buffer.from(zipSync({ 'a.txt': strToU8('x') }))],
    ['a truncated PNG signature', pngImage().subarray(0, 4)],
    ['"%PDF" without the dash', Buffer.from('%PDF1.4')],
  ])('%s is not an accepted type', (_n, bytes) => {
    expect(sniffAttachmentType(bytes)).toBeNull();
  });

  it('refuses a text file named .pdf and writes nothing', () => {
    const { contractId } = insertContract(core.db);
    const before = contentHash(core);
    const e = refusal(() => addAttachment(core.ctx, { contractId, kind: 'contract', fileName: '合同.pdf', dataBase64: Buffer.from('not a pdf').toString('base64') }));
    expect(e).toMatchObject({ code: 'VALIDATION', reason: 'attachment.type', field: 'dataBase64', params: { name: '合同.pdf' } });
    expect(contentHash(core)).toBe(before);
    expect(fs.existsSync(path.join(core.dir, 'attachments', String(contractId))) ? fs.readdirSync(path.join(core.dir, 'attachments', String(contractId))) : []).toEqual([]);
  });

  it('a PNG named .pdf is kept as what it is: stored as .png, downloaded as image/png', () => {
    const { contractId } = insertContract(core.db);
    const a = addAttachment(core.ctx, { contractId, kind: 'bank_receipt', fileName: '回单.pdf', dataBase64: pngImage().toString('base64') });
    const [stored] = fs.readdirSync(path.join(core.dir, 'attachments', String(contractId)));
    expect(stored).toMatch(/\.png$/);
    expect(getAttachmentFile(core.ctx, a.id)).toMatchObject({ fileName: '回单.pdf', mimeType: 'image/png' });
  });
});
