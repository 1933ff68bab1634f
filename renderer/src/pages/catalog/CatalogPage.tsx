import { DownloadOutlined, PlusOutlined, UploadOutlined } from '@ant-design/icons';
import { Button, Cascader, type InputRef, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType, TableProps } from 'antd/es/table';
import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { MAJOR_CATEGORIES, MIDDLE_CATEGORIES } from '../../../../shared/catalog/categories';
import { categoryName, categoryPath, vocabularyLabel, vocabularyOptions } from '../../../../shared/vocabulary-labels';
import { SHARE_MODES, STATUSES } from '../../../../shared/catalog/instrument-fields';
import type { InstrumentRow } from '../../../../shared/catalog/instrument';
import { formatYuan } from '../../../../shared/rules/money';
import { fmt, useLocale, useT } from '../../i18n';
import { USER_CELL, UserText } from '../../util/user-data';
import { useCatalog } from '../../stores/catalog';
import { showError } from '../../util/errors';
import { useWindowHeight } from '../../util/hooks';
import { NumberField, numberIssue, type NumberSpec } from '../../util/number-field';
import { CodeReview } from './CodeReview';

// The dialogs load when first opened, so the first screen's script leaves out their forms,
// upload and steps.
const ImportWizard = lazy(() => import('./ImportWizard').then((m) => ({ default: m.ImportWizard })));
const PlatformExport = lazy(() => import('./PlatformExport').then((m) => ({ default: m.PlatformExport })));
const InstrumentDrawer = lazy(() => import('./InstrumentDrawer').then((m) => ({ default: m.InstrumentDrawer })));

const L = {
  zh: {
    search: '搜索名称、型号、编号、厂商（如 色谱）', add: '新增仪器', import: '导入', export: '导出到国家平台',
    category: '分类', status: '状态', share: '共享模式', lab: '实验室', minWan: '最低原值(万元)', maxWan: '最高原值(万元)',
    retired: '含已停用', total: '共 {n} 台', innerId: '内部编号', name: '仪器名称', model: '型号', value: '原值(元)',
    location: '安放地址', retiredTag: '已停用', exporting: '正在导出…',
  },
  en: {
    search: 'Search name, model, id, maker', add: 'New instrument', import: 'Import', export: 'Export to the national platform',
    category: 'Category', status: 'Status', share: 'Share mode', lab: 'Lab', minWan: 'Min value (10k CNY)', maxWan: 'Max value (10k CNY)',
    retired: 'Include retired', total: '{n} instruments', innerId: 'Inner ID', name: 'Name', model: 'Model', value: 'Value (CNY)',
    location: 'Location', retiredTag: 'Retired', exporting: 'Exporting…',
  },
};

/** 大类 → 中类 filter, named in the chosen language. */
const categoryOptions = (locale: 'zh' | 'en') => MAJOR_CATEGORIES.map((m) => ({
  value: m.code,
  label: `${m.code} ${categoryName(`${m.code}0000`, locale)}`,
  children: MIDDLE_CATEGORIES.filter((c) => c.code.startsWith(m.code)).map((c) => ({ value: c.code, label: `${c.code} ${categoryName(`${c.code}00`, locale)}` })),
}));

const WAN = 1_000_000; // fen in 1万元
/** A value filter in 万元: not negative, to the fen (six decimals), at most 100亿元. */
const WAN_FILTER: NumberSpec = { min: 0, max: 1_000_000, decimals: 6 };

export function CatalogPage() {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const { filter, rows, total, loading, labs, setFilter, reload, reached, loadLabs } = useCatalog();
  const [minWan, setMinWan] = useState<number | null>(filter.minValueFen === undefined ? null : filter.minValueFen / WAN);
  const [maxWan, setMaxWan] = useState<number | null>(filter.maxValueFen === undefined ? null : filter.maxValueFen / WAN);
  const [query, setQuery] = useState(filter.query ?? '');
  const [editing, setEditing] = useState<number | 'new' | null>(null);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [reviewVersion, setReviewVersion] = useState(0);
  // The code review reads every instrument; it is asked for once the first rows have arrived, so
  // the list is answered first.
  const [listed, setListed] = useState(false);
  const searchRef = useRef<InputRef>(null);
  const height = useWindowHeight();

  useEffect(() => {
    void reload().catch(showError).finally(() => setListed(true));
    void loadLabs().catch(showError);
  }, [reload, loadLabs]);

  // Debounced search as the user types.
  useEffect(() => {
    if (query === filter.query) return;
    const timer = setTimeout(() => setFilter({ query }), 200);
    return () => clearTimeout(timer);
  }, [query, filter.query, setFilter]);

  // Ctrl/Cmd+F focuses search, Ctrl/Cmd+N adds an instrument.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      if (e.key === 'f') { e.preventDefault(); searchRef.current?.focus(); }
      if (e.key === 'n') { e.preventDefault(); setEditing('new'); }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const columns: ColumnsType<InstrumentRow> = useMemo(() => [
    // The instrument's identity (编号, 名称) stays on the left however far the row scrolls.
    { title: t.innerId, dataIndex: 'innerId', key: 'innerId', width: 140, sorter: true, fixed: 'left', ...USER_CELL },
    {
      title: t.name, dataIndex: 'nameCn', key: 'nameCn', width: 240, sorter: true, ellipsis: true, fixed: 'left',
      render: (v: string, r) => <Space size={4}><UserText>{v}</UserText>{r.retiredAt && <Tag>{t.retiredTag}</Tag>}</Space>,
    },
    { title: t.model, dataIndex: 'model', key: 'model', width: 140, ellipsis: true, ...USER_CELL },
    { title: t.category, dataIndex: 'categoryCode', key: 'categoryCode', width: 220, sorter: true, ellipsis: true, render: (c: string) => `${c} ${categoryPath(c, locale)}` },
    { title: t.value, dataIndex: 'originalValueFen', key: 'originalValueFen', width: 150, align: 'right', sorter: true, render: (f: number) => formatYuan(f) },
    { title: t.status, dataIndex: 'status', key: 'status', width: 130, sorter: true, ellipsis: true, render: (v: string) => vocabularyLabel(v)[locale] },
    { title: t.share, dataIndex: 'shareMode', key: 'shareMode', width: 140, sorter: true, ellipsis: true, render: (v: string) => vocabularyLabel(v)[locale] },
    { title: t.lab, dataIndex: 'labName', key: 'labName', width: 160, ellipsis: true, ...USER_CELL },
    { title: t.location, dataIndex: 'location', key: 'location', ellipsis: true, ...USER_CELL },
  ], [t, locale]);
  // Built once per language: the cascader indexes its options whenever they change.
  const categories = useMemo(() => categoryOptions(locale), [locale]);

  const onChange: TableProps<InstrumentRow>['onChange'] = (_p, _f, sorter) => {
    const s = Array.isArray(sorter) ? sorter[0] : sorter;
    if (s?.columnKey && s.order) setFilter({ sortBy: s.columnKey as never, sortDir: s.order === 'descend' ? 'desc' : 'asc' });
    else setFilter({ sortBy: 'innerId', sortDir: 'asc' });
  };


  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search ref={searchRef} allowClear style={{ width: 320 }} placeholder={t.search} value={query}
          onChange={(e) => setQuery(e.target.value)} onSearch={(v) => setFilter({ query: v })} aria-label="search" />
        <Cascader options={categories} changeOnSelect placeholder={t.category} style={{ width: 220 }}
          onChange={(v) => setFilter({ categoryPrefix: v?.length ? String(v[v.length - 1]) : undefined })} />
        <Select allowClear placeholder={t.status} style={{ width: 110 }} options={vocabularyOptions(STATUSES, locale)}
          onChange={(v) => setFilter({ status: v })} />
        <Select allowClear placeholder={t.share} style={{ width: 120 }} options={vocabularyOptions(SHARE_MODES, locale)}
          onChange={(v) => setFilter({ shareMode: v })} />
        <Select allowClear placeholder={t.lab} style={{ width: 160 }} options={labs.map((l) => ({ value: l.id, label: <UserText>{l.name}</UserText>, title: l.name }))}
          onChange={(v) => setFilter({ labId: v })} />
        {/* A value that is not a filter (negative, finer than a fen) is marked and the list keeps the filter it shows. */}
        <NumberField placeholder={t.minWan} label={t.minWan} spec={WAN_FILTER} style={{ width: 130 }} data-testid="catalog-min-value" value={minWan}
          onChange={(v) => { setMinWan(v); if (numberIssue(v, WAN_FILTER) === null) setFilter({ minValueFen: v === null ? undefined : Math.round(v * WAN) }); }} />
        <NumberField placeholder={t.maxWan} label={t.maxWan} spec={WAN_FILTER} style={{ width: 130 }} data-testid="catalog-max-value" value={maxWan}
          onChange={(v) => { setMaxWan(v); if (numberIssue(v, WAN_FILTER) === null) setFilter({ maxValueFen: v === null ? undefined : Math.round(v * WAN) }); }} />
        <Space size={4}><Switch size="small" checked={filter.includeRetired} onChange={(v) => setFilter({ includeRetired: v })} />{t.retired}</Space>
      </Space>
      <Space style={{ marginBottom: 12, display: 'flex', justifyContent: 'space-between' }}>
        <Space>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t.add}</Button>
          <Button icon={<UploadOutlined />} onClick={() => setImporting(true)}>{t.import}</Button>
          <Button icon={<DownloadOutlined />} onClick={() => setExporting(true)}>{t.export}</Button>
        </Space>
        <Typography.Text type="secondary" data-testid="catalog-total">{fmt(t.total, { n: total })}</Typography.Text>
      </Space>
      <CodeReview ready={listed} version={reviewVersion} onFix={(id) => setEditing(id)} />
      <Table<InstrumentRow>
        virtual
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={loading && rows.length === 0}
        pagination={false}
        scroll={{ x: 1470, y: Math.max(300, height - 260) }}
        sticky
        data-testid="catalog-table"
        onChange={onChange}
        onRow={(r, index) => {
          if (index !== undefined) reached(index); // the next window loads as the end comes into view
          return { onClick: () => setEditing(r.id), onKeyDown: (e) => { if (e.key === 'Enter') setEditing(r.id); }, tabIndex: 0, style: { cursor: 'pointer' } };
        }}
      />
      <Suspense fallback={null}>
        {editing !== null && (
          <InstrumentDrawer id={editing === 'new' ? null : editing} onClose={(changed) => { setEditing(null); if (changed) { void reload(); setReviewVersion((v) => v + 1); } }} />
        )}
        {exporting && <PlatformExport filter={filter} onClose={() => setExporting(false)} onFix={(id) => { setExporting(false); setEditing(id); }} />}
        {importing && <ImportWizard onClose={(changed) => { setImporting(false); if (changed) { void reload(); void loadLabs(); setReviewVersion((v) => v + 1); } }} />}
      </Suspense>
    </div>
  );
}
