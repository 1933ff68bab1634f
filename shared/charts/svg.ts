// Tiny SVG building blocks shared by the renderer dashboard and the PDF report (pdfmake draws
// SVG through svg-to-pdfkit, which understands plain rect/line/text: no CSS, no filters).

export interface ChartStyle {
  /** font-family attribute; the PDF passes the name of its registered CJK font. */
  fontFamily: string;
  fontSize: number;
}

export const DEFAULT_STYLE: ChartStyle = { fontFamily: 'sans-serif', fontSize: 11 };

export const PALETTE = ['#1677ff', '#fa8c16', '#52c41a', '#722ed1', '#eb2f96', '#13c2c2'];

export function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

/** Number with at most `digits` decimals, for coordinates and labels. */
export function num(value: number, digits = 1): string {
  return String(Math.round(value * 10 ** digits) / 10 ** digits);
}

export function text(x: number, y: number, content: string, style: ChartStyle, attrs: Record<string, string | number> = {}): string {
  const extra = Object.entries(attrs).map(([k, v]) => ` ${k}="${escapeXml(String(v))}"`).join('');
  return `<text x="${num(x)}" y="${num(y)}" font-family="${escapeXml(style.fontFamily)}" font-size="${style.fontSize}" fill="#333"${extra}>${escapeXml(content)}</text>`;
}

export function rect(x: number, y: number, w: number, h: number, fill: string): string {
  return `<rect x="${num(x)}" y="${num(y)}" width="${num(Math.max(0, w))}" height="${num(Math.max(0, h))}" fill="${fill}"/>`;
}

export function line(x1: number, y1: number, x2: number, y2: number, stroke = '#d9d9d9'): string {
  return `<line x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}" stroke="${stroke}" stroke-width="1"/>`;
}

export function svgDocument(width: number, height: number, body: string[]): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${body.join('')}</svg>`;
}

/** A "nice" axis maximum (1, 2, 2.5, 5 × 10^n) at or above `max`. */
export function niceMax(max: number): number {
  if (!(max > 0)) return 1;
  const exp = 10 ** Math.floor(Math.log10(max));
  for (const m of [1, 2, 2.5, 5, 10]) if (m * exp >= max) return m * exp;
  return 10 * exp;
}

/** data: URI for <img src>, so the renderer shows the same SVG without injecting markup. */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
