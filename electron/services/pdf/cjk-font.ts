// The CJK font of every PDF the desk writes (redemption summaries, assessment reports): the Noto
// Sans SC subset the desk ships (font-build.ts), so a PDF looks the same on every computer. An
// override (env OIVD_CJK_FONT or setting 'pdf.cjkFont', as "file" or "file#PostScriptName") is
// still honoured; a face of a collection (.ttc) is cut out into a standalone font, because
// pdfmake's SVG path hands fonts to PDFKit without a face name. pdfkit subsets what is embedded.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { refuse } from '../../../shared/result';
import type { ServiceContext } from '../context';
import { buildShippedFont, deskTexts, FONT_BUILD_REVISION, SHIPPED_FONT_NAME } from './font-build';

export const FONT_SETTING_KEY = 'pdf.cjkFont';

export interface FontSpec {
  file: string;
  /** PostScript name inside a .ttc collection. */
  postscriptName: string | null;
}

export function parseFontSpec(spec: string): FontSpec {
  const hash = spec.lastIndexOf('#');
  return hash > 0 ? { file: spec.slice(0, hash), postscriptName: spec.slice(hash + 1) || null } : { file: spec, postscriptName: null };
}

function setting(ctx: ServiceContext): string | null {
  try {
    return (ctx.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(FONT_SETTING_KEY) as string | undefined) ?? null;
  } catch {
    return null;
  }
}

/** The font to use, or a clear refusal naming how to provide one. */
export function resolveCjkFont(ctx: ServiceContext, env: NodeJS.ProcessEnv = process.env): FontSpec {
  const override = env.OIVD_CJK_FONT?.trim() || setting(ctx)?.trim();
  if (override) {
    const spec = parseFontSpec(override);
    if (!fs.existsSync(spec.file)) {
      refuse('NOT_FOUND', 'font.fileMissing', { field: 'font', params: { file: spec.file, setting: FONT_SETTING_KEY } });
    }
    if (spec.file.toLowerCase().endsWith('.ttc') && !spec.postscriptName) {
      refuse('VALIDATION', 'font.collectionNeedsName', { field: 'font', params: { file: spec.file } });
    }
    return spec;
  }
  return { file: shippedFontFile(), postscriptName: null };
}

/**
 * The shipped font: dist/fonts beside the built bundles; when running from the sources (tests,
 * tsx) it is built once into a cache folder from the same slices the build uses.
 */
export function shippedFontFile(): string {
  const built = path.join(__dirname, '..', 'fonts', SHIPPED_FONT_NAME);
  if (fs.existsSync(built)) return built;
  const root = path.join(__dirname, '..', '..', '..');
  const cacheDir = path.join(os.tmpdir(), 'oivd-font-cache');
  const cached = path.join(cacheDir, `r${FONT_BUILD_REVISION}-${SHIPPED_FONT_NAME}`);
  if (fs.existsSync(cached)) return cached;
  if (!fs.existsSync(path.join(root, 'package.json'))) {
    refuse('NOT_FOUND', 'font.shippedMissing', { field: 'font', params: { file: built } });
  }
  fs.mkdirSync(cacheDir, { recursive: true });
  const temp = `${cached}.${process.pid}.tmp`;
  fs.writeFileSync(temp, buildShippedFont(deskTexts(root)).bytes);
  fs.renameSync(temp, cached);
  return cached;
}

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
  refuse('NOT_FOUND', 'font.faceMissing', { field: 'font', params: { file, face } });
}

let cached: { key: string; bytes: Buffer } | null = null;

/** The resolved font as standalone bytes, read once per process and font. */
export function cjkFontBytes(ctx: ServiceContext): { key: string; bytes: Buffer } {
  const spec = resolveCjkFont(ctx);
  const key = `${spec.file}#${spec.postscriptName ?? ''}`;
  if (cached?.key !== key) {
    cached = { key, bytes: spec.postscriptName ? fontFromFile(spec.file, spec.postscriptName) : fs.readFileSync(spec.file) };
  }
  return cached;
}
