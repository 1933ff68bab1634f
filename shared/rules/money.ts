// Money is an integer number of fen (分). Text is parsed digit by digit through BigInt, never
// through floating multiplication, so '0.29万' is exactly 290,000 fen.

import type { Reason } from './text';

export type Fen = number;

export const FEN_PER_YUAN = 100;
export const FEN_PER_WAN = 1_000_000; // 1万元 = 10,000元

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

function assertFen(fen: Fen): void {
  if (!isFen(fen)) throw new RangeError(`Amount must be a safe integer number of fen: ${String(fen)}`);
}

function groupThousands(digits: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

export interface FormatYuanOptions {
  /** Append 元: '50,000.00元'. */
  withUnit?: boolean;
}

/** 5,000,000 → '50,000.00' (or '50,000.00元'). */
export function formatYuan(fen: Fen, options: FormatYuanOptions = {}): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / FEN_PER_YUAN);
  const cents = abs % FEN_PER_YUAN;
  return `${sign}${groupThousands(String(yuan))}.${String(cents).padStart(2, '0')}${options.withUnit ? '元' : ''}`;
}

/** 5,000,000 → '5万', 5,500,000 → '5.5万', 5,000,001 → '5.000001万' (exact, trailing zeros trimmed). */
export function formatWan(fen: Fen): string {
  assertFen(fen);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const whole = Math.floor(abs / FEN_PER_WAN);
  const fraction = String(abs % FEN_PER_WAN)
    .padStart(String(FEN_PER_WAN).length - 1, '0')
    .replace(/0+$/, '');
  return `${sign}${whole}${fraction ? `.${fraction}` : ''}万`;
}

export type MoneyParseResult = { ok: true; fen: Fen } | { ok: false; reason: Reason };

export interface ParseMoneyOptions {
  allowNegative?: boolean;
}

const REASONS = {
  empty: { zh: '请输入金额', en: 'Amount is empty' },
  invalid_format: {
    zh: '金额格式无法识别，例如 12345、12,345.67、1.5万、1.5万元',
    en: 'Unrecognised amount; use e.g. 12345, 12,345.67, 1.5万, 1.5万元',
  },
  mixed_units: {
    zh: '“万”后不能再跟数字（如“5万3”），请写成 5.3万 或 53000',
    en: 'Digits after 万 (like "5万3") are ambiguous; write 5.3万 or 53000',
  },
  misplaced_commas: {
    zh: '千分位逗号位置不正确，应每三位一组，如 12,345',
    en: 'Thousands separators must group three digits, e.g. 12,345',
  },
  too_many_decimals_yuan: { zh: '元金额最多两位小数（到分）', en: 'Yuan amounts allow at most 2 decimals (fen)' },
  too_many_decimals_wan: {
    zh: '万元金额最多六位小数（到分）',
    en: 'Amounts in 万 allow at most 6 decimals (fen)',
  },
  negative: { zh: '金额不能为负数', en: 'Amount must not be negative' },
  too_large: { zh: '金额超出可精确表示的范围', en: 'Amount is too large to be represented exactly' },
} as const;

function refuse(code: keyof typeof REASONS): MoneyParseResult {
  return { ok: false, reason: { code, ...REASONS[code] } };
}

// sign? currency? sign? number unit?   (NFKC already turned full-width digits, ，．￥ into ASCII/¥)
const MONEY = /^([-−])?\s*(?:¥\s*)?([-−])?\s*([0-9][0-9,]*(?:\.[0-9]+)?)\s*(万|元)?$/u;
const GROUPED = /^[1-9][0-9]{0,2}(?:,[0-9]{3})+$/;

/**
 * Parses amounts as people type them: '5万', '5.5万元', '50,000.00', '50000', '￥50,000',
 * '５００００', '５万'. Refuses, with a reason, anything ambiguous or inexact.
 */
export function parseMoneyText(text: string, options: ParseMoneyOptions = {}): MoneyParseResult {
  if (typeof text !== 'string') return refuse('invalid_format');
  const s = text.normalize('NFKC').replace(/[\u2212\uFE63\uFF0D]/g, '-').trim();
  if (s === '') return refuse('empty');
  const compact = s.replace(/万\s*元$/u, '万'); // '5万 元' reads as '5万'
  if (/万./u.test(compact)) return refuse('mixed_units');
  const match = MONEY.exec(compact);
  if (!match) return refuse('invalid_format');
  const [, sign1, sign2, body = '', unit] = match;
  if (sign1 && sign2) return refuse('invalid_format');
  const negative = Boolean(sign1 ?? sign2);

  const [intPart = '', decPart = ''] = body.split('.');
  if (intPart.includes(',') && !GROUPED.test(intPart)) return refuse('misplaced_commas');
  const inWan = unit === '万';
  const scale = inWan ? FEN_PER_WAN : FEN_PER_YUAN;
  const maxDecimals = String(scale).length - 1;
  if (decPart.length > maxDecimals) return refuse(inWan ? 'too_many_decimals_wan' : 'too_many_decimals_yuan');

  const magnitude =
    BigInt(intPart.replace(/,/g, '')) * BigInt(scale) + BigInt(decPart.padEnd(maxDecimals, '0') || '0');
  if (magnitude > BigInt(Number.MAX_SAFE_INTEGER)) return refuse('too_large');
  if (negative && magnitude !== 0n && !options.allowNegative) return refuse('negative');
  const fen = Number(magnitude);
  return { ok: true, fen: negative && fen > 0 ? -fen : fen };
}
