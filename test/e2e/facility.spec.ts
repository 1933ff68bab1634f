// The facility office: two lab desks and one office desk, each on its own data folder, produce
// one report. The labs are set up through their servers; the office works in the browser:
// registers each lab's key card, imports both signed packages, and reads the unit's figures.
import fs from 'node:fs';
import * as XLSX from '@e965/xlsx';
import type { ChildProcess } from 'node:child_process';
import { expect, startServer, test, type DeskServer } from './fixtures';
import { deskApi } from './helpers';
import { chineseInDropdowns, prepareScan, settled, type Scan } from './cjk-scan';

test.use({ deskToday: '2026-03-10' });
test.setTimeout(180_000);

/** 北京某大学 (GB 32100 check digit correct). */
const UNIT = '12100000400000624D';

interface Download { fileName: string; dataBase64: string }

async function labDesk(server: DeskServer, labName: string, prefix: string, uses: { hours: number; external: boolean }[][]): Promise<void> {
  await deskApi(server, 'security:setup', { mode: 'plain' });
  await deskApi(server, 'desk:setIdentity', { role: 'lab', unitName: '北京某大学', unitCreditCode: UNIT, labName });
  for (const [i, records] of uses.entries()) {
    const inst = await deskApi<{ id: number }>(server, 'catalog:create', {
      innerId: `${prefix}-${String(i + 1).padStart(3, '0')}`, nameCn: `${labName}仪器${i + 1}`, categoryCode: '020101', originalValueFen: 80_000_000,
    });
    for (const [d, r] of records.entries()) {
      const day = `2025-0${d + 3}-1${i}`;
      await deskApi(server, 'usage:create', {
        instrumentId: inst.id, startAt: `${day}T09:00`, endAt: `${day}T${String(9 + r.hours).padStart(2, '0')}:00`, external: r.external,
        operator: '张工', satisfaction: r.external ? 5 : null, userUnit: r.external ? '北京新材科技有限公司' : '',
      });
    }
  }
}

test('facility: two lab desks and one office desk (three data folders) produce one report', async ({ page, desk, openDesk }, info) => {
  const started: { server: DeskServer; proc: ChildProcess }[] = [];
  try {
    started.push(await startServer('2026-03-10'), await startServer('2026-03-10'));
    const [a, b] = started.map((s) => s.server);
    // Lab A: two instruments, 3 h external + 2 h internal; lab B: one instrument, 4 h internal. 9 h in all.
    await labDesk(a, '分析测试中心', 'FX', [[{ hours: 3, external: true }], [{ hours: 2, external: false }]]);
    await labDesk(b, '材料实验室', 'CL', [[{ hours: 4, external: false }]]);
    const labs = [];
    for (const [server, name] of [[a, '分析测试中心'], [b, '材料实验室']] as const) {
      const { card } = await deskApi<{ card: unknown }>(server, 'desk:keyCard', {});
      const pkg = await deskApi<Download>(server, 'package:exportLab', { fromYear: 2025, toYear: 2025 });
      const file = info.outputPath(pkg.fileName);
      fs.writeFileSync(file, Buffer.from(pkg.dataBase64, 'base64'));
      labs.push({ name, card: JSON.stringify(card), file });
    }

    await deskApi(desk, 'security:setup', { mode: 'plain' });
    await deskApi(desk, 'desk:setIdentity', { role: 'office', unitName: '北京某大学', unitCreditCode: UNIT, labName: '' });
    await prepareScan(page);
    await openDesk(page);
    await page.getByRole('menuitem', { name: /设备处/ }).click();
    await page.getByTestId('tab-office').click();
    for (const lab of labs) {
      await page.getByTestId('office-card').fill(lab.card);
      await page.getByTestId('office-register').click();
      await expect(page.getByTestId('office-labs')).toContainText(lab.name);
    }
    for (const lab of labs) {
      await page.getByTestId('office-pkg-file').setInputFiles(lab.file);
      await expect(page.getByTestId('office-preview')).toContainText(lab.name);
      // The change view names the parts in the user's language.
      await expect(page.getByTestId('office-preview')).toContainText('服务记录');
      await expect(page.getByTestId('office-preview')).not.toContainText('usage');
      await page.getByTestId('office-import-confirm').click();
      await expect(page.getByTestId('office-preview')).toBeHidden();
    }
    // The same package again changes nothing: the preview says so and import is not offered.
    await page.getByTestId('office-pkg-file').setInputFiles(labs[0].file);
    await expect(page.getByTestId('office-import-confirm')).toBeDisabled();
    await page.locator('.ant-modal').getByRole('button', { name: /取\s*消/ }).click();

    // A lab's data at the office, read-only: its 额定机时 as its package carried them; usage as the sums per
    // instrument and year; every column headed as the lab desk's own forms head it, values worded.
    await page.locator('[data-testid^="office-view-"]').first().click();
    const drawer = page.locator('.ant-drawer');
    const records = page.getByTestId('office-records');
    const headers = records.locator('thead th');
    await expect(drawer).toContainText('只读');
    await page.getByTestId('office-records-part').click();
    await page.locator('.ant-select-item-option', { hasText: '仪器' }).first().click();
    await expect(headers).toContainText(['记录号', '仪器编号', '仪器设备名称', '仪器分类编码', '原值（元）', '仪器设备类别', '共享模式']);
    await expect(records).toContainText('800,000.00');
    await expect(records).not.toContainText('80000000');
    await page.getByTestId('office-records-part').click();
    await page.locator('.ant-select-item-option', { hasText: '额定机时' }).click();
    await expect(headers).toContainText(['仪器编号', '仪器设备名称', '年度', '额定机时（h）', '来源']);
    await expect(records).toContainText(/政策默认|单位默认|单独设置|设置/);
    await expect(records).not.toContainText(/profile|unit|setting/);
    await page.getByTestId('office-records-part').click();
    await page.locator('.ant-select-item-option', { hasText: '服务记录' }).click();
    await expect(page.getByTestId('office-records-sums')).toBeVisible();
    await expect(headers).toContainText(['仪器编号', '年度', '有效机时（h）', '对外服务机时（h）', '服务收入（元）', '用户评价']);
    // No column under a field's own name (in Chinese every header is Chinese).
    await expect(headers.filter({ hasText: /^[A-Za-z]+$/ })).toHaveCount(0);

    // In English the drawer shows no Chinese outside the lab's data, in any part, nor in its drop-downs.
    await drawer.locator('.ant-drawer-close').click();
    await expect(drawer).toBeHidden();
    await page.getByRole('button', { name: 'language' }).click();
    await page.locator('[data-testid^="office-view-"]').first().click();
    await expect(drawer).toContainText('read-only');
    const cjk: Record<string, string[]> = {};
    for (const part of ['Instruments', 'Rated hours', 'Usage records', 'Applicants', 'Contracts', 'Shanghai orders', 'Vouchers', 'Redemptions', 'Charges', "Lab's own figures"]) {
      // The last choice's list has finished closing before the select opens again (a click during
      // its closing animation lands on the leaving list and chooses nothing). On a loaded machine a
      // click can still land while the list moves: the part is chosen again until the select shows it.
      await expect(async () => {
        // A list left open by an attempt whose click chose nothing is closed first (a click on the
        // select closes it; Escape would close the drawer too).
        if (await page.locator('.ant-select-dropdown:visible:not([class*="-leave"])').count()) await page.getByTestId('office-records-part').click();
        await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0, { timeout: 2_000 });
        await page.getByTestId('office-records-part').click();
        await page.locator('.ant-select-dropdown:visible:not([class*="-leave"]) .ant-select-item-option', { hasText: part }).first().click();
        await expect(page.getByTestId('office-records-part')).toContainText(part, { timeout: 2_000 });
      }).toPass({ timeout: 20_000 });
      await settled(page, '.ant-drawer');
      const found = await drawer.evaluate((el) => (globalThis as unknown as Scan).__cjkOf(el));
      if (found.length) cjk[part] = found;
    }
    await expect(headers).toContainText(['Year', 'Instruments', 'Effective hours']);
    const dropdowns = await chineseInDropdowns(page, '.ant-drawer');
    if (dropdowns.length) cjk['drop-downs'] = dropdowns;
    expect(cjk).toEqual({});
    await drawer.locator('.ant-drawer-close').click();
    await expect(drawer).toBeHidden();
    await page.getByRole('button', { name: 'language' }).click();
    await expect(page.getByTestId('office-labs')).toContainText('指纹');

    await page.getByTestId('tab-evaluation').click();
    for (const id of ['eval-from', 'eval-to']) {
      await page.getByTestId(id).fill('2025');
      await page.getByTestId(id).press('Tab');
    }
    await expect(page.getByTestId('eval-fig-useOutcomes-effectiveHours')).toContainText('9');
    await expect(page.getByTestId('eval-fig-openRate-instrumentYears')).toContainText('3');
    await expect(page.getByTestId('eval-fig-useOutcomes-usageRecords')).toContainText('3');

    // One report for the unit, from both labs' data.
    const download = page.waitForEvent('download');
    await page.getByTestId('eval-xlsx').click();
    const report = info.outputPath('report.xlsx');
    await (await download).saveAs(report);
    const wb = XLSX.read(fs.readFileSync(report));
    const cells = wb.SheetNames.flatMap((n) => XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[n], { header: 1 }).flat().map(String));
    expect(cells.some((c) => c.includes('分析测试中心'))).toBe(true);
    expect(cells.some((c) => c.includes('材料实验室'))).toBe(true);
    // The same report as PDF (with its charts), the charts on the page, and the comparison across labs as a workbook.
    await expect(page.getByTestId('eval-chart-labs')).toBeVisible();
    const pdfDownload = page.waitForEvent('download');
    await page.getByTestId('eval-pdf').click();
    const pdf = info.outputPath('report.pdf');
    await (await pdfDownload).saveAs(pdf);
    const pdfBytes = fs.readFileSync(pdf);
    expect(pdfBytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdfBytes.length).toBeGreaterThan(20_000);
    const cmpDownload = page.waitForEvent('download');
    await page.getByTestId('eval-cmp').click();
    const cmp = info.outputPath('comparison.xlsx');
    await (await cmpDownload).saveAs(cmp);
    const cwb = XLSX.read(fs.readFileSync(cmp));
    const ccells = cwb.SheetNames.flatMap((n) => XLSX.utils.sheet_to_json<unknown[]>(cwb.Sheets[n], { header: 1 }).flat().map(String));
    expect(ccells).toContain('分析测试中心');
    expect(ccells).toContain('材料实验室');
    const figures = await deskApi<{ indicators: { id: string; figures: { key: string; value: number | null }[] }[] }>(desk, 'evaluation:compute', { fromYear: 2025, toYear: 2025 });
    const fig = (ind: string, key: string) => figures.indicators.find((i) => i.id === ind)?.figures.find((f) => f.key === key)?.value;
    expect(fig('useOutcomes', 'effectiveHours')).toBe(9);
    // The Beijing subsidy view beside it, over the labs' data: their open-instrument value together.
    const labSubsidies = await Promise.all([a, b].map((s) => deskApi<{ openValueFen: number; openInstrumentCount: number }>(s, 'assessment:subsidy', { year: 2025 })));
    const officeSubsidy = await deskApi<{ openValueFen: number; openInstrumentCount: number }>(desk, 'evaluation:subsidy', { year: 2025 });
    expect(officeSubsidy.openValueFen).toBe(labSubsidies[0].openValueFen + labSubsidies[1].openValueFen);
    expect(officeSubsidy.openInstrumentCount).toBe(labSubsidies[0].openInstrumentCount + labSubsidies[1].openInstrumentCount);
    await expect(page.getByTestId('office-subsidy')).toBeVisible();
    await expect(page.getByTestId('office-subsidy-count')).toHaveText(String(officeSubsidy.openInstrumentCount));
    expect(fig('openRate', 'instrumentYears')).toBe(3);
  } finally {
    for (const s of started) {
      s.proc.kill('SIGTERM');
      fs.rmSync(s.server.dataDir, { recursive: true, force: true });
    }
  }
});
