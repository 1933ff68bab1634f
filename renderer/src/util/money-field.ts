// The one rule of a money field: the amount is typed as text ('1234.50', '12,345.67', '5万',
// '５万元') and read exactly by the shared parser (shared/rules/money.ts) into integer fen, never
// through floating point. A refused amount is an error on the field, in the window's language,
// naming the field; what passes is what is saved.
import type { Rule } from 'antd/es/form';
import { formatYuan, parseMoneyText } from '../../../shared/rules/money';
import { useLocale } from '../i18n';
import { describeIssue } from '../i18n-errors';

export interface MoneyRuleOptions {
  /** An empty field is refused ('{field} is required'). */
  required?: boolean;
  /** Corrections may be negative ('-50.00'); amounts otherwise may not. */
  allowNegative?: boolean;
  /** The field's label, for the message ('单价（元）必填'). */
  label?: string;
}

/** Why a typed amount is refused, in the window's language, or null when it reads exactly. */
export function moneyProblem(text: string | null | undefined, options: MoneyRuleOptions = {}): string | null {
  const locale = useLocale.getState().locale;
  const value = (text ?? '').trim();
  if (value === '') {
    return options.required ? describeIssue({ reason: 'field.required', field: 'amount' }, locale, { amount: options.label ?? (locale === 'zh' ? '金额' : 'Amount') }) : null;
  }
  const r = parseMoneyText(value, { allowNegative: options.allowNegative });
  if (r.ok) return null;
  const reason = r.reason[locale];
  return options.label ? `${options.label}${locale === 'zh' ? '：' : ': '}${reason}` : reason;
}

/** antd Form rule of a money text field. */
export function moneyRule(options: MoneyRuleOptions = {}): Rule {
  return {
    validator: async (_rule, value: string | null | undefined) => {
      const problem = moneyProblem(value, options);
      if (problem) throw new Error(problem);
    },
  };
}

/** Fen of a money text the rule passed; null when empty (or not an amount). */
export function fenOf(text: string | null | undefined, options: { allowNegative?: boolean } = {}): number | null {
  if (!text || !text.trim()) return null;
  const r = parseMoneyText(text, options);
  return r.ok ? r.fen : null;
}

/** The text a money field shows for an amount, which parses back to the same fen ('10,000,000.00'). */
export const fenToText = (fen: number | null | undefined): string => (fen === null || fen === undefined ? '' : formatYuan(fen));
