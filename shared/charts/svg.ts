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

/**
 * Round axis ticks covering [0, max]: the step is 1, 2 or 5 × 10^n with at most `count` steps, so
 * ticks read 0, 20 %, 40 % … or 0, 500, 1000 h. The axis ends on the first tick at or above max.
 */
export function niceTicks(max: number, count = 5): { max: number; step: number; ticks: number[] } {
  const top = max > 0 ? max : 1;
  const raw = top / count;
  const exp = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * exp).find((s) => s * count >= top - 1e-12) ?? 10 * exp;
  const n = Math.max(1, Math.ceil(top / step - 1e-9));
  // Rounded so that 0.1 + 0.2 style sums never show as 0.30000000000000004.
  const ticks = Array.from({ length: n + 1 }, (_, i) => Number((i * step).toPrecision(12)));
  return { max: ticks[n], step, ticks };
}

/** A share as a percentage with the digits it needs: 0.0002 → 0.02%, 0.5 → 50%, 0.123 → 12.3%. */
export function percent(share: number): string {
  const p = share * 100;
  if (p === 0) return '0%';
  if (Math.abs(p) >= 1) return `${num(p)}%`;
  // Small shares keep two significant digits, never rounded to 0 %.
  return `${Number(p.toPrecision(2))}%`;
}

/** data: URI for <img src>, so the renderer shows the same SVG without injecting markup. */
export function svgDataUri(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}
