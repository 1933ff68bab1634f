import { Alert, Card, List, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import type { EligibilityReport } from '../../../../shared/ipc/deals';
import { listProfiles } from '../../../../shared/policy/registry';
import { call } from '../../api';
import { useLocale, useT } from '../../i18n';
import { showError } from '../../util/errors';
import { kindLabel } from '../vouchers/dealLabels';

const L = {
  zh: { title: '申领资格检查', profile: '政策版本', auto: '按地区与今天自动选择', ok: '符合全部申领条件', bad: '不符合 {n} 项条件', kind: '额度类别' },
  en: { title: 'Eligibility check', profile: 'Policy profile', auto: 'By region and today', ok: 'Meets every condition', bad: 'Fails {n} condition(s)', kind: 'Quota kind' },
};

/** Runs the policy engine's eligibility check and lists every failed condition with its article. */
export function EligibilityPanel({ applicantId, version }: { applicantId: number; version: number }) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const [profileId, setProfileId] = useState<string | undefined>();
  const [report, setReport] = useState<EligibilityReport | null>(null);

  useEffect(() => {
    call('applicants:eligibility', { id: applicantId, profileId }).then(setReport).catch(showError);
  }, [applicantId, profileId, version]);

  return (
    <Card size="small" title={t.title} data-testid="eligibility-panel"
      extra={<Select size="small" allowClear placeholder={t.auto} style={{ width: 260 }} value={profileId} onChange={setProfileId}
        options={listProfiles().map((p) => ({ value: p.id, label: `${p.title}（${p.documentNumber}）` }))} aria-label={t.profile} />}>
      {report && (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Typography.Text type="secondary">
            {report.profileTitle}（{report.documentNumber}）· {report.date} · {t.kind}：{kindLabel(report.voucherKind, locale)}
          </Typography.Text>
          {report.eligible
            ? <Alert type="success" showIcon message={t.ok} data-testid="eligibility-ok" />
            : <Alert type="warning" showIcon message={t.bad.replace('{n}', String(report.violations.length))} />}
          {!report.eligible && (
            <List size="small" dataSource={report.violations} renderItem={(v) => (
              <List.Item data-testid="eligibility-violation">
                <Space><Tag>{v.article}</Tag>{v.message[locale]}</Space>
              </List.Item>
            )} />
          )}
        </Space>
      )}
    </Card>
  );
}
