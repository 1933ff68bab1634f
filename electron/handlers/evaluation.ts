import type { evaluationChannels } from '../../shared/ipc/evaluation';
import { addEvidence, compareLabs, computeEvaluation, deleteEvidence, officeSubsidy, setEntry } from '../services/facility/evaluation';
import { getEvaluationSettings, setEvaluationSettings } from '../services/facility/evaluation-settings';
import { exportComparisonXlsx, exportEvaluationPdf, exportEvaluationXlsx } from '../services/facility/export-evaluation';
import type { HandlerTable } from './types';

export const evaluationHandlers: HandlerTable<keyof typeof evaluationChannels> = {
  'evaluation:compute': (input, ctx) => computeEvaluation(ctx, input),
  'evaluation:subsidy': (input, ctx) => officeSubsidy(ctx, input),
  'evaluation:compare': (input, ctx) => compareLabs(ctx, input),
  'evaluation:settings': (_i, ctx) => getEvaluationSettings(ctx),
  'evaluation:setSettings': (input, ctx) => setEvaluationSettings(ctx, input),
  'evaluation:setEntry': (input, ctx) => setEntry(ctx, input),
  'evaluation:addEvidence': (input, ctx) => addEvidence(ctx, input),
  'evaluation:deleteEvidence': ({ id }, ctx) => { deleteEvidence(ctx, id); return { deleted: true as const }; },
  'evaluation:exportXlsx': (input, ctx) => exportEvaluationXlsx(ctx, input),
  'evaluation:exportPdf': (input, ctx) => exportEvaluationPdf(ctx, input),
  'evaluation:exportComparison': (input, ctx) => exportComparisonXlsx(ctx, input),
};
