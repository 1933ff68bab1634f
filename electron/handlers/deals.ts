import type { dealsChannels } from '../../shared/ipc/deals';
import {
  checkEligibility, createApplicant, creditCodeDuplicates, deleteApplicant, getApplicant, listApplicants, updateApplicant,
} from '../services/deals/applicants';
import { getContract, listContracts, saveContract } from '../services/deals/contracts';
import { dueSoon } from '../services/deals/dashboard';
import { quotaReport } from '../services/deals/quota';
import { claimVoucher, listVouchers, registerVoucher, voidVoucher } from '../services/deals/vouchers';
import type { HandlerTable } from './types';

export const dealsHandlers: HandlerTable<keyof typeof dealsChannels> = {
  'applicants:list': (input, ctx) => listApplicants(ctx, input),
  'applicants:get': ({ id }, ctx) => getApplicant(ctx, id),
  'applicants:create': (input, ctx) => createApplicant(ctx, input),
  'applicants:update': ({ id, fields }, ctx) => updateApplicant(ctx, id, fields),
  'applicants:duplicates': (_input, ctx) => creditCodeDuplicates(ctx),
  'applicants:delete': ({ id }, ctx) => { deleteApplicant(ctx, id); return { deleted: true as const }; },
  'applicants:eligibility': (input, ctx) => checkEligibility(ctx, input),
  'vouchers:list': (input, ctx) => listVouchers(ctx, input),
  'vouchers:claim': (input, ctx) => claimVoucher(ctx, input),
  'vouchers:register': ({ id, registeredDate }, ctx) => registerVoucher(ctx, id, registeredDate),
  'vouchers:void': ({ id, reason }, ctx) => voidVoucher(ctx, id, reason),
  'vouchers:quota': (input, ctx) => quotaReport(ctx, input),
  'contracts:list': (input, ctx) => listContracts(ctx, input),
  'contracts:get': ({ id }, ctx) => getContract(ctx, id),
  'contracts:create': (input, ctx) => saveContract(ctx, input, null),
  'contracts:update': ({ id, fields }, ctx) => saveContract(ctx, fields, id),
  'dashboard:dueSoon': (input, ctx) => dueSoon(ctx, input),
};
