// Rule outcomes as values: every refusal names its stable rule id (which is also its reason code),
// the article of the profile's document that states it, and the params its wording needs. The
// wording lives in the renderer's catalog, never here. Rule code never throws for a refusal.

import type { PolicyProfile } from '../policy/profile';
import type { LocalizedText } from './text';

export interface Violation {
  /** Stable id such as 'voucher.contractShare'. */
  rule: string;
  /** Stable dotted reason key the renderer words (the rule id itself for policy refusals). */
  reason: string;
  /** Article of the profile's document, e.g. '第十二条'. */
  article: string;
  /** Document number of the profile, e.g. '京科发〔2023〕16号'. */
  document: string;
  field?: string;
  /** Values the catalog's wording interpolates (amounts in fen under keys ending in 'Fen'). */
  params?: Record<string, ViolationParam>;
  /** How the desk reads a point the text leaves open, when the profile notes one for this rule. */
  note?: LocalizedText;
}

/** Param values a violation carries: they cross IPC as they are. */
export type ViolationParam = string | number | boolean | null | readonly (string | number)[];

export type RuleResult = { ok: true } | { ok: false; violations: Violation[] };

export const OK: RuleResult = Object.freeze({ ok: true });

export function resultOf(violations: readonly Violation[]): RuleResult {
  return violations.length === 0 ? OK : { ok: false, violations: [...violations] };
}

/**
 * The article for a rule id: the most specific entry of `profile.articles` along the dotted id
 * ('applicant.enterprise.staff' → 'applicant.enterprise' → 'applicant'), else the whole document.
 */
export function articleFor(profile: PolicyProfile, rule: string): string {
  for (let key = rule; key; key = key.slice(0, Math.max(0, key.lastIndexOf('.')))) {
    if (!Object.hasOwn(profile.articles, key)) continue;
    // null: the text states this without an article, so the document as a whole is cited.
    return profile.articles[key] ?? profile.documentNumber;
  }
  return profile.documentNumber;
}

/** The profile's note on how the desk reads an open point of this rule (same lookup as articleFor). */
export function noteFor(profile: PolicyProfile, rule: string): LocalizedText | null {
  for (let key = rule; key; key = key.slice(0, Math.max(0, key.lastIndexOf('.')))) {
    if (Object.hasOwn(profile.ruleNotes, key)) return profile.ruleNotes[key];
  }
  return null;
}

export function violation(
  profile: PolicyProfile,
  rule: string,
  extra: { field?: string; params?: Record<string, ViolationParam> } = {},
): Violation {
  const note = noteFor(profile, rule);
  return {
    rule, reason: rule, article: articleFor(profile, rule), document: profile.documentNumber, ...extra,
    ...(note ? { note } : {}),
  };
}

/** Guards rule inputs: amounts must be non-negative safe integers of fen. */
export function invalidAmount(profile: PolicyProfile, field: string, value: unknown): Violation | null {
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return null;
  return violation(profile, 'money.invalidAmount', { field, params: { value: String(value) } });
}
