// Rule outcomes as values: every refusal names its stable rule id, the article of the profile's
// document that states it, and a bilingual message. Rule code never throws for a refusal.

import type { PolicyProfile } from '../policy/profile';
import type { LocalizedText } from './text';

export interface Violation {
  /** Stable id such as 'voucher.contractShare'. */
  rule: string;
  /** Article of the profile's document, e.g. '第十二条'. */
  article: string;
  /** Document number of the profile, e.g. '京科发〔2023〕16号'. */
  document: string;
  field?: string;
  message: LocalizedText;
  params?: Record<string, unknown>;
}

export type RuleResult = { ok: true } | { ok: false; violations: Violation[] };

export const OK: RuleResult = Object.freeze({ ok: true });

export function resultOf(violations: readonly Violation[]): RuleResult {
  return violations.length === 0 ? OK : { ok: false, violations: [...violations] };
}

export function combineResults(...results: readonly RuleResult[]): RuleResult {
  return resultOf(results.flatMap((r) => (r.ok ? [] : r.violations)));
}

/**
 * The article for a rule id: the most specific entry of `profile.articles` along the dotted id
 * ('applicant.enterprise.staff' → 'applicant.enterprise' → 'applicant'), else the whole document.
 */
export function articleFor(profile: PolicyProfile, rule: string): string {
  for (let key = rule; key; key = key.slice(0, Math.max(0, key.lastIndexOf('.')))) {
    const article = profile.articles[key];
    if (article) return article;
  }
  return profile.documentNumber;
}

export function violation(
  profile: PolicyProfile,
  rule: string,
  message: LocalizedText,
  extra: { field?: string; params?: Record<string, unknown> } = {},
): Violation {
  return { rule, article: articleFor(profile, rule), document: profile.documentNumber, message, ...extra };
}

/** Guards rule inputs: amounts must be non-negative safe integers of fen. */
export function invalidAmount(profile: PolicyProfile, field: string, value: unknown): Violation | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return null;
  return violation(
    profile,
    'money.invalidAmount',
    { zh: `金额无效：${String(value)}（应为非负整数分）`, en: `Invalid amount ${String(value)} (non-negative integer fen)` },
    { field, params: { value } },
  );
}
