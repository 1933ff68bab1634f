import { Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { QuotaReport } from '../../../../shared/ipc/deals';
import { formatYuan } from '../../../../shared/rules/money';
import { call } from '../../api';
import { useLocale, useT } from '../../i18n';
import { showError } from '../../util/errors';
import { kindLabel } from './dealLabels';

const L = {
  zh: { quota: '{y} 年额度', claimed: '已申领', applied: '合同已用', left: '可申领', useLeft: '可用于合同', none: '本政策不支持该类别' },
  en: { quota: '{y} quota', claimed: 'claimed', applied: 'applied', left: 'left to claim', useLeft: 'left to apply', none: 'no quota for this kind' },
};

/** Annual quota of an applicant for a year, as the service counts it; `pendingFen` previews an amount not yet saved. */
export function QuotaLine({ applicantId, year, pendingFen = 0, refresh = 0, use = 'claim' }: {
  applicantId: number; year?: number; pendingFen?: number; refresh?: number; use?: 'claim' | 'apply';
}) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const [q, setQ] = useState<QuotaReport | null>(null);
  useEffect(() => {
    call('vouchers:quota', { applicantId, year }).then(setQ).catch(showError);
  }, [applicantId, year, refresh]);
  if (!q) return null;
  if (q.quotaFen === null) return <Typography.Text type="danger">{kindLabel(q.voucherKind, locale)}：{t.none}</Typography.Text>;
  const left = (use === 'claim' ? q.remainingClaimFen : q.remainingUseFen) ?? 0;
  const after = left - pendingFen;
  return (
    <Space wrap data-testid="quota-line">
      <Tag>{kindLabel(q.voucherKind, locale)}</Tag>
      <span>{t.quota.replace('{y}', String(q.year))} {formatYuan(q.quotaFen)}</span>
      <span>{t.claimed} {formatYuan(q.claimedFen)}</span>
      <span>{t.applied} {formatYuan(q.appliedFen)}</span>
      <Typography.Text strong type={after < 0 ? 'danger' : undefined} data-testid="quota-left">
        {use === 'claim' ? t.left : t.useLeft} {formatYuan(after)}
      </Typography.Text>
    </Space>
  );
}
