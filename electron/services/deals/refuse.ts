// Turns the policy engine's outcomes into typed refusals, and finds the profile a record falls under.
import { profileById, profileFor, type PolicyProfile } from '../../../shared/policy';
import { refuse, refuseAll, type FieldIssue, type Params } from '../../../shared/result';
import type { RuleResult, Violation } from '../../../shared/rules';

/** The params of a violation that can cross IPC (numbers, names, dates, lists of them). */
export function violationParams(v: Violation): Params {
  const out: Params = {};
  for (const [k, x] of Object.entries(v.params ?? {})) {
    if (x === null || typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean') out[k] = x;
    else if (Array.isArray(x)) out[k] = x.filter((y): y is string | number => typeof y === 'string' || typeof y === 'number');
  }
  return out;
}

/** One violation as a field issue: the rule id is the reason, the article and document cited. */
export function violationIssue(v: Violation, field?: string): FieldIssue {
  return {
    field: field ?? v.field ?? '(input)',
    reason: v.rule,
    params: violationParams(v),
    rule: v.rule,
    article: v.article,
    document: v.document,
  };
}

/** Throws RULE naming the first violation's rule and article; all of them go in `issues`. */
export function refuseViolations(violations: readonly Violation[], field?: string): never {
  refuseAll('RULE', violations.map((v) => violationIssue(v, field)));
}

export function enforce(result: RuleResult, field?: string): void {
  if (!result.ok) refuseViolations(result.violations, field);
}

/** The profile of `region` in force on `date`, or a RULE refusal naming the date field. */
export function profileOn(region: string, date: string, field: string): PolicyProfile {
  const profile = profileFor(region, date);
  if (!profile) {
    refuse('RULE', 'policy.notInForce', { field, rule: 'policy.notInForce', params: { date, region } });
  }
  return profile;
}

/** The profile a stored record was written under; a missing one is a data problem, not user input. */
export function storedProfile(id: string): PolicyProfile {
  const profile = profileById(id);
  if (!profile) refuse('INTERNAL', 'policy.unknownProfile', { params: { profileId: id } });
  return profile;
}
