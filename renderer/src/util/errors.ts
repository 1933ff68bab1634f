import { message } from 'antd';
import { ApiError } from '../api';

/** Shows a failed call to the user: the message names the field and the rule. */
export function showError(e: unknown): void {
  if (e instanceof ApiError) {
    const { error } = e;
    // Validation messages already start with the field; other errors may name it separately.
    const where = error.field && !error.message.includes(error.field) ? `【${error.field}】` : '';
    const rule = error.article ? `（${error.article}）` : '';
    void message.error({ content: `${where}${error.message}${rule}`, duration: 6 });
  } else {
    void message.error(String((e as Error)?.message ?? e));
  }
}

/** Maps a VALIDATION error's field issues onto antd Form fields. */
export function formErrors(e: unknown): { name: string[]; errors: string[] }[] {
  if (!(e instanceof ApiError)) return [];
  const issues = e.error.issues ?? (e.error.field ? [{ field: e.error.field, message: e.error.message }] : []);
  return issues.map((i) => ({ name: i.field.split('.').filter((p) => p !== 'fields'), errors: [i.message] }));
}
