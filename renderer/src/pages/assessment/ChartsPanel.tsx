import { Card, Col, Row } from 'antd';
import { useMemo } from 'react';
import { assessmentCharts, CHART_LABELS_EN, CHART_LABELS_ZH } from '../../../../shared/charts/assessment';
import { svgDataUri } from '../../../../shared/charts/svg';
import type { AssessmentResult } from '../../../../shared/ipc/assessment';
import { useLocale } from '../../i18n';

/** The same SVG charts as the PDF report, shown as data: images (the CSP allows them). */
export function ChartsPanel({ result }: { result: AssessmentResult }) {
  const locale = useLocale((s) => s.locale);
  const charts = useMemo(() => assessmentCharts(result, locale === 'en' ? CHART_LABELS_EN : CHART_LABELS_ZH), [result, locale]);
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
      {(Object.keys(charts) as (keyof typeof charts)[]).map((k) => (
        <Col key={k} xs={24} xl={12}>
          <Card size="small"><img data-testid={`chart-${k}`} alt={k} src={svgDataUri(charts[k])} style={{ width: '100%', height: 'auto' }} /></Card>
        </Col>
      ))}
    </Row>
  );
}
