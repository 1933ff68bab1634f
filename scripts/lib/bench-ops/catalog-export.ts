// The national 单台套 .xlsx of the whole catalog (catalog:export) beside exceljs's streaming
// writer writing the same cells bare (rows already built, no database, no styles per cell).
import { PassThrough } from 'node:stream';
import ExcelJS from 'exceljs';
import { annualHours, exportCatalog, templateRow } from '../../../electron/services/catalog/export';
import { referenceFeeTexts } from '../../../electron/services/catalog/export-fees';
import { listInstrumentsFull } from '../../../electron/services/catalog/instruments';
import { measure } from '../timing';
import type { BenchOp } from './types';

async function bareStream(rows: (string | number)[][]): Promise<number> {
  const sink = new PassThrough();
  let bytes = 0;
  sink.on('data', (c: Buffer) => { bytes += c.length; });
  const ended = new Promise<void>((resolve) => sink.on('end', resolve));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: false, useSharedStrings: false });
  const ws = wb.addWorksheet('S');
  for (const r of rows) ws.addRow(r).commit();
  ws.commit();
  await wb.commit();
  await ended;
  return bytes;
}

export const catalogExport: BenchOp = {
  id: 'export',
  async run(env) {
    const year = Number(env.today.slice(0, 4)) - 1;
    const runs = Math.min(env.runs, 3);
    const list = listInstrumentsFull(env.ctx, {});
    const hours = annualHours(env.ctx, year);
    const fees = referenceFeeTexts(env.ctx, env.today);
    const cells = list.map((i) => templateRow(i, hours.get(i.id), fees.get(i.id)));
    let size = 0;
    const service = await measure(runs, async () => {
      const f = await exportCatalog(env.ctx, {}, { format: 'xlsx', year, deskSheet: false });
      size = f.dataBase64.length * 0.75;
    }, 0);
    const baseline = await measure(runs, () => bareStream(cells), 0);
    return [{
      name: `catalog export .xlsx, ${list.length.toLocaleString('en')} instruments`, service, baseline,
      target: { metric: 'median', maxMs: 10_000 },
      note: `${(size / 1024 / 1024).toFixed(1)} MB; baseline: exceljs streaming writer, the same cells bare`,
    }];
  },
};
