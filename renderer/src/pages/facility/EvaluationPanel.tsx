import { Button, Card, Col, Input, Row, Select, Space, Statistic, Table, Tag, Typography, message } from 'antd';
import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { comparisonCharts, evaluationCharts } from '../../../../shared/charts/evaluation';
import { svgDataUri } from '../../../../shared/charts/svg';
import type { ComparisonResult, DragRow, EvaluationResult, IndicatorFigure, IndicatorResult, LabComparisonRow } from '../../../../shared/ipc/evaluation';
import type { OfficeLab } from '../../../../shared/ipc/office';
import { yearSchema } from '../../../../shared/ipc/catalog';
import { call } from '../../api';
import { useLocale, useT } from '../../i18n';
import { saveDownload } from '../../util/download';
import { showError } from '../../util/errors';
import { OfficeSubsidyCard } from './OfficeSubsidyCard';
import { FilePick } from './FilePick';
import { NumberField, numberIssue, specOf, type NumberSpec } from '../../util/number-field';

/** Years of the period, a score and a weight as evaluation:setEntry / setSettings accept them. */
const YEAR = specOf(yearSchema, { required: true });
const SCORE: NumberSpec = { min: 0, max: 100, decimals: 2 };
const WEIGHT: NumberSpec = { min: 0, max: 100, decimals: 2, required: true };

const L = {
  zh: {
    from: '考核期自', to: '至', scope: '范围', unit: '全单位', compute: '计算', xlsx: '导出 Excel 报告', pdf: '导出 PDF 报告', cmp: '导出对比表',
    first: '一级指标', second: '二级指标', figures: '数据', suggested: '建议分', score: '评分', weight: '权重', text: '说明', evidence: '佐证',
    save: '保存', saved: '已保存', total: '加权总分', grade: '等级', incomplete: '未完成', weightsNote: '权重与等级分数线未公布：以下为本单位设置', weightsInitial: '（初始值，尚未确认）',
    saveWeights: '保存权重', addEvidence: '上传佐证', labs: '实验室对比', rank: '排名', lab: '实验室', instruments: '台套', avgRun: '台均运行机时', avgShared: '台均共享机时',
    sat: '用户评价', sharingScore: '共享服务得分', sharingHint: '利用率相同时按共享服务得分排序（共享机时、对外服务成效及用户评价，按所设权重）', util: '利用率', share: '共享率', open: '开放率', categories: '分类对比', category: '大类', drag: '拉低指标的仪器', shortfall: '低于全国平均（小时）',
    organisation: '组织管理', operation: '运行使用', sharing: '共享服务', excellent: '优秀', good: '良好', qualified: '合格', poor: '较差', entered: '已评', suggestedTag: '建议',
  },
  en: {
    from: 'Period from', to: 'to', scope: 'Scope', unit: 'Whole unit', compute: 'Compute', xlsx: 'Export Excel report', pdf: 'Export PDF report', cmp: 'Export comparison',
    first: 'First level', second: 'Indicator', figures: 'Figures', suggested: 'Suggested', score: 'Score', weight: 'Weight', text: 'Statement', evidence: 'Evidence',
    save: 'Save', saved: 'Saved', total: 'Weighted score', grade: 'Grade', incomplete: 'Incomplete', weightsNote: 'Weights and grade floors are not published: these are the unit\'s settings', weightsInitial: ' (initial values, not yet confirmed)',
    saveWeights: 'Save weights', addEvidence: 'Upload evidence', labs: 'Labs compared', rank: 'Rank', lab: 'Lab', instruments: 'Instruments', avgRun: 'Avg run h', avgShared: 'Avg shared h',
    util: 'Utilisation', share: 'Share rate', sat: 'User rating', sharingScore: 'Shared-service score', sharingHint: 'Equal utilisation is ranked by the shared-service score (shared hours and user evaluation under the weights set)', open: 'Open rate', categories: 'Categories compared', category: 'Category', drag: 'Instruments pulling the figures down', shortfall: 'Short of national avg (h)',
    organisation: 'Organisation', operation: 'Operation', sharing: 'Shared service', excellent: 'Excellent', good: 'Good', qualified: 'Qualified', poor: 'Poor', entered: 'Entered', suggestedTag: 'Suggested',
  },
};

const FIG_LABELS: Record<string, { zh: string; en: string }> = {
  openRate: { zh: '开放率', en: 'Open rate' }, instrumentYears: { zh: '参评台·年', en: 'Instrument-years' }, avgEffectiveHours: { zh: '台均运行机时', en: 'Avg run hours' },
  utilisation: { zh: '利用率', en: 'Utilisation' }, usageRecords: { zh: '服务记录', en: 'Service records' }, effectiveHours: { zh: '运行机时', en: 'Run hours' },
  avgExternalHours: { zh: '台均共享机时', en: 'Avg shared hours' }, shareRate: { zh: '共享率', en: 'Share rate' }, externalUsers: { zh: '外部用户', en: 'External users' },
  contracts: { zh: '合同', en: 'Contracts' }, voucherContracts: { zh: '创新券合同', en: 'Voucher contracts' }, contractAmountFen: { zh: '合同金额', en: 'Contract amount' },
  voucherAmountFen: { zh: '创新券金额', en: 'Voucher amount' }, serviceIncomeFen: { zh: '服务收入', en: 'Service income' },
  avgSatisfaction: { zh: '用户评价', en: 'User rating' }, satisfactionRecords: { zh: '有评价记录', en: 'Rated records' },
  contractHours: { zh: '合同服务机时', en: 'Hours under contracts' }, orderHours: { zh: '订单服务机时', en: 'Hours under orders' },
};
const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
const figText = (f: IndicatorFigure, en: boolean) => {
  const v = f.value;
  const body = v === null ? '—' : f.unit === 'ratio' ? pct(v) : f.unit === 'fen' ? `${(v / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2 })}${en ? ' yuan' : ' 元'}` : f.unit === 'h' ? `${v} h` : String(v);
  return `${en ? FIG_LABELS[f.key]?.en : FIG_LABELS[f.key]?.zh}: ${body}${f.benchmark !== undefined ? ` / ${f.benchmark} h` : ''}`;
};

function IndicatorRow({ i, period, onSaved }: { i: IndicatorResult; period: { fromYear: number; toYear: number }; onSaved(): void }) {
  const t = useT(L);
  const [text, setText] = useState(i.text);
  const [score, setScore] = useState<number | null>(i.enteredScore);
  useEffect(() => { setText(i.text); setScore(i.enteredScore); }, [i]);
  const save = () => (numberIssue(score, SCORE) ? undefined : call('evaluation:setEntry', { ...period, indicator: i.id, text, score }).then(() => { void message.success(t.saved); onSaved(); }, showError));
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Input.TextArea data-testid={`eval-text-${i.id}`} rows={2} value={text} onChange={(e) => setText(e.target.value)} placeholder={t.text} />
      <Space wrap>
        {t.score}<NumberField data-testid={`eval-score-${i.id}`} label={t.score} spec={SCORE} value={score} onChange={setScore} />
        <Button size="small" data-testid={`eval-save-${i.id}`} disabled={numberIssue(score, SCORE) !== null} onClick={() => void save()}>{t.save}</Button>
        <FilePick testId={`eval-evidence-${i.id}`} label={t.addEvidence} onFile={(f) => void call('evaluation:addEvidence', { ...period, indicator: i.id, ...f }).then(onSaved, showError)} />
        {i.evidence.map((e) => <Tag key={e.id} closable onClose={() => void call('evaluation:deleteEvidence', { id: e.id }).then(onSaved, showError)}>{e.originalName}</Tag>)}
      </Space>
    </Space>
  );
}

export function EvaluationPanel({ year, reloadKey }: { year: number; reloadKey: number }) {
  const t = useT(L);
  const en = useLocale((s) => s.locale) === 'en';
  const [fromYear, setFrom] = useState(year - 1);
  const [toYear, setTo] = useState(year);
  const [deskIds, setDeskIds] = useState<string[]>([]);
  const [labs, setLabs] = useState<OfficeLab[]>([]);
  const [r, setR] = useState<EvaluationResult | null>(null);
  const [c, setC] = useState<ComparisonResult | null>(null);
  const [weights, setWeights] = useState<Record<string, number | null>>({});
  // The period's years as typed: one outside 2000–2100 is marked and the period shown stays the last valid one.
  const [typedFrom, setTypedFrom] = useState<number | null>(fromYear);
  const [typedTo, setTypedTo] = useState<number | null>(toYear);
  const yearsOk = numberIssue(typedFrom, YEAR) === null && numberIssue(typedTo, YEAR) === null;
  const weightsOk = Object.values(weights).every((w) => numberIssue(w, WEIGHT) === null);
  const [exporting, setExporting] = useState<string | null>(null);
  const scope = useMemo(() => ({ fromYear, toYear, ...(deskIds.length ? { deskIds } : {}) }), [fromYear, toYear, deskIds]);

  const load = useCallback(async () => {
    try {
      setLabs(await call('office:labs', {}));
      const [er, cr] = await Promise.all([call('evaluation:compute', scope), call('evaluation:compare', scope)]);
      setR(er); setC(cr); setWeights(Object.fromEntries(er.indicators.map((i) => [i.id, i.weight])));
    } catch (e) { showError(e); }
  }, [scope]);
  useEffect(() => { void load(); }, [load, reloadKey]);

  const exportFile = async (ch: 'evaluation:exportXlsx' | 'evaluation:exportPdf' | 'evaluation:exportComparison') => {
    setExporting(ch);
    try { saveDownload(await call(ch, scope)); } catch (e) { showError(e); } finally { setExporting(null); }
  };
  const charts = useMemo(() => (r && c ? { ...evaluationCharts(r), ...comparisonCharts(c) } : null), [r, c]);

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        {t.from}<NumberField data-testid="eval-from" label={t.from} spec={YEAR} value={typedFrom} onChange={(v) => { setTypedFrom(v); if (v !== null && numberIssue(v, YEAR) === null) setFrom(v); }} />
        {t.to}<NumberField data-testid="eval-to" label={t.to} spec={YEAR} value={typedTo} onChange={(v) => { setTypedTo(v); if (v !== null && numberIssue(v, YEAR) === null) setTo(v); }} />
        {t.scope}<Select mode="multiple" allowClear style={{ minWidth: 240 }} placeholder={t.unit} value={deskIds} onChange={setDeskIds}
          options={labs.map((l) => ({ value: l.deskId, label: l.labName }))} />
        <Button disabled={!yearsOk} onClick={() => void load()}>{t.compute}</Button>
        <Button data-testid="eval-xlsx" icon={<FileExcelOutlined />} loading={exporting === 'evaluation:exportXlsx'} disabled={!yearsOk} onClick={() => void exportFile('evaluation:exportXlsx')}>{t.xlsx}</Button>
        <Button data-testid="eval-pdf" icon={<FilePdfOutlined />} loading={exporting === 'evaluation:exportPdf'} disabled={!yearsOk} onClick={() => void exportFile('evaluation:exportPdf')}>{t.pdf}</Button>
        <Button data-testid="eval-cmp" loading={exporting === 'evaluation:exportComparison'} disabled={!yearsOk} onClick={() => void exportFile('evaluation:exportComparison')}>{t.cmp}</Button>
      </Space>
      <OfficeSubsidyCard year={toYear} deskIds={deskIds} reloadKey={reloadKey} />
      {r && (
        <>
          <Row gutter={12} style={{ marginBottom: 12 }}>
            <Col span={6}><Card size="small"><Statistic title={t.total} value={r.score.total ?? t.incomplete} data-testid="eval-total" /></Card></Col>
            <Col span={6}><Card size="small"><Statistic title={t.grade} value={r.grade ? t[r.grade] : '—'} /></Card></Col>
            {(['organisation', 'operation', 'sharing'] as const).map((f) => (
              <Col span={4} key={f}><Card size="small"><Statistic title={t[f]} value={r.score.byFirst[f] ?? '—'} /></Card></Col>
            ))}
          </Row>
          <Table<IndicatorResult> size="small" rowKey="id" pagination={false} dataSource={r.indicators} data-testid="eval-indicators" columns={[
            { title: t.first, dataIndex: 'first', width: 90, render: (f: IndicatorResult['first']) => t[f] },
            { title: t.second, width: 160, render: (_, i) => (en ? i.en : i.zh) },
            { title: t.figures, width: 260, render: (_, i) => i.figures.map((f) => <div key={f.key} data-testid={`eval-fig-${i.id}-${f.key}`}>{figText(f, en)}</div>) },
            { title: t.suggested, dataIndex: 'suggestedScore', width: 70, render: (v: number | null) => v ?? '—' },
            { title: t.score, width: 90, render: (_, i) => (i.score === null ? '—' : <span>{i.score} <Tag>{i.scoreSource === 'entered' ? t.entered : t.suggestedTag}</Tag></span>) },
            { title: t.weight, width: 90, render: (_, i) => <NumberField size="small" data-testid={`eval-weight-${i.id}`} label={t.weight} spec={WEIGHT} value={weights[i.id]} onChange={(v) => setWeights({ ...weights, [i.id]: v })} /> },
            { title: `${t.text} / ${t.evidence}`, render: (_, i) => <IndicatorRow i={i} period={{ fromYear, toYear }} onSaved={() => void load()} /> },
          ]} />
          <Space style={{ margin: '8px 0 16px' }}>
            <Typography.Text type="secondary">{t.weightsNote}{r.weightsConfigured ? '' : t.weightsInitial}</Typography.Text>
            <Button size="small" disabled={!weightsOk} onClick={() => void call('evaluation:setSettings', { weights: weights as Record<string, number>, gradeFloors: r.gradeFloors }).then(() => load(), showError)}>{t.saveWeights}</Button>
          </Space>
        </>
      )}
      {charts && (
        <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
          {(Object.keys(charts) as (keyof typeof charts)[]).map((k) => (
            <Col key={k} xs={24} xl={12}><Card size="small"><img data-testid={`eval-chart-${k}`} alt={k} src={svgDataUri(charts[k])} style={{ width: '100%', height: 'auto' }} /></Card></Col>
          ))}
        </Row>
      )}
      {c && (
        <>
          <Card size="small" title={t.labs} style={{ marginBottom: 12 }}>
            <Table<LabComparisonRow> size="small" rowKey="deskId" pagination={false} dataSource={c.labs} data-testid="cmp-labs" columns={[
              { title: t.rank, dataIndex: 'rank', width: 60 }, { title: t.lab, dataIndex: 'labName' }, { title: t.instruments, dataIndex: 'instruments' },
              { title: t.avgRun, dataIndex: 'avgEffectiveHours' }, { title: t.avgShared, dataIndex: 'avgExternalHours' },
              { title: t.util, dataIndex: 'utilisation', render: pct }, { title: t.share, dataIndex: 'shareRate', render: pct }, { title: t.open, dataIndex: 'openRate', render: pct },
              { title: t.sat, dataIndex: 'avgSatisfaction', render: (v: number | null) => v ?? '—' },
              { title: <span title={t.sharingHint}>{t.sharingScore}</span>, dataIndex: 'sharingScore', render: (v: number | null) => v ?? '—' },
            ]} />
          </Card>
          <Card size="small" title={t.categories} style={{ marginBottom: 12 }}>
            <Table size="small" rowKey="code" pagination={false} dataSource={c.categories} columns={[
              { title: t.category, render: (_, x) => `${x.code} ${x.name}` }, { title: t.instruments, dataIndex: 'instruments' },
              { title: t.avgRun, dataIndex: 'avgEffectiveHours' }, { title: t.avgShared, dataIndex: 'avgExternalHours' },
              { title: t.util, dataIndex: 'utilisation', render: pct }, { title: t.share, dataIndex: 'shareRate', render: pct },
            ]} />
          </Card>
          <Card size="small" title={t.drag}>
            <Table<DragRow> size="small" rowKey={(d) => `${d.deskId}:${d.innerId}`} dataSource={c.drag} virtual scroll={{ y: 320 }} pagination={false} columns={[
              { title: t.lab, dataIndex: 'labName' }, { title: 'ID', dataIndex: 'innerId' }, { title: t.second, dataIndex: 'nameCn' },
              { title: t.avgRun, dataIndex: 'avgEffectiveHours' }, { title: t.util, dataIndex: 'utilisation', render: pct }, { title: t.shortfall, dataIndex: 'shortfallHours' },
            ]} />
          </Card>
        </>
      )}
    </div>
  );
}
