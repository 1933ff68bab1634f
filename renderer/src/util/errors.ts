// Shows refusals to the user: toasts and form-field errors in the chosen language (wording in i18n-errors).
import { message } from 'antd';
import type { AppError, FieldIssue } from '../../../shared/result';
import { ApiError } from '../api';
import { useLocale, type Locale } from '../i18n';
import { citation, describeError, describeIssue, type FieldLabels } from '../i18n-errors';

export { articleName, citation, describeError, describeIssue, documentName, fieldLabel, type FieldLabels } from '../i18n-errors';

function currentLocale(): Locale {
  return useLocale.getState().locale;
}

/** The error of a failed call worded in the current language (any thrown value). */
export function errorText(e: unknown, labels: FieldLabels = {}): string {
  if (e instanceof ApiError) return describeError(e.error, currentLocale(), labels);
  return String((e as Error)?.message ?? e);
}

/** Shows a failed call to the user in the chosen language, naming the field by its label. */
export function showError(e: unknown, labels: FieldLabels = {}): void {
  void message.error({ content: errorText(e, labels), duration: 6 });
}

/** The issues of an error (the error itself when it lists none). */
export function issuesOf(error: AppError): FieldIssue[] {
  if (error.issues?.length) return error.issues;
  return error.field ? [{ field: error.field, reason: error.reason, params: error.params, row: error.row, message: error.message }] : [];
}

/**
 * Maps an error's field issues onto antd Form fields, worded in the current language. Several
 * issues on one field are all shown; the article is cited on the first one.
 */
export function formErrors(e: unknown, labels: FieldLabels = {}): { name: (string | number)[]; errors: string[] }[] {
  if (!(e instanceof ApiError)) return [];
  const locale = currentLocale();
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  let cited = false;
  for (const i of issuesOf(e.error)) {
    const name = i.field.split('.').filter((p) => p !== 'fields').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
    const key = name.join('.');
    const article = i.article ?? (cited ? undefined : e.error.article);
    let text = describeIssue({ ...i, code: e.error.code, row: undefined }, locale, labels);
    if (article && !cited) { text += citation({ article, document: i.document ?? e.error.document }, locale); cited = true; }
    const entry = byField.get(key) ?? { name, errors: [] };
    if (!entry.errors.includes(text)) entry.errors.push(text);
    byField.set(key, entry);
  }
  return [...byField.values()];
}
