import { InputNumber, Space, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { VoucherRow } from '../../../../shared/ipc/deals';
import { formatYuan, parseMoneyText } from '../../../../shared/rules/money';
import { call } from '../../api';
import { fmt, useLocale, useT } from '../../i18n';
import { showError } from '../../util/errors';
import { VOUCHER_STATE_LABELS } from '../vouchers/dealLabels';
import { MAX_PAGE_SIZE } from '../../../../shared/ipc/paging';

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

export interface VoucherLink { voucherId: number; amountFen: number }

/**
 * Picks the applicant's vouchers for a contract and shows, live, the share still allowed by the
 * profile's cap (computed by the caller with the rules module) and what is selected.
 */
export function VoucherPicker({ applicantId, contractId, value, onChange, maxFen, baseFen, shareText }: {
  applicantId: number; contractId: number | null; value: VoucherLink[]; onChange(v: VoucherLink[]): void;
  maxFen: number | null; baseFen: number | null; shareText: string;
}) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const [rows, setRows] = useState<VoucherRow[]>([]);

  useEffect(() => {
    // One applicant's usable vouchers (a few a year) fit in one window of the largest size.
    call('vouchers:list', { applicantId, usableOnly: true, contractId: contractId ?? undefined, limit: MAX_PAGE_SIZE })
      .then((page) => setRows(page.rows)).catch(showError);
  }, [applicantId, contractId]);

  const sum = value.reduce((s, v) => s + v.amountFen, 0);
  const left = maxFen === null ? null : maxFen - sum;
  const amountOf = (id: number) => value.find((v) => v.voucherId === id)?.amountFen;

  const select = (keys: React.Key[]) => {
    const next = keys.map((k) => {
      const id = Number(k);
      const kept = amountOf(id);
      if (kept !== undefined) return { voucherId: id, amountFen: kept };
      const face = rows.find((r) => r.id === id)?.faceValueFen ?? 0;
      // New pick: as much as the face value and the remaining share allow.
      const room = left === null ? face : Math.max(0, Math.min(face, left));
      return { voucherId: id, amountFen: room };
    });
    onChange(next);
  };

  const setAmount = (id: number, text: string | null) => {
    const parsed = text ? parseMoneyText(text) : null;
    onChange(value.map((v) => (v.voucherId === id ? { ...v, amountFen: parsed && parsed.ok ? parsed.fen : 0 } : v)));
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
        rowSelection={{ selectedRowKeys: value.map((v) => v.voucherId), onChange: select }}
        columns={[
          { title: t.number, dataIndex: 'number', key: 'number' },
          { title: t.face, dataIndex: 'faceValueFen', key: 'face', align: 'right', render: (f: number) => formatYuan(f) },
          { title: t.state, dataIndex: 'state', key: 'state', render: (s: VoucherRow['state']) => <Tag color={VOUCHER_STATE_LABELS[s].color}>{VOUCHER_STATE_LABELS[s][locale]}</Tag> },
          { title: t.deadline, key: 'deadline', render: (_: unknown, r) => r.validUntil ?? r.registerBy ?? '' },
          {
            title: t.amount, key: 'amount', width: 170,
            render: (_: unknown, r) => {
              const amount = amountOf(r.id);
              return amount === undefined ? null : (
                <InputNumber<string> stringMode precision={2} min="0" style={{ width: '100%' }} value={(amount / 100).toFixed(2)}
                  onChange={(v) => setAmount(r.id, v)} data-testid={`voucher-amount-${r.number}`} />
              );
            },
          },
        ]} />
    </div>
  );
}
