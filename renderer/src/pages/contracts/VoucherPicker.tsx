import { Input, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { VoucherRow } from '../../../../shared/ipc/deals';
import { formatYuan, parseMoneyText } from '../../../../shared/rules/money';
import { call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { showError } from '../../util/errors';
import { VOUCHER_STATE_LABELS } from '../vouchers/dealLabels';
import { MAX_PAGE_SIZE } from '../../../../shared/ipc/paging';
import { USER_CELL } from '../../util/user-data';

const L = {
  zh: {
    number: '券号', face: '面额', state: '状态', deadline: '登记截止 / 有效期至', amount: '本合同用券（元）',
    maxShare: '用券上限（{base} 的 {share}）{max}', sum: '已选 {sum}', left: '剩余可用 {left}', over: '超出 {over}', none: '该单位没有可用的创新券',
  },
  en: {
    number: 'Number', face: 'Face value', state: 'State', deadline: 'Register by / valid until', amount: 'Used here (CNY)',
    maxShare: 'Voucher cap ({share} of {base}) {max}', sum: 'Selected {sum}', left: 'Left {left}', over: 'Over by {over}', none: 'No usable vouchers for this applicant',
  },
};

/** amountFen null: the typed amount is not a readable amount (the drawer refuses to save it). */
export interface VoucherLink { voucherId: number; amountFen: number | null }

/**
 * Picks the applicant's vouchers for a contract and shows, live, the share still allowed by the
 * profile's cap (computed by the caller with the rules module) and what is selected.
 */
export function VoucherPicker({ applicantId, contractId, value, onChange, maxFen, baseFen, shareText, rowErrors }: {
  applicantId: number; contractId: number | null; value: VoucherLink[]; onChange(v: VoucherLink[]): void;
  maxFen: number | null; baseFen: number | null; shareText: string;
  /** Refusals by voucher id: the row is highlighted and its message shown under the amount. */
  rowErrors?: ReadonlyMap<number, string>;
}) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const [rows, setRows] = useState<VoucherRow[]>([]);
  /** The amounts as typed, by voucher id: what is shown is what is saved, or the row says it cannot be read. */
  const [texts, setTexts] = useState<Record<number, string>>({});

  useEffect(() => {
    // One applicant's usable vouchers (a few a year) fit in one window of the largest size.
    call('vouchers:list', { applicantId, usableOnly: true, contractId: contractId ?? undefined, limit: MAX_PAGE_SIZE })
      .then((page) => setRows(page.rows)).catch(showError);
  }, [applicantId, contractId]);

  const sum = value.reduce((s, v) => s + (v.amountFen ?? 0), 0);
  const left = maxFen === null ? null : maxFen - sum;
  const amountOf = (id: number) => value.find((v) => v.voucherId === id)?.amountFen;

  const select = (keys: React.Key[]) => {
    const next = keys.map((k) => {
      const id = Number(k);
      const kept = amountOf(id);
      if (kept !== undefined) return { voucherId: id, amountFen: kept };
      const face = rows.find((r) => r.id === id)?.faceValueFen ?? 0;
      // New pick: proposes as much as the face value and the remaining share allow; the amount is
      // shown in the row and the user may change it before saving.
      const room = left === null ? face : Math.max(0, Math.min(face, left));
      return { voucherId: id, amountFen: room };
    });
    onChange(next);
  };

  const setAmount = (id: number, text: string) => {
    setTexts((old) => ({ ...old, [id]: text }));
    const parsed = parseMoneyText(text);
    onChange(value.map((v) => (v.voucherId === id ? { ...v, amountFen: parsed.ok ? parsed.fen : null } : v)));
  };

  return (
    <div data-testid="voucher-picker">
      <Space wrap style={{ marginBottom: 8 }}>
        {maxFen !== null && baseFen !== null && (
          <Typography.Text>{fmt(t.maxShare, { share: shareText, base: formatYuan(baseFen), max: formatYuan(maxFen) })}</Typography.Text>
        )}
        <Typography.Text>{fmt(t.sum, { sum: formatYuan(sum) })}</Typography.Text>
        {left !== null && (
          <Typography.Text strong type={left < 0 ? 'danger' : 'success'} data-testid="share-left">
            {left < 0 ? fmt(t.over, { over: formatYuan(-left) }) : fmt(t.left, { left: formatYuan(left) })}
          </Typography.Text>
        )}
      </Space>
      <Table<VoucherRow> size="small" rowKey="id" dataSource={rows} pagination={false} locale={{ emptyText: t.none }}
        rowClassName={(r) => (rowErrors?.has(r.id) ? 'row-refused' : '')}
        onRow={(r) => (rowErrors?.has(r.id) ? { style: { background: '#fff1f0', outline: '2px solid #ff4d4f' }, 'data-refused': 'true' } as React.HTMLAttributes<HTMLElement> : {})}
        rowSelection={{ selectedRowKeys: value.map((v) => v.voucherId), onChange: select }}
        columns={[
          { title: t.number, dataIndex: 'number', key: 'number', ...USER_CELL },
          { title: t.face, dataIndex: 'faceValueFen', key: 'face', align: 'right', render: (f: number) => formatYuan(f) },
          { title: t.state, dataIndex: 'state', key: 'state', render: (s: VoucherRow['state']) => <Tag color={VOUCHER_STATE_LABELS[s].color}>{VOUCHER_STATE_LABELS[s][locale]}</Tag> },
          { title: t.deadline, key: 'deadline', render: (_: unknown, r) => r.validUntil ?? r.registerBy ?? '' },
          {
            title: t.amount, key: 'amount', width: 170,
            render: (_: unknown, r) => {
              const picked = value.some((v) => v.voucherId === r.id);
              if (!picked) return null;
              const amount = amountOf(r.id);
              const text = texts[r.id] ?? (amount === undefined || amount === null ? '' : (amount / 100).toFixed(2));
              const problem = rowErrors?.get(r.id);
              return (
                <>
                  <Input style={{ width: '100%' }} value={text} status={problem || amount === null ? 'error' : undefined}
                    onChange={(e) => setAmount(r.id, e.target.value)} data-testid={`voucher-amount-${r.number}`} />
                  {problem && <Typography.Text type="danger" style={{ fontSize: 12 }} data-testid={`voucher-row-error-${r.number}`}>{problem}</Typography.Text>}
                </>
              );
            },
          },
        ]} />
    </div>
  );
}
