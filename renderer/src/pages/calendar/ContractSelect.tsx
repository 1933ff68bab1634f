// Picks a contract through 'contracts:list' (searchable); if the contracts module does not answer,
// falls back to typing the contract id.
import { InputNumber, Select } from 'antd';
import { useEffect, useState } from 'react';
import { call } from '../../api';

interface Choice { value: number; label: string }

export function ContractSelect({ value, onChange, known, placeholder, id }: {
  value?: number | null;
  onChange?: (v: number | null) => void;
  /** Label of the current value, shown before the list has loaded or when it is not in the first page. */
  known?: Choice | null;
  placeholder?: string;
  id?: string;
}) {
  const [choices, setChoices] = useState<Choice[]>(known ? [known] : []);
  const [down, setDown] = useState(false);

  const search = async (query: string) => {
    try {
      const { rows } = await call('contracts:list', { query, limit: 50 });
      const list = rows.filter((c) => c.status !== 'void')
        .map((c) => ({ value: c.id, label: `${c.number} · ${c.applicantName}（${c.startDate}～${c.endDate}）` }));
      if (known && !list.some((c) => c.value === known.value)) list.unshift(known);
      setChoices(list);
    } catch {
      setDown(true);
    }
  };

  // First page once per mount; typing searches further.
  useEffect(() => { void search(''); }, []);

  if (down) {
    return <InputNumber id={id} min={1} precision={0} style={{ width: '100%' }} value={value ?? null} onChange={(v) => onChange?.(v ?? null)} />;
  }
  return (
    <Select id={id} showSearch allowClear filterOption={false} placeholder={placeholder} value={value ?? undefined}
      onChange={(v?: number) => onChange?.(v ?? null)} onSearch={(q) => void search(q)} options={choices} />
  );
}
