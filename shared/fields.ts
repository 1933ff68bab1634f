// Field rules shared by the renderer's forms and the services' schemas: strict dates and times
// (read as typed, never replaced), identities by their standards. Every refusal is a reason key
// of the message catalog with its params; the same schema refuses on both sides.
import { z } from 'zod';
import { creditCodeProblem, normaliseCreditCode, normalisePhone, normaliseText, phoneProblem } from './identity';
import { lastDayOfMonth } from './rules/civil-date';

export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string; params?: Record<string, string | number> };

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Earliest and latest year a form accepts: the span the deadline arithmetic covers. */
export const FIELD_YEAR_MIN = 1990;
export const FIELD_YEAR_MAX = 2100;

/**
 * A typed date, read strictly: '2025-2-3', '2025/02/03', '2025.2.3', '2025年2月3日' and their
 * full-width forms are 2025-02-03; '2025-02-30' is refused, never moved to another day.
 */
export function parseDateText(input: string): Parsed<string> {
  const t = normaliseText(input);
  if (t === '') return { ok: false, reason: 'field.required' };
  const m = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m) return { ok: false, reason: 'date.format', params: { value: t } };
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const value = `${m[1]}-${pad2(mo)}-${pad2(d)}`;
  if (mo < 1 || mo > 12 || d < 1 || d > lastDayOfMonth(y, mo)) return { ok: false, reason: 'date.impossible', params: { value } };
  if (y < FIELD_YEAR_MIN || y > FIELD_YEAR_MAX) return { ok: false, reason: 'date.range', params: { min: `${FIELD_YEAR_MIN}-01-01`, max: `${FIELD_YEAR_MAX}-12-31` } };
  return { ok: true, value };
}

/** A typed date and time 'YYYY-MM-DD HH:mm' (the date read as parseDateText; 24:00 is not a time). */
export function parseDateTimeText(input: string): Parsed<string> {
  const t = normaliseText(input).replace('T', ' ');
  if (t === '') return { ok: false, reason: 'field.required' };
  const m = /^(.+?)\s+(\d{1,2})[:：](\d{2})$/.exec(t);
  if (!m) return { ok: false, reason: 'time.format', params: { value: t } };
  const date = parseDateText(m[1]);
  if (!date.ok) return date.reason === 'date.format' ? { ok: false, reason: 'time.format', params: { value: t } } : date;
  const [h, min] = [Number(m[2]), Number(m[3])];
  const value = `${date.value} ${pad2(h)}:${m[3]}`;
  if (h > 23 || min > 59) return { ok: false, reason: 'time.impossible', params: { value } };
  return { ok: true, value };
}

/**
 * A date as the services receive it: exactly 'YYYY-MM-DD' and real (the renderer shows the normal
 * form before sending). Refusals are reason keys with the value, so either language can word them.
 */
export const civilDateField = z.string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'date.format', abort: true })
  .superRefine((s, ctx) => {
    const r = parseDateText(s);
    if (!r.ok) ctx.addIssue({ code: 'custom', message: r.reason, params: r.params ?? {}, abort: true });
  });

/** 统一社会信用代码: normalised (NFKC, invisible removed, upper case) then checked by GB 32100. */
export const creditCodeSchema = z.string().transform((s, ctx) => {
  const code = normaliseCreditCode(s);
  const problem = creditCodeProblem(code);
  if (problem) { ctx.addIssue({ code: 'custom', message: problem, params: { value: code } }); return z.NEVER; }
  return code;
});

/** Optional credit code: empty means "not given" (null). */
export const optionalCreditCodeSchema = z.union([z.null(), z.string()]).transform((s, ctx) => {
  if (s === null || normaliseCreditCode(s) === '') return null;
  const code = normaliseCreditCode(s);
  const problem = creditCodeProblem(code);
  if (problem) { ctx.addIssue({ code: 'custom', message: problem, params: { value: code } }); return z.NEVER; }
  return code;
}).default(null);

/** Mainland phone (mobile, fixed with area code, 400/800); empty allowed. */
export const phoneSchema = z.string().transform((s, ctx) => {
  const phone = normalisePhone(s);
  if (phone === '') return '';
  const problem = phoneProblem(phone);
  if (problem) { ctx.addIssue({ code: 'custom', message: problem, params: { value: phone } }); return z.NEVER; }
  return phone;
}).default('');
