// Search-as-you-type pickers: each keystroke (debounced) asks the service for the first matches,
// so no page loads the whole catalog or every applicant to fill a drop-down. Chosen values keep
// their labels from the rows the caller already knows or the picker has seen.
import { Select, Spin, type SelectProps } from 'antd';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { InstrumentRow } from '../../../shared/catalog/instrument';
import type { Applicant } from '../../../shared/ipc/deals';
import type { Page } from '../../../shared/ipc/paging';
import { call } from '../api';
import { useDeals } from '../stores/deals';
import { showError } from './errors';
import { UserText } from './user-data';

/** Matches offered per keystroke; typing more narrows them. */
export const PICKER_LIMIT = 50;
const DEBOUNCE_MS = 200;

/** An option shows the user's data (a name, an inner id): marked so, with the same text as its title. */
interface Option { value: number; label: ReactNode; title: string }

function useSearch<T extends { id: number }>(
  search: (query: string) => Promise<Page<T>>,
  label: (row: T) => string,
  known: readonly T[],
  selected: number[],
  resolve: (id: number) => Promise<T>,
  onSeen?: (rows: T[]) => void,
) {
  const [query, setQuery] = useState('');
  const [found, setFound] = useState<T[]>([]);
  const [loading, setLoading] = useState(false);
  const [, setResolved] = useState(0);
  const seen = useRef(new Map<number, T>());
  const asked = useRef(new Set<number>());
  const searchRef = useRef(search);
  searchRef.current = search;
  const resolveRef = useRef(resolve);
  resolveRef.current = resolve;
  const onSeenRef = useRef(onSeen);
  onSeenRef.current = onSeen;
  for (const r of known) seen.current.set(r.id, r);

  // A value set from outside (a record being edited) that no search has shown yet: fetch its row for the label.
  const missing = selected.filter((id) => !seen.current.has(id) && !asked.current.has(id));
  const missingKey = missing.join(',');
  useEffect(() => {
    if (!missingKey) return;
    for (const id of missingKey.split(',').map(Number)) {
      asked.current.add(id);
      resolveRef.current(id).then((row) => {
        seen.current.set(row.id, row);
        onSeenRef.current?.([row]);
        setResolved((n) => n + 1);
      }, () => { /* deleted meanwhile: the raw value stays visible */ });
    }
  }, [missingKey]);

  useEffect(() => {
    let live = true;
    setLoading(true);
    const timer = setTimeout(() => {
      searchRef.current(query).then((page) => {
        if (!live) return;
        for (const r of page.rows) seen.current.set(r.id, r);
        setFound(page.rows);
      }, (e: unknown) => { if (live) showError(e); }).finally(() => { if (live) setLoading(false); });
    }, query ? DEBOUNCE_MS : 0);
    return () => { live = false; clearTimeout(timer); };
  }, [query]);

  const options = (selected: number[]): Option[] => {
    const ids = new Set(found.map((r) => r.id));
    const extra = selected.filter((id) => !ids.has(id)).map((id) => seen.current.get(id)).filter((r): r is T => !!r);
    return [...extra, ...found].map((r) => ({ value: r.id, label: <UserText>{label(r)}</UserText>, title: label(r) }));
  };
  return { setQuery, loading, options, rowOf: (id: number) => seen.current.get(id) };
}

type Base = Omit<SelectProps<number | number[]>, 'options' | 'showSearch' | 'filterOption' | 'onSearch' | 'onChange' | 'value' | 'mode'>;

interface PickerProps<T> extends Base {
  /** Rows already loaded by the page: their labels show at once. */
  known?: readonly T[];
}

type Single<T> = PickerProps<T> & { mode?: undefined; value?: number | null; onChange?(id: number, row: T | undefined): void };
type Multiple<T> = PickerProps<T> & { mode: 'multiple'; value?: number[]; onChange?(ids: number[], rows: T[]): void };

function SearchSelect<T extends { id: number }>(props: (Single<T> | Multiple<T>) & {
  search(query: string): Promise<Page<T>>;
  label(row: T): string;
  resolve(id: number): Promise<T>;
  onSeen?(rows: T[]): void;
}) {
  const { search, label, resolve, onSeen, known = [], mode, value, onChange, ...rest } = props;
  const selected = useMemo(() => (value == null ? [] : Array.isArray(value) ? value : [value]), [value]);
  const s = useSearch(search, label, known, selected, resolve, onSeen);
  return (
    <Select<number | number[]>
      {...rest}
      mode={mode}
      showSearch
      filterOption={false}
      onSearch={s.setQuery}
      notFoundContent={s.loading ? <Spin size="small" /> : undefined}
      value={value ?? undefined}
      options={s.options(selected)}
      onChange={(v) => {
        if (Array.isArray(v)) {
          const rows = v.map((id) => s.rowOf(id)).filter((r): r is T => !!r);
          onSeen?.(rows);
          (onChange as Multiple<T>['onChange'])?.(v, rows);
        } else if (typeof v === 'number') {
          const row = s.rowOf(v);
          if (row) onSeen?.([row]);
          (onChange as Single<T>['onChange'])?.(v, row);
        }
      }}
    />
  );
}

export const instrumentLabel = (i: Pick<InstrumentRow, 'innerId' | 'nameCn'>) => `${i.innerId} ${i.nameCn}`;

/** An instrument by inner id, name, model or maker (the catalog's own search), 50 matches at a time. */
export function InstrumentSelect(props: (Single<InstrumentRow> | Multiple<InstrumentRow>) & { includeRetired?: boolean }) {
  const { includeRetired = false, ...rest } = props;
  return <SearchSelect<InstrumentRow> {...rest} label={instrumentLabel}
    search={(query) => call('catalog:list', { query, includeRetired, limit: PICKER_LIMIT })}
    resolve={(id) => call('catalog:get', { id })} />;
}

/**
 * An applicant by name or credit code, 50 matches at a time. The chosen one is kept in the deals
 * store (`applicants`), where the forms read its region and kind.
 */
export function ApplicantSelect(props: Single<Applicant> | Multiple<Applicant>) {
  const known = useDeals((s) => s.applicants);
  const remember = useDeals((s) => s.remember);
  return <SearchSelect<Applicant> known={known} {...props} label={(a) => a.name} onSeen={remember}
    search={(query) => call('applicants:list', { query, limit: PICKER_LIMIT })}
    resolve={(id) => call('applicants:get', { id })} />;
}
