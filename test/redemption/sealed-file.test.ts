import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addAttachment, getAttachmentFile } from '../../electron/services/redemption/attachments';
import { seal, unseal } from '../../electron/services/redemption/sealed-file';
import { tempCore, type TempCore } from '../helpers/db';
import { insertContract } from './fixtures';
import { pdfDocument } from '../fixtures/documents';

let core: TempCore;
beforeEach(() => { core = tempCore(); });
afterEach(() => core.cleanup());

describe('attachment files at rest', () => {
  it('never holds the plain bytes on disk, and reads back exactly', () => {
    const { contractId } = insertContract(core.db);
    const secret = pdfDocument('trade secret of the applicant: formula A-17');
    const a = addAttachment(core.ctx, { contractId, kind: 'test_report', fileName: '报告.pdf', dataBase64: secret.toString('base64') });
    const dir = path.join(core.dir, 'attachments', String(contractId));
    const [stored] = fs.readdirSync(dir);
    const onDisk = fs.readFileSync(path.join(dir, stored));
    expect(onDisk.includes(secret)).toBe(false);
    expect(Buffer.from(getAttachmentFile(core.ctx, a.id).dataBase64, 'base64').equals(secret)).toBe(true);
  });

  it('uses a key of its own per database', () => {
    const other = tempCore();
    try {
      const sealed = seal(core.ctx, Buffer.from('x'));
      expect(unseal(core.ctx, sealed)?.toString()).toBe('x');
      expect(unseal(other.ctx, sealed)).toBeNull();
    } finally {
      other.cleanup();
    }
  });

  it.each([
    ['a flipped bit', (b: Buffer) => { b[b.length - 1] ^= 1; return b; }],
    ['a truncated file', (b: Buffer) => b.subarray(0, 20)],
    ['an unsealed file', () => Buffer.from('plain bytes')],
  ])('refuses %s', (_name, spoil) => {
    expect(unseal(core.ctx, spoil(seal(core.ctx, Buffer.from('contract text'))))).toBeNull();
  });
});
