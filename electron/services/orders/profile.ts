// The profile an order is judged by: the desk's region in force on the order date, which must use
// the order flow (Shanghai). No fallback to another profile or region.
import type { PolicyProfile } from '../../../shared/policy';
import { refuse } from '../../../shared/result';
import { articleFor } from '../../../shared/rules';
import type { ServiceContext } from '../context';
import { profileOn } from '../deals/refuse';
import { getSettings } from '../settings';

export function orderProfile(ctx: ServiceContext, date: string, field: string): PolicyProfile {
  const profile = profileOn(getSettings(ctx).region, date, field);
  if (profile.flow !== 'order') {
    const article = articleFor(profile, 'voucher');
    refuse('RULE', 'order.flow', { field, rule: 'order.flow', article, document: profile.documentNumber });
  }
  return profile;
}
