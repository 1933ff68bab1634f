// The value normalisers every import field goes through, and the classification table.
import { describe, expect, it } from 'vitest';
import { describeIssue } from '../../renderer/src/i18n-errors';
import { normaliseCell, suggestMapping } from '../../electron/services/catalog/import';
import { INSTRUMENT_FIELD_LABELS, instrumentInputSchema } from '../../shared/catalog/instrument';
import { issuesOfZod } from '../../shared/issues';
import { ASSIGNABLE_CATEGORIES, categoryCodeProblem, categoryLabel, MAJOR_CATEGORIES } from '../../shared/catalog/categories';
import {
  excelSerialDate, foldCode, foldWidth, headerMoneyUnit, normaliseCarrierType, normaliseDateCell, normaliseDateText, normaliseDisciplines,
  normaliseFundingSources, normaliseShareMode, normaliseSource, normaliseStatus, normaliseUsageKind, normaliseYesNo, parseFeeText, splitList,
} from '../../shared/catalog/platform';
import { EQUIPMENT_TEMPLATE_HEADERS } from '../../shared/catalog/national-platform-data';
import { headerCore, TEMPLATE_COLUMNS } from '../../shared/catalog/template';

const value = <T>(r: { ok: true; value: T } | { ok: false }) => (r.ok ? r.value : null);

describe('classification table', () => {
  it('has the 15 大类 with 990000 其他仪器 and names every level', () => {
    expect(MAJOR_CATEGORIES.map((c) => c.code)).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12', '13', '14', '99']);
    expect(MAJOR_CATEGORIES.every((c) => c.nameEn !== '')).toBe(true);
    expect(categoryLabel('010102')).toBe('分析仪器 / 电子光学仪器 / 扫描电镜');
    expect(ASSIGNABLE_CATEGORIES.length).toBeGreaterThan(600);
  });

  it.each([
    ['990000', null], ['019900', null], ['129900', null], ['010102', null], ['030901', null],
    ['011300', 'category.unknown'], ['010114', 'category.unknown'], ['150101', 'category.unknown'],
    ['010100', 'category.notLeaf'], ['010000', 'category.notLeaf'], ['030900', 'category.notLeaf'],
    ['01010', 'category.format'], ['01010a', 'category.format'],
  ])('code %s → %s', (code, reason) => {
    expect(categoryCodeProblem(code)?.reason ?? null).toBe(reason);
  });

  it('refuses a class with sub-classes by its code only, and the renderer names the class in the chosen language', () => {
    const problem = categoryCodeProblem('010100')!;
    expect(problem.params).toEqual({ value: '010100' });
    const issue = { field: 'categoryCode', reason: problem.reason, params: problem.params, code: 'VALIDATION' };
    expect(describeIssue(issue, 'en', { categoryCode: 'Category code' })).toBe('Category code 010100 (Electron optical instruments) has sub-classes: choose one of them');
    expect(describeIssue(issue, 'zh', { categoryCode: '分类编码' })).toBe('分类编码 010100（电子光学仪器）下有小类，请选择具体的小类编码');
  });
});

describe('full-width folding', () => {
  it('folds letters and digits everywhere, punctuation only in codes', () => {
    expect(foldWidth('ＳＥＭ　扫描电镜（场发射）')).toBe('SEM 扫描电镜（场发射）');
    expect(foldCode('ＢＪ－００１')).toBe('BJ-001');
    expect(foldCode('  ０１０１０２ ')).toBe('010102');
  });

  it('makes ＢＪ－００１ and BJ-001 the same inner id', () => {
    expect(normaliseCell('innerId', 'ＢＪ－００１', '仪器编号')).toEqual({ value: 'BJ-001' });
  });
});

describe('dates', () => {
  it.each([
    [1, false, '1900-01-01'], [59, false, '1900-02-28'], [61, false, '1900-03-01'], [43831, false, '2020-01-01'], [43831.75, false, '2020-01-01'],
    [0, true, null], [1, true, '1904-01-02'], [42000, true, '2018-12-28'],
  ])('Excel serial %s (1904: %s) → %s', (serial, d1904, expected) => {
    expect(value(excelSerialDate(serial, d1904))).toBe(expected);
  });

  it('refuses the 1900 system\'s 29 February, which never existed', () => {
    expect(excelSerialDate(60)).toMatchObject({ ok: false, reason: 'import.serialDate' });
  });

  it.each([
    ['2016-01-01', '2016-01-01'], ['2016/1/1', '2016-01-01'], ['2016.01.01', '2016-01-01'], ['20160101', '2016-01-01'],
    ['2016年1月1日', '2016-01-01'], ['２０１６－０１－０１', '2016-01-01'], ['2016-01-01 00:00:00', '2016-01-01'],
  ])('text date %s → %s', (text, expected) => {
    expect(value(normaliseDateText(text))).toBe(expected);
  });

  it('says why a text is not a date', () => {
    expect(normaliseDateText('2021-02-30')).toMatchObject({ ok: false, reason: 'date.impossible' });
    expect(normaliseDateText('3/1/2019')).toMatchObject({ ok: false, reason: 'import.dateFormat', params: { value: '3/1/2019' } });
  });

  it('reads a bare number in a date column as a serial, eight digits as a date', () => {
    expect(value(normaliseDateCell('43831'))).toBe('2020-01-01');
    expect(value(normaliseDateCell('20200101'))).toBe('2020-01-01');
  });
});

describe('money and fees', () => {
  it('takes 万元 or 元 from the header', () => {
    expect(headerMoneyUnit('原值（单位万元、保留小数点后两位）')).toBe('万元');
    expect(headerMoneyUnit('价格')).toBe('元');
    expect(normaliseCell('originalValueFen', '12.35', '原值（单位万元、保留小数点后两位）')).toEqual({ value: 12_350_000 });
    expect(normaliseCell('originalValueFen', '123,500.00', '价格（元）')).toEqual({ value: 12_350_000 });
    expect(normaliseCell('originalValueFen', '５万', '价格')).toEqual({ value: 5_000_000 });
    expect(normaliseCell('originalValueFen', '五十', '原值')).toMatchObject({ reason: 'import.money', params: { value: '五十', unit: '元' } });
  });

  it.each([
    ['800元/样', { yuanText: '800', wan: false, unit: '样' }],
    ['600元/小时', { yuanText: '600', wan: false, unit: '小时' }],
    ['１２．５元／机时', { yuanText: '12.5', wan: false, unit: '机时' }],
    ['300', { yuanText: '300', wan: false, unit: null }],
  ])('fee text %s', (text, expected) => {
    expect(value(parseFeeText(text))).toEqual(expected);
  });

  it('refuses fee prose it cannot read', () => {
    expect(parseFeeText('面议')).toMatchObject({ ok: false, reason: 'import.feeText' });
  });
});

describe('synonyms with a reason when unmappable', () => {
  it.each([
    [normaliseStatus, '维修中', '待修'], [normaliseStatus, '报废', '待报废'], [normaliseStatus, '在用', '正常'], [normaliseStatus, '偶有故障', '偶有故障'],
    [normaliseShareMode, '对外开放', '外部共享'], [normaliseShareMode, '校内共享', '内部共享'], [normaliseShareMode, '不开放', '不共享'],
    [normaliseSource, '采购', '购置'], [normaliseSource, '捐赠', '赠送'], [normaliseUsageKind, '专用设备', '专用'],
    [normaliseCarrierType, '国家重点实验室', '附属于国家重点实验室'], [normaliseCarrierType, '', ''],
  ])('%#: %s → %s', (fn, input, expected) => {
    expect(value(fn(input))).toBe(expected);
  });

  it('names the value and the allowed ones', () => {
    expect(normaliseStatus('借出')).toEqual({ ok: false, reason: 'import.unmappable', params: { value: '借出', values: ['正常', '偶有故障', '故障频繁', '待修', '待报废'] } });
    expect(normaliseShareMode('看情况')).toMatchObject({ ok: false, reason: 'import.unmappable' });
  });

  it('reads yes/no', () => {
    expect(value(normaliseYesNo('是'))).toBe(true);
    expect(value(normaliseYesNo('否'))).toBe(false);
    expect(value(normaliseYesNo('Ｙ'))).toBe(true);
    expect(normaliseYesNo('也许')).toMatchObject({ ok: false });
  });
});

describe('lists', () => {
  it('splits on the separators people use', () => {
    expect(splitList('材料科学，化学、 物理学;生物学')).toEqual(['材料科学', '化学', '物理学', '生物学']);
  });

  it('stores disciplines as subject codes, at most four', () => {
    expect(value(normaliseDisciplines('材料科学，150'))).toBe('430,150');
    expect(normaliseDisciplines('110,120,130,140,150')).toMatchObject({ ok: false, reason: 'field.tooMany' });
    expect(normaliseDisciplines('炼金术')).toMatchObject({ ok: false, reason: 'import.unknownSubject', params: { value: '炼金术' } });
  });

  it('maps funding sources to the platform\'s four', () => {
    expect(value(normaliseFundingSources('中央财政,自筹'))).toBe('中央财政资金,单位自有资金');
    expect(normaliseFundingSources('风投')).toMatchObject({ ok: false, reason: 'import.unmappable' });
  });
});

describe('header mapping', () => {
  it('maps all 40 template headers, with or without their notes, and leaves the two computed ones', () => {
    const full = suggestMapping([...EQUIPMENT_TEMPLATE_HEADERS]);
    const bare = suggestMapping(EQUIPMENT_TEMPLATE_HEADERS.map((h) => h.replace(/（.*$/, '')));
    for (const col of TEMPLATE_COLUMNS) {
      if (col.key === 'annualHours' || col.key === 'annualExternalHours') continue;
      expect(full[col.key], col.header).toBe(col.header);
      expect(headerCore(bare[col.key] ?? ''), col.header).toBe(headerCore(col.header));
    }
  });

  it('maps common lab-sheet names', () => {
    const m = suggestMapping(['序号', '仪器编号', '资产编号', '设备名称', '型号', '购置日期', '价格', '存放地点', '负责人', '状态']);
    expect(m).toMatchObject({
      innerId: '仪器编号', assetNo: '资产编号', nameCn: '设备名称', model: '型号', bookedDate: '购置日期', originalValueFen: '价格',
      location: '存放地点', contactName: '负责人', status: '状态',
    });
  });

  it('takes the 资产编号 as the 仪器编号 too when the sheet has no 仪器编号 column', () => {
    expect(suggestMapping(['资产编号', '设备名称', '单价（元）'])).toMatchObject({ innerId: '资产编号', assetNo: '资产编号', nameCn: '设备名称', originalValueFen: '单价（元）' });
    expect(suggestMapping(['仪器编号', '资产编号'])).toMatchObject({ innerId: '仪器编号', assetNo: '资产编号' });
  });
});

describe('the record\'s limits, each refused naming its field', () => {
  const base = { innerId: 'L-1', nameCn: '紫外可见分光光度计', categoryCode: '010401', originalValueFen: 100 };
  const labels = Object.fromEntries(INSTRUMENT_FIELD_LABELS.map((f) => [f.key, f.zh]));
  const words = (over: Record<string, unknown>) => {
    const r = instrumentInputSchema.safeParse({ ...base, ...over });
    return r.success ? [] : issuesOfZod(r.error, { ...base, ...over }).map((i) => describeIssue({ ...i, code: 'VALIDATION' }, 'zh', labels));
  };

  it.each([
    [{ specs: '分'.repeat(501) }, '主要技术指标不能超过 500 个字符'],
    [{ functions: '分'.repeat(301) }, '主要功能不能超过 300 个字符'],
    [{ serviceContent: '分'.repeat(201) }, '服务内容不能超过 200 个字符'],
    [{ userNotice: '分'.repeat(501) }, '用户须知不能超过 500 个字符'],
    [{ customsDeclarationNo: '11012020000065432' }, '进口报关单编号须为 18 位数字'],
    [{ customsItemNo: '3' }, '进口报关单项号须为 2 位数字'],
    [{ discipline: '110,120,130,140,150' }, '主要学科领域最多 4 项'],
    [{ discipline: '999' }, '主要学科领域“999”不是学科领域代码或名称（GB/T 13745 一级学科）'],
    [{ imageName: 'sem.png' }, '图片须为 .jpg 图片的文件名'],
    [{ postcode: '10008' }, '邮政编码须为 6 位数字'],
    [{ categoryCode: '011300' }, '仪器分类编码 011300 不在国家平台仪器分类表中'],
  ])('%j → %s', (over, message) => {
    expect(words(over)).toEqual([message]);
  });

  it('takes each field at its limit exactly', () => {
    expect(words({
      specs: '分'.repeat(500), functions: '分'.repeat(300), serviceContent: '分'.repeat(200), userNotice: '分'.repeat(500),
      customsDeclarationNo: '110120200000654321', customsItemNo: '03', discipline: '110,120,130,140', fundingSources: '中央财政资金,地方财政资金,单位自有资金,其他资金',
      imageName: 'sem.jpg', postcode: '100083',
    })).toEqual([]);
    expect(words({ fundingSources: '中央财政资金,风投' })[0]).toMatch(/^主要购置经费来源“风投”无法对应/);
  });
});
