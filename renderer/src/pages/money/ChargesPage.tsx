// 费用结算: pick a contract and work on its charges, statement and payments (ChargesPanel); the
// year's statement batch as a job with progress and cancel.
import { Button, Card, InputNumber, Space } from 'antd';
import { useEffect, useState } from 'react';
import type { JobStatus } from '../../../../shared/ipc/redemption';
import { ApiError, call } from '../../api';
import { useT } from '../../i18n';
import { saveDownload } from '../../util/download';
import { useAppInfo, useToday } from '../../stores/app-info';
import { showError } from '../../util/errors';
import { JobProgress } from '../../util/JobProgress';
import { ContractSelect } from '../calendar/ContractSelect';
import { ChargesPanel, L } from './ChargesPanel';

export function ChargesPage() {
  const t = useT(L);
  const today = useToday();
  useEffect(() => { void useAppInfo.getState().load(); }, []);
  const [contractId, setContractId] = useState<number | null>(null);
  const [job, setJob] = useState<JobStatus | null>(null);
  const [year, setYear] = useState(Number(today.slice(0, 4)));

  const startBatch = async () => {
    try {
      const { jobId } = await call('money:batchStart', { year });
      let s = await call('money:batchStatus', { jobId });
      setJob(s);
      while (s.state === 'running') {
        await new Promise((r) => setTimeout(r, 500));
        s = await call('money:batchStatus', { jobId });
        setJob(s);
      }
      if (s.state === 'done') saveDownload(await call('money:batchResult', { jobId }));
      if (s.state === 'failed' && s.failure) showError(new ApiError(s.failure));
    } catch (e) { showError(e); }
  };

  return (
    <div>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <span>{t.contract}</span>
          <div style={{ width: 460 }} data-testid="charges-contract"><ContractSelect value={contractId} onChange={setContractId} placeholder={t.pick} /></div>
          <span>{t.batch}</span>
          <InputNumber value={year} min={2000} max={2100} onChange={(v) => setYear(v ?? year)} />
          <Button onClick={() => void startBatch()} disabled={job?.state === 'running'}>{t.start}</Button>
          <JobProgress job={job} testId="statement-batch-progress"
            onCancel={job ? () => void call('money:batchCancel', { jobId: job.jobId }).then(setJob, showError) : undefined} />
        </Space>
      </Card>
      {contractId !== null && <ChargesPanel owner={{ contractId }} />}
    </div>
  );
}
