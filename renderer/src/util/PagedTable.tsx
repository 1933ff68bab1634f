// A list table over paged rows: antd's virtual table draws only the rows in view, the next window
// loads as the end of the loaded rows comes into view, and a click on a sortable header asks the
// service for that sort (sorting happens in SQL, never on the loaded rows). Columns marked `fixed`
// (the row's identity on the left, its state and actions on the right) stay on screen however far the
// row scrolls, and the horizontal scrollbar is always drawn (desk.css).
import { Table, type TableProps } from 'antd';
import type { ColumnsType, SorterResult } from 'antd/es/table/interface';
import type { HTMLAttributes } from 'react';
import type { SortDir } from '../../../shared/ipc/paging';
import type { PagedRows } from './paged';

export interface PagedSort<S extends string> {
  sort: S;
  dir: SortDir;
}

interface Props<T, S extends string> extends Omit<TableProps<T>, 'dataSource' | 'columns' | 'pagination' | 'virtual' | 'scroll' | 'onChange'> {
  paged: PagedRows<T>;
  /** Columns whose key is one of `sorts` offer that server-side sort. */
  columns: ColumnsType<T>;
  sorts?: readonly S[];
  sort?: PagedSort<S>;
  onSort?(sort: PagedSort<S>): void;
  height: number;
  width: number;
}

export function PagedTable<T extends object, S extends string = never>({ paged, columns, sorts = [], sort, onSort, height, width, onRow, rowSelection, ...rest }: Props<T, S>) {
  const sortable = new Set<string>(sorts);
  const cols = columns.map((c) => (c.key !== undefined && sortable.has(String(c.key))
    ? { ...c, sorter: true, sortDirections: ['ascend', 'descend', 'ascend'] as const,
        sortOrder: sort && sort.sort === c.key ? (sort.dir === 'asc' ? 'ascend' as const : 'descend' as const) : null }
    : c));
  return (
    <Table<T>
      {...rest}
      virtual
      // The virtual table lays columns out by their widths: the selection column needs its own.
      rowSelection={rowSelection ? { columnWidth: 48, ...rowSelection } : undefined}
      columns={cols as ColumnsType<T>}
      dataSource={paged.rows}
      loading={paged.loading && paged.rows.length === 0}
      pagination={false}
      scroll={{ x: width, y: height }}
      // The horizontal scrollbar stays at the bottom of the page's view when the list runs below it.
      sticky
      onChange={(_p, _f, sorter) => {
        const s = (Array.isArray(sorter) ? sorter[0] : sorter) as SorterResult<T> | undefined;
        if (!onSort || !s?.columnKey || !sortable.has(String(s.columnKey))) return;
        onSort({ sort: String(s.columnKey) as S, dir: s.order === 'descend' ? 'desc' : 'asc' });
      }}
      onRow={(record, index) => {
        if (index !== undefined) paged.reached(index);
        return (onRow?.(record, index) ?? {}) as HTMLAttributes<HTMLElement>;
      }}
    />
  );
}
