// Status tags and deadline display shared by the redemption list and drawer.
import { Tag, Typography } from 'antd';
import { REDEMPTION_STATUS_LABELS, type RedemptionDeadline, type RedemptionStatus } from '../../../../shared/ipc/redemption';
import { useLocale } from '../../i18n';
import type { FieldIssue } from '../../../../shared/result';
import { articleName, describeIssue, documentName } from '../../i18n-errors';
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

/** Why a contract's deadline and timeline are not computed (its stored profile is unknown). */
export function ProfileIssueText({ issue }: { issue: FieldIssue }) {
  const locale = useLocale((s) => s.locale);
  return <Typography.Text type="warning" data-testid="profile-issue">{describeIssue(issue, locale)}</Typography.Text>;
}

/** Due date with days left; red once passed, orange in the last week. */
export function DeadlineText({ deadline, settled, issue }: { deadline: RedemptionDeadline | null; settled: boolean; issue?: FieldIssue | null }) {
  const locale = useLocale((s) => s.locale);
  if (issue) return <ProfileIssueText issue={issue} />;
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
