// Price groups and rate tables: items (an instrument's time or a service item) with versions
// effective from a date, each carrying a unit price per price group. A version already used by a
// charge line is never edited: a new rate is a new version, so past charges keep their price.
import type { PriceGroup, RateItem, RateItemFields, RateVersion, RateVersionFields } from '../../../shared/ipc/money';
import { CHARGE_UNIT_LABELS, versionOn, type ChargeUnit, type RateTerms } from '../../../shared/money/rates';
import { formatYuan } from '../../../shared/rules';
import { refuse } from '../../../shared/result';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { stmt } from '../bookings/statements';

type Ctx = Pick<ServiceContext, 'db'>;

export function listPriceGroups(ctx: Ctx): PriceGroup[] {
  const rows = stmt(ctx.db, `SELECT id, name, name_en AS nameEn, sort_order AS sortOrder, is_default AS isDefault
    FROM price_groups ORDER BY sort_order, id`).all() as (Omit<PriceGroup, 'isDefault'> & { isDefault: number })[];
  return rows.map((r) => ({ ...r, isDefault: r.isDefault === 1 }));
}

export function savePriceGroup(ctx: ServiceContext, id: number | null, f: { name: string; nameEn: string; sortOrder: number }): PriceGroup {
  return ctx.db.transaction(() => {
    const other = ctx.db.prepare('SELECT id FROM price_groups WHERE name = ?').pluck().get(f.name) as number | undefined;
    if (other !== undefined && other !== id) refuse('CONFLICT', 'priceGroup.nameUnique', { field: 'name', rule: 'priceGroup.nameUnique', params: { name: f.name } });
    let groupId = id;
    if (groupId === null) {
      groupId = Number(ctx.db.prepare('INSERT INTO price_groups(name, name_en, sort_order, created_at) VALUES (?, ?, ?, ?)')
        .run(f.name, f.nameEn, f.sortOrder, ctx.now().toISOString()).lastInsertRowid);
    } else if (ctx.db.prepare('UPDATE price_groups SET name = ?, name_en = ?, sort_order = ? WHERE id = ?').run(f.name, f.nameEn, f.sortOrder, groupId).changes === 0) {
      refuse('NOT_FOUND', 'priceGroup.notFound', { field: 'id', params: { id: groupId } });
    }
    audit(ctx, id === null ? 'create' : 'update', 'price_group', groupId, f);
    return listPriceGroups(ctx).find((g) => g.id === groupId)!;
  })();
}

/** The applicant's price group, or the default group (企业) when none is set. */
export function priceGroupOfApplicant(ctx: Ctx, applicantId: number): PriceGroup {
  const groups = listPriceGroups(ctx);
  const set = stmt(ctx.db, 'SELECT price_group_id FROM applicants WHERE id = ?').pluck().get(applicantId) as number | null | undefined;
  return groups.find((g) => g.id === set) ?? groups.find((g) => g.isDefault) ?? groups[0];
}

/** The group set on an applicant (null: none set) and the group its charges are priced at. */
export function applicantGroup(ctx: Ctx, applicantId: number): { applicantId: number; priceGroupId: number | null; effective: PriceGroup } {
  const set = stmt(ctx.db, 'SELECT price_group_id FROM applicants WHERE id = ?').pluck().get(applicantId) as number | null | undefined;
  if (set === undefined) refuse('NOT_FOUND', 'applicant.notFound', { field: 'applicantId', params: { id: applicantId } });
  return { applicantId, priceGroupId: set, effective: priceGroupOfApplicant(ctx, applicantId) };
}

export function setApplicantGroup(ctx: ServiceContext, applicantId: number, priceGroupId: number | null): { applicantId: number; priceGroupId: number | null } {
  return ctx.db.transaction(() => {
    if (priceGroupId !== null && !ctx.db.prepare('SELECT 1 FROM price_groups WHERE id = ?').get(priceGroupId)) {
      refuse('VALIDATION', 'priceGroup.notFound', { field: 'priceGroupId', params: { id: priceGroupId } });
    }
    const before = stmt(ctx.db, 'SELECT price_group_id FROM applicants WHERE id = ?').pluck().get(applicantId);
    if (before === undefined) refuse('NOT_FOUND', 'applicant.notFound', { field: 'applicantId', params: { id: applicantId } });
    ctx.db.prepare('UPDATE applicants SET price_group_id = ? WHERE id = ?').run(priceGroupId, applicantId);
    audit(ctx, 'update', 'applicant', applicantId, { priceGroupId: { before, after: priceGroupId } });
    return { applicantId, priceGroupId };
  })();
}

interface ItemRow { id: number; instrumentId: number | null; name: string; unit: ChargeUnit; billsUsage: number; retiredAt: string | null; instrumentName: string | null; instrumentInnerId: string | null }
interface VersionRow { id: number; itemId: number; effectiveFrom: string; effectiveTo: string | null; incrementMinutes: number | null; minimumFen: number; setupFeeFen: number; note: string; usedBy: number }

const ITEM_SELECT = `SELECT r.id, r.instrument_id AS instrumentId, r.name, r.unit, r.bills_usage AS billsUsage, r.retired_at AS retiredAt,
  i.name_cn AS instrumentName, i.inner_id AS instrumentInnerId FROM rate_items r LEFT JOIN instruments i ON i.id = r.instrument_id`;

function versionsOf(ctx: Ctx, itemIds: number[]): Map<number, RateVersion[]> {
  const out = new Map<number, RateVersion[]>();
  if (itemIds.length === 0) return out;
  const marks = itemIds.map(() => '?').join(',');
  const versions = ctx.db.prepare(`SELECT v.id, v.item_id AS itemId, v.effective_from AS effectiveFrom, v.effective_to AS effectiveTo,
      v.increment_minutes AS incrementMinutes, v.minimum_fen AS minimumFen, v.setup_fee_fen AS setupFeeFen, v.note,
      (SELECT count(*) FROM charges c WHERE c.rate_version_id = v.id) + (SELECT count(*) FROM quote_lines q WHERE q.rate_version_id = v.id) AS usedBy
    FROM rate_versions v WHERE v.item_id IN (${marks}) ORDER BY v.item_id, v.effective_from`).all(...itemIds) as VersionRow[];
  const prices = ctx.db.prepare(`SELECT p.version_id AS versionId, p.price_group_id AS priceGroupId, p.unit_price_fen AS unitPriceFen
    FROM rate_prices p JOIN rate_versions v ON v.id = p.version_id JOIN price_groups g ON g.id = p.price_group_id
    WHERE v.item_id IN (${marks}) ORDER BY g.sort_order, g.id`).all(...itemIds) as { versionId: number; priceGroupId: number; unitPriceFen: number }[];
  const byVersion = new Map<number, { priceGroupId: number; unitPriceFen: number }[]>();
  for (const p of prices) {
    const list = byVersion.get(p.versionId) ?? [];
    list.push({ priceGroupId: p.priceGroupId, unitPriceFen: p.unitPriceFen });
    byVersion.set(p.versionId, list);
  }
  for (const v of versions) {
    const list = out.get(v.itemId) ?? [];
    list.push({ ...v, prices: byVersion.get(v.id) ?? [] });
    out.set(v.itemId, list);
  }
  return out;
}

function toItems(ctx: Ctx, rows: ItemRow[]): RateItem[] {
  const versions = versionsOf(ctx, rows.map((r) => r.id));
  return rows.map((r) => ({ ...r, billsUsage: r.billsUsage === 1, versions: versions.get(r.id) ?? [] }));
}

export function listRates(ctx: Ctx, instrumentId?: number | null): RateItem[] {
  const where = instrumentId === undefined ? '' : instrumentId === null ? 'WHERE r.instrument_id IS NULL' : 'WHERE r.instrument_id = ?';
  const rows = ctx.db.prepare(`${ITEM_SELECT} ${where} ORDER BY r.instrument_id IS NOT NULL, i.inner_id, r.name`)
    .all(...(instrumentId ? [instrumentId] : [])) as ItemRow[];
  return toItems(ctx, rows);
}

export function getRateItem(ctx: Ctx, id: number): RateItem {
  const row = ctx.db.prepare(`${ITEM_SELECT} WHERE r.id = ?`).get(id) as ItemRow | undefined;
  if (!row) refuse('NOT_FOUND', 'rate.itemNotFound', { field: 'itemId', params: { id } });
  return toItems(ctx, [row])[0];
}

export function saveRateItem(ctx: ServiceContext, id: number | null, f: RateItemFields): RateItem {
  return ctx.db.transaction(() => {
    if (f.instrumentId !== null && !ctx.db.prepare('SELECT 1 FROM instruments WHERE id = ?').get(f.instrumentId)) {
      refuse('VALIDATION', 'instrument.notFound', { field: 'instrumentId', params: { id: f.instrumentId } });
    }
    // A usage record holds a time span, not a core count: only an hourly item is priced from it.
    // Core-hours come as lines with their quantity typed (the scheduler's accounting).
    if (f.billsUsage && (f.instrumentId === null || f.unit !== 'hour')) {
      refuse('VALIDATION', 'rate.usageItemHourly', { field: 'billsUsage', rule: 'rate.usageItemHourly' });
    }
    const sameName = ctx.db.prepare('SELECT id FROM rate_items WHERE coalesce(instrument_id, 0) = coalesce(?, 0) AND name = ?').pluck().get(f.instrumentId, f.name) as number | undefined;
    if (sameName !== undefined && sameName !== id) refuse('CONFLICT', 'rate.itemNameUnique', { field: 'name', rule: 'rate.itemNameUnique', params: { name: f.name } });
    if (f.billsUsage) {
      const other = ctx.db.prepare('SELECT id FROM rate_items WHERE instrument_id = ? AND bills_usage = 1 AND retired_at IS NULL').pluck().get(f.instrumentId) as number | undefined;
      if (other !== undefined && other !== id) refuse('CONFLICT', 'rate.oneUsageItem', { field: 'billsUsage', rule: 'rate.oneUsageItem' });
    }
    let itemId = id;
    if (itemId === null) {
      itemId = Number(ctx.db.prepare('INSERT INTO rate_items(instrument_id, name, unit, bills_usage, created_at) VALUES (?, ?, ?, ?, ?)')
        .run(f.instrumentId, f.name, f.unit, f.billsUsage ? 1 : 0, ctx.now().toISOString()).lastInsertRowid);
    } else {
      const before = getRateItem(ctx, itemId);
      if (before.unit !== f.unit && before.versions.some((v) => v.usedBy > 0)) {
        refuse('CONFLICT', 'rate.unitUsed', { field: 'unit', rule: 'rate.unitUsed' });
      }
      ctx.db.prepare('UPDATE rate_items SET instrument_id = ?, name = ?, unit = ?, bills_usage = ? WHERE id = ?')
        .run(f.instrumentId, f.name, f.unit, f.billsUsage ? 1 : 0, itemId);
    }
    audit(ctx, id === null ? 'create' : 'update', 'rate_item', itemId, f);
    return getRateItem(ctx, itemId);
  })();
}

function checkVersion(ctx: Ctx, item: RateItem, f: RateVersionFields): void {
  const timed = item.unit === 'hour' || item.unit === 'core_hour';
  if (timed && f.incrementMinutes === null) {
    refuse('VALIDATION', 'rate.incrementRequired', { field: 'incrementMinutes', rule: 'rate.incrementRequired' });
  }
  if (!timed && f.incrementMinutes !== null) {
    refuse('VALIDATION', 'rate.incrementHourOnly', { field: 'incrementMinutes', rule: 'rate.incrementHourOnly' });
  }
  if (f.effectiveTo !== null && f.effectiveTo < f.effectiveFrom) {
    refuse('VALIDATION', 'rate.endsBeforeStart', { field: 'effectiveTo' });
  }
  const groups = new Set(listPriceGroups(ctx).map((g) => g.id));
  const seen = new Set<number>();
  f.prices.forEach((p, i) => {
    if (!groups.has(p.priceGroupId)) refuse('VALIDATION', 'priceGroup.notFound', { field: `prices.${i}.priceGroupId`, params: { id: p.priceGroupId } });
    if (seen.has(p.priceGroupId)) refuse('VALIDATION', 'rate.groupTwice', { field: `prices.${i}.priceGroupId` });
    seen.add(p.priceGroupId);
  });
}

function writePrices(ctx: Ctx, versionId: number, f: RateVersionFields): void {
  ctx.db.prepare('DELETE FROM rate_prices WHERE version_id = ?').run(versionId);
  const add = ctx.db.prepare('INSERT INTO rate_prices(version_id, price_group_id, unit_price_fen) VALUES (?, ?, ?)');
  for (const p of f.prices) add.run(versionId, p.priceGroupId, p.unitPriceFen);
}

export function addRateVersion(ctx: ServiceContext, itemId: number, f: RateVersionFields): RateItem {
  return ctx.db.transaction(() => {
    const item = getRateItem(ctx, itemId);
    checkVersion(ctx, item, f);
    if (item.versions.some((v) => v.effectiveFrom === f.effectiveFrom)) {
      refuse('CONFLICT', 'rate.versionDateUnique', { field: 'effectiveFrom', rule: 'rate.versionDateUnique', params: { date: f.effectiveFrom } });
    }
    const versionId = Number(ctx.db.prepare(`INSERT INTO rate_versions(item_id, effective_from, effective_to, increment_minutes, minimum_fen,
        setup_fee_fen, note, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(itemId, f.effectiveFrom, f.effectiveTo, f.incrementMinutes, f.minimumFen, f.setupFeeFen, f.note, ctx.now().toISOString()).lastInsertRowid);
    writePrices(ctx, versionId, f);
    audit(ctx, 'create', 'rate_version', versionId, { itemId, ...f });
    return getRateItem(ctx, itemId);
  })();
}

export function updateRateVersion(ctx: ServiceContext, versionId: number, f: RateVersionFields): RateItem {
  return ctx.db.transaction(() => {
    const itemId = ctx.db.prepare('SELECT item_id FROM rate_versions WHERE id = ?').pluck().get(versionId) as number | undefined;
    if (itemId === undefined) refuse('NOT_FOUND', 'rate.versionNotFound', { field: 'versionId', params: { id: versionId } });
    const item = getRateItem(ctx, itemId);
    const before = item.versions.find((v) => v.id === versionId)!;
    if (before.usedBy > 0) {
      refuse('CONFLICT', 'rate.versionUsed', { field: 'effectiveFrom', rule: 'rate.versionUsed', params: { count: before.usedBy } });
    }
    checkVersion(ctx, item, f);
    if (item.versions.some((v) => v.id !== versionId && v.effectiveFrom === f.effectiveFrom)) {
      refuse('CONFLICT', 'rate.versionDateUnique', { field: 'effectiveFrom', rule: 'rate.versionDateUnique', params: { date: f.effectiveFrom } });
    }
    ctx.db.prepare(`UPDATE rate_versions SET effective_from = ?, effective_to = ?, increment_minutes = ?, minimum_fen = ?, setup_fee_fen = ?,
      note = ? WHERE id = ?`).run(f.effectiveFrom, f.effectiveTo, f.incrementMinutes, f.minimumFen, f.setupFeeFen, f.note, versionId);
    writePrices(ctx, versionId, f);
    audit(ctx, 'update', 'rate_version', versionId, { before, after: f });
    return getRateItem(ctx, itemId);
  })();
}

/** What pricing reads of a version: its dates, terms and prices (not how often it was used). */
export type PricingVersion = Pick<RateVersion, 'id' | 'effectiveFrom' | 'effectiveTo' | 'incrementMinutes' | 'minimumFen' | 'setupFeeFen' | 'prices'>;

/** A rate item that bills usage, as pricing reads it. */
export interface UsageRate { id: number; instrumentId: number; name: string; unit: ChargeUnit; versions: PricingVersion[] }

/**
 * The live usage rate item of each of some instruments with its versions and prices, in three
 * indexed reads. Unlike listRates it counts no uses of the versions: that count reads every charge
 * line of the desk, and pricing does not need it.
 */
export function usageRatesOf(ctx: Ctx, instrumentIds: readonly number[]): Map<number, UsageRate> {
  const book = new Map<number, UsageRate>();
  if (instrumentIds.length === 0) return book;
  const items = ctx.db.prepare(`SELECT id, instrument_id AS instrumentId, name, unit FROM rate_items WHERE bills_usage = 1 AND retired_at IS NULL
    AND instrument_id IN (${instrumentIds.map(() => '?').join(',')})`).all(...instrumentIds) as Omit<UsageRate, 'versions'>[];
  if (items.length === 0) return book;
  const marks = items.map(() => '?').join(',');
  const ids = items.map((i) => i.id);
  const versions = ctx.db.prepare(`SELECT id, item_id AS itemId, effective_from AS effectiveFrom, effective_to AS effectiveTo,
      increment_minutes AS incrementMinutes, minimum_fen AS minimumFen, setup_fee_fen AS setupFeeFen
    FROM rate_versions WHERE item_id IN (${marks}) ORDER BY item_id, effective_from`).all(...ids) as (Omit<PricingVersion, 'prices'> & { itemId: number })[];
  const prices = ctx.db.prepare(`SELECT p.version_id AS versionId, p.price_group_id AS priceGroupId, p.unit_price_fen AS unitPriceFen
    FROM rate_prices p JOIN rate_versions v ON v.id = p.version_id WHERE v.item_id IN (${marks})`).all(...ids) as { versionId: number; priceGroupId: number; unitPriceFen: number }[];
  const byVersion = new Map<number, PricingVersion['prices']>();
  for (const p of prices) {
    const list = byVersion.get(p.versionId) ?? [];
    list.push({ priceGroupId: p.priceGroupId, unitPriceFen: p.unitPriceFen });
    byVersion.set(p.versionId, list);
  }
  const byItem = new Map(items.map((i) => [i.id, { ...i, versions: [] as PricingVersion[] }]));
  for (const { itemId, ...v } of versions) byItem.get(itemId)!.versions.push({ ...v, prices: byVersion.get(v.id) ?? [] });
  for (const item of byItem.values()) book.set(item.instrumentId, item);
  return book;
}

/** The terms of a version for one price group, or null when the version has no price for it. */
export function termsFor(v: PricingVersion, priceGroupId: number): RateTerms | null {
  const p = v.prices.find((x) => x.priceGroupId === priceGroupId);
  if (!p) return null;
  return { unitPriceFen: p.unitPriceFen, incrementMinutes: v.incrementMinutes, minimumFen: v.minimumFen, setupFeeFen: v.setupFeeFen };
}

/**
 * 参考收费标准 for the catalog and the national export, from the versions in force on `date`:
 * "上机：校内 200元/小时；企业 400元/小时（按30分钟计费，最低收费100元，开机费50元）".
 */
export function referenceFeeText(ctx: Ctx, instrumentId: number, date: string): string {
  const groups = listPriceGroups(ctx);
  const items = listRates(ctx, instrumentId).filter((i) => i.retiredAt === null);
  const parts: string[] = [];
  for (const item of items) {
    const v = versionOn(item.versions, date);
    if (!v || v.prices.length === 0) continue;
    const unit = CHARGE_UNIT_LABELS[item.unit].zh;
    const prices = v.prices.map((p) => `${groups.find((g) => g.id === p.priceGroupId)?.name ?? ''} ${formatYuan(p.unitPriceFen).replace(/\.00$/, '')}元/${unit}`);
    const terms: string[] = [];
    if (v.incrementMinutes !== null) terms.push(`按${v.incrementMinutes}分钟计费`);
    if (v.minimumFen > 0) terms.push(`最低收费${formatYuan(v.minimumFen).replace(/\.00$/, '')}元`);
    if (v.setupFeeFen > 0) terms.push(`开机费${formatYuan(v.setupFeeFen).replace(/\.00$/, '')}元`);
    parts.push(`${item.name}：${prices.join('；')}${terms.length ? `（${terms.join('，')}）` : ''}`);
  }
  return parts.join('。');
}
