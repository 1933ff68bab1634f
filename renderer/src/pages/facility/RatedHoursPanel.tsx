import { Button, Card, Input, Select, Space, Switch, Table, Tag, Typography, message } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { MAX_YEAR_HOURS, type InstrumentRatedRow, type LowUseRow, type RatedPresetView, type RatedSourceInput, type UnitRatedView } from '../../../../shared/ipc/facility';
import { call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { showError } from '../../util/errors';
import { NumberField, numberIssue, type NumberSpec } from '../../util/number-field';

/** Hours a year: 1 to a leap year's 8784, to the tenth (rated:* accept at most 8784). */
const HOURS: NumberSpec = { min: 1, max: MAX_YEAR_HOURS, decimals: 1, required: true };
const hoursOk = (h: number | null | undefined) => numberIssue(h, HOURS) === null;

const L = {
  zh: {
    title: '额定机时', year: '年度', unitDefault: '单位默认', none: '未设置（沿用 {h} 小时）', noneNoProfile: '未设置（该年度无政策默认值，请设置）', custom: '自定义小时数', save: '保存',
    saved: '已保存', presets: '预设', newPreset: '新增自定义预设', name: '名称', hours: '小时', add: '添加', overrides: '仪器单独设置',
    onlyOverrides: '只看单独设置', search: '编号或名称', inner: '所在单位仪器编号', instrument: '仪器', kind: '通用/专用', rated: '额定机时',
    origin: '来源', apply: '应用到所选', clear: '清除所选', note: '备注', instrumentOrigin: '单独设置', unitOrigin: '单位默认', settingOrigin: '设置', profileOrigin: '政策默认',
    lowUse: '有效机时低于阈值的仪器', threshold: '阈值（小时）', effective: '有效机时', external: '对外服务机时', utilisation: '利用率', lab: '实验室', total: '共 {n} 台',
  },
  en: {
    title: 'Rated hours', year: 'Year', unitDefault: 'Unit default', none: 'Not set (uses {h} h)', noneNoProfile: 'Not set (no policy default for this year: set one)', custom: 'Custom hours', save: 'Save',
    saved: 'Saved', presets: 'Presets', newPreset: 'New custom preset', name: 'Name', hours: 'Hours', add: 'Add', overrides: 'Per-instrument values',
    onlyOverrides: 'Overrides only', search: 'Id or name', inner: 'Inner id', instrument: 'Instrument', kind: 'General/special', rated: 'Rated hours',
    origin: 'From', apply: 'Apply to selected', clear: 'Clear selected', note: 'Note', instrumentOrigin: 'Override', unitOrigin: 'Unit default', settingOrigin: 'Setting', profileOrigin: 'Profile default',
    lowUse: 'Instruments under the threshold', threshold: 'Threshold (h)', effective: 'Effective h', external: 'External h', utilisation: 'Utilisation', lab: 'Lab', total: '{n} instruments',
  },
};

const hoursText = (h: RatedPresetView['hours']) => (typeof h === 'number' ? String(h) : `通用 ${h.通用} / 专用 ${h.专用}`);
type Choice = string | 'custom' | 'none';
const choiceOf = (s: RatedSourceInput | null): Choice => (s === null ? 'none' : s.presetId ?? 'custom');

function SourcePicker({ presets, value, hours, onChange, onHours, testId, noneLabel }: {
  presets: RatedPresetView[]; value: Choice; hours: number | null; onChange(v: Choice): void; onHours(h: number | null): void; testId: string; noneLabel?: string;
}) {
  const t = useT(L);
  const zh = useLocale((s) => s.locale) === 'zh';
  return (
    <Space>
      <Select data-testid={testId} style={{ width: 300 }} value={value} onChange={onChange} options={[
        ...(noneLabel ? [{ value: 'none', label: noneLabel }] : []),
        ...presets.map((p) => ({ value: p.id, label: `${zh ? p.zh : p.en}（${hoursText(p.hours)}）` })),
        { value: 'custom', label: t.custom },
      ]} />
      {value === 'custom' && <NumberField data-testid={`${testId}-hours`} label={t.rated} spec={HOURS} value={hours} onChange={onHours} addonAfter={t.hours} />}
    </Space>
  );
}

export function RatedHoursPanel({ year }: { year: number }) {
  const t = useT(L);
  const [presets, setPresets] = useState<RatedPresetView[]>([]);
  const [unit, setUnit] = useState<UnitRatedView | null>(null);
  const [choice, setChoice] = useState<Choice>('none');
  const [customHours, setCustomHours] = useState<number | null>(null);
  const [rows, setRows] = useState<{ total: number; rows: InstrumentRatedRow[] }>({ total: 0, rows: [] });
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState('');
  const [onlyOverrides, setOnlyOverrides] = useState(false);
  const [selected, setSelected] = useState<number[]>([]);
  const [ovChoice, setOvChoice] = useState<Choice>('moe-general');
  const [ovHours, setOvHours] = useState<number | null>(null);
  const [newName, setNewName] = useState('');
  const [newHours, setNewHours] = useState<number | null>(null);
  const [threshold, setThreshold] = useState<number | null>(null);
  // The threshold as typed: one that is not a number of hours is marked and the list keeps the threshold it was made with.
  const [typedThreshold, setTypedThreshold] = useState<number | null | undefined>(undefined);
  const [low, setLow] = useState<{ total: number; thresholdHours: number; rows: LowUseRow[] } | null>(null);

  const load = useCallback(async () => {
    try {
      const [p, u, list, lu] = await Promise.all([
        call('rated:presets', {}), call('rated:unitGet', { year }),
        call('rated:list', { year, search, onlyOverrides, offset: (page - 1) * 50, limit: 50 }),
        call('rated:lowUse', { year, thresholdHours: threshold ?? undefined, limit: 100 }),
      ]);
      setPresets(p);
      setUnit(u);
      setChoice(choiceOf(u.source));
      setCustomHours(u.source?.hours ?? null);
      setRows(list);
      setLow(lu);
      if (threshold === null) setThreshold(lu.thresholdHours);
    } catch (e) { showError(e); }
  }, [year, search, onlyOverrides, page, threshold]);
  useEffect(() => { void load(); }, [load]);

  const sourceOf = (c: Choice, h: number | null): RatedSourceInput | null => (c === 'none' ? null : c === 'custom' ? { hours: h ?? 0 } : { presetId: c });
  const run = async (fn: () => Promise<unknown>) => {
    try { await fn(); void message.success(t.saved); await load(); } catch (e) { showError(e); }
  };
  const originText: Record<InstrumentRatedRow['origin'], string> = { instrument: t.instrumentOrigin, unit: t.unitOrigin, setting: t.settingOrigin, profile: t.profileOrigin };

  return (
    <div>
      <Card size="small" title={`${t.title} · ${year}`} style={{ marginBottom: 12 }}>
        <Space wrap>
          <span>{t.unitDefault}</span>
          <SourcePicker testId="rated-unit" presets={presets} value={choice} hours={customHours} onChange={setChoice} onHours={setCustomHours}
            noneLabel={unit && unit.fallbackHours === null ? t.noneNoProfile : fmt(t.none, { h: unit?.fallbackHours ?? '' })} />
          <Button type="primary" data-testid="rated-unit-save" disabled={choice === 'custom' && !hoursOk(customHours)} onClick={() => void run(() => call('rated:unitSet', { year, source: sourceOf(choice, customHours) }))}>{t.save}</Button>
        </Space>
        <div style={{ marginTop: 8 }}>
          <Typography.Text type="secondary">{t.presets}：</Typography.Text>
          {presets.map((p) => <Tag key={p.id} color={p.builtIn ? 'blue' : 'green'}>{p.zh} {hoursText(p.hours)}</Tag>)}
          <Space.Compact>
            <Input placeholder={t.name} value={newName} onChange={(e) => setNewName(e.target.value)} style={{ width: 160 }} />
            <NumberField placeholder={t.hours} label={t.hours} data-testid="preset-hours" spec={HOURS} value={newHours} onChange={setNewHours} />
            <Button disabled={!hoursOk(newHours)} onClick={() => void run(async () => { await call('rated:presetSave', { name: newName, hours: newHours ?? 0 }); setNewName(''); setNewHours(null); })}>{t.add}</Button>
          </Space.Compact>
        </div>
      </Card>
      <Card size="small" title={t.overrides} style={{ marginBottom: 12 }}>
        <Space wrap style={{ marginBottom: 8 }}>
          <Input.Search placeholder={t.search} allowClear onSearch={(v) => { setPage(1); setSearch(v); }} style={{ width: 200 }} />
          <Switch checked={onlyOverrides} onChange={(v) => { setPage(1); setOnlyOverrides(v); }} /> {t.onlyOverrides}
          <SourcePicker testId="rated-override" presets={presets} value={ovChoice} hours={ovHours} onChange={setOvChoice} onHours={setOvHours} />
          <Button data-testid="rated-override-apply" disabled={!selected.length || (ovChoice === 'custom' && !hoursOk(ovHours))}
            onClick={() => void run(() => call('rated:override', { year, instrumentIds: selected, source: sourceOf(ovChoice, ovHours) }))}>{t.apply}</Button>
          <Button disabled={!selected.length} onClick={() => void run(() => call('rated:override', { year, instrumentIds: selected, source: null }))}>{t.clear}</Button>
        </Space>
        <Table<InstrumentRatedRow> size="small" rowKey="id" dataSource={rows.rows} virtual scroll={{ y: 360 }}
          rowSelection={{ selectedRowKeys: selected, onChange: (k) => setSelected(k as number[]) }}
          pagination={{ current: page, pageSize: 50, total: rows.total, showSizeChanger: false, onChange: setPage }}
          columns={[
            { title: t.inner, dataIndex: 'innerId', width: 140 }, { title: t.instrument, dataIndex: 'nameCn' }, { title: t.kind, dataIndex: 'usageKind', width: 90 },
            { title: t.rated, dataIndex: 'hours', width: 100, render: (h: number, r) => <span data-testid={`rated-${r.innerId}`}>{h}</span> },
            { title: t.origin, dataIndex: 'origin', width: 100, render: (o: InstrumentRatedRow['origin']) => originText[o] },
            { title: t.note, dataIndex: 'note' },
          ]} />
      </Card>
      <Card size="small" title={t.lowUse} extra={<Space>{t.threshold}<NumberField data-testid="lowuse-threshold" label={t.threshold} spec={HOURS} value={typedThreshold === undefined ? threshold : typedThreshold}
        onChange={(v) => { setTypedThreshold(v); if (hoursOk(v)) setThreshold(v); }} /></Space>}>
        <Typography.Text data-testid="lowuse-total">{fmt(t.total, { n: low?.total ?? 0 })}</Typography.Text>
        <Table<LowUseRow> size="small" rowKey="id" dataSource={low?.rows ?? []} virtual scroll={{ y: 300 }} pagination={false} columns={[
          { title: t.inner, dataIndex: 'innerId', width: 140 }, { title: t.instrument, dataIndex: 'nameCn' }, { title: t.lab, dataIndex: 'labName' },
          { title: t.effective, dataIndex: 'effectiveHours', width: 100 }, { title: t.rated, dataIndex: 'ratedHours', width: 100 },
          { title: t.utilisation, dataIndex: 'utilisation', width: 100, render: (u: number | null) => (u === null ? '—' : `${(u * 100).toFixed(1)}%`) },
        ]} />
      </Card>
    </div>
  );
}
