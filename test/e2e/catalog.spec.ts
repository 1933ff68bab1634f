import * as XLSX from '@e965/xlsx';
import ExcelJS from 'exceljs';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { EQUIPMENT_TEMPLATE_HEADERS, SERVICE_RECORD_FIELDS } from '../../shared/catalog/national-platform-data';
import { expect, test } from './fixtures';
import { deskApi } from './helpers';

// The catalog table is virtualised: rows are .ant-table-row elements, not ARIA rows.
const rowOf = (page: Page, text: string) => page.locator('.ant-table-row', { hasText: text });

const SAMPLE = path.join(__dirname, '..', '..', 'resources', 'samples', 'instruments-sample.xlsx');

test('import the sample workbook, search 色谱, edit an instrument and export', async ({ page, openDesk }) => {
  await openDesk(page);

  // Import: mapping is suggested, bad rows are listed with row numbers, only valid rows are written.
  await page.getByRole('button', { name: /导\s*入/ }).click();
  await page.locator('input[type=file]').setInputFiles(SAMPLE);
  await expect(page.getByText('共 10 行数据')).toBeVisible();
  await page.getByRole('button', { name: '检查数据' }).click();
  await expect(page.getByTestId('import-summary')).toContainText('有效 5 行，有问题 5 处');
  await expect(page.getByTestId('import-issues')).toContainText('990601 不在国家平台仪器分类表中');
  await page.getByRole('button', { name: '导入 5 条有效记录' }).click();
  await expect(page.getByTestId('import-done')).toContainText('新增 5');
  await page.getByRole('button', { name: '关闭' }).click();
  await expect(page.getByTestId('catalog-total')).toHaveText('共 5 台');

  // Search: 2 characters take the LIKE path.
  await page.getByPlaceholder(/搜索名称/).fill('色谱');
  await expect(page.getByTestId('catalog-total')).toHaveText('共 3 台');
  await expect(rowOf(page, '离子色谱仪')).toBeVisible();
  await expect(rowOf(page, '扫描电子显微镜')).toHaveCount(0);

  // Edit: value typed as "75万" is parsed to fen and shown formatted.
  await rowOf(page, '离子色谱仪').click();
  const drawer = page.locator('.ant-drawer');
  await expect(drawer.getByLabel('仪器名称')).toHaveValue('离子色谱仪');
  await drawer.getByLabel('仪器名称').fill('离子色谱仪（双通道）');
  await drawer.getByLabel(/原值/).fill('75万');
  await drawer.getByRole('button', { name: /保存/ }).click();
  await expect(drawer).toBeHidden();
  const row = rowOf(page, '离子色谱仪（双通道）');
  await expect(row).toContainText('750,000.00');

  // A bad edit is refused with the field named and nothing saved.
  await row.click();
  await drawer.getByLabel(/分类编码/).fill('990501');
  await drawer.getByRole('button', { name: /保存/ }).click();
  await expect(page.getByText(/990501 不在国家平台仪器分类表中/).first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(rowOf(page, '离子色谱仪（双通道）')).toContainText('010501');

  // Export: the platform's 单台套 template with the three 色谱 instruments.
  await page.getByRole('button', { name: /导出到国家平台/ }).click();
  await expect(page.getByTestId('platform-summary')).toContainText('3 台仪器');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /单台套 \.xlsx/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^国家平台单台套-\d{4}-\d{8}\.xlsx$/);
  const file = await download.path();
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(fs.readFileSync(file!) as unknown as ArrayBuffer);
  const ws = wb.getWorksheet('大型科研仪器')!;
  expect(ws.getCell('C2').value).toBe('仪器设备名称');
  expect(ws.rowCount).toBe(5);
  const names = [3, 4, 5].map((r) => ws.getCell(`C${r}`).value);
  expect(names).toContain('离子色谱仪（双通道）');
});

test('switches the interface to English and back', async ({ page, openDesk }) => {
  await openDesk(page);
  await page.getByRole('button', { name: 'language' }).click();
  await expect(page.getByRole('button', { name: /New instrument/ })).toBeVisible();
  await page.getByRole('button', { name: 'language' }).click();
  await expect(page.getByRole('button', { name: /新增仪器/ })).toBeVisible();
});

test('imports the platform template under a title row, fixes the refused rows and exports both platform files', async ({ page, openDesk, desk }, testInfo) => {
  const H = EQUIPMENT_TEMPLATE_HEADERS;
  const row = (v: Record<string, string | number>) => H.map((h) => v[Object.keys(v).find((k) => h.startsWith(k)) ?? '\u0000'] ?? '');
  const complete = {
    所在单位仪器编号: 'ZC-01', 仪器设备来源: '购置', 产地国别: '德国', 生产制造商: '蔡司', 仪器设备类别: '通用', 规格型号: 'Sigma 300',
    主要学科领域: '材料科学', '安放地址-省': '北京市', '安放地址-市': '北京市', 联系人: '王工', 电话: '010-62330000',
  };
  const aoa = [
    ['某某大学大型科研仪器设备清单（2025 年）'],
    H.map((_, i) => (i === 0 ? '仪器基本信息' : i === 31 ? '联系人信息' : i === 36 ? '海关管理' : '')),
    [...H],
    row({ ...complete, 仪器编号: 'ＥＭ－００１', 仪器设备名称: '扫描电子显微镜', 仪器分类编码: '010102', 原值: 420.5, 建账日期: '2019-12-20', 参考收费标准: '800元/样' }),
    row({ ...complete, 仪器编号: 'EM-002', 仪器设备名称: '透射电子显微镜', 仪器分类编码: '010101', 原值: 980 }), // no 建账日期: the platform refuses it
    row({ ...complete, 仪器编号: 'EM-003', 仪器设备名称: '比表面积分析仪', 仪器分类编码: '011300', 原值: 45 }), // a code the table does not have
  ];
  const ws = XLSX.utils.aoa_to_sheet(aoa);
  ws['!merges'] = [XLSX.utils.decode_range('A1:AN1'), XLSX.utils.decode_range('A2:AE2')];
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, ws, '大型科研仪器');
  const file = testInfo.outputPath('仪器清单.xlsx');
  fs.writeFileSync(file, XLSX.write(wb, { type: 'buffer', bookType: 'xlsx' }) as Buffer);

  await openDesk(page);
  await page.getByRole('button', { name: /导\s*入/ }).click();
  await page.locator('input[type=file]').setInputFiles(file);
  await expect(page.getByTestId('header-hint')).toContainText('第 3 行');
  await expect(page.getByText('共 3 行数据')).toBeVisible();
  await page.getByRole('button', { name: '检查数据' }).click();
  await expect(page.getByTestId('import-summary')).toContainText('有效 2 行，有问题 1 处');
  await expect(page.getByTestId('import-issues')).toContainText('仪器分类编码 011300 不在国家平台仪器分类表中');
  const [report] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /下载问题清单/ }).click()]);
  const reportRows = XLSX.utils.sheet_to_json<unknown[]>(XLSX.read(fs.readFileSync((await report.path())!)).Sheets['导入问题'], { header: 1, defval: '' });
  expect(reportRows[1].slice(0, 3)).toEqual([6, '仪器分类编码 011300 不在国家平台仪器分类表中', 'EM-003']);
  await page.getByRole('button', { name: '导入 2 条有效记录' }).click();
  await expect(page.getByTestId('import-done')).toContainText('新增 2');
  await page.getByRole('button', { name: '关闭' }).click();
  await expect(page.getByTestId('catalog-total')).toHaveText('共 2 台');
  await expect(rowOf(page, 'EM-001')).toContainText('扫描电子显微镜'); // full-width id folded

  // The refused row is fixed in the problem list (as in Excel: its original cells sit beside the problem) and that file imported.
  const fixed = reportRows.slice(0, 2).map((r) => [...r]);
  fixed[1][2 + 7] = '019900'; // 仪器分类编码: 分析仪器 / 其他
  fixed[1][2 + 13] = '2022-03-01'; // 建账日期, which the platform requires
  const fixedBook = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(fixedBook, XLSX.utils.aoa_to_sheet(fixed), '导入问题');
  const fixedFile = testInfo.outputPath('仪器清单-已改正.xlsx');
  fs.writeFileSync(fixedFile, XLSX.write(fixedBook, { type: 'buffer', bookType: 'xlsx' }) as Buffer);
  await page.getByRole('button', { name: /导\s*入/ }).click();
  await page.locator('input[type=file]').setInputFiles(fixedFile);
  await expect(page.getByTestId('header-hint')).toContainText('第 1 行');
  await page.getByRole('button', { name: '检查数据' }).click();
  await expect(page.getByTestId('import-summary')).toContainText('有效 1 行，有问题 0 处');
  await page.getByRole('button', { name: '导入 1 条有效记录' }).click();
  await expect(page.getByTestId('import-done')).toContainText('新增 1');
  await page.getByRole('button', { name: '关闭' }).click();
  await expect(page.getByTestId('catalog-total')).toHaveText('共 3 台');

  // One service of EM-001 in 2025, recorded as the calendar's usage form records it.
  const em1 = (await deskApi<{ rows: { id: number }[] }>(desk, 'catalog:list', { query: 'EM-001' })).rows[0];
  await deskApi(desk, 'usage:create', {
    instrumentId: em1.id, startAt: '2025-03-01T09:00', endAt: '2025-03-01T12:30', external: true, serviceWay: '委托', direction: '科技开发',
    content: '形貌观察', amountFen: 120_000, userName: '李四', userUnit: '某某科技有限公司', satisfaction: 5,
  });

  // The pre-upload check names the record the platform would refuse; fix it from there.
  await page.getByRole('button', { name: /导出到国家平台/ }).click();
  await page.getByLabel('platform-year').fill('2025');
  await expect(page.getByTestId('platform-summary')).toContainText('3 台仪器，2025 年服务记录 1 条；1 台仪器有上报前须处理的问题');
  const problems = page.getByTestId('platform-problems');
  await expect(problems).toContainText('EM-002 透射电子显微镜');
  // The template marks only 仪器编号 必填: 建账日期 is asked for by the desk, and the line says so.
  const booked = problems.locator('.ant-table-row', { hasText: '建账日期' });
  await expect(booked).toContainText('建账日期未填写（模板未标必填，本系统要求上报前填写）');
  await expect(booked).toContainText('本系统要求');
  await expect(booked).not.toContainText('会被拒收');
  await expect(page.getByTestId('platform-desk-note')).toContainText('单台套模板只将仪器编号标为必填');
  await expect(page.getByTestId('platform-funding-note')).toContainText('15 地方科技计划项目');
  await booked.getByRole('button', { name: '修改' }).click();
  const drawer = page.locator('.ant-drawer');
  // A value beyond the template's limits is kept as pasted and refused with the field named, never cut short.
  await drawer.getByLabel(/进口报关单编号/).fill('1101202000006543219');
  await drawer.getByLabel('主要技术指标').fill('分'.repeat(501));
  await expect(drawer.getByLabel(/进口报关单编号/)).toHaveValue('1101202000006543219');
  await expect(drawer.getByLabel('主要技术指标')).toHaveValue('分'.repeat(501));
  await drawer.getByRole('button', { name: /保存/ }).click();
  await expect(page.getByText(/进口报关单编号须为 18 位数字/).first()).toBeVisible();
  await expect(page.getByText(/主要技术指标不能超过 500 个字符/).first()).toBeVisible();
  await drawer.getByLabel(/进口报关单编号/).fill('');
  await drawer.getByLabel('主要技术指标').fill('点分辨率 0.19 nm');
  await drawer.getByLabel('建账日期').fill('2021-05-10');
  await drawer.getByLabel('建账日期').press('Enter');
  await drawer.getByRole('button', { name: /保存/ }).click();
  await expect(drawer).toBeHidden();

  await page.getByRole('button', { name: /导出到国家平台/ }).click();
  await page.getByLabel('platform-year').fill('2025');
  await expect(page.getByTestId('platform-summary')).toContainText('0 台仪器有上报前须处理的问题');
  await expect(page.getByTestId('platform-desk-note')).toHaveCount(0);
  const read = async (name: RegExp) => {
    const [d] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name }).click()]);
    return { name: d.suggestedFilename(), book: XLSX.read(fs.readFileSync((await d.path())!)) };
  };
  for (const [button, ext] of [[/单台套 \.xlsx/, 'xlsx'], [/单台套 \.xls（/, 'xls']] as const) {
    const { name, book } = await read(button);
    expect(name).toMatch(new RegExp(`^国家平台单台套-2025-\\d{8}\\.${ext}$`));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(book.Sheets['大型科研仪器'], { header: 1, defval: '' });
    expect(rows[1]).toEqual([...H]);
    expect(rows[0][0]).toBe('仪器基本信息');
    expect(rows.slice(2).map((r) => [r[0], r[2], r[7], r[10], r[13], r[18], r[22], r[30]])).toEqual([
      ['EM-001', '扫描电子显微镜', '010102', 420.5, '2019-12-20', '430', 3.5, 3.5],
      ['EM-002', '透射电子显微镜', '010101', 980, '2021-05-10', '430', 0, 0],
      ['EM-003', '比表面积分析仪', '019900', 45, '2022-03-01', '430', 0, 0],
    ]);
    expect(rows[2][24]).toBe('800元/样');
  }
  for (const [button, ext] of [[/服务记录 \.xlsx/, 'xlsx'], [/服务记录 \.xls$/, 'xls']] as const) {
    const svc = await read(button);
    expect(svc.name).toMatch(new RegExp(`^国家平台服务记录-2025-\\d{8}\\.${ext}$`));
    const rows = XLSX.utils.sheet_to_json<unknown[]>(svc.book.Sheets['服务记录'], { header: 1, defval: '' });
    expect(rows[0]).toEqual(SERVICE_RECORD_FIELDS.map(([h]) => h));
    expect(rows).toHaveLength(2);
    // 服务方式 3 委托共享, 服务对象 130 外部用户, 服务类型 136 科技开发, 3.5 h, 经费来源 17 无, 学科 430, 评价 1 非常满意.
    expect(rows[1].slice(1, 3)).toEqual(['扫描电子显微镜', 'ZC-01']);
    expect(rows[1].slice(4, 25)).toEqual([1200, '2025-03-01 09', '2025-03-01 12', '形貌观察', 3, 130, 136, '', 3.5, '', 17, '430', '否', 0, '', '', '李四', '', '', '某某科技有限公司', 1]);
  }
});
