// PDFs use the Noto Sans SC subset the desk ships, never a font looked up on the computer.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { resolveCjkFont, shippedFontFile } from '../../electron/services/pdf/cjk-font';
import { gb2312Characters, readCmap, woffTables } from '../../electron/services/pdf/font-build';
import { renderPdf, CJK_FAMILY } from '../../electron/services/pdf/render';
import { tempCore } from '../helpers/db';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const fontkit = require('@foliojs-fork/fontkit') as { openSync(file: string): FontkitFont; create(buf: Buffer): FontkitFont };
interface FontkitFont {
  postscriptName: string;
  unitsPerEm: number;
  hasGlyphForCodePoint(cp: number): boolean;
  glyphForCodePoint(cp: number): { advanceWidth: number; path: { commands: unknown[] } };
}

/** The characters Google's Noto Sans SC web slices do not carry (no source to take them from). */
const NOT_IN_SLICES = '劐坶塥弪憝戤桊毪牿犋猸瘭稆筢耠耢耥胲脶膪艴蒈蓰蟓赇蹯轷铴镩阢骣鲰齄';

describe('the shipped CJK font', () => {
  const file = shippedFontFile();
  const font = fontkit.openSync(file);

  it('holds ASCII, all of GB2312 level 1 and level 2 but for the characters no slice carries, with outlines', () => {
    expect(font.postscriptName).toBe('NotoSansSC-Desk-Regular');
    for (let cp = 0x21; cp <= 0x7e; cp++) expect(font.hasGlyphForCodePoint(cp), String.fromCharCode(cp)).toBe(true);
    const hanzi = gb2312Characters().filter((c) => c >= "\u4e00" && c <= "\u9fff");
    expect(hanzi.length).toBe(6763); // GB2312 levels 1 and 2
    const missing = hanzi.filter((c) => !font.hasGlyphForCodePoint(c.codePointAt(0)!));
    expect(missing.join('')).toBe(NOT_IN_SLICES);
    // Beyond GB2312: rarer characters of names the slices carry.
    for (const c of '犇骉堃喆') expect(font.hasGlyphForCodePoint(c.codePointAt(0)!), c).toBe(true);
    for (const c of '中国开放仪器创新券核销京科发〔〕（）：，。、￥') {
      expect(font.hasGlyphForCodePoint(c.codePointAt(0)!), c).toBe(true);
      expect(font.glyphForCodePoint(c.codePointAt(0)!).path.commands.length, c).toBeGreaterThan(0);
    }
  });

  it('keeps the glyphs and widths of the source slices', () => {
    const src = path.join(path.dirname(require.resolve('@fontsource/noto-sans-sc/package.json')), 'files', 'noto-sans-sc-chinese-simplified-400-normal.woff');
    const source = fontkit.openSync(src);
    expect(readCmap(woffTables(fs.readFileSync(src)).get('cmap')!).size).toBeGreaterThan(7000);
    expect(font.unitsPerEm).toBe(source.unitsPerEm);
    for (const c of '券仪器鑫A1') {
      const a = font.glyphForCodePoint(c.codePointAt(0)!);
      const b = source.glyphForCodePoint(c.codePointAt(0)!);
      expect(a.advanceWidth, c).toBe(b.advanceWidth);
      expect(a.path.commands.length, c).toBe(b.path.commands.length);
    }
  });

  it('is what a PDF embeds without any override, and no system font path is looked up', async () => {
    const core = tempCore();
    try {
      expect(resolveCjkFont(core.ctx, {})).toEqual({ file, postscriptName: null });
      const pdf = await renderPdf(core.ctx, { content: [{ text: '京科发〔2023〕16号 创新券核销 鑫淼犇 ABC 123' }], defaultStyle: { font: CJK_FAMILY } });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      expect(pdf.toString('latin1')).toMatch(/\/FontName \/[A-Z]{6}\+NotoSansSC-Desk-Regular/);
    } finally {
      core.cleanup();
    }
    const src = fs.readFileSync(path.join(__dirname, '..', '..', 'electron', 'services', 'pdf', 'cjk-font.ts'), 'utf8');
    expect(src).not.toMatch(/Windows\\\\Fonts|\/usr\/share\/fonts|\/System\/Library\/Fonts/);
  });
});
