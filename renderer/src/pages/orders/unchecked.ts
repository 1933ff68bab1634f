// The rules a cross-region voucher (京津冀) or order (长三角) was not checked against, each named
// with the article of the local profile that states it, so the user sees what the desk left to
// the issuing region's rules.
import type { PolicyProfile } from '../../../../shared/policy/profile';
import { articleFor } from '../../../../shared/rules/violations';
import { articleName } from '../../i18n-errors';
import { ruleName } from '../../i18n-messages-orders';

/** '申领/使用条件（第七条）、…' in Chinese, 'applicant conditions (Article 7), …' in English. */
export function uncheckedRulesText(rules: readonly string[], profile: PolicyProfile | null, locale: 'zh' | 'en'): string {
  return rules.map((r) => {
    const article = profile ? articleFor(profile, r) : null;
    // A rule the text states without an article of its own is named without one.
    const cite = article && article !== profile?.documentNumber ? articleName(article, locale) : null;
    if (!cite) return ruleName(r, locale);
    return locale === 'zh' ? `${ruleName(r, locale)}（${cite}）` : `${ruleName(r, locale)} (${cite})`;
  }).join(locale === 'zh' ? '、' : ', ');
}
