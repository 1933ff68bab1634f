// One contract's redemption: amounts and deadline, status actions, history, attachments,
// invoices, 使用成效, the completeness check and the packet export.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Descriptions, Drawer, Input, Modal, Space, Spin, Tabs, Timeline, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { REDEMPTION_STATUS_LABELS, type RedemptionDetail, type RedemptionStatus } from '../../../../shared/ipc/redemption';
import { formatYuan } from '../../../../shared/rules/money';
import { call } from '../../api';
import { useLocale, useT } from '../../i18n';
import { saveDownload } from '../../util/download';
import { showError } from '../../util/errors';
import { AttachmentsPanel } from './AttachmentsPanel';
import { CheckPanel } from './CheckPanel';
import { InvoicesPanel } from './InvoicesPanel';
import { DeadlineText, isSettled, ProfileIssueText, StatusTag } from './labels';
import { ResultsPanel } from './ResultsPanel';
import { PayoutTimelineView } from '../orders/PayoutTimelineView';

const L = {
  zh: {
    title: '兑现申请', open: '开始兑现申请', export: '导出材料包', contract: '合同', applicant: '申领单位', period: '合同期',
    deadline: '申请兑现截止', amount: '合同金额', actual: '实际金额', voucher: '创新券金额', own: '自付金额', vouchers: '创新券编号',
    status: '状态', history: '办理记录', attachments: '附件', invoices: '发票', results: '使用成效', check: '完整性检查',
    moveTo: '改为：{s}', confirm: '确定将申请状态改为“{s}”？', reason: '驳回原因', reasonRequired: '请填写驳回原因',
    date: '日期（YYYY-MM-DD，留空为今天）', none: '尚未开始兑现申请', payout: '公示与兑付',
  },
  en: {
    title: 'Redemption', open: 'Start application', export: 'Export packet', contract: 'Contract', applicant: 'Applicant', period: 'Period',
    deadline: 'Apply by', amount: 'Contract amount', actual: 'Actual amount', voucher: 'Voucher amount', own: 'Own payment', vouchers: 'Vouchers',
    status: 'Status', history: 'History', attachments: 'Attachments', invoices: 'Invoices', results: 'Results', check: 'Completeness',
    moveTo: 'Mark {s}', confirm: 'Change the status to "{s}"?', reason: 'Reason for rejection', reasonRequired: 'Enter the reason',
    date: 'Date (YYYY-MM-DD, empty = today)', none: 'No application yet', payout: 'Notice and payment',
  },
};

const money = (fen: number | null, locale: 'zh' | 'en') => (fen === null ? '—' : locale === 'zh' ? `${formatYuan(fen)} 元` : `¥${formatYuan(fen)}`);

export function RedemptionDrawer({ contractId, onClose }: { contractId: number; onClose(changed: boolean): void }) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const [d, setD] = useState<RedemptionDetail | null>(null);
  const [changed, setChanged] = useState(false);
  const [busy, setBusy] = useState(false);
  const [checkKey, setCheckKey] = useState(0);
  const [pending, setPending] = useState<RedemptionStatus | null>(null);
  const [note, setNote] = useState('');
  const [date, setDate] = useState('');

  const load = useCallback(() => call('redemption:get', { contractId }).then(setD).catch(showError), [contractId]);
  useEffect(() => { void load(); }, [load]);
  /** Any change re-runs the completeness check and marks the list for reload. */
  const touched = () => { setChanged(true); setCheckKey((k) => k + 1); };

  const run = async (fn: () => Promise<RedemptionDetail>) => {
    setBusy(true);
    try { setD(await fn()); touched(); } catch (e) { showError(e); } finally { setBusy(false); }
  };

  const transition = async () => {
    if (!pending) return;
    if (pending === 'rejected' && !note.trim()) { showError(new Error(t.reasonRequired)); return; }
    const to = pending;
    setPending(null);
    await run(() => call('redemption:transition', { contractId, to, note: note.trim(), date: date.trim() || undefined }));
    setNote(''); setDate('');
  };

  const doExport = async () => {
    setBusy(true);
    try { saveDownload(await call('packets:export', { contractId })); } catch (e) { showError(e); } finally { setBusy(false); }
  };

  const label = (s: RedemptionStatus) => REDEMPTION_STATUS_LABELS[s][locale];
  const editable = d?.status === 'draft' || d?.status === 'rejected';

  return (
    <Drawer open width={960} title={d ? `${t.title} · ${d.contractNumber}` : t.title} onClose={() => onClose(changed)} destroyOnHidden
      extra={<Button type="primary" icon={<DownloadOutlined />} loading={busy} onClick={doExport} data-testid="export-packet">{t.export}</Button>}>
      {!d ? <Spin /> : (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions size="small" bordered column={2}>
            <Descriptions.Item label={t.contract}>{d.contractNumber} {d.contractTitle}</Descriptions.Item>
            <Descriptions.Item label={t.applicant}>{d.applicantName}</Descriptions.Item>
            <Descriptions.Item label={t.period}>{d.startDate} ~ {d.endDate}</Descriptions.Item>
            <Descriptions.Item label={t.deadline}><DeadlineText deadline={d.deadline} settled={isSettled(d.status)} issue={d.profileIssue} /></Descriptions.Item>
            <Descriptions.Item label={t.amount}>{money(d.amounts.contractFen, locale)}</Descriptions.Item>
            <Descriptions.Item label={t.actual}>{money(d.amounts.actualFen, locale)}</Descriptions.Item>
            <Descriptions.Item label={t.voucher}>{money(d.amounts.voucherFen, locale)}</Descriptions.Item>
            <Descriptions.Item label={t.own}>{money(d.amounts.ownPaymentFen, locale)}</Descriptions.Item>
            <Descriptions.Item label={t.vouchers} span={2}>{d.voucherNumbers.join('、') || '—'}</Descriptions.Item>
            <Descriptions.Item label={t.payout} span={2}>{d.timeline ? <PayoutTimelineView timeline={d.timeline} /> : d.profileIssue ? <ProfileIssueText issue={d.profileIssue} /> : '—'}</Descriptions.Item>
            <Descriptions.Item label={t.status} span={2}>
              <Space wrap>
                <StatusTag status={d.status} />
                {d.status === null && (
                  <Button type="primary" size="small" loading={busy} data-testid="open-redemption"
                    onClick={() => run(() => call('redemption:open', { contractId }))}>{t.open}</Button>
                )}
                {d.nextStatuses.map((s) => (
                  <Button key={s} size="small" danger={s === 'void' || s === 'rejected'} disabled={busy}
                    data-testid={`to-${s}`} onClick={() => setPending(s)}>{t.moveTo.replace('{s}', label(s))}</Button>
                ))}
                {d.rejectedReason && <Typography.Text type="danger">{d.rejectedReason}</Typography.Text>}
              </Space>
            </Descriptions.Item>
          </Descriptions>
          {d.events.length > 0 && (
            <Timeline items={d.events.map((e) => ({ children: `${e.date} ${label(e.status)}${e.note ? `：${e.note}` : ''}` }))} />
          )}
          <Tabs items={[
            { key: 'check', label: t.check, children: <CheckPanel contractId={contractId} refreshKey={checkKey} /> },
            { key: 'attachments', label: t.attachments, children: <AttachmentsPanel contractId={contractId} onChanged={touched} /> },
            { key: 'invoices', label: t.invoices, children: <InvoicesPanel contractId={contractId} onChanged={touched} /> },
            {
              key: 'results', label: t.results,
              children: <ResultsPanel value={d.resultsText} editable={editable}
                onSave={(resultsText) => run(() => call('redemption:saveResults', { contractId, resultsText }))} />,
            },
          ]} />
        </Space>
      )}
      <Modal open={pending !== null} title={pending ? t.confirm.replace('{s}', label(pending)) : ''} onOk={transition}
        onCancel={() => setPending(null)} okButtonProps={{ danger: pending === 'void' || pending === 'rejected', 'data-testid': 'confirm-transition' }}>
        <Space direction="vertical" style={{ width: '100%' }}>
          <Input placeholder={t.date} value={date} onChange={(e) => setDate(e.target.value)} onPressEnter={transition} />
          <Input.TextArea rows={2} placeholder={pending === 'rejected' ? t.reason : ''} value={note} onChange={(e) => setNote(e.target.value)} />
        </Space>
      </Modal>
    </Drawer>
  );
}
