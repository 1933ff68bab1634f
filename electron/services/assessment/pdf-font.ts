// The CJK font of the assessment PDF, found at run time. Noto CJK ships as a TrueType collection;
// pdfmake can name a face for its own text, but its SVG path hands the font to PDFKit without the
// face name, so the wanted face is cut out of the collection into a standalone font buffer.
import fs from 'node:fs';
import { fail } from '../../../shared/result';

const DEFAULT_FACE = 'NotoSansCJKsc-Regular';
const CANDIDATES = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/google-noto-cjk/NotoSansCJK-Regular.ttc',
  '/usr/share/fonts/opentype/noto/NotoSansCJKsc-Regular.otf',
  '/System/Library/Fonts/PingFang.ttc',
  'C:\\Windows\\Fonts\\simhei.ttf',
];

let cached: { key: string; font: Buffer } | null = null;

/** PostScript name (nameID 6) of the face whose table directory starts at `dir`. */
function postScriptName(buf: Buffer, dir: number): string | null {
  const numTables = buf.readUInt16BE(dir + 4);
  for (let i = 0; i < numTables; i++) {
    const rec = dir + 12 + i * 16;
    if (buf.toString('latin1', rec, rec + 4) !== 'name') continue;
    const table = buf.readUInt32BE(rec + 8);
    const count = buf.readUInt16BE(table + 2);
    const strings = table + buf.readUInt16BE(table + 4);
    for (let k = 0; k < count; k++) {
      const r = table + 6 + k * 12;
      if (buf.readUInt16BE(r + 6) !== 6) continue;
      const platform = buf.readUInt16BE(r);
      const start = strings + buf.readUInt16BE(r + 10);
      const raw = buf.subarray(start, start + buf.readUInt16BE(r + 8));
      return platform === 1 ? raw.toString('latin1') : Buffer.from(raw).swap16().toString('utf16le'); // copy: swap16 works in place
    }
  }
  return null;
}

/** Copies one face of a collection into a standalone sfnt (tables re-laid out, 4-byte aligned). */
function extractFace(buf: Buffer, dir: number): Buffer {
  const numTables = buf.readUInt16BE(dir + 4);
  const header = Buffer.from(buf.subarray(dir, dir + 12 + numTables * 16));
  const parts: Buffer[] = [header];
  let offset = header.length;
  for (let i = 0; i < numTables; i++) {
    const rec = 12 + i * 16;
    const from = buf.readUInt32BE(dir + rec + 8);
    const length = buf.readUInt32BE(dir + rec + 12);
    header.writeUInt32BE(offset, rec + 8);
    const padded = Buffer.alloc((length + 3) & ~3);
    buf.copy(padded, 0, from, from + length);
    parts.push(padded);
    offset += padded.length;
  }
  return Buffer.concat(parts);
}

export function fontFromFile(file: string, face: string): Buffer {
  const buf = fs.readFileSync(file);
  if (buf.toString('latin1', 0, 4) !== 'ttcf') return buf;
  const faces = buf.readUInt32BE(8);
  for (let i = 0; i < faces; i++) {
    const dir = buf.readUInt32BE(12 + i * 4);
    if (postScriptName(buf, dir) === face) return extractFace(buf, dir);
  }
  fail('NOT_FOUND', `字体集 ${file} 中没有 ${face} (face ${face} not found in the font collection)`, { field: 'font' });
}

/** The CJK font as a buffer; OIVD_CJK_FONT (and OIVD_CJK_FONT_FACE for collections) override the search. */
export function cjkFont(): Buffer {
  const override = process.env.OIVD_CJK_FONT;
  const face = process.env.OIVD_CJK_FONT_FACE ?? DEFAULT_FACE;
  const file = override ?? CANDIDATES.find((f) => fs.existsSync(f));
  if (!file || !fs.existsSync(file)) {
    fail('NOT_FOUND', `未找到中文字体，无法生成 PDF：请安装 fonts-noto-cjk，或用环境变量 OIVD_CJK_FONT 指定字体文件 (no CJK font found: install fonts-noto-cjk or set OIVD_CJK_FONT)${override ? `；${override} 不存在` : ''}`, { field: 'font' });
  }
  const key = `${file}#${face}`;
  if (cached?.key !== key) cached = { key, font: fontFromFile(file, face) };
  return cached.font;
}
