// Form fields that hold exactly what the user typed: a date is text read by the shared strict parser
// (2025-2-3 is shown as 2025-02-03, 2025-02-30 is an error on the field, never another day); rules
// run the same zod schema the service parses with; a server refusal marks every field it names,
// scrolls to the first and keeps the dialog open with the input.
import { CalendarOutlined } from '@ant-design/icons';
import { Button, Calendar, Input, Popover, Space, Tooltip, type FormInstance } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs from 'dayjs';
import { useState } from 'react';
import type { z } from 'zod';
import { FIELD_YEAR_MAX, FIELD_YEAR_MIN, parseDateText, parseDateTimeText, type Parsed } from '../../../shared/fields';
import { issuesOfZod } from '../../../shared/issues';
import { ApiError } from '../api';
import { useLocale } from '../i18n';
import { useToday } from '../stores/app-info';
import { describeIssue, type FieldLabels } from '../i18n-errors';
import { formErrors } from './errors';
import { NumberInput } from './number-field';

function word(reason: string, params: Record<string, string | number> | undefined, field: string, labels: FieldLabels): string {
  return describeIssue({ reason, params, field }, useLocale.getState().locale, labels);
}

/** An antd rule running a shared zod schema on the value; the message is the catalog's, with the label. */
export function schemaRule(schema: z.ZodType, field: string, labels: FieldLabels = {}): Rule {
  return {
    validator: async (_rule, value: unknown) => {
      const r = schema.safeParse(value);
      if (r.success) return;
      const [first] = issuesOfZod(r.error, value);
      throw new Error(describeIssue({ ...first, field, row: undefined }, useLocale.getState().locale, labels));
    },
  };
}

/** Why a typed date is refused, worded with the field's label, or null if it reads as a date. */
export function dateProblem(text: string, field: string, labels: FieldLabels = {}): string | null {
  const r = parseDateText(text);
  return r.ok ? null : word(r.reason, r.params, field, labels);
}

/** Rule of a date text field (required unless `optional`). */
export function dateRule(field: string, labels: FieldLabels = {}, optional = false): Rule {
  return textRule(parseDateText, field, labels, optional);
}

export function dateTimeRule(field: string, labels: FieldLabels = {}, optional = false): Rule {
  return textRule(parseDateTimeText, field, labels, optional);
}

function textRule(parse: (s: string) => Parsed<string>, field: string, labels: FieldLabels, optional: boolean): Rule {
  return {
    validator: async (_rule, value: string | null | undefined) => {
      if ((value ?? '').trim() === '' && optional) return;
      const r = parse(value ?? '');
      if (!r.ok) throw new Error(word(r.reason, r.params, field, labels));
    },
  };
}

/** The civil date of a date field's text (after the rule passed), or null when empty. */
export function dateOf(text: string | null | undefined): string | null {
  const r = parseDateText(text ?? '');
  return r.ok ? r.value : null;
}

export function dateTimeOf(text: string | null | undefined): string | null {
  const r = parseDateTimeText(text ?? '');
  return r.ok ? r.value : null;
}

interface TextFieldProps {
  value?: string | null;
  onChange?(value: string): void;
  placeholder?: string;
  'data-testid'?: string;
  id?: string;
  disabled?: boolean;
  style?: React.CSSProperties;
  status?: 'error';
  'aria-label'?: string;
}

/**
 * A date typed as text, with a calendar to pick from. On leaving the field a readable date is
 * shown in its normal form (2025-2-3 → 2025-02-03); an impossible one stays as typed, for the rule
 * to refuse.
 */
export function DateInput(props: TextFieldProps) {
  return <TextDate {...props} parse={parseDateText} placeholder={props.placeholder ?? 'YYYY-MM-DD'} />;
}

/** Date and time 'YYYY-MM-DD HH:mm' typed as text; the calendar sets the date and keeps the time. */
export function DateTimeInput(props: TextFieldProps) {
  return <TextDate {...props} parse={parseDateTimeText} withTime placeholder={props.placeholder ?? 'YYYY-MM-DD HH:mm'} />;
}

function TextDate({ value, onChange, parse, withTime = false, placeholder, id, disabled, style, status, ...rest }: TextFieldProps & { parse(s: string): Parsed<string>; withTime?: boolean }) {
  const [open, setOpen] = useState(false);
  const text = value ?? '';
  const parsed = parse(text);
  // With nothing readable typed, the calendar opens on the desk's day in Beijing, not the computer's.
  const today = useToday();
  const current = dayjs(parsed.ok ? parsed.value.slice(0, 10) : today);
  const normalise = () => { if (parsed.ok && parsed.value !== text) onChange?.(parsed.value); };
  const pick = (d: dayjs.Dayjs) => {
    const date = d.format('YYYY-MM-DD');
    onChange?.(withTime ? `${date} ${parsed.ok ? parsed.value.slice(11) : '09:00'}` : date);
    setOpen(false);
  };
  return (
    <Space.Compact style={{ width: '100%', ...style }}>
      <Input id={id} value={text} disabled={disabled} placeholder={placeholder} onChange={(e) => onChange?.(e.target.value)} onBlur={normalise}
        data-testid={rest['data-testid']} aria-label={rest['aria-label']} status={status} autoComplete="off" />
      <Popover open={open} onOpenChange={setOpen} trigger="click" placement="bottomRight" destroyOnHidden
        content={<div style={{ width: 280 }}><Calendar fullscreen={false} value={current} onSelect={(d, info) => { if (info.source === 'date') pick(d); }} /></div>}>
        <Button icon={<CalendarOutlined />} disabled={disabled} aria-label="calendar" tabIndex={-1} />
      </Popover>
    </Space.Compact>
  );
}

/**
 * A from–to date filter typed as text. The range applies only when both ends read as dates and
 * the first is not after the second; otherwise the field is marked with the reason and the list
 * keeps the range it shows, so what is listed is always the range on the screen once it reads.
 */
export function DateRangeInput({ value, onChange, labels, testId = 'date-range' }: {
  value: readonly [string, string];
  onChange(range: [string, string]): void;
  labels: { from: string; to: string };
  testId?: string;
}) {
  const [text, setText] = useState<[string, string]>([value[0], value[1]]);
  const [shownFor, setShownFor] = useState(value);
  if (shownFor[0] !== value[0] || shownFor[1] !== value[1]) { setShownFor(value); setText([value[0], value[1]]); }
  const from = parseDateText(text[0]);
  const to = parseDateText(text[1]);
  const problem = !from.ok ? word(from.reason, from.params, 'from', { from: labels.from })
    : !to.ok ? word(to.reason, to.params, 'to', { to: labels.to })
      : from.value > to.value ? word('field.rangeOrder', { from: from.value, to: to.value }, 'to', { to: labels.to }) : null;
  const edit = (i: 0 | 1, s: string) => {
    const next: [string, string] = i === 0 ? [s, text[1]] : [text[0], s];
    setText(next);
    const a = parseDateText(next[0]);
    const b = parseDateText(next[1]);
    if (a.ok && b.ok && a.value <= b.value && (a.value !== value[0] || b.value !== value[1])) onChange([a.value, b.value]);
  };
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column' }}>
      <Space.Compact data-testid={testId}>
        <DateInput value={text[0]} onChange={(s) => edit(0, s)} aria-label={labels.from} data-testid={`${testId}-from`} style={{ width: 160 }}
          status={!from.ok || (problem && to.ok) ? 'error' : undefined} />
        <DateInput value={text[1]} onChange={(s) => edit(1, s)} aria-label={labels.to} data-testid={`${testId}-to`} style={{ width: 160 }}
          status={!to.ok || (problem && from.ok) ? 'error' : undefined} />
      </Space.Compact>
      {problem && <div role="alert" className="ant-form-item-explain-error" data-testid={`${testId}-error`} style={{ fontSize: 12 }}>{problem}</div>}
    </span>
  );
}

/**
 * Shows a server refusal on the form: every field it names gets its error (several at once), the
 * first one is scrolled into view and focused. `map` renames service fields to form fields. Returns
 * whether any field was marked (otherwise the caller shows the error elsewhere).
 */
export function markRefusal(form: FormInstance, e: unknown, labels: FieldLabels = {}, map: Record<string, string> = {}): boolean {
  if (!(e instanceof ApiError)) return false;
  const known = new Set(Object.keys(form.getFieldsValue(true) as object));
  const marks = formErrors(e, labels).map((x) => {
    const head = String(x.name[0]);
    return { ...x, name: map[head] ? [map[head], ...x.name.slice(1)] : x.name };
  }).filter((x) => known.has(String(x.name[0])));
  if (!marks.length) return false;
  form.setFields(marks as never);
  form.scrollToField(marks[0].name as never, { behavior: 'smooth', block: 'center', focus: true });
  return true;
}

/** The name paths of the leaves an `onValuesChange` changed (`{lines: [, {quantity: 2}]}` → lines.1.quantity). */
function changedPaths(changed: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (changed === null || typeof changed !== 'object' || (prefix.length && !Array.isArray(changed) && Object.getPrototypeOf(changed) !== Object.prototype)) return [prefix];
  const out: (string | number)[][] = [];
  for (const k of Object.keys(changed)) out.push(...changedPaths((changed as Record<string, unknown>)[k], [...prefix, Array.isArray(changed) ? Number(k) : k]));
  return out.length ? out : [prefix];
}

/**
 * Form `onValuesChange`: an edited field loses its stale error at once (a server refusal set by
 * setFields, or an earlier rule's), nested fields (a table's line) too; its own rules run again.
 */
export function clearErrorsOnEdit(form: FormInstance) {
  return (changed: Record<string, unknown>) => {
    const edited = changedPaths(changed).map((p) => p.join('.'));
    const within = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
    const stale = form.getFieldsError().filter((f) => f.errors.length > 0 && edited.some((e) => within(f.name.join('.'), e)));
    if (stale.length) form.setFields(stale.map((f) => ({ name: f.name, errors: [] })) as never);
  };
}

/**
 * A year filter: a year outside the span the desk covers (or not whole) is marked on the field and
 * not applied; it is never moved to the nearest allowed year, so the list is always the year shown.
 */
export function YearFilter({ value, onChange, placeholder }: { value: number | undefined; onChange(year: number | undefined): void; placeholder?: string }) {
  const [typed, setTyped] = useState<number | string | null>(value ?? null);
  const [shownFor, setShownFor] = useState(value);
  if (shownFor !== value) { setShownFor(value); if (value !== undefined) setTyped(value); }
  const notNumber = typeof typed === 'string';
  const bad = notNumber || (typed !== null && (!Number.isInteger(typed) || typed < FIELD_YEAR_MIN || typed > FIELD_YEAR_MAX));
  const problem = !bad ? null : notNumber ? word('field.notNumber', { value: typed }, 'year', { year: placeholder ?? '' })
    : word('field.yearRange', { min: FIELD_YEAR_MIN, max: FIELD_YEAR_MAX, value: typed }, 'year', { year: placeholder ?? '' });
  return (
    <Tooltip title={problem} open={bad ? undefined : false}>
      <NumberInput placeholder={placeholder} aria-label={placeholder} style={{ width: 120 }} value={typed} status={bad ? 'error' : undefined} data-testid="year-filter"
        onChange={(v) => {
          setTyped(v);
          if (v === null) onChange(undefined);
          else if (typeof v === 'number' && Number.isInteger(v) && v >= FIELD_YEAR_MIN && v <= FIELD_YEAR_MAX) onChange(v);
        }} />
    </Tooltip>
  );
}
