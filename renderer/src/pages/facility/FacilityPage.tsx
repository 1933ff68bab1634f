import { Select, Space, Tabs } from 'antd';
import { useState } from 'react';
import { useT } from '../../i18n';
import { useToday } from '../../stores/app-info';
import { RatedHoursPanel } from './RatedHoursPanel';

const L = {
  zh: { year: '年度', rated: '额定机时' },
  en: { year: 'Year', rated: 'Rated hours' },
};

/** The facility office's work: 额定机时, lab data packages, consolidation, the national self-assessment. */
export function FacilityPage() {
  const t = useT(L);
  const thisYear = Number(useToday().slice(0, 4));
  const [year, setYear] = useState(thisYear - 1);
  const years = Array.from({ length: 8 }, (_, i) => thisYear + 1 - i);
  return (
    <div>
      <Space style={{ marginBottom: 12 }}>
        <span>{t.year}</span>
        <Select data-testid="facility-year" value={year} style={{ width: 100 }} options={years.map((y) => ({ value: y, label: String(y) }))} onChange={setYear} />
      </Space>
      <Tabs items={[
        { key: 'rated', label: t.rated, children: <RatedHoursPanel year={year} /> },
      ]} />
    </div>
  );
}
