import type { redemptionChannels } from '../../shared/ipc/redemption';
import {
  getRedemption, listRedemptions, openRedemption, saveResultsText, transitionRedemption,
} from '../services/redemption/applications';
import { addAttachment, getAttachmentFile, listAttachments, removeAttachment } from '../services/redemption/attachments';
import { checkRedemption } from '../services/redemption/check';
import { addInvoice, listInvoices, removeInvoice, updateInvoice } from '../services/redemption/invoices';
import { cancelJob, jobResult, jobStatus, startBatch } from '../services/redemption/jobs';
import { exportPacket, toDownload } from '../services/redemption/packet';
import type { HandlerTable } from './types';

export const redemptionHandlers: HandlerTable<keyof typeof redemptionChannels> = {
  'redemption:list': (input, ctx) => listRedemptions(ctx, input),
  'redemption:get': ({ contractId }, ctx) => getRedemption(ctx, contractId),
  'redemption:open': ({ contractId }, ctx) => openRedemption(ctx, contractId),
  'redemption:transition': (input, ctx) => transitionRedemption(ctx, input),
  'redemption:saveResults': ({ contractId, resultsText }, ctx) => saveResultsText(ctx, contractId, resultsText),
  'redemption:check': ({ contractId }, ctx) => checkRedemption(ctx, contractId),
  'redemption:invoices': ({ contractId }, ctx) => listInvoices(ctx, contractId),
  'redemption:invoiceAdd': ({ contractId, fields }, ctx) => addInvoice(ctx, contractId, fields),
  'redemption:invoiceUpdate': ({ id, fields }, ctx) => updateInvoice(ctx, id, fields),
  'redemption:invoiceRemove': ({ id }, ctx) => { removeInvoice(ctx, id); return { removed: true as const }; },
  'attachments:add': (input, ctx) => addAttachment(ctx, input),
  'attachments:list': ({ contractId }, ctx) => listAttachments(ctx, contractId),
  'attachments:remove': ({ id }, ctx) => { removeAttachment(ctx, id); return { removed: true as const }; },
  'attachments:get': ({ id }, ctx) => getAttachmentFile(ctx, id),
  'packets:export': async ({ contractId }, ctx) => toDownload(await exportPacket(ctx, contractId)),
  'packets:startBatch': ({ contractIds }, ctx) => startBatch(ctx, contractIds),
  'packets:jobStatus': ({ jobId }) => jobStatus(jobId),
  'packets:cancel': ({ jobId }) => cancelJob(jobId),
  'packets:jobResult': ({ jobId }) => jobResult(jobId),
};
