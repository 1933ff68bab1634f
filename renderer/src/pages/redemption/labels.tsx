// Status tags and deadline display shared by the redemption list and drawer.
import { Tag } from 'antd';
import { REDEMPTION_STATUS_LABELS, type RedemptionDeadline, type RedemptionStatus } from '../../../../shared/ipc/redemption';
import { useLocale } from '../../i18n';
import { articleName, documentName } from '../../i18n-errors';
import { punct } from '../../util/user-data';

/** Submitted or later: the deadline has been met, days left no longer matter. */
export const isSettled = (s: RedemptionStatus | null) => s !== null && s !== 'draft' && s !== 'rejected';

const COLORS: Record<RedemptionStatus, string> = {
  draft: 'default', submitted: 'processing', under_review: 'blue', approved: 'cyan', paid: 'success', rejected: 'error', void: 'default',
};

export function StatusTag({ status }: { status: RedemptionStatus | null }) {
  const locale = useLocale((s) => s.locale);
  if (!status) return <Tag data-testid="status-tag">{locale === 'en' ? 'Not started' : '未申请'}</Tag>;
  return <Tag color={COLORS[status]} data-testid="status-tag">{REDEMPTION_STATUS_LABELS[status][locale]}</Tag>;
}

/** Due date with days left; red once passed, orange in the last week. */
export function DeadlineText({ deadline, settled }: { deadline: RedemptionDeadline | null; settled: boolean }) {
  const locale = useLocale((s) => s.locale);
  if (!deadline) return <span>—</span>;
  const d = deadline.daysLeft;
  const text = d < 0
    ? (locale === 'en' ? `overdue ${-d} d` : `已逾期 ${-d} 天`)
    : (locale === 'en' ? `${d} d left` : `剩 ${d} 天`);
  const color = settled ? 'default' : d < 0 ? 'error' : d <= 7 ? 'warning' : 'success';
  return (
    <span title={locale === 'zh' ? `${deadline.document} ${deadline.article}` : `${articleName(deadline.article, locale)}, ${documentName(deadline.document, locale)}`}>
      {deadline.due} {!settled && <Tag color={color} data-testid="days-left">{text}</Tag>}
      {deadline.extendedDue && <span style={{ color: '#888' }}>{punct(locale).open}{locale === 'en' ? 'extended to' : '顺延'} {deadline.extendedDue}{punct(locale).close}</span>}
    </span>
  );
}
