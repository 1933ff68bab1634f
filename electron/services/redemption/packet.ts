// The redemption packet: one .zip with the summary PDF, the service records .xlsx, the
// attachments in named folders and manifest.json (SHA-256 and size of every file).
import crypto from 'node:crypto';
import { zipSync, type Zippable } from 'fflate';
import type { FileDownload } from '../../../shared/ipc/catalog';
import { ATTACHMENT_KIND_LABELS, type RedemptionStatus } from '../../../shared/ipc/redemption';
import { audit } from '../audit';
import { listPayments } from '../money/statements-store';
import { statementPdf, statementView } from '../money/statement-docs';
import type { ServiceContext } from '../context';
import { listAttachments, readAttachmentBytes } from './attachments';
import { contractProfile, deadlineOf, loadContract, today } from './contract-facts';
import { listInvoices } from './invoices';
import { renderRecordsXlsx } from './records-xlsx';
import { neutraliseFileName, uniqueName } from './safe-name';
import { serviceRecords } from './service-records';
import { renderSummaryPdf } from './summary-pdf';

export const ZIP_MIME = 'application/zip';
export const SUMMARY_PDF = '兑现申请表.pdf';
export const RECORDS_XLSX = '服务记录.xlsx';
export const MANIFEST = 'manifest.json';
export const STATEMENT_PDF = '费用结算单.pdf';

export interface ManifestEntry {
  path: string;
  sha256: string;
  size: number;
}

export interface Packet {
  fileName: string;
  bytes: Uint8Array;
}

const sha256 = (bytes: Uint8Array) => crypto.createHash('sha256').update(bytes).digest('hex');

/** Unix mode 0644 (regular file, rw-r--r--) in the high half of a zip entry's external attributes. */
export const ZIP_ENTRY_ATTRS = (0o100644 << 16) >>> 0;

/**
 * Zip timestamps are civil date-times without a zone, which fflate takes from the host's local
 * fields. The desk's civil time is Asia/Shanghai (UTC+8 all year), so the instant is shifted until
 * the host-local fields read Shanghai time, whatever the host zone is.
 */
export function shanghaiZipTime(instant: Date): Date {
  const target = instant.getTime() + 8 * 3600_000; // its UTC fields are Shanghai's civil fields
  const first = new Date(target + new Date(target).getTimezoneOffset() * 60_000);
  return new Date(target + first.getTimezoneOffset() * 60_000);
}

/**
 * Zips named files. `os: 3` (Unix) on each entry makes fflate mark names as UTF-8 in a way
 * Windows and macOS unzip tools honour, so Chinese names survive; mode 0644 keeps them readable
 * after `unzip` on Linux and macOS.
 */
export function zipFiles(files: { path: string; bytes: Uint8Array }[], mtime: Date): Uint8Array {
  const tree: Zippable = {};
  const at = shanghaiZipTime(mtime);
  for (const f of files) {
    tree[f.path] = [f.bytes, { os: 3, attrs: ZIP_ENTRY_ATTRS, mtime: at, level: f.path.endsWith('.zip') || f.path.endsWith('.pdf') ? 0 : 6 }];
  }
  return zipSync(tree);
}

export function packetFileName(contractNumber: string, applicantName: string): string {
  return neutraliseFileName(`兑现材料-${contractNumber}-${applicantName}.zip`);
}

/** Writes the audit entry of an exported packet (it carries bank details and personal data: every export is on the record). */
export function auditPacketExport(ctx: ServiceContext, contractId: number, files: number): void {
  ctx.db.transaction(() => audit(ctx, 'packet.export', 'contract', contractId, { files }))();
}

/** Exports one contract's packet: built, then put on the record. */
export async function exportPacket(ctx: ServiceContext, contractId: number): Promise<Packet> {
  const { packet, files } = await buildPacket(ctx, contractId);
  auditPacketExport(ctx, contractId, files);
  return packet;
}

/**
 * Builds one contract's packet in memory, reading only (a batch builds it in a worker thread on a
 * read-only connection); the caller writes its audit entry with `files`, the manifest's count.
 */
export async function buildPacket(ctx: ServiceContext, contractId: number): Promise<{ packet: Packet; files: number }> {
  const contract = loadContract(ctx, contractId);
  const profile = contractProfile(contract);
  const redemption = ctx.db.prepare('SELECT status, results_text AS resultsText FROM redemptions WHERE contract_id = ?')
    .get(contractId) as { status: RedemptionStatus; resultsText: string } | undefined;
  const invoices = listInvoices(ctx, contractId);
  const records = serviceRecords(ctx, contractId);
  const generatedOn = today(ctx);

  const files: { path: string; bytes: Uint8Array }[] = [];
  files.push({
    path: SUMMARY_PDF,
    bytes: await renderSummaryPdf(ctx, {
      contract, documentNumber: profile.documentNumber, status: redemption?.status ?? null,
      resultsText: redemption?.resultsText ?? '', invoices, records, deadlineDue: deadlineOf(ctx, contract)?.due ?? null, generatedOn,
      payments: listPayments(ctx, { kind: 'contract', id: contractId }),
    }),
  });
  // The statement stands for the charges behind the actual amount; it goes in when issued.
  const statement = statementView(ctx, { contractId }, generatedOn);
  if (statement.charges.statement) {
    files.push({ path: STATEMENT_PDF, bytes: Buffer.from((await statementPdf(ctx, statement)).dataBase64, 'base64') });
  }
  files.push({ path: RECORDS_XLSX, bytes: await renderRecordsXlsx(contract.number, records) });
  const taken = new Set<string>();
  for (const a of listAttachments(ctx, contractId)) {
    const folder = ATTACHMENT_KIND_LABELS[a.kind].zh;
    const name = uniqueName(`${folder}/${neutraliseFileName(a.originalName)}`, taken);
    files.push({ path: name, bytes: readAttachmentBytes(ctx, a.id).bytes });
  }
  const manifest = {
    contract: { number: contract.number, applicant: contract.applicant.name, profile: profile.id },
    generatedAt: ctx.now().toISOString(),
    files: files.map((f): ManifestEntry => ({ path: f.path, sha256: sha256(f.bytes), size: f.bytes.length })),
  };
  files.push({ path: MANIFEST, bytes: new TextEncoder().encode(JSON.stringify(manifest, null, 2)) });
  return {
    packet: { fileName: packetFileName(contract.number, contract.applicant.name), bytes: zipFiles(files, ctx.now()) },
    files: manifest.files.length,
  };
}

export function toDownload(p: Packet): FileDownload {
  return { fileName: p.fileName, mimeType: ZIP_MIME, dataBase64: Buffer.from(p.bytes).toString('base64') };
}
