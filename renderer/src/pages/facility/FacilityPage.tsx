import { Select, Space, Tabs } from 'antd';
import { useState } from 'react';
import type { DeskIdentityView } from '../../../../shared/ipc/office';
import { useT } from '../../i18n';
import { useToday } from '../../stores/app-info';
import { DeskPanel } from './DeskPanel';
import { EvaluationPanel } from './EvaluationPanel';
import { OfficePanel } from './OfficePanel';
import { RatedHoursPanel } from './RatedHoursPanel';

const L = {
  zh: { year: '年度', desk: '本机与数据包', rated: '额定机时', office: '汇总各实验室', evaluation: '国家评价自评与对比' },
  en: { year: 'Year', desk: 'This desk & packages', rated: 'Rated hours', office: 'Consolidation', evaluation: 'National self-assessment' },
};

/** The facility office's work: 额定机时, lab data packages, consolidation, the national self-assessment. */
export function FacilityPage() {
  const t = useT(L);
  const thisYear = Number(useToday().slice(0, 4));
  const [year, setYear] = useState(thisYear - 1);
  const [identity, setIdentity] = useState<DeskIdentityView | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const years = Array.from({ length: 8 }, (_, i) => thisYear + 1 - i);
  const office = identity?.role === 'office';
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <span>{t.year}</span>
        <Select data-testid="facility-year" value={year} style={{ width: 100 }} options={years.map((y) => ({ value: y, label: String(y) }))} onChange={setYear} />
      </Space>
      <Tabs destroyOnHidden items={[
        { key: 'desk', label: t.desk, children: <DeskPanel year={year} onChange={setIdentity} /> },
        { key: 'rated', label: t.rated, children: <RatedHoursPanel year={year} /> },
        ...(office ? [
          { key: 'office', label: <span data-testid="tab-office">{t.office}</span>, children: <OfficePanel onImported={() => setReloadKey((k) => k + 1)} /> },
          { key: 'evaluation', label: <span data-testid="tab-evaluation">{t.evaluation}</span>, children: <EvaluationPanel year={year} reloadKey={reloadKey} /> },
        ] : []),
      ]} />
    </div>
  );
}
