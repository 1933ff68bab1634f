import type { moneyChannels } from '../../shared/ipc/money';
import { civilDateInShanghai } from '../../shared/rules';
import {
  addAdjustment, addManualLine, adoptActual, confirmDifference, contractCharges, refreshCharges, removeLine,
} from '../services/money/charges';
import { quotePdfDownload, quoteXlsxDownload } from '../services/money/quote-docs';
import { adoptQuote, listQuotes, saveQuote } from '../services/money/quotes';
import {
  addRateVersion, applicantGroup, listPriceGroups, listRates, referenceFeeText, savePriceGroup, saveRateItem, setApplicantGroup, updateRateVersion,
} from '../services/money/rates';
import {
  cancelStatementBatch, issueFromCharges, startStatementBatch, statementBatchResult, statementBatchStatus, statementPdfDownload, statementXlsxDownload,
} from '../services/money/statements';
import { addPayment, removePayment, voidStatement } from '../services/money/statements-store';
import type { HandlerTable } from './types';

export const moneyHandlers: HandlerTable<keyof typeof moneyChannels> = {
  'money:priceGroups': (_i, ctx) => listPriceGroups(ctx),
  'money:priceGroupSave': ({ id, fields }, ctx) => savePriceGroup(ctx, id, fields),
  'money:rates': ({ instrumentId }, ctx) => listRates(ctx, instrumentId),
  'money:rateItemSave': ({ id, fields }, ctx) => saveRateItem(ctx, id, fields),
  'money:rateVersionAdd': ({ itemId, fields }, ctx) => addRateVersion(ctx, itemId, fields),
  'money:rateVersionUpdate': ({ versionId, fields }, ctx) => updateRateVersion(ctx, versionId, fields),
  'money:referenceFee': ({ instrumentId, date }, ctx) => ({ text: referenceFeeText(ctx, instrumentId, date ?? civilDateInShanghai(ctx.now())) }),
  'money:applicantGroup': ({ applicantId }, ctx) => applicantGroup(ctx, applicantId),
  'money:setApplicantGroup': ({ applicantId, priceGroupId }, ctx) => setApplicantGroup(ctx, applicantId, priceGroupId),
  'money:charges': (ref, ctx) => contractCharges(ctx, ref),
  'money:refresh': (ref, ctx) => refreshCharges(ctx, ref),
  'money:addManual': (input, ctx) => addManualLine(ctx, input),
  'money:addAdjustment': (input, ctx) => addAdjustment(ctx, input),
  'money:removeLine': ({ id, reason }, ctx) => { removeLine(ctx, id, reason); return { removed: true as const }; },
  'money:adoptActual': (ref, ctx) => adoptActual(ctx, ref),
  'money:confirmDifference': ({ reason, ...ref }, ctx) => confirmDifference(ctx, ref, reason),
  'money:quotes': ({ applicantId }, ctx) => listQuotes(ctx, applicantId),
  'money:quoteSave': ({ id, fields }, ctx) => saveQuote(ctx, id, fields),
  'money:quoteAdopt': ({ quoteId, ...ref }, ctx) => adoptQuote(ctx, quoteId, ref),
  'money:quotePdf': ({ id }, ctx) => quotePdfDownload(ctx, id),
  'money:quoteXlsx': ({ id }, ctx) => quoteXlsxDownload(ctx, id),
  'money:statementIssue': ({ issuedOn, ...ref }, ctx) => issueFromCharges(ctx, ref, issuedOn),
  'money:statementVoid': ({ reason, ...ref }, ctx) => voidStatement(ctx, ref, reason),
  'money:statementPdf': (ref, ctx) => statementPdfDownload(ctx, ref),
  'money:statementXlsx': (ref, ctx) => statementXlsxDownload(ctx, ref),
  'money:paymentAdd': (input, ctx) => addPayment(ctx, input),
  'money:paymentRemove': ({ id, reason }, ctx) => { removePayment(ctx, id, reason); return { removed: true as const }; },
  'money:batchStart': ({ year }, ctx) => startStatementBatch(ctx, year),
  'money:batchStatus': ({ jobId }) => statementBatchStatus(jobId),
  'money:batchCancel': ({ jobId }) => cancelStatementBatch(jobId),
  'money:batchResult': ({ jobId }) => statementBatchResult(jobId),
};
