// 完整性检查: what the packet still lacks, re-run whenever the drawer changes something.
import { CheckCircleTwoTone, CloseCircleTwoTone, ExclamationCircleTwoTone } from '@ant-design/icons';
import { Alert, List, Spin } from 'antd';
import { useEffect, useState } from 'react';
import type { CheckResult } from '../../../../shared/ipc/redemption';
import { call } from '../../api';
import { useLocale, useT } from '../../i18n';
import { citation, describeIssue } from '../../i18n-errors';
import { showError } from '../../util/errors';

const L = {
  zh: { complete: '材料齐全，可以提交兑现申请', incomplete: '尚有 {n} 项问题' },
  en: { complete: 'The packet is complete', incomplete: '{n} issue(s) to fix' },
};

export function CheckPanel({ contractId, refreshKey }: { contractId: number; refreshKey: number }) {
  const t = useT(L);
  const locale = useLocale((s) => s.locale);
  const [result, setResult] = useState<CheckResult | null>(null);

  useEffect(() => {
    call('redemption:check', { contractId }).then(setResult).catch(showError);
  }, [contractId, refreshKey]);

  if (!result) return <Spin />;
  return (
    <div data-testid="check-list">
      {result.complete && result.items.length === 0
        ? <Alert type="success" showIcon icon={<CheckCircleTwoTone twoToneColor="#52c41a" />} message={t.complete} />
        : <Alert type={result.complete ? 'warning' : 'error'} showIcon message={t.incomplete.replace('{n}', String(result.items.length))} />}
      {result.items.length > 0 && (
        <List size="small" dataSource={result.items} renderItem={(i) => (
          <List.Item data-testid={`check-${i.code}`}>
            {i.severity === 'error' ? <CloseCircleTwoTone twoToneColor="#ff4d4f" /> : <ExclamationCircleTwoTone twoToneColor="#faad14" />}
            <span style={{ flex: 1, marginLeft: 8 }}>{describeIssue(i, locale)}</span>
            {i.article && <span style={{ color: '#888' }}>{citation(i, locale).trim()}</span>}
          </List.Item>
        )} />
      )}
    </div>
  );
}
