// A Shanghai desk's orders list fits a laptop like the other lists: on 1280×720 and 1400×900 the
// order number stays on the left and its state on the right, the horizontal scrollbar is drawn, and
// keyboard focus on a row keeps the number in view. (A file of its own: the desk's day is the file's.)
import { test } from './fixtures';
import { deskApi } from './helpers';
import { checkList } from './list-checks';

// A day the Shanghai profile (from 2025-09-01) is in force.
test.use({ deskToday: '2025-11-03' });

for (const vp of [{ width: 1280, height: 720 }, { width: 1400, height: 900 }]) {
  test(`the orders list keeps the order number and its state on a ${vp.width}×${vp.height} screen`, async ({ page, desk, openDesk }) => {
    test.setTimeout(120_000);
    await page.setViewportSize(vp);
    await deskApi(desk, 'settings:set', { region: 'shanghai' });
    await deskApi(desk, 'products:save', { id: null, fields: { code: 'P-XRD', name: '物相分析检测', serviceKind: 'inspection', itemCategory: '检验检测/物相分析' } });
    const firm = await deskApi<{ id: number }>(desk, 'applicants:create', {
      kind: 'enterprise', name: '上海微纳检测科技有限公司', region: 'shanghai', smeListed: true, smeListedYear: 2025, smeValidFrom: '2025-01-01', smeValidTo: '2025-12-31',
    });
    const product = (await deskApi<{ id: number }[]>(desk, 'products:list', {}))[0];
    await deskApi(desk, 'orders:create', {
      number: 'SH-LAPTOP-01', applicantId: firm.id, productId: product.id, orderDate: '2025-10-10', totalFen: 1_000_000, voucherFen: 400_000, payoutParty: 'institution',
    });
    await openDesk(page);
    await checkList(page, { page: '上海订单', table: 'orders-table', row: 'SH-LAPTOP-01', identity: ['订单编号'], kept: ['状态'], focus: 'row' }, vp);
  });
}
