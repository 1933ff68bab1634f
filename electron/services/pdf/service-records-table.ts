// The service records (机时) table of the forms: number, instrument, start, end, hours, and one
// column the form chooses (服务内容 on the 兑现申请表, 金额 on the order summary), with a total row.
import type { Content, TableCell } from 'pdfmake/interfaces';
import { hoursText, type ServiceRecord } from '../redemption/service-records';
import { figure, th, totalRow } from './frame';

export interface RecordsColumn {
  header: string;
  width: number | '*';
  cell: (r: ServiceRecord) => TableCell;
  /** The column's cell in the total row. */
  total: TableCell;
}

export function serviceRecordsTable(records: readonly ServiceRecord[], last: RecordsColumn, totalLabel: string): Content {
  const minutes = records.reduce((n, r) => n + r.minutes, 0);
  return {
    table: {
      headerRows: 1,
      widths: [24, '*', 78, 78, 40, last.width],
      body: [
        ['序号', '仪器', '开始', '结束', '机时', last.header].map(th),
        ...records.map((r, n): TableCell[] => [String(n + 1), `${r.instrumentName}（${r.instrumentInnerId}）`,
          r.startAt.replace('T', ' '), r.endAt.replace('T', ' '), figure(hoursText(r.minutes)), last.cell(r)]),
        totalRow(totalLabel, 4, [figure(hoursText(minutes)), last.total]),
      ],
    },
    fontSize: 8,
  };
}
