// Real files in, the platform's files out, on temp SQLite desks: title rows and merged headers, .xls,
// GBK, serial dates, full-width ids, fees, remembered mappings, the error report, the round trip,
// the 服务记录 upload and the pre-upload check.
import fs from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlers } from '../../electron/handlers';
import { invoke } from '../../electron/handlers/invoke';
import { exportCatalog } from '../../electron/services/catalog/export';
import { commitImport, importReport, parseImportOffThread, validateImport } from '../../electron/services/catalog/import';
import { createInstrument, listInstrumentsFull } from '../../electron/services/catalog/instruments';
import { createLab } from '../../electron/services/catalog/labs';
import { addAdjustment, contractCharges, refreshCharges } from '../../electron/services/money/charges';
import { addRateVersion, saveRateItem } from '../../electron/services/money/rates';
import { checkPlatform, exportServiceRecords, serviceRecordRow, type UsageRow } from '../../electron/services/catalog/platform';
import { instrumentInputSchema, type Instrument, type InstrumentInput } from '../../shared/catalog/instrument';
import { SUBJECTS } from '../../shared/catalog/platform';
import { EQUIPMENT_TEMPLATE_HEADERS, SERVICE_RECORD_FIELDS } from '../../shared/catalog/national-platform-data';
import { adjustmentSchema, rateVersionFieldsSchema } from '../../shared/ipc/money';
import { tempCore, type TempCore } from '../helpers/db';

/** The platform's own files, as the repository keeps them (read here, not through the generated module). */
const PLATFORM_DIR = path.join(__dirname, '..', '..', 'resources', 'national-platform');
const tsvRows = (file: string) => fs.readFileSync(path.join(PLATFORM_DIR, file), 'utf8').split(/\r?\n/).filter((l) => l && !l.startsWith('#')).slice(1).map((l) => l.split('\t'));

let core: TempCore;
beforeEach(() => { core = tempCore(); });
afterEach(() => core.cleanup());

type Cell = string | number | { v: number; z: string };

/** A workbook made here, cell by cell: `{ v, z }` is a number with a number format (a date cell). */
function book(sheets: Record<string, { rows: Cell[][]; merges?: string[] }>, opts: { bookType?: 'xlsx' | 'biff8'; date1904?: boolean } = {}): Buffer {
  const wb = XLSX.utils.book_new();
  for (const [name, s] of Object.entries(sheets)) {
    const ws = XLSX.utils.aoa_to_sheet(s.rows.map((r) => r.map((c) => (typeof c === 'object' ? c.v : c))));
    s.rows.forEach((r, ri) => r.forEach((c, ci) => {
      if (typeof c === 'object') { const cell = ws[XLSX.utils.encode_cell({ r: ri, c: ci })]; cell.t = 'n'; cell.z = c.z; }
    }));
    if (s.merges) ws['!merges'] = s.merges.map((m) => XLSX.utils.decode_range(m));
    XLSX.utils.book_append_sheet(wb, ws, name);
  }
  if (opts.date1904) wb.Workbook = { WBProps: { date1904: true } };
  return XLSX.write(wb, { type: 'buffer', bookType: opts.bookType ?? 'xlsx' }) as Buffer;
}

const src = (fileName: string, bytes: Buffer) => ({ fileName, dataBase64: bytes.toString('base64'), encoding: 'auto' as const });

const H = EQUIPMENT_TEMPLATE_HEADERS;
/** A row of the 40 template columns from a few values by header prefix. */
function templateRow(values: Record<string, Cell>): Cell[] {
  return H.map((h) => {
    const key = Object.keys(values).find((k) => h.startsWith(k));
    return key === undefined ? '' : values[key];
  });
}

describe('a sheet with a title row, a group row and the template headers', () => {
  const rows: Cell[][] = [
    ['某某大学 2025 年大型科研仪器设备清单'],
    H.map((_, i) => (i === 0 ? '仪器基本信息' : i === 31 ? '联系人信息' : i === 36 ? '海关管理' : '')),
    [...H],
    templateRow({ 仪器编号: 'ＢＪ－００１', 所在单位仪器编号: 'ZC2019001', 仪器设备名称: '扫描电子显微镜', 仪器分类编码: 10102, 设备仪器来源: '采购', '是否在海关监管': '是',
      原值: 420.5, 产地国别: '德国', 生产制造商: '蔡司', 建账日期: { v: 43831, z: 'yyyy-mm-dd' }, 仪器设备类别: '通用', 规格型号: 'Sigma 300',
      主要学科领域: '材料科学，物理学', 主要购置经费来源: '中央财政、自筹', 参考收费标准: '800元/样', '安放地址-省': '北京市', 年运行机时: 1200,
      进口报关单编号: '110120190000123456', 进口报关单项号: '01', 海关放行日期: '2019/12/20', 仪器设备在进口报关单上的名称: '扫描电镜' }),
    templateRow({ 仪器编号: 'BJ-001', 仪器设备名称: '重复的编号', 仪器分类编码: '010102', 原值: 10 }),
    [],
    templateRow({ 仪器编号: 'BJ-003', 仪器设备名称: '气相色谱仪', 仪器分类编码: '990000', 原值: 30, 建账日期: '2021年5月10日', 设备仪器来源: '借用', 参考收费标准: '面议' }),
  ];
  const merges = ['A1:AN1', 'A2:AE2', 'AF2:AJ2', 'AK2:AN2'];

  it('finds the header on row 3, maps every template column and ignores the computed ones', async () => {
    const p = await parseImportOffThread(core.ctx, src('清单.xlsx', book({ 大型科研仪器: { rows, merges } })));
    expect(p.headerRow).toBe(3);
    expect(p.rowCount).toBe(3);
    expect(p.suggestedMapping.innerId).toBe(H[0]);
    expect(p.suggestedMapping.originalValueFen).toBe(H[10]);
    expect(p.computedColumns).toEqual([H[22], H[30]]);
    expect(p.topRows[0][0]).toBe('某某大学 2025 年大型科研仪器设备清单');
  });

  it('normalises every value the same way and reports what it cannot map, with row numbers of the file', async () => {
    const p = await parseImportOffThread(core.ctx, src('清单.xlsx', book({ 大型科研仪器: { rows, merges } })));
    const v = validateImport(core.ctx, { parseId: p.parseId, headerRow: p.headerRow, mapping: p.suggestedMapping });
    expect(v.valid).toBe(1);
    const byRow = (row: number) => v.issues.filter((i) => i.row === row).map((i) => ({ field: i.field, reason: i.reason }));
    expect(byRow(5)).toEqual([{ field: 'innerId', reason: 'import.duplicateInFile' }]); // ＢＪ－００１ = BJ-001
    expect(byRow(7)).toEqual([{ field: 'source', reason: 'import.unmappable' }, { field: 'referenceFeeFen', reason: 'import.feeText' }]);
    expect(v.issues.find((i) => i.field === 'source')!.params).toMatchObject({ value: '借用', values: ['购置', '研制', '赠送', '其他'] });

    const r = commitImport(core.ctx, { parseId: p.parseId, headerRow: p.headerRow, mapping: p.suggestedMapping, onDuplicate: 'skip' });
    expect(r).toEqual({ inserted: 1, updated: 0, skipped: 0, invalid: 2, totalRows: 0 });
    const [i] = listInstrumentsFull(core.ctx, {});
    expect(i).toMatchObject({
      innerId: 'BJ-001', assetNo: 'ZC2019001', categoryCode: '010102', source: '购置', customsSupervised: true,
      originalValueFen: 420_500_000, bookedDate: '2020-01-01', discipline: '430,140', fundingSources: '中央财政资金,单位自有资金',
      referenceFeeFen: 80_000, feeUnit: '样', addrProvince: '北京市', customsDeclarationNo: '110120190000123456', customsItemNo: '01',
      customsReleaseDate: '2019-12-20', customsName: '扫描电镜',
    });
  });

  it('reads the same sheet as Excel 97 .xls', async () => {
    const p = await parseImportOffThread(core.ctx, src('清单.xls', book({ 大型科研仪器: { rows, merges } }, { bookType: 'biff8' })));
    expect(p.encoding).toBe('xls');
    expect(p.headerRow).toBe(3);
    commitImport(core.ctx, { parseId: p.parseId, headerRow: p.headerRow, mapping: p.suggestedMapping, onDuplicate: 'skip' });
    expect(listInstrumentsFull(core.ctx, {})[0]).toMatchObject({ innerId: 'BJ-001', bookedDate: '2020-01-01', originalValueFen: 4_205_000_00 });
  });

  it('lets the user choose another header row from the same parse', async () => {
    const p = await parseImportOffThread(core.ctx, src('清单.xlsx', book({ 大型科研仪器: { rows, merges } })));
    const q = await parseImportOffThread(core.ctx, { parseId: p.parseId, headerRow: 2 });
    expect(q.parseId).toBe(p.parseId);
    expect(q.headerRow).toBe(2);
    expect(q.headers[0]).toBe('仪器基本信息');
    await expect(parseImportOffThread(core.ctx, { parseId: p.parseId, headerRow: 999 })).rejects.toThrow(expect.objectContaining({ error: expect.objectContaining({ reason: 'import.headerRow' }) }));
    expect(() => validateImport(core.ctx, { parseId: '00000000-0000-4000-8000-000000000000', headerRow: 1, mapping: {} }))
      .toThrow(expect.objectContaining({ error: expect.objectContaining({ reason: 'import.parseExpired' }) }));
  });

  it('writes the error report beside the original rows', async () => {
    const p = await parseImportOffThread(core.ctx, src('清单.xlsx', book({ 大型科研仪器: { rows, merges } })));
    const file = importReport({ parseId: p.parseId, headerRow: 3, lines: [{ row: 7, text: '设备仪器来源：“借用”无法对应' }, { row: 5, text: '仪器编号重复' }] });
    expect(file.fileName).toBe('清单-导入问题-表头第3行.xlsx');
    const out = XLSX.utils.sheet_to_json<string[]>(XLSX.read(Buffer.from(file.dataBase64, 'base64')).Sheets['导入问题'], { header: 1, defval: '' });
    expect(out[0].slice(0, 3)).toEqual(['行号', '问题', H[0]]);
    expect(out[1].slice(0, 4)).toEqual([5, '仪器编号重复', 'BJ-001', '']);
    expect(out[2].slice(0, 5)).toEqual([7, '设备仪器来源：“借用”无法对应', 'BJ-003', '', '气相色谱仪']);
  });
});

describe('lab sheets', () => {
  it('reads a GBK CSV with lab names, 元 from the header, serial and text dates, status synonyms', async () => {
    const csv = ['资产编号,设备名称,分类号,价格（元）,购置日期,状态,共享方式,存放地点',
      'ZC-01,离子色谱仪,010501,"523,000.00",43831,维修中,对外开放,环境楼 110',
      'ZC-02,热重分析仪,010902,86000,2018/6/20,报废,校内共享,化学楼 2F',
      'ZC-03,流式细胞仪,011001,120000,2021-02-30,借出,不开放,'].join('\r\n');
    const p = await parseImportOffThread(core.ctx, src('设备.csv', iconv.encode(csv, 'gbk')));
    expect(p.encoding).toBe('gbk');
    // No 仪器编号 column: the asset number serves as 所在单位仪器编号 and as 仪器编号.
    expect(p.suggestedMapping).toMatchObject({ innerId: '资产编号', assetNo: '资产编号' });
    const mapping = p.suggestedMapping;
    const v = validateImport(core.ctx, { parseId: p.parseId, headerRow: 1, mapping });
    expect(v.issues.map((i) => [i.row, i.field, i.reason])).toEqual([[4, 'bookedDate', 'date.impossible'], [4, 'status', 'import.unmappable']]);
    commitImport(core.ctx, { parseId: p.parseId, headerRow: 1, mapping, onDuplicate: 'skip' });
    expect(listInstrumentsFull(core.ctx, {}).map((i) => [i.innerId, i.originalValueFen, i.bookedDate, i.status, i.shareMode, i.location])).toEqual([
      ['ZC-01', 52_300_000, '2020-01-01', '待修', '外部共享', '环境楼 110'],
      ['ZC-02', 8_600_000, '2018-06-20', '待报废', '内部共享', '化学楼 2F'],
    ]);
  });

  it('finds a desk instrument under its full-width id: ＢＪ－００１ in the file is the desk\'s BJ-001', async () => {
    createInstrument(core.ctx, instrumentInputSchema.parse({ innerId: 'BJ-001', nameCn: '扫描电镜', categoryCode: '010102', originalValueFen: 100 }));
    const file = () => src('b.xlsx', book({ S: { rows: [['仪器编号', '仪器名称', '分类编码', '原值'], ['ＢＪ－００１', '场发射扫描电镜', '010102', '100'], ['ＢＪ－００２', '透射电镜', '010101', '200']] } }));
    const p = await parseImportOffThread(core.ctx, file());
    const v = validateImport(core.ctx, { parseId: p.parseId, headerRow: 1, mapping: p.suggestedMapping });
    expect([v.duplicates, v.preview.map((r) => [r.innerId, r.duplicate])]).toEqual([1, [['BJ-001', true], ['BJ-002', false]]]);
    expect(commitImport(core.ctx, { parseId: p.parseId, headerRow: 1, mapping: p.suggestedMapping, onDuplicate: 'skip' })).toEqual({ inserted: 1, updated: 0, skipped: 1, invalid: 0, totalRows: 0 });
    const q = await parseImportOffThread(core.ctx, file());
    expect(commitImport(core.ctx, { parseId: q.parseId, headerRow: 1, mapping: q.suggestedMapping, onDuplicate: 'update' })).toEqual({ inserted: 0, updated: 2, skipped: 0, invalid: 0, totalRows: 0 });
    expect(listInstrumentsFull(core.ctx, {}).map((i) => [i.innerId, i.nameCn])).toEqual([['BJ-001', '场发射扫描电镜'], ['BJ-002', '透射电镜']]);
  });

  it('remembers the mapping for the next file with the same headers', async () => {
    const file = () => src('a.xlsx', book({ S: { rows: [['编号X', '名字', '分类', '价格'], ['A-1', '离心机', '011099', '5万']] } }));
    const p = await parseImportOffThread(core.ctx, file());
    expect(p.mappingRemembered).toBe(false);
    expect(p.suggestedMapping.innerId).toBeNull();
    const mapping = { ...p.suggestedMapping, innerId: '编号X', nameCn: '名字', categoryCode: '分类' };
    commitImport(core.ctx, { parseId: p.parseId, headerRow: 1, mapping, onDuplicate: 'skip' });
    const again = await parseImportOffThread(core.ctx, file());
    expect(again.mappingRemembered).toBe(true);
    expect(again.suggestedMapping).toMatchObject({ innerId: '编号X', nameCn: '名字', categoryCode: '分类', originalValueFen: '价格' });
  });

  it('reads dates of a 1904-system workbook', async () => {
    const bytes = book({ S: { rows: [['仪器编号', '仪器名称', '分类编码', '原值', '建账日期'], ['M-1', '质谱仪', '010201', 100000, { v: 42000, z: 'yyyy-mm-dd' }]] } }, { date1904: true });
    const p = await parseImportOffThread(core.ctx, src('mac.xlsx', bytes));
    commitImport(core.ctx, { parseId: p.parseId, headerRow: 1, mapping: p.suggestedMapping, onDuplicate: 'skip' });
    expect(listInstrumentsFull(core.ctx, {})[0].bookedDate).toBe('2018-12-28');
  });

  it('reads a bare serial in a date column of a 1904-system workbook in that system', async () => {
    // An unformatted number in 启用日期: the workbook's own date system decides the day, as Excel would show it.
    const bytes = book({ S: { rows: [['仪器编号', '仪器名称', '分类编码', '原值', '启用日期'], ['M-2', '质谱仪', '010201', 100000, 42000]] } }, { date1904: true });
    const p = await parseImportOffThread(core.ctx, src('mac.xlsx', bytes));
    commitImport(core.ctx, { parseId: p.parseId, headerRow: 1, mapping: p.suggestedMapping, onDuplicate: 'skip' });
    expect(listInstrumentsFull(core.ctx, {})[0].startUseDate).toBe('2018-12-28');
  });

  it('passes over blank rows, a title and an empty row of commas above the header of a CSV', async () => {
    const csv = ['', '某某学院仪器设备台账（2025 年）', ',,,', '', '仪器编号,仪器名称,分类编码,原值（万元）', 'B-1,紫外可见分光光度计,010401,12.5'].join('\n');
    const p = await parseImportOffThread(core.ctx, src('台账.csv', Buffer.from(csv)));
    expect(p.headerRow).toBe(5);
    expect(p.headers).toEqual(['仪器编号', '仪器名称', '分类编码', '原值（万元）']);
    const v = validateImport(core.ctx, { parseId: p.parseId, headerRow: p.headerRow, mapping: p.suggestedMapping });
    expect(v.issues).toEqual([]);
    expect(v.preview).toEqual([expect.objectContaining({ row: 6, innerId: 'B-1', categoryCode: '010401', originalValueFen: 12_500_000 })]);
  });

  it('fills a vertically merged header cell from its top row', async () => {
    const rows: Cell[][] = [['仪器编号', '仪器名称', '价格', ''], ['', '', '', '分类编码'], ['V-1', '核磁共振波谱仪', '500000', '010601']];
    const p = await parseImportOffThread(core.ctx, src('m.xlsx', book({ S: { rows, merges: ['A1:A2', 'B1:B2', 'C1:C2'] } })));
    expect(p.headerRow).toBe(2);
    expect(p.headers.slice(0, 4)).toEqual(['仪器编号', '仪器名称', '价格', '分类编码']);
    expect(p.rowCount).toBe(1);
  });
});

const FULL: InstrumentInput = {
  innerId: 'RT-001', assetNo: 'ZC-2020-7', nameCn: '场发射扫描电镜', nameEn: 'FE-SEM', carrierType: '附属于科学仪器中心', carrierNo: 'KX-01',
  department: '材料学院', categoryCode: '010102', source: '购置', customsSupervised: true, originalValueFen: 3_505_000_00, manufacturer: '蔡司',
  country: '德国', bookedDate: '2020-09-15', model: 'Gemini 500', startUseDate: '2020-10-01', usageKind: '通用', specs: '分辨率 0.6 nm', functions: '形貌观察',
  discipline: '430,140', fundingSources: '中央财政资金,单位自有资金', serviceContent: '形貌、能谱', imageName: 'sem.jpg', userNotice: '须培训上机',
  status: '偶有故障', shareMode: '内部共享', sharingRules: '校内开放', referenceFeeFen: 60_000, feeUnit: '小时', bookingUrl: 'https://yq.example.edu.cn/sem',
  addrProvince: '北京市', addrCity: '北京市', addrDistrict: '海淀区', addrStreet: '学院路 30 号', location: '材料楼 B12', contactName: '王工',
  contactPhone: '010-62330000', contactEmail: 'wang@example.edu.cn', mailAddress: '北京市海淀区学院路 30 号', postcode: '100083',
  customsDeclarationNo: '110120200000654321', customsItemNo: '03', customsReleaseDate: '2020-09-01', customsName: '扫描电子显微镜',
};
const PLAIN: InstrumentInput = { innerId: 'RT-002', nameCn: '气相色谱仪', categoryCode: '010501', originalValueFen: 68_000_000, referenceFeeFen: 80_050, feeUnit: '样' };

const comparable = (i: Instrument) => {
  const { id: _i, createdAt: _c, updatedAt: _u, version: _v, labId: _l, ...rest } = i;
  return rest;
};

/** The full instrument in a lab, with an hourly 上机 rate from 2025 at the given group prices. */
function instrumentWithHourlyRate(incrementMinutes: number, prices: { priceGroupId: number; unitPriceFen: number }[]): Instrument {
  const lab = createLab(core.ctx, { name: '分析测试中心', unitName: '', contact: '' });
  const sem = createInstrument(core.ctx, instrumentInputSchema.parse({ ...FULL, labId: lab.id }));
  const item = saveRateItem(core.ctx, null, { instrumentId: sem.id, name: '上机', unit: 'hour', billsUsage: true });
  addRateVersion(core.ctx, item.id, rateVersionFieldsSchema.parse({ effectiveFrom: '2025-01-01', effectiveTo: null, incrementMinutes, minimumFen: 0, setupFeeFen: 0, prices }));
  return sem;
}

describe('round trip', () => {
  it.each(['xlsx', 'xls'] as const)('export → import into an empty desk gives the same records field for field (.%s)', async (format) => {
    const lab = createLab(core.ctx, { name: '分析测试中心', unitName: '', contact: '' });
    createInstrument(core.ctx, instrumentInputSchema.parse({ ...FULL, labId: lab.id }));
    createInstrument(core.ctx, instrumentInputSchema.parse(PLAIN));
    const before = listInstrumentsFull(core.ctx, {}).map(comparable);
    const file = await exportCatalog(core.ctx, {}, { format, year: 2025, deskSheet: true });

    const other = tempCore();
    try {
      const p = await parseImportOffThread(other.ctx, src(file.fileName, Buffer.from(file.dataBase64, 'base64')));
      expect(p.headerRow).toBe(2);
      const v = validateImport(other.ctx, { parseId: p.parseId, headerRow: 2, mapping: p.suggestedMapping });
      expect(v.issues).toEqual([]);
      commitImport(other.ctx, { parseId: p.parseId, headerRow: 2, mapping: p.suggestedMapping, onDuplicate: 'skip' });
      expect(listInstrumentsFull(other.ctx, {}).map(comparable)).toEqual(before);
    } finally {
      other.cleanup();
    }
  });

  it('keeps the typed fee of an instrument whose template column shows its rate table', async () => {
    instrumentWithHourlyRate(30, [{ priceGroupId: 1, unitPriceFen: 60_000 }, { priceGroupId: 3, unitPriceFen: 90_000 }]);
    createInstrument(core.ctx, instrumentInputSchema.parse({ ...PLAIN, referenceFeeFen: null }));
    const before = listInstrumentsFull(core.ctx, {}).map(comparable);
    const file = await exportCatalog(core.ctx, {}, { format: 'xlsx', year: 2025, deskSheet: true });
    const sheet = XLSX.read(Buffer.from(file.dataBase64, 'base64')).Sheets['大型科研仪器'];
    const shown = XLSX.utils.sheet_to_json<string[]>(sheet, { header: 1, defval: '' }).flat().find((c) => String(c).startsWith('上机：'));
    expect(shown).toMatch(/^上机：.*600元\/小时.*900元\/小时.*按30分钟计费/);

    const other = tempCore();
    try {
      const p = await parseImportOffThread(other.ctx, src(file.fileName, Buffer.from(file.dataBase64, 'base64')));
      const v = validateImport(other.ctx, { parseId: p.parseId, headerRow: p.headerRow, mapping: p.suggestedMapping });
      expect(v.issues).toEqual([]);
      commitImport(other.ctx, { parseId: p.parseId, headerRow: p.headerRow, mapping: p.suggestedMapping, onDuplicate: 'skip' });
      expect(listInstrumentsFull(other.ctx, {}).map(comparable)).toEqual(before);
    } finally {
      other.cleanup();
    }
  });

  it('still refuses rate-table text in a sheet without the supplement: it is no single fee', async () => {
    instrumentWithHourlyRate(60, [{ priceGroupId: 1, unitPriceFen: 60_000 }]);
    const file = await exportCatalog(core.ctx, {}, { format: 'xlsx', year: 2025, deskSheet: false });
    const other = tempCore();
    try {
      const p = await parseImportOffThread(other.ctx, src(file.fileName, Buffer.from(file.dataBase64, 'base64')));
      const v = validateImport(other.ctx, { parseId: p.parseId, headerRow: p.headerRow, mapping: p.suggestedMapping });
      expect(v.issues).toEqual([expect.objectContaining({ field: 'referenceFeeFen', reason: 'import.feeText' })]);
    } finally {
      other.cleanup();
    }
  });
});

function usage(instrumentId: number, startAt: string, endAt: string, extra: Record<string, unknown> = {}): void {
  const row = { external: 1, service_way: '委托', direction: '科技开发', content: '形貌观察', amount_fen: 120_000, user_name: '李四', user_unit: '某某科技有限公司', satisfaction: 5, ...extra };
  core.db.prepare(`INSERT INTO usage_logs(instrument_id, start_at, end_at, external, service_way, direction, content, amount_fen, user_name, user_unit, satisfaction, created_at)
    VALUES (@i, @s, @e, @external, @service_way, @direction, @content, @amount_fen, @user_name, @user_unit, @satisfaction, '2025-01-01T00:00:00Z')`)
    .run({ i: instrumentId, s: startAt, e: endAt, ...row });
}

describe('the platform files of a year', () => {
  it('puts 年运行机时 and 年对外服务机时 of the chosen year, from usage records, in the template', async () => {
    const sem = createInstrument(core.ctx, instrumentInputSchema.parse(FULL));
    usage(sem.id, '2024-12-31T22:00', '2025-01-01T02:00'); // 2 h in 2025
    usage(sem.id, '2025-03-01T09:00', '2025-03-01T12:30', { external: 0 });
    const file = await exportCatalog(core.ctx, {}, { format: 'xlsx', year: 2025, deskSheet: false });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(Buffer.from(file.dataBase64, 'base64')).Sheets['大型科研仪器'], { header: 1, defval: '' });
    expect(rows[2][22]).toBe(5.5);
    expect(rows[2][30]).toBe(2);
    expect(rows[2][9]).toBe('是');
    expect(rows[2][18]).toBe('430,140');
    expect(rows[2][24]).toBe('600元/小时');
    expect(rows[2][13]).toBe('2020-09-15');
    // The drawer shows the same figures for a chosen year; another year has none.
    expect(await invoke(handlers, core.ctx, 'catalog:annualHours', { id: sem.id, year: 2025 })).toEqual({ ok: true, value: { year: 2025, hours: 5.5, externalHours: 2 } });
    expect(await invoke(handlers, core.ctx, 'catalog:annualHours', { id: sem.id, year: 2024 })).toEqual({ ok: true, value: { year: 2024, hours: 2, externalHours: 2 } });
    expect(await invoke(handlers, core.ctx, 'catalog:annualHours', { id: sem.id, year: 1999 })).toMatchObject({ ok: false, error: { code: 'VALIDATION', issues: [{ field: 'year', reason: 'catalog.yearRange' }] } });
  });

  it('writes one 服务记录 row per service with the platform\'s codes, in .xlsx and .xls', () => {
    const sem = createInstrument(core.ctx, instrumentInputSchema.parse(FULL));
    usage(sem.id, '2025-03-01T09:00', '2025-03-01T12:30', { satisfaction: 4 });
    usage(sem.id, '2025-04-02T14:00', '2025-04-02T15:00', { external: 0, service_way: '远程共享', direction: '教学', satisfaction: null });
    usage(sem.id, '2024-05-01T09:00', '2024-05-01T10:00'); // another year
    for (const format of ['xlsx', 'xls'] as const) {
      const file = exportServiceRecords(core.ctx, {}, { year: 2025, format });
      expect(file.fileName).toBe(`国家平台服务记录-2025-20250616.${format}`);
      const rows = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(Buffer.from(file.dataBase64, 'base64')).Sheets['服务记录'], { header: 1, defval: '' });
      expect(rows[0]).toEqual(SERVICE_RECORD_FIELDS.map(([h]) => h));
      expect(rows).toHaveLength(3);
      const [a, b] = [rows[1], rows[2]];
      expect(a.slice(1, 13)).toEqual(['场发射扫描电镜', 'ZC-2020-7', 'RT-001-1', 1200, '2025-03-01 09', '2025-03-01 12', '形貌观察', 3, 130, 136, '', 3.5]);
      expect([a[14], a[15], a[16], a[17], a[20], a[23], a[24]]).toEqual([17, '430', '否', 0, '李四', '某某科技有限公司', 2]);
      expect([b[8], b[9], b[10], b[24]]).toEqual([4, 120, 137, '']);
    }
  });

  it('fills the applicant, project and funding source of a service from its contract or Shanghai order', () => {
    const sem = createInstrument(core.ctx, instrumentInputSchema.parse(FULL));
    core.db.exec(`INSERT INTO applicants(id, name, kind, region, contact_name, contact_phone, created_at, updated_at) VALUES
        (1, '北京新材科技有限公司', 'enterprise', 'beijing', '赵经理', '13800000000', '2025-01-01', '2025-01-01'),
        (2, '上海某材料科技有限公司', 'enterprise', 'shanghai', '钱工', '13900000000', '2025-01-01', '2025-01-01');
      INSERT INTO contracts(id, number, applicant_id, title, signed_date, start_date, end_date, amount_fen, status, profile_id, created_at, updated_at)
        VALUES (1, 'HT1', 1, '锂电材料形貌测试', '2025-01-01', '2025-01-01', '2025-12-31', 100000, 'active', 'beijing-2023', '', '');
      INSERT INTO service_products(id, code, name, service_kind, created_at, updated_at) VALUES (1, 'P-01', '材料形貌检验检测', 'inspection', '2025-01-01', '2025-01-01');
      INSERT INTO orders(id, number, applicant_id, product_id, order_date, total_fen, voucher_fen, payout_party, status, profile_id, created_at, updated_at) VALUES
        (1, 'DD1', 2, 1, '2025-03-10', 100000, 50000, 'enterprise', 'accepted', 'shanghai-2025', '', ''),
        (2, 'DD2', 2, 1, '2025-03-10', 100000, 0, 'enterprise', 'accepted', 'shanghai-2025', '', '');`);
    usage(sem.id, '2025-03-01T09:00', '2025-03-01T12:30', { user_name: '', user_unit: '' });
    usage(sem.id, '2025-03-11T09:00', '2025-03-11T10:00', { user_name: '', user_unit: '' });
    usage(sem.id, '2025-03-12T09:00', '2025-03-12T10:00', { user_name: '孙某', user_unit: '某研究所' });
    core.db.prepare('UPDATE usage_logs SET contract_id = 1 WHERE id = 1').run();
    core.db.prepare('UPDATE usage_logs SET order_id = 1 WHERE id = 2').run();
    core.db.prepare('UPDATE usage_logs SET order_id = 2 WHERE id = 3').run();
    const file = exportServiceRecords(core.ctx, {}, { year: 2025, format: 'xlsx' });
    const rows = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(Buffer.from(file.dataBase64, 'base64')).Sheets['服务记录'], { header: 1, defval: '' });
    // 服务名称, 服务经费来源, 本次服务是否签订协议, 申请人, 申请人电话, 申请人单位
    const pick = (r: unknown[]) => [r[13], r[14], r[16], r[20], r[21], r[23]];
    expect(rows.slice(1).map(pick)).toEqual([
      ['锂电材料形貌测试', 16, '是', '赵经理', '13800000000', '北京新材科技有限公司'], // a contract without vouchers: 其他
      ['材料形貌检验检测', 15, '是', '钱工', '13900000000', '上海某材料科技有限公司'], // an order paid partly by voucher: 地方科技计划项目
      ['材料形貌检验检测', 16, '是', '孙某', '13900000000', '某研究所'], // an order without voucher; the record's own user kept
    ]);
  });

  it('takes 服务金额(元) of a charged record from its charge line, in yuan to the fen; an uncharged record keeps its typed amount', () => {
    // 上机 at 333.33元/h on campus, 15-minute increments, on the full instrument.
    const sem = instrumentWithHourlyRate(15, [{ priceGroupId: 1, unitPriceFen: 33_333 }, { priceGroupId: 3, unitPriceFen: 50_000 }]);
    core.db.exec(`INSERT INTO applicants(id, name, kind, region, contact_name, contact_phone, price_group_id, created_at, updated_at)
        VALUES (1, '北京新材科技有限公司', 'enterprise', 'beijing', '赵经理', '13800000000', 1, '2025-01-01', '2025-01-01');
      INSERT INTO contracts(id, number, applicant_id, title, signed_date, start_date, end_date, amount_fen, status, profile_id, created_at, updated_at)
        VALUES (1, 'HT1', 1, '锂电材料形貌测试', '2025-01-01', '2025-01-01', '2025-12-31', 100000, 'active', 'beijing-2023', '', '');`);
    usage(sem.id, '2025-03-01T09:00', '2025-03-01T10:10'); // 70 min → 1.25 h → 416.6625 → 416.66元
    usage(sem.id, '2025-03-02T09:00', '2025-03-02T12:00'); // 3 h → 999.99元
    usage(sem.id, '2025-03-03T09:00', '2025-03-03T10:00', { amount_fen: 12_345 }); // no contract, no charge: 123.45元 as typed
    core.db.prepare('UPDATE usage_logs SET contract_id = 1 WHERE id IN (1, 2)').run();
    expect(refreshCharges(core.ctx, { contractId: 1 })).toMatchObject({ created: 2, unpriced: [] });
    // A discount on the contract is a line of no record: it changes no record's 服务金额.
    addAdjustment(core.ctx, adjustmentSchema.parse({ contractId: 1, category: 'discount', serviceDate: '2025-03-02', amountFen: -10_000, reason: '老客户九折' }));
    const lines = contractCharges(core.ctx, { contractId: 1 }).lines;
    expect(lines.map((l) => [l.usageId, l.amountFen])).toEqual([[1, 41_666], [2, 99_999], [null, -10_000]]);

    const amountOf = () => {
      const file = exportServiceRecords(core.ctx, {}, { year: 2025, format: 'xlsx' });
      const rows = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(Buffer.from(file.dataBase64, 'base64')).Sheets['服务记录'], { header: 1, defval: '' });
      const col = (rows[0] as string[]).indexOf('服务金额(元)');
      expect(col).toBe(4);
      return rows.slice(1).map((r) => [r[0], r[col]]);
    };
    // Each record's 服务金额 is its own charge line (the 1,200元 typed on records 1 and 2 is not used).
    expect(amountOf()).toEqual([[1, 416.66], [2, 999.99], [3, 123.45]]);
    // A record whose time changes is charged again, and the export follows the charge.
    core.db.prepare("UPDATE usage_logs SET end_at = '2025-03-02T10:00' WHERE id = 2").run();
    refreshCharges(core.ctx, { contractId: 1 });
    expect(amountOf()).toEqual([[1, 416.66], [2, 333.33], [3, 123.45]]);
  });

  it('lists every record the platform would refuse, with instrument, field and reason', () => {
    createInstrument(core.ctx, instrumentInputSchema.parse(FULL));
    const plain = createInstrument(core.ctx, instrumentInputSchema.parse(PLAIN));
    // Kept from before the classification table and the 500-character limit: listed, never rewritten.
    core.db.prepare("UPDATE instruments SET category_code = '150101', original_value_fen = 68012300, specs = ? WHERE id = ?").run('很'.repeat(501), plain.id);
    usage(plain.id, '2025-03-01T09:00', '2025-03-01T10:00', { content: '' });
    const c = checkPlatform(core.ctx, {}, 2025);
    expect(c.instruments).toBe(2);
    expect(c.instrumentsWithErrors).toBe(1);
    const of = (innerId: string) => c.problems.filter((p) => p.innerId === innerId).map((p) => `${p.field}:${p.reason}`);
    expect(of('RT-001')).toEqual([]);
    expect(of('RT-002')).toEqual(expect.arrayContaining([
      'categoryCode:category.unknown', 'specs:field.tooLong', 'bookedDate:platform.expected', 'contactName:platform.expected', 'originalValueFen:platform.valueRounded',
    ]));
    expect(c.problems.find((p) => p.field === 'categoryCode')).toMatchObject({ severity: 'error', basis: 'template', params: { value: '150101' }, nameCn: '气相色谱仪' });
    // What the platform's files state apart from the desk's reading: the template marks only 仪器编号 必填.
    const basis = (innerId: string) => Object.fromEntries(c.problems.filter((p) => p.innerId === innerId).map((p) => [p.field, p.basis]));
    expect(basis('RT-002')).toMatchObject({ categoryCode: 'template', specs: 'template', originalValueFen: 'template', bookedDate: 'desk', contactName: 'desk', model: 'desk' });
    expect(c.serviceProblems.map((p) => `${p.field}:${p.reason}:${p.basis}`)).toEqual([
      'assetNo:platform.serviceJoin:template', 'usage.content:platform.serviceExpected:desk', 'discipline:platform.serviceExpected:desk',
    ]);
    expect(core.db.prepare('SELECT category_code FROM instruments WHERE id = ?').pluck().get(plain.id)).toBe('150101');
  });

  it('lists a service record whose 课题主要科学领域 would be a discipline name kept from before, not a code of subjects.tsv', () => {
    const sem = createInstrument(core.ctx, instrumentInputSchema.parse(FULL));
    core.db.prepare("UPDATE instruments SET discipline = '材料科学' WHERE id = ?").run(sem.id);
    usage(sem.id, '2025-03-01T09:00', '2025-03-01T10:00');
    const c = checkPlatform(core.ctx, {}, 2025);
    expect(c.serviceProblems).toEqual([expect.objectContaining({ innerId: 'RT-001', field: 'discipline', reason: 'platform.serviceSubject', basis: 'template', params: { record: 1, value: '材料科学' } })]);
    core.db.prepare("UPDATE instruments SET discipline = '430' WHERE id = ?").run(sem.id);
    expect(checkPlatform(core.ctx, {}, 2025).serviceProblems).toEqual([]);
  });
});

describe('the template itself', () => {
  it('imports the platform\'s own equipment-template.xls with a row filled in under its two header rows', async () => {
    const wb = XLSX.read(fs.readFileSync(path.join(PLATFORM_DIR, 'equipment-template.xls')));
    XLSX.utils.sheet_add_aoa(wb.Sheets['大型科研仪器'], [templateRow({
      仪器编号: 'T-1', 仪器设备名称: '透射电子显微镜', 仪器分类编码: '010101', 原值: 980.5, 建账日期: '2016-01-01', 主要学科领域: '430', 年运行机时: 1400,
    })], { origin: 'A3' });
    // Its document properties (code page 2052) are not written back by SheetJS; the sheet is what matters.
    delete wb.Props;
    delete wb.Custprops;
    const p = await parseImportOffThread(core.ctx, src('单台套模板.xls', XLSX.write(wb, { type: 'buffer', bookType: 'biff8' }) as Buffer));
    expect([p.encoding, p.headerRow, p.rowCount]).toEqual(['xls', 2, 1]);
    expect(p.computedColumns).toEqual([H[22], H[30]]);
    const v = validateImport(core.ctx, { parseId: p.parseId, headerRow: p.headerRow, mapping: p.suggestedMapping });
    expect(v.issues).toEqual([]);
    commitImport(core.ctx, { parseId: p.parseId, headerRow: p.headerRow, mapping: p.suggestedMapping, onDuplicate: 'skip' });
    expect(listInstrumentsFull(core.ctx, {})[0]).toMatchObject({ innerId: 'T-1', nameCn: '透射电子显微镜', categoryCode: '010101', originalValueFen: 980_500_000, bookedDate: '2016-01-01', discipline: '430' });
  });


  it.each(['xlsx', 'xls'] as const)('has the sheet, group merges and 40 headers of equipment-template.xls itself (.%s)', async (format) => {
    const template = XLSX.read(fs.readFileSync(path.join(PLATFORM_DIR, 'equipment-template.xls')));
    createInstrument(core.ctx, instrumentInputSchema.parse(FULL));
    const file = await exportCatalog(core.ctx, {}, { format, year: 2025, deskSheet: false });
    const out = XLSX.read(Buffer.from(file.dataBase64, 'base64'));
    expect(out.SheetNames).toEqual(template.SheetNames);
    const sheet = template.SheetNames[0];
    const rowsOf = (wb: XLSX.WorkBook) => XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[sheet], { header: 1, defval: '' });
    expect(rowsOf(out)[1]).toEqual(rowsOf(template)[1]);
    expect(rowsOf(out)[1]).toHaveLength(40);
    const merges = (wb: XLSX.WorkBook) => (wb.Sheets[sheet]['!merges'] ?? []).map((m) => XLSX.utils.encode_range(m)).sort();
    expect(merges(out)).toEqual(merges(template));
    // Row 1 names each group at its first column (the template's own first cell repeats its group's name).
    const groups = (wb: XLSX.WorkBook) => rowsOf(wb)[0].map((c) => String(c).split(/\s+/)[0]);
    expect(groups(out)).toEqual(groups(template));
  });
});

describe('the 服务记录 codes are those of service-record.tsv', () => {
  const fields = tsvRows('service-record.tsv');
  const headers = fields.map((r) => r[1]);
  /** The name service-record.tsv gives a code of a field ("3 委托共享" → 委托共享), or null. */
  const nameOf = (header: string, code: unknown) => {
    const values = fields.find((r) => r[1] === header)![2].split(';').map((v) => v.trim());
    return values.find((v) => v.startsWith(`${String(code)} `))?.slice(String(code).length + 1) ?? null;
  };
  const base: UsageRow = {
    id: 7, instrumentId: 1, instrumentName: '场发射扫描电镜', innerId: 'RT-001', assetNo: 'ZC-1', discipline: '430,140', startAt: '2025-03-01T09:00',
    endAt: '2025-03-01T10:30', content: '形貌观察', serviceWay: '占用', direction: '科学研究', external: 0, amountFen: 12_345, userName: '', userUnit: '',
    satisfaction: null, contractId: null, orderId: null, contractTitle: null, vouchers: 0, applicantName: null, applicantContact: null, applicantPhone: null,
  };
  const cell = (u: Partial<UsageRow>, header: string) => serviceRecordRow({ ...base, ...u })[headers.indexOf(header)];

  it('writes the 25 fields in the file\'s order', () => {
    expect(SERVICE_RECORD_FIELDS.map(([h]) => h)).toEqual(headers);
    expect(headers).toHaveLength(25);
    expect(serviceRecordRow(base)).toHaveLength(25);
  });

  it.each([
    ['服务方式', { serviceWay: '占用' }, 1, '占用共享'], ['服务方式', { serviceWay: '技术' }, 2, '技术共享'], ['服务方式', { serviceWay: '委托' }, 3, '委托共享'],
    ['服务方式', { serviceWay: '远程共享' }, 4, '远程共享'], ['服务方式', { serviceWay: '其他' }, 5, '其他'],
    ['服务对象', { external: 0 }, 120, '内部用户'], ['服务对象', { external: 1 }, 130, '外部用户'],
    ['服务类型', { direction: '科学研究' }, 135, '科学研究'], ['服务类型', { direction: '科技开发' }, 136, '科技开发'], ['服务类型', { direction: '教学' }, 137, '教学'],
    ['服务类型', { direction: '其他' }, 138, '其他'],
    ['用户评价及意见', { satisfaction: 5 }, 1, '非常满意'], ['用户评价及意见', { satisfaction: 4 }, 2, '基本满意'], ['用户评价及意见', { satisfaction: 3 }, 3, '一般'],
    ['用户评价及意见', { satisfaction: 2 }, 4, '不满意'], ['用户评价及意见', { satisfaction: 1 }, 5, '极差'],
    ['服务经费来源', { contractId: 1, vouchers: 2 }, 15, '地方科技计划项目'], ['服务经费来源', { orderId: 1, vouchers: 1 }, 15, '地方科技计划项目'],
    ['服务经费来源', { contractId: 1 }, 16, '其他'], ['服务经费来源', { orderId: 1 }, 16, '其他'], ['服务经费来源', {}, 17, '无'],
    ['是否在单位内使用', {}, 0, '单位内使用'],
  ] as [string, Partial<UsageRow>, number, string][])('%s of %j is %s, which the file names %s', (header, u, code, name) => {
    expect(cell(u, header)).toBe(code);
    expect(nameOf(header, code)).toBe(name);
  });

  it('gives no 用户评价 for a record without stars, and 课题主要科学领域 as a code of subjects.tsv', () => {
    expect(cell({ satisfaction: null }, '用户评价及意见')).toBe('');
    const subject = cell({}, '课题主要科学领域');
    expect(subject).toBe('430');
    expect(tsvRows('subjects.tsv').map((r) => r[0])).toContain(subject);
    expect(SUBJECTS.map((x) => x.code)).toEqual(tsvRows('subjects.tsv').map((r) => r[0]));
  });
});

describe('the pre-export check of 参考收费标准', () => {
  it('refuses a rate table whose text the template\'s 500 characters cannot hold, naming the length', () => {
    const lab = createLab(core.ctx, { name: '分析测试中心', unitName: '', contact: '' });
    const sem = createInstrument(core.ctx, instrumentInputSchema.parse({ ...FULL, labId: lab.id }));
    const short = createInstrument(core.ctx, instrumentInputSchema.parse({ ...FULL, innerId: 'RT-003', assetNo: 'ZC-3', labId: lab.id }));
    for (let n = 0; n < 6; n++) {
      const item = saveRateItem(core.ctx, null, { instrumentId: sem.id, name: `${'形貌与成分联合分析测试项目'.repeat(7)}${n}`, unit: 'sample', billsUsage: false });
      addRateVersion(core.ctx, item.id, rateVersionFieldsSchema.parse({ effectiveFrom: '2025-01-01', prices: [{ priceGroupId: 1, unitPriceFen: 80_000 }] }));
    }
    const item = saveRateItem(core.ctx, null, { instrumentId: short.id, name: '上机', unit: 'hour', billsUsage: true });
    addRateVersion(core.ctx, item.id, rateVersionFieldsSchema.parse({ effectiveFrom: '2025-01-01', incrementMinutes: 30, prices: [{ priceGroupId: 1, unitPriceFen: 60_000 }] }));
    const c = checkPlatform(core.ctx, {}, 2025);
    const fee = c.problems.filter((p) => p.field === 'referenceFeeFen');
    expect(fee).toEqual([expect.objectContaining({ innerId: 'RT-001', reason: 'platform.feeTooLong', severity: 'error', basis: 'template', params: expect.objectContaining({ max: 500 }) })]);
    expect(Number(fee[0].params.length)).toBeGreaterThan(500);
    expect(c.instrumentsWithErrors).toBe(1);
  });
});
