// The CJK font for summary PDFs: an override (env OIVD_CJK_FONT or setting 'pdf.cjkFont', as
// "file" or "file#PostScriptName"), else the first system font found. pdfkit subsets it, so only
// the glyphs used are embedded. The bytes and the printer are loaded once per process.
import fs from 'node:fs';
import PdfPrinter from 'pdfmake';
import type { TFontDictionary } from 'pdfmake/interfaces';
import { fail } from '../../../shared/result';
import type { ServiceContext } from '../context';

export const FONT_SETTING_KEY = 'pdf.cjkFont';

/** Known locations on Debian/Ubuntu, Windows and macOS; a collection (.ttc) needs its PostScript name. */
const SYSTEM_FONTS: readonly string[] = [
  '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular',
  '/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc#NotoSerifCJKsc-Regular',
  '/usr/share/fonts/noto-cjk/NotoSansCJK-Regular.ttc#NotoSansCJKsc-Regular',
  '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc#WenQuanYiMicroHei',
  '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc#WenQuanYiZenHei',
  'C:\\Windows\\Fonts\\msyh.ttc#MicrosoftYaHei',
  'C:\\Windows\\Fonts\\simsun.ttc#SimSun',
  '/System/Library/Fonts/PingFang.ttc#PingFangSC-Regular',
  '/System/Library/Fonts/STHeiti Light.ttc#STHeitiSC-Light',
];

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
      fail('NOT_FOUND', `指定的中文字体文件不存在：${spec.file}（OIVD_CJK_FONT 或设置 ${FONT_SETTING_KEY}）(CJK font file not found)`, { field: 'font' });
    }
    if (spec.file.toLowerCase().endsWith('.ttc') && !spec.postscriptName) {
      fail('VALIDATION', `字体集 ${spec.file} 须写明 PostScript 名称，如 文件.ttc#NotoSansCJKsc-Regular (a .ttc needs a PostScript name)`, { field: 'font' });
    }
    return spec;
  }
  for (const candidate of SYSTEM_FONTS) {
    const spec = parseFontSpec(candidate);
    if (fs.existsSync(spec.file)) return spec;
  }
  return fail('NOT_FOUND',
    '未找到可用的中文字体，无法生成兑现申请表 PDF。请安装 fonts-noto-cjk，或用环境变量 OIVD_CJK_FONT 指定字体文件 (no CJK font found: install fonts-noto-cjk or set OIVD_CJK_FONT)',
    { field: 'font' });
}

const printers = new Map<string, PdfPrinter>();

/** A printer whose 'CJK' family uses the resolved font; cached per font so packets stay fast. */
export function cjkPrinter(ctx: ServiceContext): PdfPrinter {
  const spec = resolveCjkFont(ctx);
  const key = `${spec.file}#${spec.postscriptName ?? ''}`;
  let printer = printers.get(key);
  if (!printer) {
    const bytes = fs.readFileSync(spec.file);
    // pdfkit accepts [source, PostScript name] for collections; the typings only know the source.
    const source = (spec.postscriptName ? [bytes, spec.postscriptName] : bytes) as unknown as Buffer;
    const fonts: TFontDictionary = { CJK: { normal: source, bold: source, italics: source, bolditalics: source } };
    printer = new PdfPrinter(fonts);
    printers.set(key, printer);
  }
  return printer;
}
