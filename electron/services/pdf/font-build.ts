// The CJK font the desk ships for its PDFs: one TrueType font merged from the Noto Sans SC (SIL
// OFL 1.1) WOFF slices of @fontsource/noto-sans-sc, holding ASCII, every GB2312 character (levels
// 1 and 2 and its symbol rows) and every character the desk's own texts use, plus every other
// character the slices carry (about 13,600 in all: rarer characters of names and addresses). Built at build time
// (scripts/build-font.ts → dist/fonts); the same code builds it on first use when running from
// the sources. PDFs then render the same on every computer, whatever fonts it has installed.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import iconv from 'iconv-lite';

export const SHIPPED_FONT_NAME = 'NotoSansSC-Desk.ttf';
/** Bumped when the merge changes, so a cached build from the sources is not reused. */
export const FONT_BUILD_REVISION = 2;
const POSTSCRIPT_NAME = 'NotoSansSC-Desk-Regular';
const FAMILY = 'Noto Sans SC Desk';

type Tables = Map<string, Buffer>;

/** A WOFF 1.0 file as its sfnt tables (each table inflated when it was compressed). */
export function woffTables(woff: Buffer): Tables {
  if (woff.toString('latin1', 0, 4) !== 'wOFF') throw new Error('not a WOFF 1.0 file');
  const numTables = woff.readUInt16BE(12);
  const tables: Tables = new Map();
  for (let i = 0; i < numTables; i++) {
    const e = 44 + i * 20;
    const tag = woff.toString('latin1', e, e + 4);
    const offset = woff.readUInt32BE(e + 4);
    const compLength = woff.readUInt32BE(e + 8);
    const origLength = woff.readUInt32BE(e + 12);
    const raw = woff.subarray(offset, offset + compLength);
    tables.set(tag, compLength < origLength ? zlib.inflateSync(raw) : Buffer.from(raw));
  }
  return tables;
}

/** Code point → glyph id from the best cmap subtable (format 12, else format 4). */
export function readCmap(cmap: Buffer): Map<number, number> {
  const map = new Map<number, number>();
  const n = cmap.readUInt16BE(2);
  const subtables: { format: number; offset: number }[] = [];
  for (let i = 0; i < n; i++) {
    const platform = cmap.readUInt16BE(4 + i * 8);
    const encoding = cmap.readUInt16BE(6 + i * 8);
    const offset = cmap.readUInt32BE(8 + i * 8);
    if (platform === 3 || platform === 0) subtables.push({ format: cmap.readUInt16BE(offset), offset, ...(encoding === 0 && platform === 3 ? { format: -1 } : {}) });
  }
  const twelve = subtables.find((s) => s.format === 12);
  if (twelve) {
    const groups = cmap.readUInt32BE(twelve.offset + 12);
    for (let g = 0; g < groups; g++) {
      const r = twelve.offset + 16 + g * 12;
      const start = cmap.readUInt32BE(r);
      const end = cmap.readUInt32BE(r + 4);
      const glyph = cmap.readUInt32BE(r + 8);
      for (let cp = start; cp <= end; cp++) map.set(cp, glyph + cp - start);
    }
    return map;
  }
  const four = subtables.find((s) => s.format === 4);
  if (!four) return map;
  const o = four.offset;
  const segX2 = cmap.readUInt16BE(o + 6);
  const ends = o + 14;
  const starts = ends + segX2 + 2;
  const deltas = starts + segX2;
  const ranges = deltas + segX2;
  for (let s = 0; s < segX2 / 2; s++) {
    const end = cmap.readUInt16BE(ends + s * 2);
    const start = cmap.readUInt16BE(starts + s * 2);
    const delta = cmap.readInt16BE(deltas + s * 2);
    const rangeOffset = cmap.readUInt16BE(ranges + s * 2);
    for (let cp = start; cp <= end && cp !== 0xffff; cp++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (cp + delta) & 0xffff;
      else {
        const at = ranges + s * 2 + rangeOffset + (cp - start) * 2;
        glyph = cmap.readUInt16BE(at);
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) map.set(cp, glyph);
    }
  }
  return map;
}

interface Source {
  tables: Tables;
  cmap: Map<number, number>;
  longLoca: boolean;
  numGlyphs: number;
  numberOfHMetrics: number;
}

function source(tables: Tables): Source {
  return {
    tables,
    cmap: readCmap(tables.get('cmap')!),
    longLoca: tables.get('head')!.readInt16BE(50) === 1,
    numGlyphs: tables.get('maxp')!.readUInt16BE(4),
    numberOfHMetrics: tables.get('hhea')!.readUInt16BE(34),
  };
}

function glyphBytes(s: Source, id: number): Buffer {
  const loca = s.tables.get('loca')!;
  const at = (i: number) => (s.longLoca ? loca.readUInt32BE(i * 4) : loca.readUInt16BE(i * 2) * 2);
  return s.tables.get('glyf')!.subarray(at(id), at(id + 1));
}

function metrics(s: Source, id: number): { advance: number; lsb: number } {
  const hmtx = s.tables.get('hmtx')!;
  const n = s.numberOfHMetrics;
  const advance = hmtx.readUInt16BE(Math.min(id, n - 1) * 4);
  const lsb = id < n ? hmtx.readInt16BE(id * 4 + 2) : hmtx.readInt16BE(n * 4 + (id - n) * 2);
  return { advance, lsb };
}

/** The component glyph ids of a composite glyph and where each id is written. */
function components(glyph: Buffer): { id: number; at: number }[] {
  if (glyph.length < 10 || glyph.readInt16BE(0) >= 0) return [];
  const out: { id: number; at: number }[] = [];
  let p = 10;
  for (;;) {
    const flags = glyph.readUInt16BE(p);
    out.push({ id: glyph.readUInt16BE(p + 2), at: p + 2 });
    p += 4 + (flags & 0x0001 ? 4 : 2);
    if (flags & 0x0008) p += 2;
    else if (flags & 0x0040) p += 4;
    else if (flags & 0x0080) p += 8;
    if (!(flags & 0x0020)) break;
  }
  return out;
}

function checksum(buf: Buffer): number {
  let sum = 0;
  const padded = buf.length % 4 ? Buffer.concat([buf, Buffer.alloc(4 - (buf.length % 4))]) : buf;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

function sfnt(tables: Tables): Buffer {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  let pow = 1;
  while (pow * 2 <= n) pow *= 2;
  const header = Buffer.alloc(12 + n * 16);
  header.writeUInt32BE(0x00010000, 0);
  header.writeUInt16BE(n, 4);
  header.writeUInt16BE(pow * 16, 6);
  header.writeUInt16BE(Math.log2(pow), 8);
  header.writeUInt16BE(n * 16 - pow * 16, 10);
  const bodies: Buffer[] = [];
  let offset = header.length;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const r = 12 + i * 16;
    header.write(tag, r, 'latin1');
    header.writeUInt32BE(checksum(data), r + 4);
    header.writeUInt32BE(offset, r + 8);
    header.writeUInt32BE(data.length, r + 12);
    const padded = Buffer.alloc((data.length + 3) & ~3);
    data.copy(padded);
    bodies.push(padded);
    offset += padded.length;
  });
  const font = Buffer.concat([header, ...bodies]);
  const headAt = tags.indexOf('head');
  const headOffset = header.readUInt32BE(12 + headAt * 16 + 8);
  font.writeUInt32BE((0xb1b0afba - checksum(font)) >>> 0, headOffset + 8);
  return font;
}

function nameTable(license: string): Buffer {
  const records: [number, string][] = [
    [0, 'Noto Sans SC © Google LLC; subset merged for the open-instrument voucher desk'],
    [1, FAMILY], [2, 'Regular'], [3, POSTSCRIPT_NAME], [4, `${FAMILY} Regular`], [5, 'Version 1.0'], [6, POSTSCRIPT_NAME],
    [13, license], [14, 'https://openfontlicense.org'],
  ];
  const strings = records.map(([, s]) => Buffer.from(s, 'utf16le').swap16());
  const head = Buffer.alloc(6 + records.length * 12);
  head.writeUInt16BE(0, 0);
  head.writeUInt16BE(records.length, 2);
  head.writeUInt16BE(head.length, 4);
  let offset = 0;
  records.forEach(([id], i) => {
    const r = 6 + i * 12;
    head.writeUInt16BE(3, r);
    head.writeUInt16BE(1, r + 2);
    head.writeUInt16BE(0x409, r + 4);
    head.writeUInt16BE(id, r + 6);
    head.writeUInt16BE(strings[i].length, r + 8);
    head.writeUInt16BE(offset, r + 10);
    offset += strings[i].length;
  });
  return Buffer.concat([head, ...strings]);
}

/** cmap with a format 4 (BMP) and a format 12 subtable for the sorted (code point, glyph) pairs. */
function cmapTable(pairs: [number, number][]): Buffer {
  const runs: { start: number; end: number; glyph: number }[] = [];
  for (const [cp, g] of pairs) {
    const last = runs[runs.length - 1];
    if (last && cp === last.end + 1 && g === last.glyph + (cp - last.start)) last.end = cp;
    else runs.push({ start: cp, end: cp, glyph: g });
  }
  const bmp = runs.filter((r) => r.end < 0xffff);
  const segs = [...bmp, { start: 0xffff, end: 0xffff, glyph: 0 }];
  const segX2 = segs.length * 2;
  const f4 = Buffer.alloc(16 + segs.length * 8);
  let pow = 1;
  while (pow * 2 <= segs.length) pow *= 2;
  f4.writeUInt16BE(4, 0);
  f4.writeUInt16BE(f4.length, 2);
  f4.writeUInt16BE(segX2, 6);
  f4.writeUInt16BE(pow * 2, 8);
  f4.writeUInt16BE(Math.log2(pow), 10);
  f4.writeUInt16BE(segX2 - pow * 2, 12);
  segs.forEach((s, i) => {
    f4.writeUInt16BE(s.end, 14 + i * 2);
    f4.writeUInt16BE(s.start, 16 + segX2 + i * 2);
    f4.writeUInt16BE((s.start === 0xffff ? 1 : s.glyph - s.start) & 0xffff, 16 + segX2 * 2 + i * 2);
    // idRangeOffset 0 everywhere (the buffer is zeroed)
  });
  const f12 = Buffer.alloc(16 + runs.length * 12);
  f12.writeUInt16BE(12, 0);
  f12.writeUInt32BE(f12.length, 4);
  f12.writeUInt32BE(runs.length, 12);
  runs.forEach((r, i) => {
    f12.writeUInt32BE(r.start, 16 + i * 12);
    f12.writeUInt32BE(r.end, 20 + i * 12);
    f12.writeUInt32BE(r.glyph, 24 + i * 12);
  });
  const head = Buffer.alloc(4 + 2 * 8);
  head.writeUInt16BE(0, 0);
  head.writeUInt16BE(2, 2);
  head.writeUInt16BE(3, 4); head.writeUInt16BE(1, 6); head.writeUInt32BE(head.length, 8);
  head.writeUInt16BE(3, 12); head.writeUInt16BE(10, 14); head.writeUInt32BE(head.length + f4.length, 16);
  return Buffer.concat([head, f4, f12]);
}

/** ASCII, GB2312 (every character iconv decodes from rows 1–87) and the given extra text. */
export function targetCodePoints(extraText: string): number[] {
  const set = new Set<number>();
  for (let cp = 0x20; cp <= 0x7e; cp++) set.add(cp);
  for (let hi = 0xa1; hi <= 0xf7; hi++) {
    for (let lo = 0xa1; lo <= 0xfe; lo++) {
      const ch = iconv.decode(Buffer.from([hi, lo]), 'gb2312');
      if (ch.length === 1 && ch !== '\ufffd' && ch.charCodeAt(0) >= 0x80) set.add(ch.charCodeAt(0));
    }
  }
  for (const ch of extraText) {
    const cp = ch.codePointAt(0)!;
    if (cp >= 0x80 && !(cp >= 0xd800 && cp <= 0xdfff) && !/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(ch)) set.add(cp);
  }
  return [...set].sort((a, b) => a - b);
}

export function gb2312Characters(): string[] {
  return targetCodePoints('').filter((cp) => cp >= 0x80).map((cp) => String.fromCodePoint(cp));
}

export interface BuiltFont {
  bytes: Buffer;
  /** Wanted characters no slice has (reported by the build). */
  missing: string[];
  glyphs: number;
  characters: number;
}

/** Merges the slices into one font holding the wanted code points (slices earlier in the list win). */
export function mergeFont(woffs: Buffer[], wanted: number[], license: string): BuiltFont {
  const sources = woffs.map((w) => source(woffTables(w)));
  const base = sources[0];
  const glyphs: Buffer[] = [];
  const hmetrics: { advance: number; lsb: number }[] = [];
  const copied = new Map<string, number>(); // "source:glyph" → new id
  const copy = (s: number, id: number): number => {
    const key = `${s}:${id}`;
    const known = copied.get(key);
    if (known !== undefined) return known;
    const bytes = Buffer.from(glyphBytes(sources[s], id));
    const newId = glyphs.length;
    copied.set(key, newId);
    glyphs.push(bytes);
    hmetrics.push(metrics(sources[s], id));
    for (const c of components(bytes)) bytes.writeUInt16BE(copy(s, c.id), c.at);
    return newId;
  };
  copy(0, 0); // .notdef
  const pairs: [number, number][] = [];
  const missing: string[] = [];
  for (const cp of wanted) {
    const s = sources.findIndex((src) => src.cmap.has(cp));
    if (s < 0) { missing.push(String.fromCodePoint(cp)); continue; }
    pairs.push([cp, copy(s, sources[s].cmap.get(cp)!)]);
  }

  const glyf = Buffer.concat(glyphs.map((g) => Buffer.concat([g, Buffer.alloc((4 - (g.length % 4)) % 4)])));
  const loca = Buffer.alloc((glyphs.length + 1) * 4);
  let at = 0;
  glyphs.forEach((g, i) => { loca.writeUInt32BE(at, i * 4); at += g.length + ((4 - (g.length % 4)) % 4); });
  loca.writeUInt32BE(at, glyphs.length * 4);
  const hmtx = Buffer.alloc(glyphs.length * 4);
  hmetrics.forEach((m, i) => { hmtx.writeUInt16BE(m.advance, i * 4); hmtx.writeInt16BE(m.lsb, i * 4 + 2); });

  const head = Buffer.from(base.tables.get('head')!);
  head.writeInt16BE(1, 50); // long loca
  head.writeUInt32BE(0, 8);
  const hhea = Buffer.from(base.tables.get('hhea')!);
  hhea.writeUInt16BE(glyphs.length, 34);
  hhea.writeUInt16BE(Math.max(...hmetrics.map((m) => m.advance)), 10);
  const maxp = Buffer.from(base.tables.get('maxp')!);
  maxp.writeUInt16BE(glyphs.length, 4);
  if (maxp.length >= 32) {
    for (let o = 6; o < 32; o += 2) maxp.writeUInt16BE(Math.max(...sources.map((s) => s.tables.get('maxp')!.readUInt16BE(o))), o);
  }
  const post = Buffer.from(base.tables.get('post')!.subarray(0, 32));
  post.writeUInt32BE(0x00030000, 0); // no glyph names
  const tables: Tables = new Map([
    ['head', head], ['hhea', hhea], ['maxp', maxp], ['hmtx', hmtx], ['loca', loca], ['glyf', glyf],
    ['cmap', cmapTable(pairs)], ['post', post], ['name', nameTable(license)], ['OS/2', Buffer.from(base.tables.get('OS/2')!)],
  ]);
  for (const optional of ['prep', 'fpgm', 'cvt ', 'gasp']) {
    const t = base.tables.get(optional);
    if (t) tables.set(optional, Buffer.from(t));
  }
  return { bytes: sfnt(tables), missing, glyphs: glyphs.length, characters: pairs.length };
}

/** The folder of @fontsource/noto-sans-sc (a build-time dependency). */
function fontsourceDir(): string {
  return path.dirname(require.resolve('@fontsource/noto-sans-sc/package.json'));
}

/** Every non-ASCII character in the desk's own source texts (PDF templates, labels, policy names). */
export function deskTexts(root: string): string {
  let text = '';
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (/\.(ts|tsx|json|sql)$/.test(e.name)) text += fs.readFileSync(full, 'utf8').replace(/[\x00-\x7f]+/g, '');
    }
  };
  for (const d of ['electron', 'shared', 'renderer/src', 'resources']) if (fs.existsSync(path.join(root, d))) walk(path.join(root, d));
  return text;
}

/** Builds the shipped font from the installed fontsource package (weight 400). */
export function buildShippedFont(extraText: string): BuiltFont {
  const dir = fontsourceDir();
  const files = path.join(dir, 'files');
  const primary = ['chinese-simplified', 'latin', 'latin-ext', 'cyrillic', 'vietnamese'].map((s) => path.join(files, `noto-sans-sc-${s}-400-normal.woff`));
  const slices = fs.readdirSync(files).filter((f) => /^noto-sans-sc-\d+-400-normal\.woff$/.test(f)).sort().map((f) => path.join(files, f));
  const license = fs.readFileSync(path.join(dir, 'LICENSE'), 'utf8');
  const woffs = [...primary, ...slices].map((f) => fs.readFileSync(f));
  const wanted = new Set(targetCodePoints(extraText));
  for (const w of woffs) for (const cp of readCmap(woffTables(w).get('cmap')!).keys()) if (cp >= 0x20) wanted.add(cp);
  return mergeFont(woffs, [...wanted].sort((a, b) => a - b), license);
}
