// The bundles load exceljs, SheetJS and pdfmake on first use (scripts/lib/lazy-externals.mjs):
// a bundle that imports them starts without loading them, and each works once used.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
// @ts-expect-error a plain .mjs build helper without types
import { lazyExternals, LAZY_MODULES } from '../../scripts/lib/lazy-externals.mjs';

const root = path.join(__dirname, '..', '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-lazy-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ENTRY = `
import ExcelJS from 'exceljs';
import * as XLSX from '@e965/xlsx';
import PdfPrinter from 'pdfmake';
const loaded = () => ${JSON.stringify(LAZY_MODULES)}.filter((m) => Object.keys(require.cache).some((k) => k.includes('/node_modules/' + m + '/')));
const report = { atStart: loaded() };
(async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet('s').addRow(['仪器', 1]);
  const buf = await wb.xlsx.writeBuffer();
  report.afterExcel = loaded();
  const read = XLSX.read(buf, { type: 'buffer' });
  report.cells = XLSX.utils.sheet_to_json(read.Sheets.s, { header: 1 });
  report.sheetNames = Object.keys(XLSX).includes('utils') && typeof XLSX.utils.book_new;
  const printer = new PdfPrinter({ Roboto: { normal: Buffer.alloc(0) } });
  report.printer = typeof printer.createPdfKitDocument;
  report.atEnd = loaded();
  console.log(JSON.stringify(report));
})();
`;

describe('lazy externals', () => {
  it('starts without the large libraries and loads each on first use', async () => {
    const entry = path.join(dir, 'entry.ts');
    fs.writeFileSync(entry, ENTRY);
    const outfile = path.join(dir, 'out.js');
    await build({ entryPoints: [entry], outfile, bundle: true, platform: 'node', format: 'cjs', logLevel: 'silent', plugins: [lazyExternals()] });
    const run = spawnSync(process.execPath, [outfile], { env: { ...process.env, NODE_PATH: path.join(root, 'node_modules') }, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    const report = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(report.atStart).toEqual([]);
    expect(report.afterExcel).toEqual(['exceljs']);
    expect(report.cells).toEqual([['仪器', 1]]);
    expect(report.sheetNames).toBe('function');
    expect(report.printer).toBe('function');
    expect(report.atEnd).toEqual(LAZY_MODULES);
  }, 60_000);
});
