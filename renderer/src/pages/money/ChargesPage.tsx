// 费用结算: pick a contract or a Shanghai order and work on its charges, statement and payments
// (ChargesPanel); the year's statement batch as a job with progress and cancel. The picker searches
// the server as the user types, a page of each kind at a time, never the whole table.
import { Button, Card, Select, Space } from 'antd';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { yearSchema } from '../../../../shared/ipc/catalog';
import type { OwnerRef } from '../../../../shared/ipc/money';
import type { JobStatus } from '../../../../shared/ipc/redemption';
import { ApiError, call } from '../../api';
import { useT } from '../../i18n';
import { saveDownload } from '../../util/download';
import { useAppInfo, useToday } from '../../stores/app-info';
import { showError } from '../../util/errors';
import { JobProgress } from '../../util/JobProgress';
import { NumberField, numberIssue, specOf } from '../../util/number-field';
import { UserText } from '../../util/user-data';
import { ChargesPanel, L } from './ChargesPanel';

/** The batch's year, as money:batchStart accepts it. */
const YEAR = specOf(yearSchema, { required: true });

export function ChargesPage() {
  const t = useT(L);
  const today = useToday();
  useEffect(() => { void useAppInfo.getState().load(); }, []);
  const [owner, setOwner] = useState<OwnerRef | null>(null);
  const [job, setJob] = useState<JobStatus | null>(null);
  const [year, setYear] = useState<number | null>(Number(today.slice(0, 4)));
  const yearOk = year !== null && numberIssue(year, YEAR) === null;

  const startBatch = async () => {
    if (year === null || !yearOk) return;
    try {
      const { jobId } = await call('money:batchStart', { year });
      // A refusal that ended the batch is worded here, in the chosen language, not as the log's text.
      const show = (x: JobStatus) => setJob(x.failure ? { ...x, error: new ApiError(x.failure).message } : x);
      let s = await call('money:batchStatus', { jobId });
      show(s);
      while (s.state === 'running') {
        await new Promise((r) => setTimeout(r, 500));
        s = await call('money:batchStatus', { jobId });
        show(s);
      }
      if (s.state === 'done') saveDownload(await call('money:batchResult', { jobId }));
      if (s.state === 'failed' && s.failure) showError(new ApiError(s.failure));
    } catch (e) { showError(e); }
  };

  return (
    <div>
      <Card size="small" style={{ marginBottom: 12 }}>
        <Space wrap>
          <span>{t.owner}</span>
          <div style={{ width: 460 }} data-testid="charges-contract"><OwnerSelect value={owner} onChange={setOwner} placeholder={t.pickOwner} /></div>
          <span>{t.batch}</span>
          <NumberField data-testid="batch-year" label={t.year} spec={YEAR} value={year} onChange={setYear} />
          <Button onClick={() => void startBatch()} disabled={job?.state === 'running' || !yearOk}>{t.start}</Button>
          <JobProgress job={job} testId="statement-batch-progress"
            onCancel={job ? () => void call('money:batchCancel', { jobId: job.jobId }).then(setJob, showError) : undefined} />
        </Space>
      </Card>
      {owner !== null && <ChargesPanel key={owner.contractId !== undefined ? `c${owner.contractId}` : `o${owner.orderId}`} owner={owner} />}
    </div>
  );
}

const PICK = {
  zh: { contracts: '合同', orders: '订单（上海）' },
  en: { contracts: 'Contracts', orders: 'Orders (Shanghai)' },
};
/** A page of each kind per search. */
const PICK_LIMIT = 25;

interface OwnerOption { value: string; label: ReactNode; title: string; owner: OwnerRef }

/**
 * Picks a contract or an order: both lists searched on the server as the user types (debounced, a
 * page of each), shown in two groups; the first page of each on open.
 */
function OwnerSelect({ value, onChange, placeholder }: { value: OwnerRef | null; onChange(v: OwnerRef | null): void; placeholder: string }) {
  const t = useT(PICK);
  const [groups, setGroups] = useState<{ contracts: OwnerOption[]; orders: OwnerOption[] }>({ contracts: [], orders: [] });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(0);
  const search = (query: string) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      const n = ++latest.current;
      void Promise.all([
        call('contracts:list', { query, limit: PICK_LIMIT }).then((r) => r.rows.filter((c) => c.status !== 'void')
          .map((c): OwnerOption => ({ value: `c${c.id}`, owner: { contractId: c.id }, title: `${c.number} · ${c.applicantName}`,
            label: <UserText>{`${c.number} · ${c.applicantName}`}</UserText> }))),
        call('orders:list', { query, limit: PICK_LIMIT }).then((r) => r.rows.filter((o) => o.status !== 'cancelled')
          .map((o): OwnerOption => ({ value: `o${o.id}`, owner: { orderId: o.id }, title: `${o.number} · ${o.applicantName} · ${o.productName}`,
            label: <UserText>{`${o.number} · ${o.applicantName} · ${o.productName}`}</UserText> }))),
      ]).then(([contracts, orders]) => { if (n === latest.current) setGroups({ contracts, orders }); }, showError);
    }, query ? 200 : 0);
  };
  useEffect(() => { search(''); return () => { if (timer.current) clearTimeout(timer.current); }; }, []);
  const all = [...groups.contracts, ...groups.orders];
  const selected = value === null ? undefined : value.contractId !== undefined ? `c${value.contractId}` : `o${value.orderId}`;
  return (
    <Select showSearch allowClear filterOption={false} placeholder={placeholder} style={{ width: '100%' }} value={selected}
      onSearch={search} onChange={(v?: string) => onChange(all.find((o) => o.value === v)?.owner ?? null)}
      options={[
        ...(groups.contracts.length ? [{ label: t.contracts, options: groups.contracts }] : []),
        ...(groups.orders.length ? [{ label: t.orders, options: groups.orders }] : []),
      ]} />
  );
}
