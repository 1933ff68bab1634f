// Uploads the desk keeps (contract attachments, evaluation evidence; order materials take the same
// check) are documents, spreadsheets, images and plain text an office hands in, judged by their
// bytes AND their name: real files of each kept type are stored; a real executable, web page, GIF,
// TIFF or zip, or a real file under another type's extension, is refused with a code naming what it
// is and the allowed list, worded in Chinese and English, and nothing is written.
import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addEvidence, readEvidence } from '../../electron/services/facility/evaluation';
import { addAttachment, getAttachmentFile } from '../../electron/services/redemption/attachments';
import { describeError } from '../../renderer/src/i18n-errors';
import { NATIONAL_EVALUATION_2026 } from '../../shared/evaluation/national-2026';
import { judgeUpload, UPLOAD_ALLOWED } from '../../shared/upload-types';
import { refusal } from '../deals/helpers';
import { docxDocument, jpegImage, ofdDocument, pdfDocument, pngImage } from '../fixtures/documents';
import { contentHash, tempCore, type TempCore } from '../helpers/db';
import { insertContract } from '../redemption/fixtures';

const ROOT = path.join(__dirname, '..', '..');
const real = (rel: string) => fs.readFileSync(path.join(ROOT, rel));
/** Files as they come: the national platform's .xls template, and executables, images and pages shipped by the build tools. */
const XLS_TEMPLATE = () => real('resources/national-platform/equipment-template.xls');
const WINDOWS_EXE = () => real('node_modules/electron-winstaller/vendor/StubExecutable.exe');
const GIF = () => real('node_modules/retry/equation.gif');
const TIFF = () => real('node_modules/dmg-builder/templates/background.tiff');
const HTML = () => real('node_modules/tslib/tslib.html');

async function xlsxWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('仪器').addRow(['仪器名称', '原值（万元）']);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let core: TempCore;
beforeEach(() => { core = tempCore(); });
afterEach(() => core.cleanup());

const INDICATOR = NATIONAL_EVALUATION_2026.indicators[0].id;
const evidence = (fileName: string, bytes: Buffer) => addEvidence(core.ctx, { fromYear: 2025, toYear: 2025, indicator: INDICATOR, fileName, dataBase64: bytes.toString('base64') });
const folderFiles = (rel: string) => {
  const at = path.join(core.dir, rel);
  return fs.existsSync(at) ? fs.readdirSync(at, { recursive: true }) : [];
};

describe('kept types, by content and name', () => {
  it('stores a real file of every kept type as an attachment and as evidence, and gives back the same bytes', async () => {
    const files: [string, Buffer, string][] = [
      ['合同.pdf', pdfDocument('contract'), 'application/pdf'],
      ['发票.ofd', ofdDocument(), 'application/ofd'],
      ['回单.jpg', jpegImage(), 'image/jpeg'],
      ['回单.JPEG', jpegImage(), 'image/jpeg'],
      ['截图.png', pngImage(), 'image/png'],
      ['报告.docx', docxDocument(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
      ['清单.xlsx', await xlsxWorkbook(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      ['填报模板.xls', XLS_TEMPLATE(), 'application/vnd.ms-excel'],
      ['说明.txt', Buffer.from('开放共享制度：每周一至周五对外开放。\r\n'), 'text/plain'],
      ['名单.csv', iconv.encode('单位,联系人\r\n某大学,张老师\r\n', 'gb18030'), 'text/csv'],
    ];
    const { contractId } = insertContract(core.db);
    for (const [name, bytes, mime] of files) {
      const a = addAttachment(core.ctx, { contractId, kind: 'other', fileName: name, dataBase64: bytes.toString('base64') });
      const back = getAttachmentFile(core.ctx, a.id);
      expect(back, name).toMatchObject({ fileName: name, mimeType: mime });
      expect(Buffer.from(back.dataBase64, 'base64').equals(bytes), name).toBe(true);
      const { id } = evidence(name, bytes);
      expect(readEvidence(core.ctx, id).bytes.equals(bytes), name).toBe(true);
    }
    expect(folderFiles(path.join('attachments', String(contractId)))).toHaveLength(files.length);
    expect(folderFiles('evaluation')).toHaveLength(files.length);
  });
});

describe('refused uploads', () => {
  it.each([
    ['a Windows executable named .exe', '安装程序.exe', WINDOWS_EXE, 'attachment.typeNotAllowed', 'a Windows executable', 'Windows 可执行程序'],
    ['a Windows executable named .pdf', '合同.pdf', WINDOWS_EXE, 'attachment.typeNotAllowed', 'a Windows executable', 'Windows 可执行程序'],
    ['a web page named .txt', '说明.txt', HTML, 'attachment.typeNotAllowed', 'a web page (HTML/SVG)', '网页（HTML/SVG）'],
    ['a GIF image', '截图.gif', GIF, 'attachment.typeNotAllowed', 'a GIF image', 'GIF 图片'],
    ['a TIFF image named .png', '扫描.png', TIFF, 'attachment.typeNotAllowed', 'a TIFF image', 'TIFF 图片'],
    ['a plain zip', '材料.zip', () => Buffer.from(zipSync({ '材料.pdf': pdfDocument() })), 'attachment.typeNotAllowed', 'a ZIP archive', 'ZIP 压缩包'],
    ['a workbook named .pdf', '合同.pdf', XLS_TEMPLATE, 'attachment.typeMismatch', 'an Excel workbook (.xls)', 'Excel 表格（.xls）'],
    ['a PDF named .docx', '报告.docx', () => pdfDocument(), 'attachment.typeMismatch', 'a PDF document', 'PDF 文档'],
    ['a PNG named .pdf', '回单.pdf', pngImage, 'attachment.typeMismatch', 'a PNG image', 'PNG 图片'],
    ['plain text named .pdf', '合同.pdf', () => Buffer.from('not a pdf'), 'attachment.typeMismatch', 'plain text', '纯文本'],
    ['plain text with no extension', '说明', () => Buffer.from('开放共享制度'), 'attachment.typeMismatch', 'plain text', '纯文本'],
  ] as const)('%s: refused on both uploads with the type it is and the allowed list, worded in zh and en, nothing written', (_n, name, bytes, reason, foundEn, foundZh) => {
    const { contractId } = insertContract(core.db);
    const before = contentHash(core);
    const data = bytes();
    for (const upload of [
      () => addAttachment(core.ctx, { contractId, kind: 'other', fileName: name, dataBase64: data.toString('base64') }),
      () => evidence(name, data),
    ]) {
      const e = refusal(upload);
      expect(e).toMatchObject({ code: 'VALIDATION', reason, field: 'dataBase64', params: { name, foundEn, foundZh, allowed: UPLOAD_ALLOWED } });
      const en = describeError(e, 'en');
      const zh = describeError(e, 'zh');
      expect(en).toContain(`${name} is ${foundEn}`);
      expect(en).toContain('PDF, OFD, JPG/JPEG, PNG, DOC, DOCX, XLS, XLSX, TXT, CSV');
      expect(zh).toContain(`${name} 的内容是${foundZh}`);
      expect(zh).toContain('允许的类型：PDF, OFD');
    }
    expect(contentHash(core)).toBe(before);
    expect(folderFiles('attachments')).toEqual([]);
    expect(folderFiles('evaluation')).toEqual([]);
  });

  it('keeps a file whose name has no extension by what its bytes are', () => {
    expect(judgeUpload('合同', pdfDocument())).toEqual({ ok: true, type: 'pdf' });
    expect(judgeUpload('file', XLS_TEMPLATE())).toEqual({ ok: true, type: 'xls' });
  });

  it('tells a Word compound file from a workbook and refuses another compound file', () => {
    const xls = XLS_TEMPLATE();
    expect(judgeUpload('模板.xls', xls)).toEqual({ ok: true, type: 'xls' });
    expect(judgeUpload('模板.doc', xls)).toMatchObject({ ok: false, reason: 'attachment.typeMismatch', foundEn: 'an Excel workbook (.xls)' });
    // The same compound file with its workbook stream renamed is no kept type.
    const renamed = Buffer.from(xls);
    for (const n of ['Workbook', 'Book\u0000']) {
      const needle = Buffer.from(n, 'utf16le');
      for (let at = renamed.indexOf(needle); at >= 0; at = renamed.indexOf(needle, at + 1)) Buffer.from('Zzzz'.padEnd(n.length, 'z'), 'utf16le').copy(renamed, at);
    }
    expect(judgeUpload('模板.xls', renamed)).toMatchObject({ ok: false, reason: 'attachment.typeNotAllowed', foundEn: 'another Office compound file' });
  });
});
