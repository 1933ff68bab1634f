// Price groups on temp SQLite desks: creating and renaming a group, a taken name refused with
// nothing written, and an applicant's group deciding the price of the lines generated after it is set.
import { describe, expect, it } from 'vitest';
import { handlers } from '../../electron/handlers';
import { invoke } from '../../electron/handlers/invoke';
import { contractCharges, refreshCharges } from '../../electron/services/money/charges';
import { addRateVersion, listPriceGroups, priceGroupOfApplicant, savePriceGroup, saveRateItem, setApplicantGroup } from '../../electron/services/money/rates';
import { rateVersionFieldsSchema } from '../../shared/ipc/money';
import { describeError } from '../../renderer/src/i18n-errors';
import { contentHash, tempCoreEach } from '../helpers/db';
import { failure } from '../helpers/failure';
import { ENTERPRISE, INTERNAL } from '../helpers/money';
import { insertContract } from '../redemption/fixtures';

const core = tempCoreEach();

describe('price groups', () => {
  it('creates a group after the three of the desk, audited, and lists it in sort order', () => {
    const g = savePriceGroup(core.ctx, null, { name: '合作单位', nameEn: 'Partners', sortOrder: 4 });
    expect(g).toMatchObject({ name: '合作单位', nameEn: 'Partners', sortOrder: 4, isDefault: false });
    expect(listPriceGroups(core.ctx).map((x) => x.name)).toEqual(['校内', '校外高校及科研院所', '企业', '合作单位']);
    expect(core.db.prepare("SELECT action FROM audit_log WHERE entity = 'price_group' AND entity_id = ?").pluck().all(String(g.id))).toEqual(['create']);
  });

  it('renames a group, keeping its id and the default flag', () => {
    const g = savePriceGroup(core.ctx, ENTERPRISE, { name: '企业（含个体工商户）', nameEn: 'Enterprises', sortOrder: 3 });
    expect(g).toMatchObject({ id: ENTERPRISE, name: '企业（含个体工商户）', isDefault: true });
    expect(listPriceGroups(core.ctx)).toHaveLength(3);
    // Saving a group under its own name is no conflict.
    expect(savePriceGroup(core.ctx, ENTERPRISE, { name: '企业（含个体工商户）', nameEn: 'Companies', sortOrder: 3 }).nameEn).toBe('Companies');
  });

  it('refuses a new group or a rename to a taken name on the name field, and writes nothing', async () => {
    const before = contentHash(core);
    const created = await invoke(handlers, core.ctx, 'money:priceGroupSave', { id: null, fields: { name: '校内', nameEn: 'Campus', sortOrder: 9 } });
    expect(created).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'priceGroup.nameUnique', field: 'name', params: { name: '校内' } } });
    const renamed = await invoke(handlers, core.ctx, 'money:priceGroupSave', { id: ENTERPRISE, fields: { name: '校内', nameEn: 'Enterprises', sortOrder: 3 } });
    expect(renamed).toMatchObject({ ok: false, error: { code: 'CONFLICT', reason: 'priceGroup.nameUnique', field: 'name' } });
    expect(failure(() => savePriceGroup(core.ctx, 99, { name: '无此类别', nameEn: '', sortOrder: 1 })).error)
      .toMatchObject({ code: 'NOT_FOUND', reason: 'priceGroup.notFound', params: { id: 99 } });
    const empty = await invoke(handlers, core.ctx, 'money:priceGroupSave', { id: null, fields: { name: '', nameEn: '', sortOrder: 1 } });
    expect(empty).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    expect(contentHash(core)).toBe(before);
    expect(listPriceGroups(core.ctx).map((x) => x.name)).toEqual(['校内', '校外高校及科研院所', '企业']);
  });
});

describe('an applicant’s price group', () => {
  /** 上机 at 200元/h on campus and 400元/h for enterprises, 30-minute increments, from 2025. */
  function hourRate(instrumentId: number) {
    const item = saveRateItem(core.ctx, null, { instrumentId, name: '上机', unit: 'hour', billsUsage: true });
    addRateVersion(core.ctx, item.id, rateVersionFieldsSchema.parse({
      effectiveFrom: '2025-01-01', incrementMinutes: 30,
      prices: [{ priceGroupId: INTERNAL, unitPriceFen: 20_000 }, { priceGroupId: ENTERPRISE, unitPriceFen: 40_000 }],
    }));
  }

  it('prices lines generated after it is set at the group’s price and leaves lines already generated as they were', async () => {
    // 3.5 h on 05-10 and 4 h on 06-02.
    const { contractId, applicantId, instrumentId } = insertContract(core.db, { vouchersFen: [] });
    hourRate(instrumentId);
    expect(priceGroupOfApplicant(core.ctx, applicantId).id).toBe(ENTERPRISE);
    refreshCharges(core.ctx, { contractId });
    expect(contractCharges(core.ctx, { contractId }).lines.map((l) => l.unitPriceFen)).toEqual([40_000, 40_000]);

    expect(await invoke(handlers, core.ctx, 'money:setApplicantGroup', { applicantId, priceGroupId: INTERNAL }))
      .toEqual({ ok: true, value: { applicantId, priceGroupId: INTERNAL } });
    expect(core.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'applicant' AND action = 'update' AND entity_id = ?").pluck().get(String(applicantId))).toBe(1);
    // A new record of 2 h on 06-05, logged after the change.
    core.db.prepare(`INSERT INTO usage_logs(instrument_id, contract_id, start_at, end_at, operator, external, service_way, direction, content, amount_fen,
      user_name, user_unit, satisfaction, created_at) VALUES (?, ?, '2025-06-05T09:00', '2025-06-05T11:00', '张工', 1, '委托', '科技开发', '形貌观察', 0, '', '', 5, '')`)
      .run(instrumentId, contractId);
    expect(refreshCharges(core.ctx, { contractId })).toMatchObject({ created: 1, updated: 0, unchanged: 2 });
    const c = contractCharges(core.ctx, { contractId });
    expect(c.priceGroup).toMatchObject({ id: INTERNAL, name: '校内' });
    expect(c.lines.map((l) => [l.serviceDate, l.unitPriceFen, l.amountFen])).toEqual([
      ['2025-05-10', 40_000, 140_000], ['2025-06-02', 40_000, 160_000], ['2025-06-05', 20_000, 40_000],
    ]);
    expect(core.db.prepare("SELECT price_group_id FROM charges WHERE service_date = '2025-06-05'").pluck().get()).toBe(INTERNAL);
    // A record whose time is changed is priced again, at the applicant's group now.
    core.db.prepare("UPDATE usage_logs SET end_at = '2025-05-10T10:00' WHERE contract_id = ? AND start_at = '2025-05-10T09:00'").run(contractId);
    expect(refreshCharges(core.ctx, { contractId })).toMatchObject({ updated: 1, unchanged: 2 });
    expect(contractCharges(core.ctx, { contractId }).lines[0]).toMatchObject({ unitPriceFen: 20_000, amountFen: 20_000 });
  });

  it('shows the group set and the group charged, and goes back to the default group when cleared', async () => {
    const { applicantId } = insertContract(core.db, { vouchersFen: [] });
    const shown = () => invoke(handlers, core.ctx, 'money:applicantGroup', { applicantId });
    expect(await shown()).toMatchObject({ ok: true, value: { applicantId, priceGroupId: null, effective: { id: ENTERPRISE, name: '企业', nameEn: 'Enterprises', isDefault: true } } });
    setApplicantGroup(core.ctx, applicantId, INTERNAL);
    expect(priceGroupOfApplicant(core.ctx, applicantId).id).toBe(INTERNAL);
    expect(await shown()).toMatchObject({ ok: true, value: { priceGroupId: INTERNAL, effective: { id: INTERNAL, name: '校内', nameEn: 'On campus' } } });
    setApplicantGroup(core.ctx, applicantId, null);
    expect(priceGroupOfApplicant(core.ctx, applicantId)).toMatchObject({ id: ENTERPRISE, isDefault: true });
    expect(await shown()).toMatchObject({ ok: true, value: { priceGroupId: null, effective: { id: ENTERPRISE } } });
    expect(await invoke(handlers, core.ctx, 'money:applicantGroup', { applicantId: 9999 }))
      .toMatchObject({ ok: false, error: { code: 'NOT_FOUND', reason: 'applicant.notFound', field: 'applicantId' } });
  });

  it('refuses an unknown group or applicant on its field, and writes nothing', async () => {
    const { applicantId } = insertContract(core.db, { vouchersFen: [] });
    const before = contentHash(core);
    const unknown = await invoke(handlers, core.ctx, 'money:setApplicantGroup', { applicantId, priceGroupId: 99 });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'VALIDATION', reason: 'priceGroup.notFound', field: 'priceGroupId', params: { id: 99 } } });
    // The drawer words the code on its 价格组 field, in either language.
    if (unknown.ok) throw new Error('expected a refusal');
    expect(describeError(unknown.error, 'zh', { priceGroupId: '价格组' })).toContain('价格类别 99 不存在');
    expect(describeError(unknown.error, 'en', { priceGroupId: 'Price group' })).toContain('Price group 99 does not exist');
    expect(await invoke(handlers, core.ctx, 'money:setApplicantGroup', { applicantId: 9999, priceGroupId: INTERNAL }))
      .toMatchObject({ ok: false, error: { code: 'NOT_FOUND', reason: 'applicant.notFound', field: 'applicantId' } });
    expect(contentHash(core)).toBe(before);
  });
});
