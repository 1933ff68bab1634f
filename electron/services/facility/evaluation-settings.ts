// Weights of the nine second-level indicators and the grade floors: not published by the
// 实施细则, so they are the office's settings, starting from the evaluation profile's defaults.
import { z } from 'zod';
import { NATIONAL_EVALUATION_2026 as NATIONAL } from '../../../shared/evaluation/national-2026';
import { audit } from '../audit';
import type { ServiceContext } from '../context';

const KEY = 'evaluation.settings';

export const evaluationSettingsSchema = z.object({
  weights: z.record(z.string(), z.number().min(0).max(100)),
  gradeFloors: z.object({ excellent: z.number().min(0).max(100), good: z.number().min(0).max(100), qualified: z.number().min(0).max(100) })
    .refine((g) => g.excellent >= g.good && g.good >= g.qualified, { message: 'evaluation.gradeFloorsOrder', path: ['good'] }),
});
export type EvaluationSettings = z.output<typeof evaluationSettingsSchema>;

export function getEvaluationSettings(ctx: ServiceContext): EvaluationSettings & { configured: boolean } {
  const raw = ctx.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(KEY) as string | undefined;
  const parsed = raw ? evaluationSettingsSchema.safeParse(JSON.parse(raw)) : null;
  if (parsed?.success) return { ...parsed.data, configured: true };
  return { weights: { ...NATIONAL.unpublishedDefaults.weights }, gradeFloors: { ...NATIONAL.unpublishedDefaults.gradeFloors }, configured: false };
}

export function setEvaluationSettings(ctx: ServiceContext, input: EvaluationSettings): EvaluationSettings & { configured: boolean } {
  const known = new Set(NATIONAL.indicators.map((i) => i.id));
  const next = evaluationSettingsSchema.parse({
    weights: Object.fromEntries(Object.entries(input.weights).filter(([k]) => known.has(k))),
    gradeFloors: input.gradeFloors,
  });
  ctx.db.transaction(() => {
    ctx.db.prepare('INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(next));
    audit(ctx, 'update', 'evaluation_settings', KEY, next);
  })();
  return { ...next, configured: true };
}
