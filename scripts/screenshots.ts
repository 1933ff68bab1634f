// Screenshots for the README: starts browser mode on a demo database, fills it through the same
// API the UI uses, and captures each page. `npm run build && npx tsx scripts/screenshots.ts`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';

const OUT = path.join(__dirname, '..', 'resources', 'screenshots');
const TODAY = '2025-06-16';

async function main() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-shots-'));
  const proc = spawn(process.execPath, ['dist/server/browser-server.js', '--port', '0', '--data-dir', dataDir, '--today', TODAY]);
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /OIVD_READY (\{.*\})/.exec(out);
      if (m) resolve((JSON.parse(m[1]) as { url: string }).url);
    });
    proc.on('exit', (code) => reject(new Error(`server exited ${code}`)));
  });
  const origin = new URL(url).origin;
  const token = /token=([0-9a-f]+)/.exec(url)![1];
  const api = async <T>(channel: string, input: unknown): Promise<T> => {
    const res = await fetch(`${origin}/api/${channel}`, { method: 'POST', headers: { 'x-desk-token': token, 'content-type': 'application/json' }, body: JSON.stringify(input) });
    const body = (await res.json()) as { ok: boolean; value: T; error?: { message: string } };
    if (!body.ok) throw new Error(`${channel}: ${body.error?.message}`);
    return body.value;
  };

  const sample = fs.readFileSync(path.join(__dirname, '..', 'resources', 'samples', 'instruments-sample.xlsx')).toString('base64');
  const mapping = (await api<{ suggestedMapping: Record<string, string | null> }>('catalog:importParse', { fileName: 'sample.xlsx', dataBase64: sample })).suggestedMapping;
  await api('catalog:importCommit', { fileName: 'sample.xlsx', dataBase64: sample, mapping, acceptValidRows: true });
  const instruments = (await api<{ rows: { id: number; nameCn: string }[] }>('catalog:list', {})).rows;
  const applicant = await api<{ id: number }>('applicants:create', { kind: 'enterprise', name: '北京新材科技有限公司', registeredDate: '2022-03-01', staffCount: 85, field: '新材料' });
  const voucher = await api<{ id: number }>('vouchers:claim', { number: 'BJ2025-0012', applicantId: applicant.id, faceValueFen: 5_000_000, claimDate: '2025-06-03', registeredDate: '2025-06-05' });
  await api('vouchers:claim', { number: 'BJ2025-0013', applicantId: applicant.id, faceValueFen: 3_000_000, claimDate: '2025-06-10' });
  const contract = await api<{ id: number }>('contracts:create', {
    number: 'HT-2025-031', applicantId: applicant.id, title: '新型合金微观形貌与物相分析', signedDate: '2025-06-05', startDate: '2025-06-05',
    endDate: '2025-06-20', amountFen: 12_000_000, actualAmountFen: 12_000_000, registrationDate: '2025-06-05',
    instrumentIds: instruments.slice(0, 3).map((i) => i.id), vouchers: [{ voucherId: voucher.id, amountFen: 5_000_000 }],
    serviceKinds: ['analysis', 'testing'],
  });
  for (const [day, from, to] of [['2025-06-16', '09:00', '11:30'], ['2025-06-17', '14:00', '17:00'], ['2025-06-18', '09:30', '12:00']]) {
    await api('bookings:create', { instrumentId: instruments[0].id, kind: 'contract', contractId: contract.id, startAt: `${day}T${from}`, endAt: `${day}T${to}`, title: '形貌观察' });
  }
  await api('bookings:create', { instrumentId: instruments[0].id, kind: 'maintenance', startAt: '2025-06-19T08:00', endAt: '2025-06-19T12:00', title: '季度维护' });
  await api('bookings:create', { instrumentId: instruments[0].id, kind: 'internal', startAt: '2025-06-16T14:00', endAt: '2025-06-16T16:00', title: '课题组测试' });

  // Half a year of use so the assessment has figures: weekdays, one or two sessions a day.
  const units = ['北京新材科技有限公司', '中关村智能装备公司', '本校化学学院', '本校材料学院'];
  for (let m = 1; m <= 5; m++) {
    for (let d = 2; d <= 27; d += 1) {
      const date = `2025-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
      if (dow === 0 || dow === 6) continue;
      for (const [k, inst] of instruments.entries()) {
        if ((d + k * 3 + m) % 4 === 0) continue;
        const start = 8 + ((d + k) % 4) * 2;
        const unit = units[(d + k + m) % units.length];
        await api('usage:create', {
          instrumentId: inst.id, startAt: `${date}T${String(start).padStart(2, '0')}:00`, endAt: `${date}T${String(start + 1 + (k % 3)).padStart(2, '0')}:30`,
          operator: '张工', external: !unit.startsWith('本校'), userUnit: unit, userName: '测试员', amountFen: unit.startsWith('本校') ? 0 : 80_000, satisfaction: 5,
        });
      }
    }
  }

  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  const page = await browser.newPage({ viewport: { width: 1400, height: 820 }, locale: 'zh-CN' });
  await page.goto(url);
  fs.mkdirSync(OUT, { recursive: true });
  for (const [menu, file] of [['仪器目录', 'catalog'], ['到期提醒', 'dashboard'], ['服务合同', 'contracts'], ['预约日历', 'calendar'], ['年度考核', 'assessment']]) {
    await page.getByRole('menuitem', { name: menu }).click();
    await page.waitForTimeout(800);
    if (file === 'dashboard') await page.getByTestId('due-window').getByText('60 天').click();
    if (file === 'assessment') {
      await page.getByTestId('assessment-year').click();
      await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: '2025' }).click();
    }
    await page.waitForTimeout(1200);
    await page.screenshot({ path: path.join(OUT, `${file}.png`) });
    console.log(`wrote resources/screenshots/${file}.png`);
  }
  await browser.close();
  proc.kill();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

main().catch((e) => { console.error(e); process.exit(1); });
