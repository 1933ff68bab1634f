import { PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Input, Modal, Select, Space, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { VOUCHER_SORTS, VOUCHER_STATES, type VoucherRow } from '../../../../shared/ipc/deals';
import { profileById } from '../../../../shared/policy/registry';
import { formatYuan } from '../../../../shared/rules/money';
import { REGION_NAMES } from '../../i18n-messages-orders';
import { uncheckedRulesText } from '../orders/unchecked';
import { call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { useDeals } from '../../stores/deals';
import { errorText, showError } from '../../util/errors';
import { articleName, documentName } from '../../i18n-errors';
import { DateInput, dateOf, dateProblem } from '../../util/fields';
import { useWindowHeight } from '../../util/hooks';
import { usePagedRows } from '../../util/paged';
import { PagedTable, type PagedSort } from '../../util/PagedTable';
import { ClaimModal } from './ClaimModal';
import { urgencyColor, VOUCHER_STATE_LABELS } from './dealLabels';
import { QuotaLine } from './QuotaLine';
import { ApplicantSelect } from '../../util/pickers';
import { YearFilter } from '../../util/fields';
import { USER_CELL } from '../../util/user-data';

type VoucherSort = (typeof VOUCHER_SORTS)[number];

const L = {
  zh: {
    applicant: '申领单位', state: '状态', year: '申领年份', claim: '登记申领', number: '券号', face: '面额(元)', claimDate: '申领日期',
    registered: '登记日期', deadline: '截止日期', daysLeft: '剩余天数', contract: '所用合同', actions: '操作', register: '登记',
    void: '作废', voidTitle: '作废创新券 {n}', voidReason: '作废原因（必填）', registerTitle: '登记创新券 {n}（合同登记日期）',
    days: '{n} 天', total: '共 {n} 张', registerBy: '登记截止', validUntil: '有效期至', applyBy: '兑现申请截止',
    cross: '跨区域 · {region}', unchecked: '按发券地区的规则使用，本软件未按本地政策核对：{rules}',
  },
  en: {
    applicant: 'Applicant', state: 'State', year: 'Year claimed', claim: 'Record claim', number: 'Number', face: 'Face value', claimDate: 'Claimed',
    registered: 'Registered', deadline: 'Deadline', daysLeft: 'Days left', contract: 'Contract', actions: 'Actions', register: 'Register',
    void: 'Void', voidTitle: 'Void voucher {n}', voidReason: 'Reason (required)', registerTitle: 'Register voucher {n} (registration date)',
    days: '{n} d', total: '{n} vouchers', registerBy: 'Register by', validUntil: 'Valid until', applyBy: 'Apply for redemption by',
    cross: 'Cross-region · {region}', unchecked: 'Follows the issuing region\'s rules; not checked against the local profile: {rules}',
  },
};

export function VouchersPage() {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const { loadApplicants, loadToday, today, takeFocus } = useDeals();
  const [applicantId, setApplicantId] = useState<number | undefined>();
  const [state, setState] = useState<VoucherRow['state'] | undefined>();
  const [year, setYear] = useState<number | undefined>();
  const [claiming, setClaiming] = useState(false);
  /** The register dialog keeps the typed date and shows a refusal inside it; it closes only when saved. */
  const [registering, setRegistering] = useState<{ row: VoucherRow; date: string; error: string | null } | null>(null);
  const [voiding, setVoiding] = useState<{ row: VoucherRow; reason: string } | null>(null);
  const [focused] = useState(() => takeFocus('vouchers'));
  const [refresh, setRefresh] = useState(0);
  const [sort, setSort] = useState<PagedSort<VoucherSort>>({ sort: 'claimDate', dir: 'desc' });
  const height = useWindowHeight();

  useEffect(() => { void loadApplicants().catch(showError); void loadToday().catch(showError); }, [loadApplicants, loadToday]);

  const filter = useMemo(() => ({ applicantId, state, year, ...sort }), [applicantId, state, year, sort]);
  const fetchWindow = useCallback((offset: number, limit: number) => call('vouchers:list', { ...filter, offset, limit }), [filter]);
  const paged = usePagedRows(fetchWindow, JSON.stringify(filter));
  const rows = paged.rows;
  const reload = useCallback(() => { paged.reload(); setRefresh((n) => n + 1); }, [paged]);

  // A voucher opened from the dashboard scrolls into view.
  useEffect(() => {
    if (focused !== null) document.querySelector(`[data-row-key="${focused}"]`)?.scrollIntoView({ block: 'center' });
  }, [focused, rows]);

  const act = async (fn: () => Promise<unknown>) => {
    try { await fn(); reload(); } catch (e) { showError(e); }
  };

  const columns: ColumnsType<VoucherRow> = useMemo(() => [
    {
      title: t.number, dataIndex: 'number', key: 'number', width: 150, fixed: 'left', ...USER_CELL,
      // A cross-region voucher is marked with its issuing region; the tip lists the rules not checked.
      render: (n: string, r) => (r.crossRegion === null ? n : (
        <Space size={4} wrap>{n}
          <Tooltip title={fmt(t.unchecked, { rules: uncheckedRulesText(r.uncheckedRules, profileById(r.profileId), locale) })}>
            <Tag color="purple" data-testid="voucher-cross-region">{fmt(t.cross, { region: REGION_NAMES[r.issuingRegion ?? '']?.[locale] ?? r.issuingRegion ?? '' })}</Tag>
          </Tooltip>
        </Space>
      )),
    },
    { title: t.applicant, dataIndex: 'applicantName', key: 'applicantName', width: 240, ellipsis: true, ...USER_CELL },
    { title: t.face, dataIndex: 'faceValueFen', key: 'face', width: 120, align: 'right', render: (f: number) => formatYuan(f) },
    { title: t.claimDate, dataIndex: 'claimDate', key: 'claimDate', width: 110 },
    { title: t.registered, dataIndex: 'registeredDate', key: 'registeredDate', width: 110 },
    {
      title: t.state, dataIndex: 'state', key: 'state', width: 130,
      render: (s: VoucherRow['state']) => <Tag color={VOUCHER_STATE_LABELS[s].color} data-testid="voucher-state">{VOUCHER_STATE_LABELS[s][locale]}</Tag>,
    },
    {
      title: t.deadline, key: 'deadline', width: 200,
      render: (_: unknown, r) => {
        const label = r.nextDeadline?.rule === 'voucher.registerWithin' ? t.registerBy : r.nextDeadline?.rule === 'voucher.validity' ? t.validUntil : t.applyBy;
        return r.nextDeadline
          ? <Tooltip title={locale === 'zh' ? `${r.nextDeadline.document} ${r.nextDeadline.article}` : `${articleName(r.nextDeadline.article, locale)}, ${documentName(r.nextDeadline.document, locale)}`}><span data-testid="voucher-deadline">{label} {r.nextDeadline.due}</span></Tooltip>
          : <Typography.Text type="secondary">{r.validUntil ?? r.registerBy ?? ''}</Typography.Text>;
      },
    },
    {
      title: t.daysLeft, dataIndex: 'daysLeft', key: 'daysLeft', width: 100, align: 'right',
      render: (d: number | null) => (d === null ? '' : <Tag color={urgencyColor(d)}>{fmt(t.days, { n: d })}</Tag>),
    },
    { title: t.contract, dataIndex: 'contractNumber', key: 'contract', width: 130, fixed: 'right', ...USER_CELL },
    {
      title: t.actions, key: 'actions', width: 140, fixed: 'right',
      render: (_: unknown, r) => (
        <Space size={4}>
          {r.state === 'claimed' && !r.registeredDate && (
            <Button size="small" onClick={() => setRegistering({ row: r, date: today ?? '', error: null })} data-testid="voucher-register">{t.register}</Button>
          )}
          {!r.voidedAt && r.contractId === null && <Button size="small" danger onClick={() => setVoiding({ row: r, reason: '' })}>{t.void}</Button>}
        </Space>
      ),
    },
  ], [t, locale, today]);

  return (
    <div>
      <Space wrap style={{ marginBottom: 12 }}>
        <ApplicantSelect allowClear placeholder={t.applicant} style={{ width: 240 }} value={applicantId}
          onChange={(id) => setApplicantId(id)} onClear={() => setApplicantId(undefined)} data-testid="voucher-filter-applicant" />
        <Select allowClear placeholder={t.state} style={{ width: 150 }} value={state} onChange={setState}
          options={VOUCHER_STATES.map((s) => ({ value: s, label: VOUCHER_STATE_LABELS[s][locale] }))} />
        <YearFilter placeholder={t.year} value={year} onChange={setYear} />
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setClaiming(true)} data-testid="voucher-claim">{t.claim}</Button>
        <Typography.Text type="secondary" data-testid="vouchers-total">{fmt(t.total, { n: paged.total })}</Typography.Text>
      </Space>
      {applicantId !== undefined && <div style={{ marginBottom: 12 }}><QuotaLine applicantId={applicantId} year={year} refresh={refresh} /></div>}
      <PagedTable<VoucherRow, VoucherSort> size="small" rowKey="id" columns={columns} paged={paged} data-testid="vouchers-table"
        sorts={VOUCHER_SORTS} sort={sort} onSort={setSort} width={1430} height={Math.max(300, height - 240)}
        rowClassName={(r) => (r.id === focused ? 'ant-table-row-selected' : '')} />
      {claiming && <ClaimModal applicantId={applicantId} onClose={(changed) => { setClaiming(false); if (changed) reload(); }} />}
      <Modal open={registering !== null} title={registering ? fmt(t.registerTitle, { n: registering.row.number }) : ''} destroyOnHidden
        onCancel={() => setRegistering(null)} okButtonProps={{ disabled: !registering?.date, 'data-testid': 'voucher-register-ok' } as never}
        onOk={async () => {
          const r = registering!;
          const date = dateOf(r.date);
          const labels = { registeredDate: t.registered };
          if (!date) { setRegistering({ ...r, error: dateProblem(r.date, 'registeredDate', labels) }); return; }
          try {
            await call('vouchers:register', { id: r.row.id, registeredDate: date });
            setRegistering(null);
            await reload();
          } catch (e) { setRegistering({ ...r, date, error: errorText(e, labels) }); }
        }}>
        <DateInput value={registering?.date ?? ''} onChange={(d) => setRegistering((x) => x && { ...x, date: d, error: null })} data-testid="voucher-register-date" />
        {registering?.error && <Alert type="error" showIcon message={registering.error} style={{ marginTop: 8 }} data-testid="voucher-register-error" />}
      </Modal>
      <Modal open={voiding !== null} title={voiding ? fmt(t.voidTitle, { n: voiding.row.number }) : ''} destroyOnHidden okButtonProps={{ danger: true, disabled: !voiding?.reason.trim() }}
        onCancel={() => setVoiding(null)}
        onOk={() => { const v = voiding!; setVoiding(null); void act(() => call('vouchers:void', { id: v.row.id, reason: v.reason })); }}>
        <Input.TextArea placeholder={t.voidReason} value={voiding?.reason ?? ''} onChange={(e) => setVoiding((x) => x && { ...x, reason: e.target.value })} />
      </Modal>
    </div>
  );
}
