// Importing a 10,000-row catalog .xlsx (the format the catalog exports) into a fresh database with
// commitImport, vs reading the same sheet and inserting the rows with one prepared statement.
// Two small pilots (1,000 and 2,000 rows) come first: when their growth projects the full run far
// past the target, the full run is not attempted and the projection is reported instead.
import path from 'node:path';
import { openDatabase } from '../../../electron/db/connection';
import ExcelJS from 'exceljs';
import { fenToYuanNumber } from '../../../electron/services/catalog/export';
import { commitImport, suggestMapping } from '../../../electron/services/catalog/import';
import { listInstrumentsFull } from '../../../electron/services/catalog/instruments';
import { INSTRUMENT_FIELD_LABELS } from '../../../shared/catalog/instrument';
import { readTable } from '../../../electron/services/tabular';
import { parseMoneyText } from '../../../shared/rules';
import { measure, statsOf } from '../timing';
import type { BenchEnv, BenchOp, OpResult } from './types';

const ROWS = 10_000;
const PILOTS = [1_000, 2_000];
const MAX_RUNS = 3;
const TARGET_MS = 5_000;
/** Skip the full run when it would take longer than this. */
const MAX_PROJECTED_MS = 60_000;

/** The first `rows` instruments of the seeded catalog as an .xlsx with the export's headers and units. */
async function workbook(env: BenchEnv, rows: number) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('仪器设备');
  ws.columns = INSTRUMENT_FIELD_LABELS.map((f) => ({ header: f.zh, key: f.key }));
  for (const r of listInstrumentsFull(env.ctx, {}).slice(0, rows)) {
    ws.addRow({
      ...r, labId: r.labName ?? '', startUseDate: r.startUseDate ?? '', originalValueFen: fenToYuanNumber(r.originalValueFen),
      referenceFeeFen: r.referenceFeeFen === null ? '' : fenToYuanNumber(r.referenceFeeFen),
    });
  }
  const bytes = Buffer.from(await wb.xlsx.writeBuffer());
  const source = { fileName: 'catalog.xlsx', dataBase64: bytes.toString('base64'), encoding: 'auto' as const };
  const headers = INSTRUMENT_FIELD_LABELS.map((f) => f.zh);
  return { source, bytes, mapping: suggestMapping(headers) };
}

export const xlsxImport: BenchOp = {
  id: 'import',
  async run(env) {
    let n = 0;
    // Each run gets a fresh, migrated file; opening it is not part of the timing.
    const fresh = () => openDatabase(path.join(env.tmpDir, `import-${n++}.sqlite`)).db;
    const importInto = async (book: Awaited<ReturnType<typeof workbook>>) => {
      const db = fresh();
      try {
        const t0 = performance.now();
        await commitImport({ ...env.ctx, db }, { ...book.source, mapping: book.mapping, onDuplicate: 'skip' });
        return performance.now() - t0;
      } finally {
        db.close();
      }
    };
    const name = `xlsx import, ${ROWS.toLocaleString('en')} rows`;
    const target = { metric: 'median' as const, maxMs: TARGET_MS };

    const pilot: number[] = [];
    for (const rows of PILOTS) pilot.push(await importInto(await workbook(env, rows)));
    const exponent = Math.log(pilot[1] / pilot[0]) / Math.log(PILOTS[1] / PILOTS[0]);
    const projected = pilot[1] * (ROWS / PILOTS[1]) ** Math.max(1, exponent);
    const pilotNote = `pilots ${PILOTS.map((r, i) => `${r} rows ${(pilot[i] / 1000).toFixed(2)} s`).join(', ')} → growth ∝ n^${exponent.toFixed(1)}`;
    if (projected > MAX_PROJECTED_MS) {
      const result: OpResult = { name, service: statsOf([projected]), target, note: `PROJECTED, not run: ${pilotNote}` };
      return [result];
    }

    const book = await workbook(env, ROWS);
    const runs = Math.min(env.runs, MAX_RUNS);
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) samples.push(await importInto(book));
    const bareDbs = Array.from({ length: runs }, fresh);
    const baseline = await measure(runs, async (i) => {
      const table = await readTable('catalog.xlsx', book.bytes, 'auto');
      const label = (k: string) => INSTRUMENT_FIELD_LABELS.find((f) => f.key === k)!.zh;
      const [inner, nameCol, code, value] = ['innerId', 'nameCn', 'categoryCode', 'originalValueFen'].map((k) => table.headers.indexOf(label(k)));
      const insert = bareDbs[i].prepare(`INSERT INTO instruments(inner_id, name_cn, category_code, original_value_fen, created_at, updated_at)
        VALUES (?, ?, ?, ?, ?, ?)`);
      const now = env.ctx.now().toISOString();
      bareDbs[i].transaction(() => {
        for (const r of table.rows) {
          const fen = parseMoneyText(r.cells[value]);
          insert.run(r.cells[inner], r.cells[nameCol], r.cells[code], fen.ok ? fen.fen : 0, now, now);
        }
      })();
    }, 0);
    bareDbs.forEach((d) => d.close());
    return [{
      name, service: statsOf(samples), baseline, target,
      note: `${runs} runs into fresh databases, ${(book.bytes.length / 1024).toFixed(0)} KB file; ${pilotNote}; baseline = same sheet read + 4-column insert`,
    }];
  },
};
