// Redemption attachments: bytes under <dataDir>/attachments/<contractId>/ with a generated stored
// name; the user's file name is kept only as metadata (neutralised). SHA-256 recorded.
import crypto from 'node:crypto';
import path from 'node:path';
import type { FileDownload } from '../../../shared/ipc/catalog';
import type { AttachmentInfo, AttachmentKind } from '../../../shared/ipc/redemption';
import { refuse } from '../../../shared/result';
import { judgeUpload } from '../../../shared/upload-types';
import { audit } from '../audit';
import { nowIso, type ServiceContext } from '../context';
import { assertPacketEditable } from './applications';
import { loadContract } from './contract-facts';
import { neutraliseFileName, safeExtension } from './safe-name';
import { readSealedFile, removeSealedFile, sealedFilePath, storeSealedFile } from '../sealed-store';

/** Largest attachment accepted (scans and PDFs of a contract stay far below). */
export const MAX_ATTACHMENT_BYTES = 30 * 1024 * 1024;

const SELECT = `SELECT id, contract_id AS contractId, kind, original_name AS originalName, sha256, size_bytes AS sizeBytes,
  created_at AS createdAt FROM attachments`;

const MIME: Record<string, string> = {
  '.pdf': 'application/pdf', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', '.zip': 'application/zip',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', '.txt': 'text/plain', '.ofd': 'application/ofd',
  '.doc': 'application/msword', '.xls': 'application/vnd.ms-excel', '.csv': 'text/csv',
};

export function mimeOf(name: string): string {
  return MIME[safeExtension(name)] ?? 'application/octet-stream';
}

function contractDir(ctx: ServiceContext, contractId: number): string {
  return path.join(ctx.dataDir, 'attachments', String(contractId));
}

/** Absolute path of a stored attachment (stored names are generated, so they never leave the folder). */
export function storedPath(ctx: ServiceContext, contractId: number, storedName: string): string {
  return sealedFilePath({ dir: contractDir(ctx, contractId), storedName });
}

export function decodeBase64(dataBase64: string): Buffer {
  const clean = dataBase64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 === 1) {
    refuse('VALIDATION', 'attachment.base64', { field: 'dataBase64' });
  }
  return Buffer.from(clean, 'base64');
}

/**
 * An uploaded file as the desk keeps it: refused when empty, over the size limit, when its bytes are
 * not a document, spreadsheet, image or plain text an office hands in, or when its name's extension
 * says another type than its bytes (shared/upload-types.ts); nothing is written before these checks.
 * The name neutralised; a fresh stored name with the type's extension and its hash.
 */
export function acceptUpload(input: { fileName: string; dataBase64: string }): { bytes: Buffer; originalName: string; storedName: string; sha256: string } {
  const bytes = decodeBase64(input.dataBase64);
  if (bytes.length === 0) refuse('VALIDATION', 'attachment.empty', { field: 'dataBase64' });
  if (bytes.length > MAX_ATTACHMENT_BYTES) {
    refuse('VALIDATION', 'attachment.tooLarge', { field: 'dataBase64', params: { maxMb: MAX_ATTACHMENT_BYTES / 1024 / 1024 } });
  }
  const originalName = neutraliseFileName(input.fileName);
  const judged = judgeUpload(originalName, bytes);
  if (!judged.ok) {
    const { foundZh, foundEn, allowed } = judged;
    if (judged.reason === 'attachment.typeMismatch') {
      refuse('VALIDATION', 'attachment.typeMismatch', { field: 'dataBase64', params: { name: originalName, foundZh, foundEn, allowed } });
    }
    refuse('VALIDATION', 'attachment.typeNotAllowed', { field: 'dataBase64', params: { name: originalName, foundZh, foundEn, allowed } });
  }
  const type = judged.type;
  return { bytes, originalName, storedName: `${crypto.randomUUID()}.${type}`, sha256: crypto.createHash('sha256').update(bytes).digest('hex') };
}

export function addAttachment(
  ctx: ServiceContext,
  input: { contractId: number; kind: AttachmentKind; fileName: string; dataBase64: string },
): AttachmentInfo {
  loadContract(ctx, input.contractId); // NOT_FOUND before anything is written
  const { bytes, originalName, storedName, sha256 } = acceptUpload(input);
  const id = storeSealedFile(ctx, { dir: contractDir(ctx, input.contractId), storedName }, bytes, () => {
    const info = ctx.db.prepare(`INSERT INTO attachments(contract_id, kind, original_name, stored_name, sha256, size_bytes, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)`).run(input.contractId, input.kind, originalName, storedName, sha256, bytes.length, nowIso(ctx));
    const newId = Number(info.lastInsertRowid);
    audit(ctx, 'attachment.add', 'attachment', newId, { contractId: input.contractId, kind: input.kind, originalName, sha256 });
    return newId;
  });
  return getAttachmentInfo(ctx, id);
}

export function getAttachmentInfo(ctx: ServiceContext, id: number): AttachmentInfo {
  const row = ctx.db.prepare(`${SELECT} WHERE id = ?`).get(id) as AttachmentInfo | undefined;
  if (!row) refuse('NOT_FOUND', 'attachment.notFound', { field: 'id', params: { id } });
  return row;
}

export function listAttachments(ctx: ServiceContext, contractId: number): AttachmentInfo[] {
  return ctx.db.prepare(`${SELECT} WHERE contract_id = ? ORDER BY kind, id`).all(contractId) as AttachmentInfo[];
}

/** The bytes of an attachment, verified against the recorded hash. */
export function readAttachmentBytes(ctx: ServiceContext, id: number): { info: AttachmentInfo; bytes: Buffer } {
  const info = getAttachmentInfo(ctx, id);
  const storedName = ctx.db.prepare('SELECT stored_name FROM attachments WHERE id = ?').pluck().get(id) as string;
  return { info, bytes: readSealedFile(ctx, { dir: contractDir(ctx, info.contractId), storedName }, { sha256: info.sha256, name: info.originalName }) };
}

export function getAttachmentFile(ctx: ServiceContext, id: number): FileDownload {
  const { info, bytes } = readAttachmentBytes(ctx, id);
  // The stored name carries the type the bytes were found to be (older rows: the name's extension).
  const storedName = ctx.db.prepare('SELECT stored_name FROM attachments WHERE id = ?').pluck().get(id) as string;
  return { fileName: info.originalName, mimeType: mimeOf(storedName), dataBase64: bytes.toString('base64') };
}

/** Deletes the row (invoices keep their data, losing only the link) and then the file. */
export function removeAttachment(ctx: ServiceContext, id: number): void {
  const info = getAttachmentInfo(ctx, id);
  assertPacketEditable(ctx, info.contractId, 'id');
  const storedName = ctx.db.prepare('SELECT stored_name FROM attachments WHERE id = ?').pluck().get(id) as string;
  removeSealedFile(ctx, { dir: contractDir(ctx, info.contractId), storedName }, () => {
    ctx.db.prepare('UPDATE invoices SET attachment_id = NULL WHERE attachment_id = ?').run(id);
    ctx.db.prepare('DELETE FROM attachments WHERE id = ?').run(id);
    audit(ctx, 'attachment.remove', 'attachment', id, { contractId: info.contractId, originalName: info.originalName, sha256: info.sha256 });
  });
}
