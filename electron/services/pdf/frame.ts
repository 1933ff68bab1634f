// The page frame of the desk's documents (兑现申请表, 订单兑付材料汇总表, 费用结算单, the annual
// assessment and the self-assessment reports): A4, the shipped CJK font, the title block (title and
// a line of basis, status and dates), an optional running header on the pages after the first,
// numbered section headings, the "第 n 页 / 共 m 页" footer, and the pieces every form repeats:
// label/value tables, amounts in figures and 大写, a total row, and the signature boxes with their
// seal place.
import type { Content, StyleDictionary, TDocumentDefinitions, TableCell } from 'pdfmake/interfaces';
import { rmbCapitals } from '../../../shared/money/capitals';
import { formatYuan } from '../../../shared/rules';
import type { ServiceContext } from '../context';
import { CJK_FAMILY, renderPdf } from './render';

export const DOCUMENT_CREATOR = 'open-instrument-voucher-desk';

/** 'standard' for application forms; 'compact' for the statement, whose line table is wide. */
export type FrameDensity = 'standard' | 'compact';

const DENSITY: Record<FrameDensity, { margins: [number, number, number, number]; fontSize: number; lineHeight: number; title: number; h2: number; h2Top: number; footerTop: number }> = {
  standard: { margins: [40, 50, 40, 50], fontSize: 10, lineHeight: 1.25, title: 18, h2: 12, h2Top: 12, footerTop: 20 },
  compact: { margins: [36, 44, 36, 44], fontSize: 9.5, lineHeight: 1.2, title: 17, h2: 11, h2Top: 10, footerTop: 16 },
};

export interface FrameInput {
  /** The form's name: the title block. */
  title: string;
  /** The line under the title: the basis, the status, the dates. */
  subtitle: string;
  /** The PDF's title metadata (the form's name and the number of what it is about). */
  infoTitle: string;
  content: Content[];
  density?: FrameDensity;
  /** A short line at the top of every page after the first (a long report's name and period). */
  runningHeader?: string;
}

/** The width of the text area of an A4 page in a frame of this density (charts drawn full width). */
export function contentWidth(density: FrameDensity = 'standard'): number {
  const m = DENSITY[density].margins;
  return 595.28 - m[0] - m[2];
}

function styles(d: (typeof DENSITY)[FrameDensity]): StyleDictionary {
  return {
    title: { fontSize: d.title, bold: true, alignment: 'center', margin: [0, 0, 0, 4] },
    sub: { fontSize: 9, alignment: 'center', color: '#555', margin: [0, 0, 0, 10] },
    h2: { fontSize: d.h2, bold: true, margin: [0, d.h2Top, 0, 4] },
    th: { bold: true, fillColor: '#eeeeee' },
  };
}

/** The whole document definition of a form: the frame around its sections. */
export function documentFrame(f: FrameInput): TDocumentDefinitions {
  const d = DENSITY[f.density ?? 'standard'];
  return {
    pageSize: 'A4',
    pageMargins: d.margins,
    info: { title: f.infoTitle, creator: DOCUMENT_CREATOR },
    defaultStyle: { font: CJK_FAMILY, fontSize: d.fontSize, lineHeight: d.lineHeight },
    styles: styles(d),
    ...(f.runningHeader !== undefined ? {
      header: (page: number): Content | null => (page > 1 ? { text: f.runningHeader ?? '', alignment: 'right', fontSize: 8, color: '#555', margin: [d.margins[0], d.footerTop, d.margins[2], 0] } : null),
    } : {}),
    footer: (page, pages) => ({ text: `第 ${page} 页 / 共 ${pages} 页`, alignment: 'center', fontSize: 8, margin: [0, d.footerTop, 0, 0] }),
    content: [{ text: f.title, style: 'title' }, { text: f.subtitle, style: 'sub' }, ...f.content],
  };
}

/** Renders a form in its frame. */
export function renderFramedPdf(ctx: ServiceContext, f: FrameInput): Promise<Buffer> {
  return renderPdf(ctx, documentFrame(f));
}

/**
 * A numbered section: its heading and body. `keepTogether` moves it whole to the next page rather
 * than split it (boxes and signature areas: pdfmake draws split rows badly).
 */
export function section(heading: string, body: Content, opts: { keepTogether?: boolean } = {}): Content[] {
  const h: Content = { text: heading, style: 'h2' };
  return opts.keepTogether ? [{ stack: [h, body], unbreakable: true }] : [h, body];
}

/** The numeral of section `n` (1–10) in a heading: 一 … 十. */
export function sectionNumeral(n: number): string {
  const numerals = '一二三四五六七八九十';
  if (!Number.isInteger(n) || n < 1 || n > numerals.length) throw new RangeError(`section number ${n} outside 1–${numerals.length}`);
  return numerals[n - 1];
}

/** A header cell. */
export const th = (text: string): TableCell => ({ text, style: 'th' });

/** A right-aligned figure cell. */
export const figure = (text: string): TableCell => ({ text, alignment: 'right' });

/** A label/value table, two pairs a row; a row of one pair spans the row. */
export function fieldsTable(rows: ([string, string] | [string, string, string, string])[], labelWidth = 90): Content {
  return {
    table: {
      widths: [labelWidth, '*', labelWidth, '*'],
      body: rows.map((r): TableCell[] => (r.length === 2 ? [th(r[0]), { text: r[1], colSpan: 3 }, '', ''] : [th(r[0]), r[1], th(r[2]), r[3]])),
    },
  };
}

/** An amount in 大写; a negative amount says 负, a missing one is left blank. */
export const amountCapitals = (fen: number | null): string => (fen === null ? '' : fen < 0 ? `负${rmbCapitals(-fen)}` : rmbCapitals(fen));

/** One row of an amounts table: the label, the figure in yuan, the 大写. */
export function amountRow(label: string, fen: number | null): TableCell[] {
  return [th(label), figure(fen === null ? '（未填写）' : `${formatYuan(fen)} 元`), amountCapitals(fen)];
}

/** The amounts table (项目, 金额, 大写) of amountRow rows and any row of three cells. */
export function amountsTable(rows: TableCell[][], figureWidth = 120): Content {
  return { table: { widths: [110, figureWidth, '*'], body: [[th('项目'), th('金额'), th('大写')], ...rows] } };
}

/** The last row of a list table: the label across `span` columns, then the remaining cells. */
export function totalRow(label: string, span: number, rest: TableCell[]): TableCell[] {
  return [{ text: label, colSpan: span, style: 'th' }, ...Array.from({ length: span - 1 }, () => ''), ...rest];
}

export interface SignatureBoxes {
  /** One box a party, side by side. */
  titles: string[];
  /** The seal place: 盖章 or 公章. */
  seal: string;
  /** Who signs: 负责人 or 经办人. */
  signer: string;
}

/**
 * The signature area: a box a party with its seal place, the signature and the date. The spaces
 * are fixed margins, not blank lines, so the box is as tall in every density (about 4.5 cm: a
 * 公章 of 4 cm is stamped over the seal place and the date) and a short form keeps it on its page.
 */
export function signatureBoxes(s: SignatureBoxes): Content {
  const box = (title: string): TableCell => ({
    stack: [
      { text: title, bold: true },
      { text: `（${s.seal}）`, margin: [0, 40, 0, 10] },
      { text: `${s.signer}签字：`, margin: [0, 0, 0, 8] },
      { text: '日期：    年    月    日' },
    ],
    margin: [6, 6, 6, 6],
  });
  return { table: { widths: s.titles.map(() => '*'), dontBreakRows: true, body: [s.titles.map(box)] } };
}
