import { DownloadOutlined, InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Radio, Select, Space, Steps, Table, Tag, Typography, Upload } from 'antd';
import { useMemo, useState } from 'react';
import { INSTRUMENT_FIELD_LABELS } from '../../../../shared/catalog/instrument';
import { headerRowSchema, type ImportCommitResult, type ImportIssue, type ImportParseResult, type ImportValidation } from '../../../../shared/ipc/catalog';
import { formatYuan } from '../../../../shared/rules/money';
import { call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { describeIssue } from '../../i18n-errors';
import { fileToBase64, saveDownload } from '../../util/download';
import { showError } from '../../util/errors';
import { isCancelled, JobProgress, useJob } from '../../util/JobProgress';
import { USER_CELL } from '../../util/user-data';
import { NumberField, numberIssue, specOf } from '../../util/number-field';

const HEADER_ROW = specOf(headerRowSchema, { required: true });

const L = {
  zh: {
    title: '导入仪器（.xlsx / .xls / .csv）', s1: '选择文件', s2: '表头与对应列', s3: '检查', s4: '完成', drop: '点击或拖入 .xlsx、.xls、.csv 或 .txt（Unicode 文本）文件（可直接使用国家平台单台套模板）',
    encoding: 'CSV 编码', auto: '自动识别', next: '下一步', back: '上一步', check: '检查数据', rows: '共 {n} 行数据，编码 {enc}',
    sheet: '工作表', headerRow: '表头所在行', headerHint: '已自动识别表头在第 {n} 行；如不对，请在下方点选表头行或直接输入行号。',
    remembered: '已沿用上次相同表头文件的对应关系', computed: '以下列由使用记录计算，不导入：{cols}',
    field: '仪器字段', column: '文件中的列', none: '（不导入）', valid: '有效 {v} 行，有问题 {i} 处', dup: '其中 {d} 行的仪器编号已存在：',
    skip: '跳过已有仪器', update: '用文件内容更新已有仪器', commit: '导入 {v} 条有效记录', done: '导入完成：新增 {a}，更新 {u}，跳过 {s}，无效 {x}',
    row: '行号', reason: '原因', close: '关闭', nothingValid: '没有有效行可导入，请修正文件后重试。', report: '下载问题清单（.xlsx，附原始行）',
    useRow: '设为表头', totalRows: '已跳过表底的合计行（不导入）：{rows}', totalRow: '第 {n} 行（{label}）', doneTotals: '；跳过合计行 {t}',
  },
  en: {
    title: 'Import instruments (.xlsx / .xls / .csv)', s1: 'File', s2: 'Header and columns', s3: 'Check', s4: 'Done', drop: 'Click or drop an .xlsx, .xls, .csv or .txt (Unicode text) file (the national platform template works as is)',
    encoding: 'CSV encoding', auto: 'Auto-detect', next: 'Next', back: 'Back', check: 'Check data', rows: '{n} data rows, encoding {enc}',
    sheet: 'Sheet', headerRow: 'Header row', headerHint: 'The header was found on row {n}; if that is wrong, click the header row below or type its number.',
    remembered: 'The mapping of the last file with the same headers is reused', computed: 'Computed from usage records, not imported: {cols}',
    field: 'Field', column: 'Column in file', none: '(skip)', valid: '{v} valid rows, {i} problems', dup: '{d} rows have an existing instrument no.:',
    skip: 'Skip existing', update: 'Update existing from file', commit: 'Import {v} valid rows', done: 'Imported: {a} new, {u} updated, {s} skipped, {x} invalid',
    row: 'Row', reason: 'Reason', close: 'Close', nothingValid: 'No valid rows to import; fix the file and try again.', report: 'Download the problems (.xlsx with the original rows)',
    useRow: 'Use as header', totalRows: 'Skipped the total rows at the bottom of the sheet (not imported): {rows}', totalRow: 'row {n} ({label})', doneTotals: '; {t} total rows skipped',
  },
};

/** The sentence with the sheet's own value in it marked as the user's data (shown as typed in either language). */
function withCellValue(text: string, value: unknown) {
  if (typeof value !== 'string' || !value || !text.includes(value)) return text;
  const [before, ...rest] = text.split(value);
  return <>{before}<span data-user="">{value}</span>{rest.join(value)}</>;
}

export function ImportWizard({ onClose }: { onClose(changed: boolean): void }) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const [step, setStep] = useState(0);
  const [file, setFile] = useState<{ fileName: string; dataBase64: string } | null>(null);
  const [encoding, setEncoding] = useState<'auto' | 'utf8' | 'gbk'>('auto');
  const [parsed, setParsed] = useState<ImportParseResult | null>(null);
  const [mapping, setMapping] = useState<Record<string, string | null>>({});
  const [validation, setValidation] = useState<ImportValidation | null>(null);
  const [onDuplicate, setOnDuplicate] = useState<'skip' | 'update'>('skip');
  const [result, setResult] = useState<ImportCommitResult | null>(null);
  // The header row as typed, while it is not a row the sheet can be read from (for: the row it was typed over).
  const [typedRow, setTypedRow] = useState<{ row: number | null; for: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const commitJob = useJob();
  const parseJob = useJob();

  const labels = useMemo(() => ({ ...Object.fromEntries(INSTRUMENT_FIELD_LABELS.map((f) => [f.key, f[locale]])), __noRow: '1' }), [locale]);
  const label = (key: string) => INSTRUMENT_FIELD_LABELS.find((f) => f.key === key)?.[locale] ?? key;
  const wordIssue = (i: ImportIssue) => describeIssue({ field: i.field, reason: i.reason, params: i.params, code: 'VALIDATION' }, locale, labels);

  const run = async (fn: () => Promise<void>) => {
    setBusy(true);
    try { await fn(); } catch (e) { showError(e); } finally { setBusy(false); }
  };

  const accept = (p: ImportParseResult) => {
    setParsed(p);
    setMapping(p.suggestedMapping);
    setValidation(null);
    setStep(1);
  };

  /** Reads the file in the desk's parse worker; 取消 ends the read and keeps nothing. */
  const read = async (input: { fileName: string; dataBase64: string; encoding: typeof encoding; sheet?: string }): Promise<ImportParseResult | null> => {
    try {
      return await parseJob.run('catalog:importParse', input);
    } catch (e) {
      if (isCancelled(e)) return null; // the bar says it was cancelled
      throw e;
    }
  };

  const pick = (f: File) => {
    void run(async () => {
      const picked = { fileName: f.name, dataBase64: await fileToBase64(f) };
      const p = await read({ ...picked, encoding });
      if (!p) return;
      setFile(picked);
      accept(p);
    });
    return false;
  };

  const chooseHeaderRow = (headerRow: number) => run(async () => {
    accept(await call('catalog:importParse', { parseId: parsed!.parseId, headerRow }));
  });

  const chooseSheet = (sheet: string) => run(async () => {
    const p = await read({ ...file!, encoding, sheet });
    if (p) accept(p);
  });

  const ref = () => ({ parseId: parsed!.parseId, headerRow: parsed!.headerRow });

  const check = () => run(async () => {
    setValidation(await call('catalog:importValidate', { ...ref(), mapping }));
    setStep(2);
  });

  const commit = async () => {
    setBusy(true);
    try {
      setResult(await commitJob.run('catalog:importCommit', { ...ref(), mapping, onDuplicate, acceptValidRows: true }));
      setStep(3);
    } catch (e) {
      if (!isCancelled(e)) showError(e); // a cancelled import wrote nothing; the bar says so
    } finally {
      setBusy(false);
    }
  };

  const report = () => run(async () => {
    const lines = validation!.issues.map((i) => {
      const text = wordIssue(i);
      return { row: i.row, text: text.includes(label(i.field)) ? text : `${label(i.field)}：${text}` };
    });
    saveDownload(await call('catalog:importReport', { ...ref(), lines }));
  });

  const width = parsed ? Math.min(12, Math.max(...parsed.topRows.map((r) => r.length), 1)) : 0;

  return (
    <Modal open width={1000} title={t.title} onCancel={() => onClose(result !== null)} footer={null} destroyOnHidden>
      <Steps size="small" current={step} items={[{ title: t.s1 }, { title: t.s2 }, { title: t.s3 }, { title: t.s4 }]} style={{ marginBottom: 16 }} />
      {step === 0 && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space>{t.encoding}
            <Select value={encoding} style={{ width: 140 }} onChange={setEncoding}
              options={[{ value: 'auto', label: t.auto }, { value: 'utf8', label: 'UTF-8' }, { value: 'gbk', label: 'GBK' }]} />
          </Space>
          <Upload.Dragger accept=".xlsx,.xls,.csv,.txt" maxCount={1} showUploadList={false} beforeUpload={pick} disabled={busy}>
            <p className="ant-upload-drag-icon"><InboxOutlined /></p>
            <p>{t.drop}</p>
          </Upload.Dragger>
          <JobProgress job={parseJob.job} onCancel={parseJob.cancel} cancelling={parseJob.cancelling} testId="import-parse-progress" />
        </Space>
      )}
      {step === 1 && parsed && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Space wrap>
            <Typography.Text>{fmt(t.rows, { n: parsed.rowCount, enc: parsed.encoding })}</Typography.Text>
            {parsed.sheets.length > 1 && (
              <Space>{t.sheet}<Select value={parsed.sheet ?? undefined} style={{ width: 180 }} onChange={chooseSheet}
                options={parsed.sheets.map((s) => ({ value: s, label: s }))} /></Space>
            )}
            <Space>{t.headerRow}
              {/* A row outside 1–200 (or not whole) stays as typed with the rule; the sheet is read again only for a real row. */}
              <NumberField data-testid="header-row" label={t.headerRow} spec={HEADER_ROW}
                value={typedRow && typedRow.for === parsed.headerRow ? typedRow.row : parsed.headerRow}
                onChange={(v) => {
                  setTypedRow({ row: v, for: parsed.headerRow });
                  if (v !== null && numberIssue(v, HEADER_ROW) === null && v !== parsed.headerRow) void chooseHeaderRow(v);
                }} />
            </Space>
            {parsed.mappingRemembered && <Tag color="blue">{t.remembered}</Tag>}
          </Space>
          <Typography.Text type="secondary" data-testid="header-hint">{fmt(t.headerHint, { n: parsed.headerRow })}</Typography.Text>
          {/* The sheet's first rows: the row number (and its "use as header" button) stays on the left
              while the columns scroll, and the horizontal scrollbar is drawn all the time (desk.css). */}
          <Table size="small" rowKey="n" pagination={false} virtual sticky scroll={{ x: 110 + width * 120, y: 200 }} data-testid="top-rows"
            dataSource={parsed.topRows.map((cells, i) => ({ n: i + 1, cells }))}
            rowClassName={(r) => (r.n === parsed.headerRow ? 'ant-table-row-selected' : '')}
            columns={[
              { title: '#', dataIndex: 'n', key: 'n', width: 110, fixed: 'left', render: (n: number) => (
                <Button size="small" type={n === parsed.headerRow ? 'primary' : 'link'} onClick={() => void chooseHeaderRow(n)}>{n} {n === parsed.headerRow ? '' : t.useRow}</Button>
              ) },
              ...Array.from({ length: width }, (_, c) => ({
                title: String.fromCharCode(65 + c), key: String(c), width: 120, ellipsis: true,
                render: (_: unknown, r: { cells: string[] }) => <span data-user="">{r.cells[c] ?? ''}</span>,
              })),
            ]} />
          {parsed.computedColumns.length > 0 && <Alert type="info" showIcon message={fmt(t.computed, { cols: parsed.computedColumns.join('、') })} />}
          <Table size="small" rowKey="key" pagination={false} scroll={{ y: 300 }}
            dataSource={INSTRUMENT_FIELD_LABELS.map((f) => ({ key: f.key }))}
            columns={[
              { title: t.field, dataIndex: 'key', width: 220, render: (k: string) => label(k) },
              {
                title: t.column, dataIndex: 'key', render: (k: string) => (
                  <Select style={{ width: 360 }} value={mapping[k] ?? ''} aria-label={`map-${k}`} showSearch
                    onChange={(v) => setMapping({ ...mapping, [k]: v || null })}
                    options={[{ value: '', label: t.none }, ...parsed.headers.map((h) => ({ value: h, label: <span data-user="">{h}</span> }))]} />
                ),
              },
            ]} />
          <Space><Button onClick={() => setStep(0)}>{t.back}</Button><Button type="primary" loading={busy} onClick={check}>{t.check}</Button></Space>
        </Space>
      )}
      {step === 2 && validation && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Alert type={validation.issues.length ? 'warning' : 'success'} showIcon data-testid="import-summary"
            message={fmt(t.valid, { v: validation.valid, i: validation.issues.length })} />
          {validation.totalRows.length > 0 && (
            <Alert type="info" showIcon data-testid="import-total-rows"
              message={fmt(t.totalRows, { rows: validation.totalRows.map((r) => fmt(t.totalRow, { n: r.row, label: r.label })).join('、') })} />
          )}
          {validation.issues.length > 0 && (
            <>
              <Table size="small" rowKey={(r) => `${r.row}-${r.field}`} pagination={{ pageSize: 8 }} dataSource={validation.issues} data-testid="import-issues"
                columns={[
                  { title: t.row, dataIndex: 'row', width: 70 },
                  { title: t.field, dataIndex: 'field', width: 160, render: (k: string) => label(k) },
                  { title: t.column, dataIndex: 'column', width: 160, ellipsis: true, ...USER_CELL },
                  { title: t.reason, key: 'reason', render: (_: unknown, i: ImportIssue) => withCellValue(wordIssue(i), i.params?.value) },
                ]} />
              <Button icon={<DownloadOutlined />} onClick={report} loading={busy}>{t.report}</Button>
            </>
          )}
          <Table size="small" rowKey="row" pagination={false} virtual sticky scroll={{ x: 860, y: 200 }} dataSource={validation.preview} data-testid="import-preview"
            columns={[
              { title: t.row, dataIndex: 'row', width: 70, fixed: 'left' },
              { title: label('innerId'), dataIndex: 'innerId', width: 140, fixed: 'left', ...USER_CELL },
              { title: label('nameCn'), dataIndex: 'nameCn', width: 400, ellipsis: true, ...USER_CELL },
              { title: label('categoryCode'), dataIndex: 'categoryCode', width: 100 },
              { title: label('originalValueFen'), dataIndex: 'originalValueFen', width: 150, align: 'right', render: (f: number) => formatYuan(f) },
            ]} />
          {validation.duplicates > 0 && (
            <Space>{fmt(t.dup, { d: validation.duplicates })}
              <Radio.Group value={onDuplicate} onChange={(e) => setOnDuplicate(e.target.value)}
                options={[{ value: 'skip', label: t.skip }, { value: 'update', label: t.update }]} />
            </Space>
          )}
          {validation.valid === 0 && <Alert type="error" message={t.nothingValid} />}
          <Space>
            <Button onClick={() => setStep(1)} disabled={commitJob.running}>{t.back}</Button>
            <Button type="primary" disabled={validation.valid === 0} loading={busy} onClick={() => void commit()}>{fmt(t.commit, { v: validation.valid })}</Button>
          </Space>
          <JobProgress job={commitJob.job} onCancel={commitJob.cancel} cancelling={commitJob.cancelling} testId="import-progress" />
        </Space>
      )}
      {step === 3 && result && (
        <Space direction="vertical">
          <Alert type="success" showIcon data-testid="import-done"
            message={fmt(t.done, { a: result.inserted, u: result.updated, s: result.skipped, x: result.invalid }) + (result.totalRows ? fmt(t.doneTotals, { t: result.totalRows }) : '')} />
          <Button type="primary" onClick={() => onClose(true)}>{t.close}</Button>
        </Space>
      )}
    </Modal>
  );
}
