// The report files: .xlsx read back sheet by sheet, PDF rasterised with pdftoppm to prove it has pages.
import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportAssessmentPdf } from '../../electron/services/assessment/export-pdf';
import { exportAssessmentXlsx, SERVICE_RECORD_COLUMNS } from '../../electron/services/assessment/export-xlsx';
import { fontFromFile } from '../../electron/services/pdf/cjk-font';
import { tempCore, type TempCore } from '../helpers/db';
import { insertInstrument, insertUsage } from './fixtures';

const WAN = 1_000_000;
let core: TempCore;

beforeEach(() => {
  core = tempCore('2026-01-10T02:00:00.000Z');
  const a = insertInstrument(core.db, { innerId: 'A1', name: '场发射扫描电镜', categoryCode: '010101', valueFen: 80 * WAN });
  insertInstrument(core.db, { innerId: 'B1', name: '三坐标测量机', categoryCode: '030101', valueFen: 30 * WAN, shareMode: '内部共享' });
  insertUsage(core.db, { instrumentId: a, start: '2024-12-31T22:00', end: '2025-01-01T04:00', external: true, userUnit: 'X公司' });
  insertUsage(core.db, { instrumentId: a, start: '2025-03-10T09:00', end: '2025-03-10T17:00', external: true, amountFen: 200_000, userUnit: 'X公司', satisfaction: 5 });
});
afterEach(() => core.cleanup());

describe('assessment report', () => {
  it('xlsx has instrument records, service records and unit results', async () => {
    const file = await exportAssessmentXlsx(core.ctx, { year: 2025, scope: { kind: 'unit' } });
    expect(file.fileName).toBe('年度考核-2025.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(file.dataBase64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['仪器记录', '服务记录', '单位结果']);

    const inst = wb.getWorksheet('仪器记录')!;
    const header = inst.getRow(1).values as string[];
    expect(header.slice(1, 4)).toEqual(['仪器编号', '所在单位仪器编号', '仪器设备名称']);
    const col = (name: string) => header.indexOf(name);
    expect(inst.rowCount).toBe(3);
    const a = inst.getRow(2);
    expect(a.getCell(col('仪器设备名称')).value).toBe('场发射扫描电镜');
    expect(a.getCell(col('原值（元）')).value).toBe(800_000);
    expect(a.getCell(col('年度运行机时（小时）')).value).toBe(12); // 4 h clipped + 8 h
    expect(a.getCell(col('年度对外服务机时（小时）')).value).toBe(12);

    const svc = wb.getWorksheet('服务记录')!;
    expect((svc.getRow(1).values as string[]).slice(1)).toEqual([...SERVICE_RECORD_COLUMNS]);
    expect(svc.rowCount).toBe(3);
    expect((svc.getRow(2).values as unknown[]).slice(1, 5)).toEqual(['场发射扫描电镜', 'A1', 0, '2024-12-31 22:00']);
    expect(svc.getRow(2).getCell(13).value).toBe(4); // clipped to 2025
    expect(svc.getRow(3).getCell(3).value).toBe(2000);

    const unit = wb.getWorksheet('单位结果')!;
    const kv = new Map<string, unknown>();
    unit.eachRow((r) => kv.set(String(r.getCell(1).value), r.getCell(2).value));
    expect(kv.get('年有效工作机时（小时）')).toBe(12);
    expect(kv.get('仪器台套数')).toBe(2);
    expect(kv.get('利用率')).toBe('0.4%'); // 12 h / 2 / 1600 = 0.375%
    expect(kv.get('共享率')).toBe('100.0%');
  });

  it('pdf renders pages with the CJK font and charts', async () => {
    const file = await exportAssessmentPdf(core.ctx, { year: 2025, scope: { kind: 'unit' } });
    expect(file.mimeType).toBe('application/pdf');
    const dir = fs.mkdtempSync(path.join(core.dir, 'pdf-'));
    const pdf = path.join(dir, 'report.pdf');
    fs.writeFileSync(pdf, Buffer.from(file.dataBase64, 'base64'));
    execFileSync('pdftoppm', ['-png', '-r', '50', pdf, path.join(dir, 'page')]);
    const pages = fs.readdirSync(dir).filter((f) => f.endsWith('.png'));
    expect(pages.length).toBe(2); // figures and tables, then the charts page
    const text = execFileSync('pdftotext', [pdf, '-']).toString();
    expect(text).toContain('2025 年度大型科研仪器开放共享考核汇总');
    expect(text).toContain('各大类利用率'); // chart title drawn inside the SVG
    expect(text).toContain('分析仪器');
  }, 60_000);

  it('fails clearly when the font is missing', async () => {
    const saved = process.env.OIVD_CJK_FONT;
    process.env.OIVD_CJK_FONT = '/nonexistent/font.ttc';
    try {
      await expect(exportAssessmentPdf(core.ctx, { year: 2025, scope: { kind: 'unit' } })).rejects.toMatchObject({ error: { code: 'NOT_FOUND', reason: 'font.fileMissing', field: 'font', params: { file: '/nonexistent/font.ttc' } } });
    } finally {
      if (saved === undefined) delete process.env.OIVD_CJK_FONT; else process.env.OIVD_CJK_FONT = saved;
    }
  });

  it('cuts the named face out of a font collection', () => {
    const face = fontFromFile('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular');
    expect(face.toString('latin1', 0, 4)).toBe('OTTO'); // a standalone CFF OpenType font
    expect(() => fontFromFile('/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NoSuchFace')).toThrow(/NoSuchFace/);
  });
});
