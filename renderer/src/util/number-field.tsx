// Number fields that hold exactly what the user typed. antd's InputNumber moves a typed value into
// its min/max and rounds it to its precision when the field loses focus, so the desk never gives it
// those props: the range and the decimals are a rule, and a value outside them stays on the screen
// with the rule on the field ("须为 1–1000 的整数"), and is neither saved nor applied as a filter.
// Nor is it given antd's InputNumber at all: that puts back the last valid number when text that is
// not a number ("12a", "1,5") loses focus. `NumberInput` keeps the typed text on the screen; full-width
// digits typed with a Chinese input method are shown as half-width, and anything else that is not a
// number stays as typed and is refused ("须为数字").
import { Input } from 'antd';
import type { Rule } from 'antd/es/form';
import { useState, type CSSProperties, type FocusEventHandler, type ReactNode } from 'react';
import type { z } from 'zod';
import { describeIssue, type FieldLabels } from '../i18n-errors';
import { useLocale } from '../i18n';

/** The values a number field accepts: min–max inclusive, whole or with at most `decimals` decimals. */
export interface NumberSpec {
  min: number;
  max: number;
  /** Decimals allowed; 0 (the default) means a whole number. */
  decimals?: number;
  /** Empty is refused (otherwise empty means "not given"). */
  required?: boolean;
}

/**
 * The spec of a shared zod number schema with inclusive bounds (`z.number().int().min(a).max(b)`),
 * so the form refuses exactly what the service would.
 */
export function specOf(schema: z.ZodNumber, more: Partial<NumberSpec> = {}): NumberSpec {
  return { min: schema.minValue ?? Number.MIN_SAFE_INTEGER, max: schema.maxValue ?? Number.MAX_SAFE_INTEGER, decimals: schema.isInt ? 0 : undefined, ...more };
}

/** Whether `v` has at most `decimals` decimals, read from its shortest decimal form. */
function decimalsOk(v: number, decimals: number): boolean {
  const text = String(v);
  if (/e/i.test(text)) {
    const [mant, exp] = text.toLowerCase().split('e');
    const frac = (mant.split('.')[1] ?? '').length - Number(exp);
    return frac <= decimals;
  }
  return (text.split('.')[1] ?? '').length <= decimals;
}

/** Full-width digits, minus sign and decimal point (a Chinese input method's) as half-width; nothing else is changed. */
export function normaliseNumberText(text: string): string {
  return text.replace(/[\uFF10-\uFF19\uFF0D\uFF0E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));
}

const NUMBER_TEXT = /^-?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** The value of a typed text: null when empty, the number when it reads as a decimal number, otherwise the text itself (refused by the rules). */
export function valueOfNumberText(text: string): number | string | null {
  if (text === '') return null;
  return NUMBER_TEXT.test(text) ? Number(text) : text;
}

/** Why a typed number is refused (a catalog reason naming the whole rule), or null if it is accepted. */
export function numberIssue(value: unknown, spec: NumberSpec): { reason: string; params: Record<string, string | number> } | null {
  if (value === null || value === undefined || value === '') return spec.required ? { reason: 'field.required', params: {} } : null;
  const decimals = spec.decimals ?? 0;
  const params = { min: spec.min, max: spec.max, value: String(value), decimals };
  const reason = decimals === 0 ? 'field.wholeRange' : 'field.decimalRange';
  if (typeof value === 'string') return { reason: 'field.notNumber', params: { value } };
  if (typeof value !== 'number' || !Number.isFinite(value)) return { reason, params };
  if (value < spec.min || value > spec.max || !decimalsOk(value, decimals)) return { reason, params };
  return null;
}

/** The refusal of a typed number worded in the chosen language with the field's label, or null. */
export function numberProblem(value: unknown, spec: NumberSpec, field: string, labels: FieldLabels = {}): string | null {
  const issue = numberIssue(value, spec);
  return issue ? describeIssue({ ...issue, field }, useLocale.getState().locale, labels) : null;
}

/** An antd Form rule for a number field (no min/max/precision on the input: the rule refuses instead). */
export function numberRule(spec: NumberSpec, field: string, labels: FieldLabels = {}): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      const problem = numberProblem(value, spec, field, labels);
      if (problem) throw new Error(problem);
    },
  };
}

/** A required rule worded by the catalog with the field's label ("申请人必填" / "Applicant is required"). */
export function requiredRule(field: string, labels: FieldLabels = {}): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      const empty = value === undefined || value === null || (typeof value === 'string' && value.trim() === '') || (Array.isArray(value) && value.length === 0);
      if (empty) throw new Error(describeIssue({ reason: 'field.required', field }, useLocale.getState().locale, labels));
    },
  };
}

/** `requiredRule` for one field by its label alone (a form without a labels map). */
export function requiredOf(label: string): Rule {
  return requiredRule('value', { value: label });
}

/** At least `min` characters, worded by the catalog with the field's label ("口令至少 8 个字符"). */
export function minLengthOf(label: string, min: number): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      if (typeof value === 'string' && value !== '' && value.length < min) throw new Error(describeIssue({ reason: 'field.tooShort', params: { min }, field: 'value' }, useLocale.getState().locale, { value: label }));
    },
  };
}

interface NumberInputProps {
  /** A number, the typed text when it is not one, or null when empty (what a Form.Item holds). */
  value?: number | string | null;
  /** Every edit: the number when the text reads as one, otherwise the text (so the field's rule refuses it), null when empty. */
  onChange?(value: number | string | null): void;
  onBlur?: FocusEventHandler<HTMLInputElement>;
  id?: string;
  placeholder?: string;
  style?: CSSProperties;
  size?: 'small' | 'middle' | 'large';
  addonAfter?: ReactNode;
  status?: 'error';
  'data-testid'?: string;
  'aria-label'?: string;
  'aria-invalid'?: boolean;
}

function textOf(value: number | string | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

/**
 * The desk's number input (in a Form.Item or under `NumberField`): shows exactly the text typed, also
 * after it loses focus; only full-width digits are shown as half-width.
 */
export function NumberInput({ value, onChange, ...rest }: NumberInputProps) {
  const [text, setText] = useState(() => textOf(value));
  const [emitted, setEmitted] = useState<number | string | null | undefined>(value);
  // A value set from outside (a form reset, a loaded record) replaces the text; our own edits do not.
  if (!Object.is(emitted, value)) {
    setEmitted(value);
    setText(textOf(value));
  }
  return (
    <Input {...rest} inputMode="decimal" autoComplete="off" value={text}
      onChange={(e) => {
        const shown = normaliseNumberText(e.target.value);
        const next = valueOfNumberText(shown);
        setText(shown);
        setEmitted(next);
        onChange?.(next);
      }} />
  );
}

interface NumberFieldProps {
  /** What the user typed (null when empty, NaN when it is not a number); shown as it is, never moved into the range. */
  value: number | null | undefined;
  /** Every edit, valid or not (NaN for text that is not a number): the caller applies or saves it only when `numberIssue` is null. */
  onChange(value: number | null): void;
  spec: NumberSpec;
  /** The field's label, used in the error ("年度须为 2000–2100 的整数"). */
  label: string;
  'data-testid'?: string;
  /** The accessible name, when it is not the label. */
  'aria-label'?: string;
  placeholder?: string;
  style?: CSSProperties;
  size?: 'small' | 'middle' | 'large';
  addonAfter?: ReactNode;
  id?: string;
}

/**
 * A number typed outside a form (a filter, a year to export, a value saved by a button): the field is
 * marked with the rule under it while what is typed is refused; the caller checks `numberIssue`
 * before it applies or saves. Text that is not a number reaches the caller as NaN, which every
 * `numberIssue` refuses, and is named on the field as typed.
 */
export function NumberField({ value, onChange, spec, label, placeholder, style, size, addonAfter, id, ...rest }: NumberFieldProps) {
  useLocale((s) => s.locale);
  const testId = rest['data-testid'];
  const [typed, setTyped] = useState<string | null>(null);
  const shown = value !== undefined && value !== null && Number.isNaN(value) && typed !== null ? typed : value ?? null;
  const problem = numberProblem(shown, spec, 'value', { value: label });
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column', verticalAlign: 'top' }}>
      <NumberInput id={id} value={shown} placeholder={placeholder}
        onChange={(v) => {
          if (typeof v === 'string') { setTyped(v); onChange(Number.NaN); } else { setTyped(null); onChange(v); }
        }}
        aria-label={rest['aria-label'] ?? label} style={style} size={size} addonAfter={addonAfter} status={problem ? 'error' : undefined} data-testid={testId}
        aria-invalid={problem ? true : undefined} />
      {problem && <div role="alert" className="ant-form-item-explain-error" data-testid={testId ? `${testId}-error` : undefined} style={{ fontSize: 12, maxWidth: 260 }}>{problem}</div>}
    </span>
  );
}
