// Batch packet export: starts a job, polls its progress, offers cancel, downloads the result.
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Popconfirm, Progress, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { JobStatus } from '../../../../shared/ipc/redemption';
import { call } from '../../api';
import { fmt, useT } from '../../i18n';
import { saveDownload } from '../../util/download';
import { showError } from '../../util/errors';

const L = {
  zh: { batch: '批量导出材料包（{n}）', cancel: '取消', cancelConfirm: '取消本次批量导出？', cancelled: '已取消', failed: '导出失败' },
  en: { batch: 'Export packets ({n})', cancel: 'Cancel', cancelConfirm: 'Cancel this batch export?', cancelled: 'Cancelled', failed: 'Export failed' },
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
      setJob(s);
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
  const percent = job && job.total ? Math.round((job.done / job.total) * 100) : 0;
  return (
    <Space>
      <Button icon={<DownloadOutlined />} disabled={contractIds.length === 0 || running} onClick={start} data-testid="batch-export">
        {fmt(t.batch, { n: contractIds.length })}
      </Button>
      {job && (
        <Space data-testid="batch-progress">
          <Progress style={{ width: 200 }} size="small" percent={percent}
            status={job.state === 'failed' ? 'exception' : job.state === 'done' ? 'success' : job.state === 'cancelled' ? 'normal' : 'active'}
            format={() => `${job.done}/${job.total}`} />
          {running && (
            <Popconfirm title={t.cancelConfirm} onConfirm={cancel}>
              <Button size="small" danger data-testid="batch-cancel">{t.cancel}</Button>
            </Popconfirm>
          )}
          {job.state === 'cancelled' && <span>{t.cancelled}</span>}
          {job.state === 'failed' && <span title={job.error}>{t.failed}：{job.error}</span>}
        </Space>
      )}
    </Space>
  );
}
