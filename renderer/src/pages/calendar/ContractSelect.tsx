// Picks the contract or the Shanghai order a booking serves, searching the server as the user
// types (first page on open); if the module does not answer, falls back to typing the id.
import { Select } from 'antd';
import { useEffect, useEffectEvent, useState, type ReactNode } from 'react';
import { ORDER_STATES_WITHOUT_SERVICE } from '../../../../shared/rules/orders';
import { call } from '../../api';
import { useLocale } from '../../i18n';
import { punct, UserText } from '../../util/user-data';
import { NumberField, type NumberSpec } from '../../util/number-field';

/** The id typed when the search does not answer: a whole number from 1 (the service refuses ids that do not exist). */
const ID: NumberSpec = { min: 1, max: Number.MAX_SAFE_INTEGER };
const ID_LABEL = { zh: '编号（ID）', en: 'Id' };

/** A choice: its label is the user's data (numbers, names), `title` the same as plain text. */
interface Choice { value: number; label: ReactNode; title?: string }

/** A contract or order shown by the user's own number and names, the desk's punctuation in the chosen language. */
function dataChoice(value: number, text: string, after = ''): Choice {
  return { value, label: <><UserText>{text}</UserText>{after}</>, title: `${text}${after}` };
}

interface PickerProps {
  value?: number | null;
  onChange?: (v: number | null) => void;
  /** Label of the current value, shown before the list has loaded or when it is not in the first page. */
  known?: Choice | null;
  placeholder?: string;
  id?: string;
}

function SearchSelect({ value, onChange, known, placeholder, id, find }: PickerProps & { find: (query: string) => Promise<Choice[]> }) {
  const [choices, setChoices] = useState<Choice[]>(known ? [known] : []);
  const [down, setDown] = useState(false);

  const search = async (query: string) => {
    try {
      const list = await find(query);
      if (known && !list.some((c) => c.value === known.value)) list.unshift(known);
      setChoices(list);
    } catch {
      setDown(true);
    }
  };

  // First page once per mount; typing searches further.
  const firstPage = useEffectEvent(() => { void search(''); });
  useEffect(() => { firstPage(); }, []);

  if (down) {
    return <NumberField id={id} label={ID_LABEL[useLocale.getState().locale]} spec={ID} style={{ width: '100%' }} value={value ?? null} onChange={(v) => onChange?.(v)} />;
  }
  return (
    <Select id={id} showSearch allowClear filterOption={false} placeholder={placeholder} value={value ?? undefined}
      onChange={(v?: number) => onChange?.(v ?? null)} onSearch={(q) => void search(q)} options={choices} />
  );
}

export function ContractSelect(props: PickerProps) {
  return <SearchSelect {...props} find={async (query) => {
    const { rows } = await call('contracts:list', { query, limit: 50 });
    return rows.filter((c) => c.status !== 'void')
      .map((c) => {
        const p = punct(useLocale.getState().locale);
        return dataChoice(c.id, `${c.number} · ${c.applicantName}`, `${p.open}${c.startDate}${p.range.trim()}${c.endDate}${p.close}`);
      });
  }} />;
}


export function OrderSelect(props: PickerProps) {
  return <SearchSelect {...props} find={async (query) => {
    const { rows } = await call('orders:list', { query, limit: 50 });
    return rows.filter((o) => !ORDER_STATES_WITHOUT_SERVICE.includes(o.status))
      .map((o) => dataChoice(o.id, `${o.number} · ${o.applicantName} · ${o.productName}`));
  }} />;
}
