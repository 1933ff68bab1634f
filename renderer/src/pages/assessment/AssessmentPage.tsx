import { FilePdfOutlined, FileExcelOutlined, ReloadOutlined } from '@ant-design/icons';
import { Button, Select, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { InstrumentRow } from '../../../../shared/catalog/instrument';
import type { Lab } from '../../../../shared/ipc/catalog';
import { call } from '../../api';
import { profileById } from '../../../../shared/policy/registry';
import { useLocale, useT } from '../../i18n';
import { punct, UserText } from '../../util/user-data';
import { documentName } from '../../i18n-errors';
import { useAppInfo, useToday } from '../../stores/app-info';
import { useAssessment } from '../../stores/assessment';
import { saveDownload } from '../../util/download';
import { showError } from '../../util/errors';
import { ChartsPanel } from './ChartsPanel';
import { ChecksPanel } from './ChecksPanel';
import { KpiCards } from './KpiCards';
import { SubsidyPanel } from './SubsidyPanel';
import { InstrumentSelect } from '../../util/pickers';

const L = {
  zh: {
    year: '考核年度', unit: '全单位', lab: '按实验室', instrument: '按仪器', pickLab: '选择实验室', pickInstrument: '选择仪器',
    xlsx: '导出 Excel 报表', pdf: '导出 PDF 汇总', refresh: '刷新', profile: '政策依据',
  },
  en: {
    year: 'Year', unit: 'Whole unit', lab: 'By lab', instrument: 'By instrument', pickLab: 'Pick a lab', pickInstrument: 'Pick an instrument',
    xlsx: 'Export Excel report', pdf: 'Export PDF summary', refresh: 'Refresh', profile: 'Policy',
  },
};


export function AssessmentPage() {
  const t = useT(L);
  const locale = useLocale((st) => st.locale);
  const { year, scope, result, loading, setYear, setScope, reload } = useAssessment();
  const thisYear = Number(useToday().slice(0, 4));
  const years = Array.from({ length: 8 }, (_, i) => thisYear - i);
  const [labs, setLabs] = useState<Lab[]>([]);
  const [instruments, setInstruments] = useState<InstrumentRow[]>([]);
  const [exporting, setExporting] = useState<'xlsx' | 'pdf' | null>(null);

  useEffect(() => {
    // The first visit assesses last year by the main process's today.
    void useAppInfo.getState().load().then((info) => useAssessment.getState().initYear(Number(info.today.slice(0, 4)) - 1)).catch(showError);
    call('labs:list', {}).then(setLabs, showError);
    // One instrument to start the instrument scope with; the picker searches the catalog for others.
    call('catalog:list', { includeRetired: true, limit: 1 }).then((r) => setInstruments(r.rows), showError);
  }, [reload]);

  const exportFile = async (kind: 'xlsx' | 'pdf') => {
    setExporting(kind);
    try {
      saveDownload(await call(kind === 'xlsx' ? 'assessment:exportXlsx' : 'assessment:exportPdf', { year, scope }));
    } catch (e) {
      showError(e);
    } finally {
      setExporting(null);
    }
  };

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <span>{t.year}</span>
        <Select data-testid="assessment-year" value={year} style={{ width: 100 }} options={years.map((y) => ({ value: y, label: String(y) }))}
          onChange={setYear} />
        <Select style={{ width: 130 }} value={scope.kind} onChange={(kind) => {
          if (kind === 'unit') setScope({ kind });
          else if (kind === 'lab' && labs[0]) setScope({ kind, labId: labs[0].id });
          else if (kind === 'instrument' && instruments[0]) setScope({ kind, instrumentId: instruments[0].id });
        }} options={[{ value: 'unit', label: t.unit }, { value: 'lab', label: t.lab, disabled: !labs.length },
          { value: 'instrument', label: t.instrument, disabled: !instruments.length }]} />
        {scope.kind === 'lab' && (
          <Select style={{ width: 200 }} placeholder={t.pickLab} value={scope.labId} showSearch optionFilterProp="label"
            options={labs.map((l) => ({ value: l.id, label: l.name }))} optionRender={(o) => <UserText>{o.label}</UserText>} labelRender={(o) => <UserText>{o.label}</UserText>} onChange={(labId) => setScope({ kind: 'lab', labId })} />
        )}
        {scope.kind === 'instrument' && (
          <InstrumentSelect style={{ width: 300 }} placeholder={t.pickInstrument} value={scope.instrumentId} known={instruments} includeRetired
            onChange={(instrumentId) => setScope({ kind: 'instrument', instrumentId })} />
        )}
        <Button icon={<ReloadOutlined />} onClick={() => void reload().catch(showError)}>{t.refresh}</Button>
        <Button data-testid="export-xlsx" icon={<FileExcelOutlined />} loading={exporting === 'xlsx'} onClick={() => void exportFile('xlsx')}>{t.xlsx}</Button>
        <Button data-testid="export-pdf" icon={<FilePdfOutlined />} loading={exporting === 'pdf'} onClick={() => void exportFile('pdf')}>{t.pdf}</Button>
      </Space>
      {result && (
        <Typography.Paragraph type="secondary">
          {t.profile}{punct(locale).colon}{locale === 'en' ? profileById(result.profile.id)?.titleEn ?? result.profile.title : result.profile.title}{punct(locale).open}{documentName(result.profile.documentNumber, locale)}{punct(locale).close}{result.scopeLabel ? ` · ${result.scopeLabel}` : ''}
        </Typography.Paragraph>
      )}
      <Spin spinning={loading}>
        {result && <KpiCards result={result} />}
        {result && <ChartsPanel result={result} />}
        <ChecksPanel />
        {scope.kind === 'unit' && <SubsidyPanel />}
      </Spin>
    </div>
  );
}
