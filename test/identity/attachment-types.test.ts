// Attachments are kept only as documents and images, judged by their bytes, and the name must say
// the type the bytes are (test/security/upload-types.test.ts covers every kept and refused type).
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
    expect(e).toMatchObject({ code: 'VALIDATION', reason: 'attachment.typeMismatch', field: 'dataBase64', params: { name: '合同.pdf', foundEn: 'plain text' } });
    expect(contentHash(core)).toBe(before);
    expect(fs.existsSync(path.join(core.dir, 'attachments', String(contractId))) ? fs.readdirSync(path.join(core.dir, 'attachments', String(contractId))) : []).toEqual([]);
  });

  it('a PNG named .pdf is refused as what it is, and nothing is written; named .png it is stored as image/png', () => {
    const { contractId } = insertContract(core.db);
    const before = contentHash(core);
    const e = refusal(() => addAttachment(core.ctx, { contractId, kind: 'bank_receipt', fileName: '回单.pdf', dataBase64: pngImage().toString('base64') }));
    expect(e).toMatchObject({ code: 'VALIDATION', reason: 'attachment.typeMismatch', params: { name: '回单.pdf', foundEn: 'a PNG image' } });
    expect(contentHash(core)).toBe(before);
    const a = addAttachment(core.ctx, { contractId, kind: 'bank_receipt', fileName: '回单.png', dataBase64: pngImage().toString('base64') });
    const [stored] = fs.readdirSync(path.join(core.dir, 'attachments', String(contractId)));
    expect(stored).toMatch(/\.png$/);
    expect(getAttachmentFile(core.ctx, a.id)).toMatchObject({ fileName: '回单.png', mimeType: 'image/png' });
  });
});
