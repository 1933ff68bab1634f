// Channels: evaluation:* (the national self-assessment at the office, cross-lab comparison)
import { z } from 'zod';
import type { GradeId, WeightedScore } from '../evaluation/scoring';
import { SUBSIDY_GRADES, type SubsidyResult } from './assessment';
import { fileUploadSchema, type FileDownload } from './catalog';
import { channel } from './define';

const yearSchema = z.number().int().min(2000).max(2100);

export const evaluationScopeSchema = z.object({
  fromYear: yearSchema,
  toYear: yearSchema,
  /** Lab desks in scope; absent = the whole unit (every registered lab). */
  deskIds: z.array(z.string().uuid()).max(500).optional(),
});
export type EvaluationScope = z.output<typeof evaluationScopeSchema>;

export interface IndicatorFigure {
  key: string;
  value: number | null;
  /** 'h', 'ratio', 'count', 'fen', 'score5' — how the renderer formats it. */
  unit: 'h' | 'ratio' | 'count' | 'fen' | 'score5';
  /** The national average the figure is read against, when there is one. */
  benchmark?: number;
}

export interface IndicatorResult {
  id: string;
  first: 'organisation' | 'operation' | 'sharing';
  zh: string;
  en: string;
  kind: 'figures' | 'qualitative' | 'mixed';
  figures: IndicatorFigure[];
  suggestedScore: number | null;
  enteredScore: number | null;
  /** The score counted: the entered one, else the suggestion (source says which). */
  score: number | null;
  scoreSource: 'entered' | 'suggested' | null;
  weight: number;
  text: string;
  evidence: { id: number; originalName: string; sha256: string; sizeBytes: number }[];
}

export interface LabComparisonRow {
  deskId: string;
  labName: string;
  instruments: number;
  instrumentYears: number;
  avgEffectiveHours: number | null;
  avgExternalHours: number | null;
  utilisation: number | null;
  shareRate: number | null;
  openRate: number | null;
  /** Users' mean satisfaction (of 5) over the lab's usage records of the period. */
  avgSatisfaction: number | null;
  /** Suggested scores of 共享机时 and 对外服务成效及用户评价 for the lab, as the self-assessment suggests them. */
  sharedHoursScore: number | null;
  externalServiceScore: number | null;
  /** The 共享服务 score (weighted over those two under the configured weights) that breaks ties in utilisation; null when either is missing. */
  sharingScore: number | null;
  rank: number;
}

export interface CategoryComparisonRow {
  code: string;
  name: string;
  instruments: number;
  avgEffectiveHours: number | null;
  avgExternalHours: number | null;
  utilisation: number | null;
  shareRate: number | null;
}

export interface DragRow {
  deskId: string;
  labName: string;
  innerId: string;
  nameCn: string;
  categoryCode: string;
  avgEffectiveHours: number;
  avgExternalHours: number;
  utilisation: number | null;
  /** Hours per year short of the national average of effective hours. */
  shortfallHours: number;
}

export interface EvaluationResult {
  scope: EvaluationScope;
  labs: { deskId: string; labName: string }[];
  profile: { id: string; title: string; publishedOn: string; effectiveFrom: string };
  nationalAverages: { year: number; effectiveHours: number; externalHours: number };
  minUnitValueFen: number;
  years: { year: number; instruments: number; effectiveHours: number; externalHours: number; utilisation: number | null; shareRate: number | null }[];
  indicators: IndicatorResult[];
  score: WeightedScore;
  grade: GradeId | null;
  weightsConfigured: boolean;
  gradeFloors: { excellent: number; good: number; qualified: number };
}

export interface ComparisonResult {
  scope: EvaluationScope;
  labs: LabComparisonRow[];
  categories: CategoryComparisonRow[];
  drag: DragRow[];
  unit: { avgEffectiveHours: number | null; avgExternalHours: number | null; utilisation: number | null; shareRate: number | null };
}

const settingsSchema = z.object({
  weights: z.record(z.string(), z.number().min(0).max(100)),
  gradeFloors: z.object({ excellent: z.number().min(0).max(100), good: z.number().min(0).max(100), qualified: z.number().min(0).max(100) }),
});

export const evaluationChannels = {
  'evaluation:compute': channel<EvaluationResult>()(evaluationScopeSchema),
  'evaluation:compare': channel<ComparisonResult>()(evaluationScopeSchema),
  'evaluation:settings': channel<z.output<typeof settingsSchema> & { configured: boolean }>()(z.object({})),
  'evaluation:setSettings': channel<z.output<typeof settingsSchema> & { configured: boolean }>()(settingsSchema),
  'evaluation:setEntry': channel<{ saved: true }>()(z.object({
    fromYear: yearSchema, toYear: yearSchema, indicator: z.string().min(1).max(40),
    text: z.string().max(20_000).default(''), score: z.number().min(0).max(100).nullable(),
  })),
  'evaluation:addEvidence': channel<{ id: number }>()(fileUploadSchema.extend({ fromYear: yearSchema, toYear: yearSchema, indicator: z.string().min(1).max(40) })),
  'evaluation:deleteEvidence': channel<{ deleted: true }>()(z.object({ id: z.number().int().positive() })),
  'evaluation:exportXlsx': channel<FileDownload>()(evaluationScopeSchema),
  'evaluation:exportPdf': channel<FileDownload>()(evaluationScopeSchema),
  'evaluation:exportComparison': channel<FileDownload>()(evaluationScopeSchema),
  /** The Beijing subsidy view of the unit over the labs' consolidated data, beside the national self-assessment. */
  'evaluation:subsidy': channel<SubsidyResult>()(z.object({
    year: yearSchema, deskIds: z.array(z.string().min(1).max(100)).max(500).optional(), whatIfGrade: z.enum(SUBSIDY_GRADES).optional(),
  })),
};
