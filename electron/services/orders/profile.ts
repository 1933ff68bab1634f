// The profile an order is judged by: the desk's region in force on the order date, which must use
// the order flow (Shanghai). No fallback to another profile or region.
import type { PolicyProfile } from '../../../shared/policy';
import { fail } from '../../../shared/result';
import { articleFor } from '../../../shared/rules';
import type { ServiceContext } from '../context';
import { profileOn } from '../deals/refuse';
import { getSettings } from '../settings';

export function orderProfile(ctx: ServiceContext, date: string, field: string): PolicyProfile {
  const profile = profileOn(getSettings(ctx).region, date, field);
  if (profile.flow !== 'order') {
    const article = articleFor(profile, 'voucher');
    fail('RULE', `${profile.documentNumber} 按“申领—合同登记—兑现”使用创新券，本台账不使用订单；请在设置中选择上海 (this desk's policy uses contracts, not orders)【${profile.documentNumber} ${article}】`, {
      field, rule: 'order.flow', article,
    });
  }
  return profile;
}
