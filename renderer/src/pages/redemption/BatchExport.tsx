// Batch packet export: starts a job, polls its progress, offers cancel, downloads the result.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { JobStatus } from '../../../../shared/ipc/redemption';
import { ApiError, call } from '../../api';
import { fmt, useT } from '../../i18n';
import { saveDownload } from '../../util/download';
import { showError } from '../../util/errors';
import { JobProgress } from '../../util/JobProgress';

const L = {
  zh: { batch: '批量导出材料包（{n}）' },
  en: { batch: 'Export packets ({n})' },
};

const POLL_MS = 300;

export function BatchExport({ contractIds }: { contractIds: number[] }) {
  const t = useT(L);
  const [job, setJob] = useState<JobStatus | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => () => { if (timer.current) clearTimeout(timer.current); }, []);

  const poll = async (jobId: string) => {
    try {
      const s = await call('packets:jobStatus', { jobId });
      // A refusal that ended the job is worded here, in the chosen language, not as the log's text.
      setJob(s.failure ? { ...s, error: new ApiError(s.failure).message } : s);
      if (s.state === 'running') { timer.current = setTimeout(() => void poll(jobId), POLL_MS); return; }
      if (s.state === 'done') saveDownload(await call('packets:jobResult', { jobId }));
    } catch (e) {
      showError(e);
    }
  };

  const start = async () => {
    try {
      const { jobId } = await call('packets:startBatch', { contractIds });
      setJob({ jobId, done: 0, total: contractIds.length, state: 'running' });
      timer.current = setTimeout(() => void poll(jobId), POLL_MS);
    } catch (e) {
      showError(e);
    }
  };

  const cancel = async () => {
    if (!job) return;
    if (timer.current) clearTimeout(timer.current);
    try { setJob(await call('packets:cancel', { jobId: job.jobId })); } catch (e) { showError(e); }
  };

  const running = job?.state === 'running';
  return (
    <Space>
      <Button icon={<DownloadOutlined />} disabled={contractIds.length === 0 || running} onClick={start} data-testid="batch-export">
        {fmt(t.batch, { n: contractIds.length })}
      </Button>
      <JobProgress job={job} testId="batch-progress" onCancel={cancel} />
    </Space>
  );
}
