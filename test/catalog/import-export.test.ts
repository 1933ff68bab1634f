import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportCatalog } from '../../electron/services/catalog/export';
import { commitImport, normaliseDate, parseImport, suggestMapping, validateImport } from '../../electron/services/catalog/import';
import { listInstrumentsFull } from '../../electron/services/catalog/instruments';
import { parseCsv } from '../../electron/services/tabular';
import { INSTRUMENT_FIELD_LABELS } from '../../shared/catalog/instrument';
import { AppFailure } from '../../shared/result';
import { SAMPLE_FAULTY, SAMPLE_HEADERS, SAMPLE_VALID, sampleCsv, sampleWorkbook } from '../fixtures/catalog-sample';
import { contentHash, tempCore, type TempCore } from '../helpers/db';

let core: TempCore;
beforeEach(() => { core = tempCore(); });
afterEach(() => core.cleanup());

const xlsxSource = async () => ({ fileName: '仪器.xlsx', dataBase64: (await sampleWorkbook()).toString('base64'), encoding: 'auto' as const });

describe('import parsing', () => {
  it('maps the platform headers automatically', () => {
    const m = suggestMapping(SAMPLE_HEADERS);
    expect(m).toMatchObject({ innerId: '所在单位内部编号', nameCn: '仪器名称', originalValueFen: '原值（万元）', startUseDate: '启用日期', labId: '所属实验室' });
    expect(m.specs).toBeNull();
  });

  it.each([
    ['2019-03-01', '2019-03-01'], ['2020/9/15', '2020-09-15'], ['2021.5.10', '2021-05-10'],
    ['20180620', '2018-06-20'], ['2017年11月2日', '2017-11-02'], ['3/1/2019', null], ['昨天', null],
  ])('normalises date %s', (input, expected) => {
    expect(normaliseDate(input)).toBe(expected);
  });

  it('parses RFC 4180 CSV with quotes, commas and CRLF', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\r\n"multi\nline",2\n')).toEqual([['a', 'b'], ['x, y', 'say "hi"'], ['multi\nline', '2']]);
  });

  it('reads a GBK CSV (auto-detected) and a UTF-8 CSV with BOM the same way', async () => {
    const gbk = iconv.encode(sampleCsv(), 'gbk').toString('base64');
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sampleCsv(), 'utf8')]).toString('base64');
    const a = await parseImport({ fileName: 'a.csv', dataBase64: gbk, encoding: 'auto' });
    const b = await parseImport({ fileName: 'b.csv', dataBase64: utf8, encoding: 'auto' });
    expect(a.encoding).toBe('gbk');
    expect(b.encoding).toBe('utf8');
    expect(a.headers).toEqual(SAMPLE_HEADERS);
    expect(a.sampleRows).toEqual(b.sampleRows);
    expect(a.sampleRows[1][1]).toBe('液相色谱-质谱联用仪');
  });

  it('refuses a file type it cannot read, naming the field', async () => {
    await expect(parseImport({ fileName: 'x.pdf', dataBase64: 'AAAA', encoding: 'auto' })).rejects.toMatchObject({ error: { code: 'VALIDATION', field: 'fileName' } });
    await expect(parseImport({ fileName: 'x.xlsx', dataBase64: Buffer.from('not a zip').toString('base64'), encoding: 'auto' }))
      .rejects.toBeInstanceOf(AppFailure);
  });
});

describe('import validation and commit', () => {
  it('reports every bad row with its row number, field and reason, and writes nothing', async () => {
    const src = await xlsxSource();
    const before = contentHash(core);
    const v = await validateImport(core.ctx, { ...src, mapping: suggestMapping(SAMPLE_HEADERS) });
    expect(v.total).toBe(SAMPLE_VALID.length + SAMPLE_FAULTY.length);
    expect(v.valid).toBe(SAMPLE_VALID.length);
    // Header is row 1, so data row i is row i + 2.
    const expected = SAMPLE_FAULTY.map((f, i) => ({ row: SAMPLE_VALID.length + i + 2, field: f.field }));
    expect(v.issues.map((i) => ({ row: i.row, field: i.field }))).toEqual(expected);
    expect(v.issues.find((i) => i.field === 'startUseDate')!.reason).toMatch(/不存在的日期/);
    expect(v.issues.find((i) => i.field === 'innerId')!.reason).toMatch(/第 2 行重复/);
    expect(v.preview[1]).toMatchObject({ innerId: 'FX-0002', originalValueFen: 350_500_000 }); // 350.5 万元
    expect(contentHash(core)).toBe(before);
  });

  it('writes only the valid rows, creates labs, and is one audited transaction', async () => {
    const src = await xlsxSource();
    const r = await commitImport(core.ctx, { ...src, mapping: suggestMapping(SAMPLE_HEADERS), onDuplicate: 'skip' });
    expect(r).toEqual({ inserted: 5, updated: 0, skipped: 0, invalid: 5 });
    const all = listInstrumentsFull(core.ctx, { sortBy: 'innerId' });
    expect(all.map((i) => i.innerId)).toEqual(['FX-0001', 'FX-0002', 'FX-0003', 'FX-0004', 'FX-0005']);
    expect(all[4]).toMatchObject({ startUseDate: '2017-11-02', labName: '材料实验室', originalValueFen: 260_000_000 });
    expect(core.db.prepare('SELECT count(*) FROM labs').pluck().get()).toBe(3);
    expect(core.db.prepare("SELECT count(*) FROM audit_log WHERE action = 'import'").pluck().get()).toBe(1);
  });

  it('skips or updates existing inner ids as chosen', async () => {
    const src = await xlsxSource();
    const mapping = suggestMapping(SAMPLE_HEADERS);
    await commitImport(core.ctx, { ...src, mapping, onDuplicate: 'skip' });
    core.db.prepare("UPDATE instruments SET name_cn = '旧名' WHERE inner_id = 'FX-0001'").run();
    expect(await commitImport(core.ctx, { ...src, mapping, onDuplicate: 'skip' })).toMatchObject({ inserted: 0, skipped: 5 });
    expect(core.db.prepare("SELECT name_cn FROM instruments WHERE inner_id = 'FX-0001'").pluck().get()).toBe('旧名');
    expect(await commitImport(core.ctx, { ...src, mapping, onDuplicate: 'update' })).toMatchObject({ inserted: 0, updated: 5 });
    expect(core.db.prepare("SELECT name_cn FROM instruments WHERE inner_id = 'FX-0001'").pluck().get()).toBe('气相色谱仪');
  });

  it('rolls back the whole import when any row fails at write time', async () => {
    const src = await xlsxSource();
    // A trigger that refuses the third insert stands for any failure mid-way.
    core.db.exec(`CREATE TRIGGER refuse_third BEFORE INSERT ON instruments WHEN new.inner_id = 'FX-0003'
      BEGIN SELECT RAISE(ABORT, 'disk full'); END;`);
    const before = contentHash(core);
    await expect(commitImport(core.ctx, { ...src, mapping: suggestMapping(SAMPLE_HEADERS), onDuplicate: 'skip' })).rejects.toThrow(/disk full/);
    expect(contentHash(core)).toBe(before);
  });
});

describe('catalog export', () => {
  it('writes an xlsx in the national platform field order that reads back', async () => {
    const src = await xlsxSource();
    await commitImport(core.ctx, { ...src, mapping: suggestMapping(SAMPLE_HEADERS), onDuplicate: 'skip' });
    const file = await exportCatalog(core.ctx, { query: '色谱', sortBy: 'innerId' });
    expect(file.fileName).toMatch(/^仪器目录-20250616\.xlsx$/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const header = (ws.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, INSTRUMENT_FIELD_LABELS.length)).toEqual(INSTRUMENT_FIELD_LABELS.map((f) => f.zh));
    expect(ws.rowCount).toBe(4); // header + 3 instruments whose names contain 色谱
    const row2 = (ws.getRow(2).values as unknown[]).slice(1);
    expect(row2[0]).toBe('气相色谱仪');
    expect(row2[5]).toBe(680000); // 68 万元 in 元
  });
});
