// Turns the policy engine's outcomes into typed refusals, and finds the profile a record falls under.
import { profileById, profileFor, type PolicyProfile } from '../../../shared/policy';
import { fail } from '../../../shared/result';
import type { RuleResult, Violation } from '../../../shared/rules';

/** Chinese message with the English in parentheses, as every refusal of the app reads. */
export function violationText(v: Violation): string {
  return `${v.message.zh} (${v.message.en})`;
}

/** Throws RULE naming the first violation's rule and article; all of them go in `issues`. */
export function refuseViolations(violations: readonly Violation[], field?: string): never {
  const [first] = violations;
  fail('RULE', `${violationText(first)}【${first.document} ${first.article}】`, {
    field: field ?? first.field,
    rule: first.rule,
    article: first.article,
    issues: violations.map((v) => ({ field: field ?? v.field ?? '(input)', message: violationText(v), rule: v.rule, article: v.article })),
  });
}

export function enforce(result: RuleResult, field?: string): void {
  if (!result.ok) refuseViolations(result.violations, field);
}

/** The profile of `region` in force on `date`, or a RULE refusal naming the date field. */
export function profileOn(region: string, date: string, field: string): PolicyProfile {
  const profile = profileFor(region, date);
  if (!profile) {
    fail('RULE', `${date} 在地区 ${region} 没有生效的创新券政策 (no voucher policy of region ${region} is in force on ${date})`, {
      field, rule: 'policy.notInForce',
    });
  }
  return profile;
}

/** The profile a stored record was written under; a missing one is a data problem, not user input. */
export function storedProfile(id: string): PolicyProfile {
  const profile = profileById(id);
  if (!profile) fail('INTERNAL', `未知的政策版本 ${id} (unknown policy profile ${id})`);
  return profile;
}
