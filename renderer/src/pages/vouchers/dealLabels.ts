// Labels and colours shared by the applicants, vouchers, contracts and dashboard pages.
import { CONTRACT_STATUS_TEXT, type ContractRow, type DueKind } from '../../../../shared/ipc/deals';
import { APPLICANT_KIND_LABELS, type ApplicantKind } from '../../../../shared/policy/vocabulary';
import { moneyProblem } from '../../util/money-field';
import type { VoucherStateName } from '../../../../shared/rules/vouchers';
import type { Locale } from '../../i18n';

export const VOUCHER_STATE_LABELS: Record<VoucherStateName, { zh: string; en: string; color: string }> = {
  claimed: { zh: '待登记', en: 'Claimed', color: 'blue' },
  registered: { zh: '有效', en: 'Registered', color: 'green' },
  expired_unregistered: { zh: '逾期未登记', en: 'Not registered in time', color: 'default' },
  expired: { zh: '已过期', en: 'Expired', color: 'default' },
  redeemed: { zh: '已申请兑现', en: 'Redeemed', color: 'purple' },
  void: { zh: '已作废', en: 'Void', color: 'red' },
};

export const CONTRACT_STATUS_LABELS: Record<ContractRow['status'], { zh: string; en: string; color: string }> = {
  draft: { ...CONTRACT_STATUS_TEXT.draft, color: 'default' },
  active: { ...CONTRACT_STATUS_TEXT.active, color: 'blue' },
  completed: { ...CONTRACT_STATUS_TEXT.completed, color: 'green' },
  void: { ...CONTRACT_STATUS_TEXT.void, color: 'red' },
};

export const DUE_KIND_LABELS: Record<DueKind, { zh: string; en: string }> = {
  voucher_register: { zh: '创新券登记', en: 'Register voucher' },
  voucher_expiry: { zh: '创新券到期', en: 'Voucher expires' },
  contract_redemption: { zh: '申请兑现', en: 'Apply for redemption' },
};

export function kindLabel(kind: ApplicantKind, locale: Locale): string {
  return APPLICANT_KIND_LABELS[kind][locale];
}

/** Colour by days left: today or tomorrow red, within a week orange, later blue. */
export function urgencyColor(daysLeft: number | null): string {
  if (daysLeft === null) return 'default';
  if (daysLeft <= 1) return 'red';
  if (daysLeft <= 7) return 'orange';
  return 'blue';
}

/** antd Form rule for amounts typed as text ('5万', '50,000.00'): the one money rule (util/money-field). */
export function moneyRule(required: boolean, requiredMessage: string) {
  return {
    validator: async (_: unknown, v: string | undefined) => {
      if (!v) { if (required) throw new Error(requiredMessage); return; }
      const problem = moneyProblem(v);
      if (problem) throw new Error(problem);
    },
  };
}

export { fenOf, fenToText } from '../../util/money-field';

const REGION_LABELS: Record<string, { zh: string; en: string }> = {
  beijing: { zh: '北京', en: 'Beijing' },
  shanghai: { zh: '上海', en: 'Shanghai' },
};

/** Region codes of the profiles; a region added as profile data shows its code until labelled here. */
export const regionLabel = (region: string, locale: Locale) => REGION_LABELS[region]?.[locale] ?? region;
