import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Checkbox, Modal, Space, Table, Tabs, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { INSTRUMENT_FIELD_LABELS, type InstrumentListQuery } from '../../../../shared/catalog/instrument';
import { yearSchema, type PlatformCheck, type PlatformProblem } from '../../../../shared/ipc/catalog';
import { UserText } from '../../util/user-data';
import { useToday } from '../../stores/app-info';
import { call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { describeIssue } from '../../i18n-errors';
import { saveDownload } from '../../util/download';
import { showError } from '../../util/errors';
import { isCancelled, JobProgress, useJob } from '../../util/JobProgress';
import { NumberField, numberIssue, specOf } from '../../util/number-field';

const YEAR = specOf(yearSchema, { required: true });

const L = {
  zh: {
    title: '导出到国家平台', year: '统计年度', check: '上报前检查', checking: '正在检查…',
    summary: '{n} 台仪器，{y} 年服务记录 {r} 条；{e} 台仪器有上报前须处理的问题', clean: '未发现上报前须处理的问题',
    equipment: '单台套（{n}）', service: '服务记录（{n}）', instrument: '仪器', field: '字段', reason: '问题', severity: '类别',
    error: '会被拒收', desk: '本系统要求', warning: '提示', fix: '修改',
    deskNote: '“本系统要求”一类不是平台文件规定的：单台套模板只将仪器编号标为必填，其余必填项（名称、分类编码、来源、原值、建账日期、类别、型号、制造商、国别、学科、省、市、联系人、电话，海关监管仪器的报关信息）、服务记录的实际服务内容与学科，以及含小类的中类编码、邮政编码与网址的格式，是本系统按单位上报前审核的通常要求列出的。',
    fundingNote: '服务记录的代码取自平台的服务记录格式；其中服务经费来源的对应由本系统判断：创新券支付的服务记为 15 地方科技计划项目，其他签约服务记为 16 其他，无合同或订单的记为 17 无。', deskSheet: '附“工作台补充”工作表（启用日期、状态、共享模式等平台模板没有的信息，便于导回本系统；平台不读取）',
    xlsx: '单台套 .xlsx', xls: '单台套 .xls（模板格式）', svcXlsx: '服务记录 .xlsx', svcXls: '服务记录 .xls',
    anyway: '仍有问题：可先修改，或仍然导出', close: '关闭',
  },
  en: {
    title: 'Export to the national platform', year: 'Year', check: 'Check before upload', checking: 'Checking…',
    summary: '{n} instruments, {r} service records in {y}; {e} instruments have problems to handle before upload', clean: 'No problem to handle before upload',
    equipment: 'Instrument records ({n})', service: 'Service records ({n})', instrument: 'Instrument', field: 'Field', reason: 'Problem', severity: 'Kind',
    error: 'Refused', desk: 'Desk rule', warning: 'Note', fix: 'Fix',
    deskNote: '"Desk rule" lines are not stated by the platform\'s files: the instrument template marks only the instrument no. as required; the other required fields (name, category code, source, value, booked date, general/special, model, manufacturer, country, disciplines, province, city, contact, phone, and the customs fields of an instrument under supervision), the service content and discipline of service records, and refusing a middle class that has sub-classes, the postcode and URL formats, are the desk\'s reading of a unit\'s review before upload.',
    fundingNote: 'The service records\' codes are the platform\'s service-record format; how a service maps to its funding source is the desk\'s reading: paid partly by innovation vouchers 15 (local S&T programme), other contracted work 16 (other), without contract or order 17 (none).', deskSheet: 'Add the desk supplement sheet (start of use, status, share mode and other desk fields the template lacks, to import back; the platform ignores it)',
    xlsx: 'Instruments .xlsx', xls: 'Instruments .xls (template format)', svcXlsx: 'Service records .xlsx', svcXls: 'Service records .xls',
    anyway: 'Problems remain: fix them first, or export anyway', close: 'Close',
  },
};

type Filter = Omit<InstrumentListQuery, 'offset' | 'limit'>;

export function PlatformExport({ filter, onFix, onClose }: { filter: Filter; onFix(instrumentId: number): void; onClose(): void }) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  // Last year by the desk's day in Beijing, not by the computer's clock.
  const today = useToday();
  const [chosen, setYear] = useState<number | null>(null);
  const year = chosen ?? Number(today.slice(0, 4)) - 1;
  // The year as typed: one outside 2000–2100 is marked and neither checked nor exported.
  const [typed, setTyped] = useState<number | null | undefined>(undefined);
  const yearBad = typed !== undefined && numberIssue(typed, YEAR) !== null;
  const [check, setCheck] = useState<PlatformCheck | null>(null);
  const [busy, setBusy] = useState(false);
  const [deskSheet, setDeskSheet] = useState(true);
  const exportJob = useJob();

  const labels = useMemo((): Record<string, string> => ({
    ...Object.fromEntries(INSTRUMENT_FIELD_LABELS.map((f) => [f.key, f[locale]])),
    'usage.content': locale === 'zh' ? '实际服务内容' : 'Service content',
  }), [locale]);
  const word = (p: PlatformProblem) => describeIssue({ field: p.field, reason: p.reason, params: p.params, code: 'VALIDATION' }, locale, labels);

  useEffect(() => {
    let live = true;
    setBusy(true);
    call('catalog:platformCheck', { filter, year }).then((c) => { if (live) setCheck(c); }).catch(showError).finally(() => { if (live) setBusy(false); });
    return () => { live = false; };
  }, [filter, year]);

  const download = async (fn: () => Promise<Parameters<typeof saveDownload>[0]>) => {
    setBusy(true);
    try { saveDownload(await fn()); } catch (e) { if (!isCancelled(e)) showError(e); } finally { setBusy(false); }
  };

  const columns = [
    { title: t.instrument, key: 'i', width: 220, render: (_: unknown, p: PlatformProblem) => <UserText>{`${p.innerId} ${p.nameCn}`}</UserText> },
    { title: t.field, dataIndex: 'field', width: 150, render: (f: string) => labels[f] ?? f },
    { title: t.reason, key: 'r', render: (_: unknown, p: PlatformProblem) => word(p) },
    // What the platform's files state (会被拒收) apart from the desk's own reading (本系统要求).
    { title: t.severity, key: 'severity', width: 110, render: (_: unknown, p: PlatformProblem) => (
      p.severity === 'warning' ? <Tag color="gold">{t.warning}</Tag> : p.basis === 'desk' ? <Tag color="orange">{t.desk}</Tag> : <Tag color="red">{t.error}</Tag>
    ) },
    { title: '', key: 'fix', width: 70, render: (_: unknown, p: PlatformProblem) => <Button size="small" type="link" onClick={() => onFix(p.instrumentId)}>{t.fix}</Button> },
  ];
  const errors = check ? check.problems.filter((p) => p.severity === 'error').length + check.serviceProblems.length : 0;
  const deskRules = check ? [...check.problems, ...check.serviceProblems].some((p) => p.basis === 'desk') : false;

  return (
    <Modal open width={1000} title={t.title} onCancel={onClose} footer={<Button onClick={onClose}>{t.close}</Button>} destroyOnHidden>
      <Space direction="vertical" style={{ width: '100%' }}>
        <Space>{t.year}<NumberField aria-label="platform-year" data-testid="platform-year" label={t.year} spec={YEAR} value={typed === undefined ? year : typed}
          onChange={(v) => { setTyped(v); if (v !== null && numberIssue(v, YEAR) === null) setYear(v); }} /></Space>
        {check && (
          <Alert type={errors ? 'warning' : 'success'} showIcon data-testid="platform-summary"
            message={fmt(t.summary, { n: check.instruments, y: check.year, r: check.records, e: check.instrumentsWithErrors })}
            description={errors ? t.anyway : t.clean} />
        )}
        {deskRules && <Typography.Text type="secondary" data-testid="platform-desk-note">{t.deskNote}</Typography.Text>}
        {check && (check.problems.length > 0 || check.serviceProblems.length > 0) && (
          <Tabs items={[
            { key: 'e', label: fmt(t.equipment, { n: check.problems.length }), children: (
              <Table size="small" rowKey={(p) => `${p.instrumentId}-${p.field}-${p.reason}`} dataSource={check.problems} columns={columns} pagination={{ pageSize: 8 }} data-testid="platform-problems" />
            ) },
            { key: 's', label: fmt(t.service, { n: check.serviceProblems.length }), children: (
              <Table size="small" rowKey={(p, i) => `${p.instrumentId}-${p.field}-${i}`} dataSource={check.serviceProblems} columns={columns} pagination={{ pageSize: 8 }} />
            ) },
          ]} />
        )}
        <Typography.Text type="secondary" data-testid="platform-funding-note">{t.fundingNote}</Typography.Text>
        <Checkbox checked={deskSheet} onChange={(e) => setDeskSheet(e.target.checked)}>{t.deskSheet}</Checkbox>
        <Space wrap>
          <Button icon={<DownloadOutlined />} loading={busy} disabled={yearBad} onClick={() => download(() => exportJob.run('catalog:export', { filter, year, format: 'xlsx', deskSheet }))}>{t.xlsx}</Button>
          <Button icon={<DownloadOutlined />} loading={busy} disabled={yearBad} onClick={() => download(() => exportJob.run('catalog:export', { filter, year, format: 'xls', deskSheet }))}>{t.xls}</Button>
          <Button icon={<DownloadOutlined />} loading={busy} disabled={yearBad} onClick={() => download(() => exportJob.run('catalog:exportServiceRecords', { filter, year, format: 'xlsx' }))}>{t.svcXlsx}</Button>
          <Button icon={<DownloadOutlined />} loading={busy} disabled={yearBad} onClick={() => download(() => exportJob.run('catalog:exportServiceRecords', { filter, year, format: 'xls' }))}>{t.svcXls}</Button>
        </Space>
        <JobProgress job={exportJob.job} onCancel={exportJob.cancel} cancelling={exportJob.cancelling} testId="platform-export-progress" />
        <Typography.Text type="secondary">{busy && !exportJob.running ? t.checking : ''}</Typography.Text>
      </Space>
    </Modal>
  );
}
