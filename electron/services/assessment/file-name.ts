import type { AssessmentResult } from '../../../shared/ipc/assessment';

/** '年度考核-2025[-scope].ext', the scope label made safe for every file system. */
export function reportFileName(r: Pick<AssessmentResult, 'year' | 'scopeLabel'>, ext: 'xlsx' | 'pdf'): string {
  const suffix = r.scopeLabel ? `-${r.scopeLabel.replace(/[\\/:*?"<>|\s]+/g, '_').slice(0, 40)}` : '';
  return `年度考核-${r.year}${suffix}.${ext}`;
}
