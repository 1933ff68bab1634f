import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportCatalog } from '../../electron/services/catalog/export';
import { commitImport, parseImportOffThread, suggestMapping, validateImport } from '../../electron/services/catalog/import';
import { normaliseDateText } from '../../shared/catalog/platform';
import { listInstrumentsFull } from '../../electron/services/catalog/instruments';
import { parseCsv } from '../../electron/services/tabular';
import { EQUIPMENT_TEMPLATE_HEADERS } from '../../shared/catalog/national-platform-data';
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
    const r = normaliseDateText(input);
    expect(r.ok ? r.value : null).toBe(expected);
  });

  it('parses RFC 4180 CSV with quotes, commas and CRLF', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\r\n"multi\nline",2\n')).toEqual([['a', 'b'], ['x, y', 'say "hi"'], ['multi\nline', '2']]);
  });

  it('reads a GBK CSV (auto-detected) and a UTF-8 CSV with BOM the same way', async () => {
    const gbk = iconv.encode(sampleCsv(), 'gbk').toString('base64');
    const utf8 = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(sampleCsv(), 'utf8')]).toString('base64');
    const a = await parseImportOffThread(core.ctx, { fileName: 'a.csv', dataBase64: gbk, encoding: 'auto' });
    const b = await parseImportOffThread(core.ctx, { fileName: 'b.csv', dataBase64: utf8, encoding: 'auto' });
    expect(a.encoding).toBe('gbk');
    expect(b.encoding).toBe('utf8');
    expect(a.headers).toEqual(SAMPLE_HEADERS);
    expect(a.sampleRows).toEqual(b.sampleRows);
    expect(a.sampleRows[1][1]).toBe('液相色谱-质谱联用仪');
  });

  it('reads Excel\'s "Unicode text" (.txt, UTF-16LE with BOM, tab-separated) and UTF-16BE with BOM like the CSV', async () => {
    const csv = sampleCsv();
    const tabbed = parseCsv(csv).map((r) => r.join('\t')).join('\r\n');
    expect(tabbed).not.toContain('"'); // the sample has no quoted cells, so the tab text is the same sheet
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tabbed, 'utf16le')]);
    const be = Buffer.from(le).swap16(); // the BOM swaps to FE FF with the rest
    const reference = await parseImportOffThread(core.ctx, { fileName: 'ref.csv', dataBase64: Buffer.from(csv, 'utf8').toString('base64'), encoding: 'auto' });
    const a = await parseImportOffThread(core.ctx, { fileName: 'Unicode 文本.txt', dataBase64: le.toString('base64'), encoding: 'auto' });
    // The BOM decides even when GBK was chosen: the bytes cannot be anything else.
    const b = await parseImportOffThread(core.ctx, { fileName: 'unicode.csv', dataBase64: be.toString('base64'), encoding: 'gbk' });
    expect(a.encoding).toBe('utf16le');
    expect(b.encoding).toBe('utf16be');
    for (const p of [a, b]) {
      expect(p.headers).toEqual(SAMPLE_HEADERS);
      expect(p.rowCount).toBe(reference.rowCount);
      expect(p.sampleRows).toEqual(reference.sampleRows);
    }
    expect(a.sampleRows[1][1]).toBe('液相色谱-质谱联用仪');
    // A UTF-16 file cut in the middle of a character is refused, not read with replacement marks.
    const cut = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('仪器编号\t名称\n', 'utf16le'), Buffer.from([0x00, 0xd8])]);
    await expect(parseImportOffThread(core.ctx, { fileName: 'cut.txt', dataBase64: cut.toString('base64'), encoding: 'auto' }))
      .rejects.toThrow(expect.objectContaining({ error: expect.objectContaining({ reason: 'import.unreadable', field: 'file' }) }));
  });

  it('refuses a file type it cannot read, naming the field', async () => {
    await expect(parseImportOffThread(core.ctx, { fileName: 'x.pdf', dataBase64: 'AAAA', encoding: 'auto' })).rejects.toThrow(expect.objectContaining({ error: expect.objectContaining({ code: 'VALIDATION', field: 'fileName', reason: 'import.fileType' }) }));
    await expect(parseImportOffThread(core.ctx, { fileName: 'x.xlsx', dataBase64: Buffer.from('not a zip').toString('base64'), encoding: 'auto' }))
      .rejects.toThrow(AppFailure);
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
    expect(v.issues.find((i) => i.field === 'startUseDate')).toMatchObject({ reason: 'date.impossible', params: { value: '2021-02-30' } });
    expect(v.issues.find((i) => i.field === 'innerId')).toMatchObject({ reason: 'import.duplicateInFile', params: { value: 'FX-0001', first: 2 } });
    expect(v.preview[1]).toMatchObject({ innerId: 'FX-0002', originalValueFen: 350_500_000 }); // 350.5 万元
    expect(contentHash(core)).toBe(before);
  });

  it('leaves the 合计 / 总计 rows at the bottom of an office sheet out of the rows and shows them as skipped', async () => {
    const aoa = [
      ['某大学大型仪器设备清单', '', '', '', ''],
      ['序号', '仪器编号', '仪器名称', '分类编码', '原值（万元）'],
      ['1', 'T-1', '扫描电子显微镜', '010102', '300'],
      ['2', 'T-2', '气相色谱仪', '010501', '50'],
      ['合 计', '', '', '', '350'],
      ['', '', '', '350', '总计'],
    ];
    const wb = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa), '清单');
    const src = { fileName: '清单.xlsx', dataBase64: (XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64'), encoding: 'auto' as const };
    const p = await parseImportOffThread(core.ctx, src);
    expect(p.headerRow).toBe(2);
    const ref = { parseId: p.parseId, headerRow: p.headerRow, mapping: p.suggestedMapping };
    const v = validateImport(core.ctx, ref);
    expect(v).toMatchObject({ total: 2, valid: 2, issues: [], totalRows: [{ row: 5, label: '合 计' }, { row: 6, label: '总计' }] });
    const r = commitImport(core.ctx, { ...ref, onDuplicate: 'skip' });
    expect(r).toEqual({ inserted: 2, updated: 0, skipped: 0, invalid: 0, totalRows: 2 });
    expect(listInstrumentsFull(core.ctx, {}).map((i) => i.innerId).sort()).toEqual(['T-1', 'T-2']);
    // A 合计 row above further data is not at the bottom: it stays a row (and a problem).
    const middle = XLSX.utils.book_new();
    XLSX.utils.book_append_sheet(middle, XLSX.utils.aoa_to_sheet([aoa[1], aoa[2], aoa[4], aoa[3]]), '清单');
    const m = await parseImportOffThread(core.ctx, { ...src, dataBase64: (XLSX.write(middle, { type: 'buffer', bookType: 'xlsx' }) as Buffer).toString('base64') });
    const mv = validateImport(core.ctx, { parseId: m.parseId, headerRow: m.headerRow, mapping: m.suggestedMapping });
    expect(mv.totalRows).toEqual([]);
    expect(mv.total).toBe(3);
    expect(mv.issues.some((i) => i.row === 3)).toBe(true);
  });

  it('writes only the valid rows, creates labs, and is one audited transaction', async () => {
    const src = await xlsxSource();
    const r = await commitImport(core.ctx, { ...src, mapping: suggestMapping(SAMPLE_HEADERS), onDuplicate: 'skip' });
    expect(r).toEqual({ inserted: 5, updated: 0, skipped: 0, invalid: 5, totalRows: 0 });
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
    expect(() => commitImport(core.ctx, { ...src, mapping: suggestMapping(SAMPLE_HEADERS), onDuplicate: 'skip' })).toThrow(/disk full/);
    expect(contentHash(core)).toBe(before);
  });
});

describe('catalog export', () => {
  it('writes the platform template: sheet, group row, 40 headers, 万元 with two decimals, text codes', async () => {
    const src = await xlsxSource();
    await commitImport(core.ctx, { ...src, mapping: suggestMapping(SAMPLE_HEADERS), onDuplicate: 'skip' });
    const file = await exportCatalog(core.ctx, { query: '色谱', sortBy: 'innerId' }, { format: 'xlsx', year: 2024, deskSheet: false });
    expect(file.fileName).toBe('国家平台单台套-2024-20250616.xlsx');
    const wb = XLSX.read(Buffer.from(file.dataBase64, 'base64'), { cellNF: true });
    expect(wb.SheetNames).toEqual(['大型科研仪器']);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets['大型科研仪器'], { header: 1, defval: '', raw: true });
    expect(rows[0][0]).toBe('仪器基本信息');
    expect(rows[0][31]).toBe('联系人信息');
    expect(rows[0][36]).toBe('海关管理');
    expect(rows[1]).toEqual([...EQUIPMENT_TEMPLATE_HEADERS]);
    expect(rows).toHaveLength(5); // 2 header rows + 3 instruments whose names contain 色谱
    expect(rows[2].slice(0, 3)).toEqual(['FX-0001', '', '气相色谱仪']);
    expect(rows[2][7]).toBe('010501');
    expect(rows[2][10]).toBe(68); // 原值 in 万元
    expect(wb.Sheets['大型科研仪器'].K3.z).toBe('0.00');
  });
});
