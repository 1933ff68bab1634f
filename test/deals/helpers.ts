// Builders for the deals tests: an applicant, vouchers and contracts through the real services.
import type { ApplicantInput, ContractInput } from '../../shared/ipc/deals';
import { applicantInputSchema, contractInputSchema, voucherClaimSchema, type VoucherClaimInput } from '../../shared/ipc/deals';
import { createApplicant } from '../../electron/services/deals/applicants';
import { saveContract } from '../../electron/services/deals/contracts';
import { claimVoucher } from '../../electron/services/deals/vouchers';
import type { Ctx } from '../helpers/db';

export { refusal } from '../helpers/failure';

export const YUAN = 100;

let seq = 0;

/** A Beijing firm that meets every 2023 condition ('other_enterprise' unless flags say otherwise). */
export function firm(ctx: Ctx, patch: Partial<ApplicantInput> = {}) {
  // A status is saved with its validity; unless a test sets it, it covers every date the tests use.
  const validity = {
    ...(patch.highTech ? { highTechValidFrom: '2020-01-01', highTechValidTo: '2030-12-31' } : {}),
    ...(patch.smeListed ? { smeValidFrom: '2020-01-01', smeValidTo: '2030-12-31' } : {}),
  };
  return createApplicant(ctx, applicantInputSchema.parse({
    kind: 'enterprise', name: `测试企业${++seq}`, region: 'beijing', registeredDate: '2022-03-01', staffCount: 50,
    revenueFen: 1_000_000 * YUAN, assetsFen: 800_000 * YUAN, fields: ['智能制造'], ...validity, ...patch,
  }));
}

export function claim(ctx: Ctx, applicantId: number, input: Partial<VoucherClaimInput> = {}) {
  return claimVoucher(ctx, voucherClaimSchema.parse({
    number: `QC${String(++seq).padStart(6, '0')}`, applicantId, faceValueFen: 50_000 * YUAN, claimDate: '2025-06-10', ...input,
  }));
}

/** A contract saved through the service; its service kind is 'testing' (in scope) unless given. */
export function contract(ctx: Ctx, input: Partial<ContractInput> & Pick<ContractInput, 'applicantId'>, id: number | null = null) {
  return saveContract(ctx, contractInputSchema.parse({
    number: `HT${String(++seq).padStart(6, '0')}`, signedDate: '2025-06-12', startDate: '2025-06-12', endDate: '2025-07-31',
    amountFen: 100_000 * YUAN, serviceKinds: ['testing'], ...input,
  }), id);
}

