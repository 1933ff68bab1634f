// The file types an office hands in, and the judgement of an upload against them: by its bytes
// (magic numbers, the parts of a zip or an Office compound file) and by its name's extension, which
// must agree with the bytes. Used by every upload the desk keeps (contract attachments, order
// materials, evaluation evidence). Pure: no file system, no database.
import { sniffAttachmentType } from './identity';

/** What the desk keeps, each with the extensions its name may carry. */
export const UPLOAD_TYPES = {
  pdf: ['pdf'], ofd: ['ofd'], jpg: ['jpg', 'jpeg'], png: ['png'],
  doc: ['doc'], docx: ['docx'], xls: ['xls'], xlsx: ['xlsx'], txt: ['txt'], csv: ['csv'],
} as const satisfies Record<string, readonly string[]>;
export type UploadType = keyof typeof UPLOAD_TYPES;

/** The allowed list as the refusals name it (the same in both languages). */
export const UPLOAD_ALLOWED = 'PDF, OFD, JPG/JPEG, PNG, DOC, DOCX, XLS, XLSX, TXT, CSV';

interface Label { zh: string; en: string }

const LABELS: Record<string, Label> = {
  pdf: { zh: 'PDF 文档', en: 'a PDF document' }, ofd: { zh: 'OFD 文档', en: 'an OFD document' },
  jpg: { zh: 'JPEG 图片', en: 'a JPEG image' }, png: { zh: 'PNG 图片', en: 'a PNG image' },
  doc: { zh: 'Word 文档（.doc）', en: 'a Word document (.doc)' }, docx: { zh: 'Word 文档（.docx）', en: 'a Word document (.docx)' },
  xls: { zh: 'Excel 表格（.xls）', en: 'an Excel workbook (.xls)' }, xlsx: { zh: 'Excel 表格（.xlsx）', en: 'an Excel workbook (.xlsx)' },
  text: { zh: '纯文本', en: 'plain text' },
  exe: { zh: 'Windows 可执行程序', en: 'a Windows executable' }, elf: { zh: 'Linux 可执行程序', en: 'a Linux executable' },
  macho: { zh: 'macOS 可执行程序', en: 'a macOS executable' }, script: { zh: '脚本', en: 'a script' },
  zip: { zh: 'ZIP 压缩包', en: 'a ZIP archive' }, rar: { zh: 'RAR 压缩包', en: 'a RAR archive' }, '7z': { zh: '7z 压缩包', en: 'a 7z archive' },
  gzip: { zh: 'gzip 压缩包', en: 'a gzip archive' }, gif: { zh: 'GIF 图片', en: 'a GIF image' }, bmp: { zh: 'BMP 图片', en: 'a BMP image' },
  tiff: { zh: 'TIFF 图片', en: 'a TIFF image' }, webp: { zh: 'WebP 图片', en: 'a WebP image' }, html: { zh: '网页（HTML/SVG）', en: 'a web page (HTML/SVG)' },
  ole: { zh: '其他 Office 复合文件', en: 'another Office compound file' }, unknown: { zh: '无法识别的内容', en: 'content of no known type' },
};

function startsWith(bytes: Uint8Array, sig: readonly number[], at = 0): boolean {
  return bytes.length >= at + sig.length && sig.every((b, i) => bytes[at + i] === b);
}

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Whether `name` occurs in `bytes` as UTF-16LE (how a compound file's directory names its streams). */
function hasUtf16(bytes: Uint8Array, name: string): boolean {
  const needle: number[] = [];
  for (const ch of name) { const c = ch.charCodeAt(0); needle.push(c & 0xff, c >> 8); }
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let k = 0; k < needle.length; k++) if (bytes[i + k] !== needle[k]) continue outer;
    return true;
  }
  return false;
}

/** An Office 97–2003 compound file: a Word document has its WordDocument stream, a workbook its Workbook (or Book) stream. */
function sniffCompound(bytes: Uint8Array): 'doc' | 'xls' | 'ole' | null {
  if (!startsWith(bytes, OLE2)) return null;
  if (hasUtf16(bytes, 'WordDocument')) return 'doc';
  if (hasUtf16(bytes, 'Workbook') || hasUtf16(bytes, 'Book\u0000')) return 'xls';
  return 'ole';
}

function isText(bytes: Uint8Array): boolean {
  // No NUL and no control characters but tab, line feed, form feed and carriage return.
  for (const b of bytes) if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0c && b !== 0x0d) return false;
  for (const encoding of ['utf-8', 'gb18030']) {
    try {
      new TextDecoder(encoding, { fatal: true }).decode(bytes);
      return true;
    } catch { /* the next encoding */ }
  }
  return false;
}

/** What a file that is not one of the kept types is, for the refusal to name it. */
function foreignKind(bytes: Uint8Array): string {
  const head = String.fromCharCode(...bytes.subarray(0, 512)).replace(/^ï»¿/, '').trimStart().toLowerCase();
  if (startsWith(bytes, [0x4d, 0x5a])) return 'exe';
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46])) return 'elf';
  if ([[0xcf, 0xfa, 0xed, 0xfe], [0xce, 0xfa, 0xed, 0xfe], [0xca, 0xfe, 0xba, 0xbe]].some((s) => startsWith(bytes, s))) return 'macho';
  if (startsWith(bytes, [0x50, 0x4b])) return 'zip';
  if (startsWith(bytes, [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07])) return 'rar';
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return '7z';
  if (startsWith(bytes, [0x1f, 0x8b])) return 'gzip';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'gif';
  if (startsWith(bytes, [0x42, 0x4d])) return 'bmp';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  if (/^(<!doctype html|<html|<script|<svg|<\?xml[^>]*>\s*<svg)/.test(head)) return 'html';
  if (head.startsWith('#!')) return 'script';
  if (isText(bytes)) return 'text';
  return 'unknown';
}

export type UploadJudgement =
  | { ok: true; type: UploadType }
  | { ok: false; reason: 'attachment.typeNotAllowed' | 'attachment.typeMismatch'; foundZh: string; foundEn: string; allowed: string };

/**
 * Judges an upload by its bytes and its name: kept only when the bytes are one of UPLOAD_TYPES and
 * the name's extension, if it has one, is one of that type's (plain text has no signature: only a
 * .txt or .csv whose bytes are text in UTF-8 or GB18030). Refused as `attachment.typeNotAllowed` when the bytes are
 * no kept type, as `attachment.typeMismatch` when they are one but the name says otherwise.
 */
export function judgeUpload(fileName: string, bytes: Uint8Array): UploadJudgement {
  const ext = /\.([A-Za-z0-9]{1,10})$/.exec(fileName)?.[1]?.toLowerCase() ?? '';
  const compound = sniffCompound(bytes);
  const magic: UploadType | 'ole' | null = compound ?? sniffAttachmentType(bytes);
  const refuse = (reason: 'attachment.typeNotAllowed' | 'attachment.typeMismatch', kind: string): UploadJudgement =>
    ({ ok: false, reason, foundZh: LABELS[kind].zh, foundEn: LABELS[kind].en, allowed: UPLOAD_ALLOWED });
  if (magic === 'ole') return refuse('attachment.typeNotAllowed', 'ole');
  // A name without an extension says no other type: its bytes decide. One with an extension must agree.
  if (magic) return !ext || (UPLOAD_TYPES[magic] as readonly string[]).includes(ext) ? { ok: true, type: magic } : refuse('attachment.typeMismatch', magic);
  const kind = foreignKind(bytes);
  if (kind === 'text') return ext === 'txt' || ext === 'csv' ? { ok: true, type: ext } : refuse('attachment.typeMismatch', 'text');
  return refuse('attachment.typeNotAllowed', kind);
}
