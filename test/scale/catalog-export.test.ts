// The 单台套 .xlsx is written with exceljs's streaming writer; its 参考收费标准 column comes from the
// instrument's rate table in force (one set-based read for the whole catalog), else the typed fee.
import { PassThrough } from 'node:stream';
import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { annualHours, exportCatalog, templateRow, templateXlsx } from '../../electron/services/catalog/export';
import { listInstruments, listInstrumentsFull } from '../../electron/services/catalog/instruments';
import { withJob } from '../../electron/core-host/job';
import { TEMPLATE_COLUMNS, TEMPLATE_GROUPS, TEMPLATE_SHEET } from '../../shared/catalog/template';
import { referenceFeeTexts } from '../../electron/services/catalog/export-fees';
import { addRateVersion, referenceFeeText, saveRateItem } from '../../electron/services/money/rates';
import { rateVersionFieldsSchema } from '../../shared/ipc/money';
import { captureStatements } from '../../scripts/lib/sql-capture';
import { tempCore, type TempCore } from '../helpers/db';
import { ENTERPRISE, INTERNAL } from '../helpers/money';
import { insertInstrument } from '../assessment/fixtures';

const TODAY = '2025-06-16';

let core: TempCore;
beforeEach(() => { core = tempCore(); });
afterEach(() => core.cleanup());

function rate(instrumentId: number, name: string, unit: 'hour' | 'sample', versions: { from: string; to?: string; prices: [number, number][]; inc?: 30 | 60; min?: number; setup?: number }[], billsUsage = false): number {
  const item = saveRateItem(core.ctx, null, { instrumentId, name, unit, billsUsage });
  for (const v of versions) {
    addRateVersion(core.ctx, item.id, rateVersionFieldsSchema.parse({
      effectiveFrom: v.from, effectiveTo: v.to ?? null, incrementMinutes: v.inc ?? (unit === 'hour' ? 60 : null), minimumFen: v.min ?? 0, setupFeeFen: v.setup ?? 0,
      prices: v.prices.map(([priceGroupId, unitPriceFen]) => ({ priceGroupId, unitPriceFen })),
    }));
  }
  return item.id;
}

function typedFee(id: number, fen: number, unit: string): void {
  core.db.prepare('UPDATE instruments SET reference_fee_fen = ?, fee_unit = ? WHERE id = ?').run(fen, unit, id);
}

async function templateRows(): Promise<unknown[][]> {
  const file = await exportCatalog(core.ctx, { sortBy: 'innerId' }, { format: 'xlsx', year: 2025, deskSheet: false });
  return XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(Buffer.from(file.dataBase64, 'base64')).Sheets['大型科研仪器'], { header: 1, defval: '' });
}
const FEE_COL = 24;

describe('参考收费标准 from the rate tables', () => {
  it('the set-based texts equal referenceFeeText per instrument: versions in force, groups in order, terms, retired items left out', () => {
    const a = insertInstrument(core.db, { innerId: 'A1', valueFen: 1_000_000 });
    const b = insertInstrument(core.db, { innerId: 'B1', valueFen: 1_000_000 });
    const c = insertInstrument(core.db, { innerId: 'C1', valueFen: 1_000_000 });
    const d = insertInstrument(core.db, { innerId: 'D1', valueFen: 1_000_000 });
    rate(a, '上机', 'hour', [
      { from: '2024-01-01', prices: [[INTERNAL, 10_000], [ENTERPRISE, 30_000]], inc: 30 },
      { from: '2025-01-01', prices: [[ENTERPRISE, 40_000], [INTERNAL, 20_000]], inc: 30, min: 10_000, setup: 5_000 },
      { from: '2026-01-01', prices: [[INTERNAL, 99_900]] },
    ], true);
    rate(a, '元素分析', 'sample', [{ from: '2025-01-01', prices: [[ENTERPRISE, 12_050]] }]);
    rate(b, '测试', 'sample', [{ from: '2024-01-01', to: '2025-05-31', prices: [[ENTERPRISE, 5_000]] }]); // ended before today
    const retired = rate(c, '旧项目', 'sample', [{ from: '2024-01-01', prices: [[ENTERPRISE, 7_000]] }]);
    core.db.prepare(`UPDATE rate_items SET retired_at = '2025-02-01T00:00:00Z' WHERE id = ?`).run(retired);
    rate(c, '上机', 'hour', [{ from: '2025-06-16', prices: [[INTERNAL, 15_000]] }]); // starts today
    const texts = referenceFeeTexts(core.ctx, TODAY);
    for (const id of [a, b, c, d]) expect(texts.get(id) ?? '').toBe(referenceFeeText(core.ctx, id, TODAY));
    expect(texts.get(a)).toBe('上机：校内 200元/小时；企业 400元/小时（按30分钟计费，最低收费100元，开机费50元）。元素分析：企业 120.50元/样品');
    expect(texts.has(b)).toBe(false);
    expect(texts.has(d)).toBe(false);
    expect(texts.get(c)).toBe('上机：校内 150元/小时（按60分钟计费）');
  });

  it('the template carries the rate text, and the typed fee where an instrument has no rate', async () => {
    const a = insertInstrument(core.db, { innerId: 'A1', valueFen: 1_000_000 });
    const b = insertInstrument(core.db, { innerId: 'B1', valueFen: 1_000_000 });
    const c = insertInstrument(core.db, { innerId: 'C1', valueFen: 1_000_000 });
    typedFee(a, 60_000, '小时');
    typedFee(b, 1_250, '样');
    rate(a, '上机', 'hour', [{ from: '2025-01-01', prices: [[ENTERPRISE, 40_000]] }], true);
    const rows = await templateRows();
    expect(rows.slice(2).map((r) => [r[0], r[FEE_COL]])).toEqual([['A1', '上机：企业 400元/小时（按60分钟计费）'], ['B1', '12.50元/样'], ['C1', '']]);
    void c;
  });

  it('reads the fees of the whole catalog in two statements, however many instruments', () => {
    for (let n = 0; n < 60; n++) {
      const id = insertInstrument(core.db, { innerId: `X${n}`, valueFen: 1_000_000 });
      rate(id, '上机', 'hour', [{ from: '2025-01-01', prices: [[ENTERPRISE, 1_000 * (n + 1)]] }], true);
    }
    const { result, statements } = captureStatements(core.db, () => referenceFeeTexts(core.ctx, TODAY));
    expect(result.size).toBe(60);
    expect(statements).toHaveLength(2);
  });
});

describe('streaming .xlsx', () => {
  it('writes many rows in order with the 原值 format, readable back', async () => {
    const insert = core.db.prepare(`INSERT INTO instruments(inner_id, name_cn, category_code, original_value_fen, share_mode, created_at, updated_at)
      VALUES (?, ?, '010101', ?, '外部共享', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`);
    core.db.transaction(() => { for (let n = 0; n < 3000; n++) insert.run(`S${String(n).padStart(5, '0')}`, `仪器${n}`, 1_000_000 + n * 100); })();
    const file = await exportCatalog(core.ctx, { sortBy: 'innerId' }, { format: 'xlsx', year: 2025, deskSheet: true });
    const wb = XLSX.read(Buffer.from(file.dataBase64, 'base64'), { cellNF: true });
    expect(wb.SheetNames).toEqual(['大型科研仪器', '工作台补充']);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['大型科研仪器'], { header: 1, defval: '' });
    expect(rows).toHaveLength(3002);
    expect(rows[2][0]).toBe('S00000');
    expect(rows[3001][0]).toBe('S02999');
    expect(rows[3001][10]).toBe(1.3);
    expect(wb.Sheets['大型科研仪器'].K3002.z).toBe('0.00');
    expect(XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['工作台补充'], { header: 1 })).toHaveLength(3001);
  });

  it('shares one style object per kind of cell and writes the same sheet and styles as a style on every cell', async () => {
    const a = insertInstrument(core.db, { innerId: 'A1', valueFen: 1_234_567 });
    insertInstrument(core.db, { innerId: 'B1', valueFen: 80_000_000 });
    insertInstrument(core.db, { innerId: 'C1', valueFen: 500_000 });
    typedFee(a, 60_000, '小时');
    const list = listInstrumentsFull(core.ctx, { sortBy: 'innerId' });
    const hours = annualHours(core.ctx, 2025);
    // The reference: exceljs's own per-cell styles (a fresh style object on each cell), 原值 formatted.
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (c: Buffer) => chunks.push(c));
    const ended = new Promise<void>((resolve) => sink.on('end', resolve));
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false, zip: { zlib: { level: 1 } } });
    const ws = wb.addWorksheet(TEMPLATE_SHEET);
    ws.columns = TEMPLATE_COLUMNS.map((c) => ({ width: Math.min(40, Math.max(10, c.header.length + 2)) }));
    const blank = (v: string | number) => (v === '' ? null : v);
    const groups = ws.addRow(TEMPLATE_COLUMNS.map((_, c) => TEMPLATE_GROUPS.find((g) => g.from === c + 1)?.name ?? '').map(blank));
    for (const g of TEMPLATE_GROUPS) ws.mergeCells(1, g.from, 1, g.to);
    groups.commit();
    ws.addRow(TEMPLATE_COLUMNS.map((c) => c.header)).commit();
    const valueCol = TEMPLATE_COLUMNS.findIndex((c) => c.key === 'originalValueFen') + 1;
    for (const i of list) {
      const row = ws.addRow(templateRow(i, hours.get(i.id)).map(blank));
      row.getCell(valueCol).numFmt = '0.00';
      row.commit();
    }
    ws.commit();
    await wb.commit();
    await ended;
    const reference = await JSZip.loadAsync(Buffer.concat(chunks));
    const written = await JSZip.loadAsync(await templateXlsx(list, hours, false));
    for (const part of ['xl/worksheets/sheet1.xml', 'xl/styles.xml']) {
      expect(await written.file(part)!.async('string')).toBe(await reference.file(part)!.async('string'));
    }
    expect(await written.file('xl/worksheets/sheet1.xml')!.async('string')).toMatch(/ s="\d+"/); // styles are in the file
  });

  it('reads the catalog one record at a time; a cancel between rows stops it and leaves the connection free', async () => {
    const insert = core.db.prepare(`INSERT INTO instruments(inner_id, name_cn, category_code, original_value_fen, share_mode, created_at, updated_at)
      VALUES (?, ?, '010101', ?, '外部共享', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`);
    core.db.transaction(() => { for (let n = 0; n < 500; n++) insert.run(`R${String(n).padStart(4, '0')}`, `仪器${n}`, 1_000_000); })();
    // The streamed file equals the one written from the whole list.
    const streamed = await JSZip.loadAsync(Buffer.from((await exportCatalog(core.ctx, {}, { format: 'xlsx', year: 2025, deskSheet: true })).dataBase64, 'base64'));
    const whole = await JSZip.loadAsync(await templateXlsx(listInstrumentsFull(core.ctx, {}), annualHours(core.ctx, 2025), true));
    for (const part of ['xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml', 'xl/styles.xml']) {
      expect(await streamed.file(part)!.async('string')).toBe(await whole.file(part)!.async('string'));
    }
    let steps = 0;
    const job = { progress: () => {}, cancelled: () => ++steps > 100 };
    await expect((async () => withJob(job, () => exportCatalog(core.ctx, {}, { format: 'xlsx', year: 2025, deskSheet: false })))())
      .rejects.toMatchObject({ error: { code: 'CANCELLED' } });
    expect(steps).toBe(101);
    expect(listInstruments(core.ctx, { limit: 5 }).total).toBe(500);
  });
});
