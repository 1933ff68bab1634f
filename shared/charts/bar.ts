// Bar charts as SVG strings: vertical grouped bars (monthly hours) and horizontal bars (ranked
// categories, top instruments, voucher use). Pure functions of their data, deterministic output.
import { DEFAULT_STYLE, PALETTE, line, niceTicks, num, rect, svgDocument, text, type ChartStyle } from './svg';

export interface Series {
  name: string;
  values: number[];
}

export interface ChartOptions {
  width?: number;
  height?: number;
  title?: string;
  /** Format of value labels (e.g. hours or percentages). */
  format?: (v: number) => string;
  style?: ChartStyle;
  /** Format of the axis ticks (defaults to `format`). */
  tickFormat?: (v: number) => string;
  /** The axis reaches at least this value (1 for shares: a 0.02 % bar is drawn on a 0–100 % axis). */
  axisMin?: number;
  /** Said in the frame's place when there is nothing to draw (no labels, every value 0). */
  empty?: string;
}

/** Nothing to draw: no rows, or every value zero. */
function isEmpty(labels: string[], series: Series[]): boolean {
  return labels.length === 0 || series.every((s) => s.values.every((v) => !(v > 0)));
}

/** The chart's title and a sentence saying there is no data, instead of an empty frame. */
function emptyChart(width: number, height: number, opts: ChartOptions, style: ChartStyle): string {
  const body: string[] = [];
  if (opts.title) body.push(text(width / 2, 15, opts.title, { ...style, fontSize: style.fontSize + 2 }, { 'text-anchor': 'middle' }));
  body.push(text(width / 2, height / 2 + 4, opts.empty ?? '—', { ...style, fontSize: style.fontSize + 1 }, { 'text-anchor': 'middle', 'data-empty': 'true' }));
  return svgDocument(width, height, body);
}

const TITLE_H = 22;
const LEGEND_H = 18;

function legend(series: Series[], x: number, y: number, style: ChartStyle): string[] {
  return series.flatMap((s, i) => [
    rect(x + i * 110, y - 9, 10, 10, PALETTE[i % PALETTE.length]),
    text(x + i * 110 + 14, y, s.name, style),
  ]);
}

/** Vertical grouped bars: one group per label, one bar per series. */
export function columnChart(labels: string[], series: Series[], opts: ChartOptions = {}): string {
  const style = opts.style ?? DEFAULT_STYLE;
  const width = opts.width ?? 520;
  const height = opts.height ?? 240;
  const format = opts.format ?? ((v: number) => num(v));
  const left = 48;
  const right = 10;
  const top = (opts.title ? TITLE_H : 4) + LEGEND_H;
  const bottom = 22;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  if (opts.empty !== undefined && isEmpty(labels, series)) return emptyChart(width, height, opts, style);
  const axis = niceTicks(Math.max(opts.axisMin ?? 0, ...series.flatMap((s) => s.values)));
  const max = axis.max;
  const tickFormat = opts.tickFormat ?? format;
  const body: string[] = [];
  if (opts.title) body.push(text(width / 2, 15, opts.title, { ...style, fontSize: style.fontSize + 2 }, { 'text-anchor': 'middle' }));
  body.push(...legend(series, left, top - 6, style));
  for (const t of axis.ticks) {
    const y = top + plotH - (plotH * t) / max;
    body.push(line(left, y, left + plotW, y));
    body.push(text(left - 4, y + 4, tickFormat(t), style, { 'text-anchor': 'end' }));
  }
  const groupW = plotW / Math.max(1, labels.length);
  const barW = (groupW * 0.8) / Math.max(1, series.length);
  labels.forEach((label, i) => {
    const gx = left + i * groupW + groupW * 0.1;
    series.forEach((s, k) => {
      const v = s.values[i] ?? 0;
      const h = (plotH * v) / max;
      body.push(rect(gx + k * barW, top + plotH - h, barW * 0.92, h, PALETTE[k % PALETTE.length]));
    });
    body.push(text(left + i * groupW + groupW / 2, top + plotH + 15, label, style, { 'text-anchor': 'middle' }));
  });
  return svgDocument(width, height, body);
}

/** Horizontal bars, one row per label, value printed at the bar's end; series side by side. */
export function barChart(labels: string[], series: Series[], opts: ChartOptions & { labelWidth?: number } = {}): string {
  const style = opts.style ?? DEFAULT_STYLE;
  const width = opts.width ?? 520;
  const format = opts.format ?? ((v: number) => num(v));
  const labelW = opts.labelWidth ?? 150;
  const rowH = Math.max(14, series.length * 12 + 6);
  const top = (opts.title ? TITLE_H : 4) + (series.length > 1 ? LEGEND_H : 0);
  const axisH = 16;
  const height = opts.height ?? top + rowH * Math.max(1, labels.length) + 6 + axisH;
  if (opts.empty !== undefined && isEmpty(labels, series)) return emptyChart(width, Math.max(height, 80), opts, style);
  const plotW = width - labelW - 70;
  const axis = niceTicks(Math.max(opts.axisMin ?? 0, ...series.flatMap((s) => s.values)));
  const max = axis.max;
  const tickFormat = opts.tickFormat ?? format;
  const body: string[] = [];
  // Round ticks under the bars, with a faint grid line each.
  const axisY = top + rowH * labels.length;
  for (const t of axis.ticks) {
    const x = labelW + (plotW * t) / max;
    body.push(line(x, top, x, axisY, '#f0f0f0'));
    body.push(text(x, axisY + 12, tickFormat(t), { ...style, fontSize: style.fontSize - 2 }, { 'text-anchor': 'middle' }));
  }
  if (opts.title) body.push(text(width / 2, 15, opts.title, { ...style, fontSize: style.fontSize + 2 }, { 'text-anchor': 'middle' }));
  if (series.length > 1) body.push(...legend(series, labelW, top - 6, style));
  body.push(line(labelW, top, labelW, top + rowH * labels.length));
  labels.forEach((label, i) => {
    const y = top + i * rowH;
    body.push(text(labelW - 6, y + rowH / 2 + 4, label, style, { 'text-anchor': 'end' }));
    series.forEach((s, k) => {
      const v = s.values[i] ?? 0;
      const w = (plotW * v) / max;
      const by = y + 3 + k * 12;
      body.push(rect(labelW, by, w, 10, PALETTE[k % PALETTE.length]));
      body.push(text(labelW + w + 4, by + 9, format(v), { ...style, fontSize: style.fontSize - 1 }));
    });
  });
  return svgDocument(width, height, body);
}
