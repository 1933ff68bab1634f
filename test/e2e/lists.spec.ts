// Lists fit a laptop: on 1280×720 and 1400×900 every wide list keeps the row's identity on the left
// and its state and actions on the right, draws its horizontal scrollbar all the time, and keyboard
// focus on a row or its last action never scrolls the identity out of view.
import path from 'node:path';
import { test, expect } from './fixtures';
import { deskApi } from './helpers';
import { checkList, type ListCase } from './list-checks';

test.use({ deskToday: '2025-06-16' });

const SAMPLE = path.join(__dirname, '..', '..', 'resources', 'samples', 'instruments-sample.xlsx');

const FIRM = {
  kind: 'enterprise', name: '北京新材科技有限公司', creditCode: '91110108551385082Q', registeredDate: '2022-03-01', staffCount: 50,
  revenueFen: 100_000_000, assetsFen: 80_000_000, fields: ['智能制造'],
};

const LISTS: ListCase[] = [
  { page: '创新券', table: 'vouchers-table', row: 'BJ2025-0720', identity: ['券号'], kept: ['所用合同', '操作'], focus: 'actions' },
  { page: '服务合同', table: 'contracts-table', row: 'HT-LAPTOP-01', identity: ['合同编号'], kept: ['状态'], focus: 'row' },
  { page: '仪器目录', table: 'catalog-table', row: 'GC-LAPTOP-01', identity: ['内部编号', '仪器名称'], kept: [], focus: 'row' },
  { page: '申领单位', table: 'applicants-table', row: FIRM.name, identity: ['名称'], kept: [], focus: 'row', fits: true },
  { page: '报价单', table: 'quote-table', row: 'BJ-Q-LAPTOP', identity: ['报价单编号'], kept: ['操作'], focus: 'actions' },
  {
    page: '兑现申请', table: 'redemption-table', row: 'HT-LAPTOP-01', identity: ['合同'], kept: [], focus: 'row',
    open: async (page) => { await page.getByTestId('redemption-view').getByText('全部合同').click(); },
  },
  {
    page: '预约日历', table: 'usage-table', row: '06-10', identity: ['时间', '仪器'], kept: [], focus: 'row',
    open: async (page) => { await page.getByTestId('calendar-mode').getByText('使用记录').click(); },
  },
];

for (const vp of [{ width: 1280, height: 720 }, { width: 1400, height: 900 }]) {
  test.describe(`on a ${vp.width}×${vp.height} screen`, () => {
    test.use({ viewport: vp });

    test('every wide list keeps identity and actions on screen, shows its scrollbar, and keyboard focus keeps the identity in view', async ({ page, desk, openDesk }) => {
      test.setTimeout(180_000);
      const a = await deskApi<{ id: number }>(desk, 'applicants:create', FIRM);
      await deskApi(desk, 'vouchers:claim', { number: 'BJ2025-0720', applicantId: a.id, faceValueFen: 5_000_000, claimDate: '2025-06-10' });
      await deskApi(desk, 'contracts:create', {
        number: 'HT-LAPTOP-01', title: '材料表征服务', applicantId: a.id, signedDate: '2025-05-01', startDate: '2025-05-01', endDate: '2025-06-10', amountFen: 10_000_000,
        serviceKinds: ['testing'],
      });
      const inst = await deskApi<{ id: number }>(desk, 'catalog:create', {
        innerId: 'GC-LAPTOP-01', nameCn: '气相色谱仪', categoryCode: '010401', originalValueFen: 60_000_000,
      });
      await deskApi(desk, 'usage:create', { instrumentId: inst.id, startAt: '2025-06-10T09:00', endAt: '2025-06-10T11:00', userName: '李工', userUnit: '某材料公司' });
      await deskApi(desk, 'money:quoteSave', { id: null, fields: {
        number: 'BJ-Q-LAPTOP', applicantId: a.id, priceGroupId: null, quoteDate: '2025-06-10', validUntil: '2025-07-10', title: '材料表征报价',
        lines: [{ rateItemId: null, description: '表征', unit: 'item', quantityMilli: 1000, unitPriceFen: 100_000 }],
      } });
      // The page's clock runs on its own, and each list's scrollbar timer is moved on rather than waited.
      await page.clock.install();
      await openDesk(page);

      // Below 1320 px the menu folds to icons, leaving the lists their width.
      const sider = (await page.getByTestId('sider').boundingBox())!;
      if (vp.width < 1320) expect(sider.width).toBeLessThan(80);
      else expect(sider.width).toBeGreaterThanOrEqual(200);

      for (const list of LISTS) await checkList(page, list, vp, { clock: true });

      // The import wizard's preview of the sheet's first rows: the row number (with its header button)
      // stays on the left, the scrollbar is drawn.
      await checkList(page, {
        page: '仪器目录', table: 'top-rows', row: '3 设为表头', identity: ['#'], kept: [], focus: 'actions',
        open: async (p) => {
          await p.getByRole('button', { name: /导\s*入/ }).click();
          await p.locator('input[type=file]').setInputFiles(SAMPLE);
          await expect(p.getByTestId('top-rows')).toBeVisible();
        },
      }, vp, { clock: true });
      await page.keyboard.press('Escape');

    });
  });
}
