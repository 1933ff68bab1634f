// 参考收费标准 of every instrument at once, from its rate table in force on a date: the same text as
// money/rates.ts referenceFeeText gives for one instrument, in two statements for the whole catalog
// (a 100,000-row export must not run a query per row).
import { CHARGE_UNIT_LABELS, type ChargeUnit } from '../../../shared/money/rates';
import { formatYuan } from '../../../shared/rules';
import type { ServiceContext } from '../context';

const yuanText = (fen: number) => formatYuan(fen).replace(/\.00$/, '');

// The version of each live instrument rate item in force on @d (the latest effective_from among
// those covering the date, as versionOn chooses).
const IN_FORCE = `SELECT r.instrument_id AS instrumentId, r.id AS itemId, r.name, r.unit, v.id AS versionId,
    v.increment_minutes AS incrementMinutes, v.minimum_fen AS minimumFen, v.setup_fee_fen AS setupFeeFen
  FROM rate_items r JOIN rate_versions v ON v.item_id = r.id
  WHERE r.instrument_id IS NOT NULL AND r.retired_at IS NULL
    AND v.effective_from = (SELECT max(v2.effective_from) FROM rate_versions v2
      WHERE v2.item_id = r.id AND v2.effective_from <= @d AND (v2.effective_to IS NULL OR v2.effective_to >= @d))`;

interface VersionRow { instrumentId: number; itemId: number; name: string; unit: ChargeUnit; versionId: number; incrementMinutes: number | null; minimumFen: number; setupFeeFen: number }

/** instrument id → its 参考收费标准 text on `date`; instruments without a priced rate are absent. */
export function referenceFeeTexts(ctx: Pick<ServiceContext, 'db'>, date: string): Map<number, string> {
  const versions = ctx.db.prepare(`${IN_FORCE} ORDER BY r.instrument_id, r.name`).all({ d: date }) as VersionRow[];
  const out = new Map<number, string>();
  if (versions.length === 0) return out;
  const prices = ctx.db.prepare(`WITH f AS (${IN_FORCE})
      SELECT p.version_id AS versionId, g.name, p.unit_price_fen AS unitPriceFen
      FROM f JOIN rate_prices p ON p.version_id = f.versionId JOIN price_groups g ON g.id = p.price_group_id
      ORDER BY p.version_id, g.sort_order, g.id`).all({ d: date }) as { versionId: number; name: string; unitPriceFen: number }[];
  const byVersion = new Map<number, { name: string; unitPriceFen: number }[]>();
  for (const p of prices) {
    const list = byVersion.get(p.versionId) ?? [];
    list.push(p);
    byVersion.set(p.versionId, list);
  }
  const parts = new Map<number, string[]>();
  for (const v of versions) {
    const ps = byVersion.get(v.versionId);
    if (!ps?.length) continue;
    const unit = CHARGE_UNIT_LABELS[v.unit].zh;
    const terms: string[] = [];
    if (v.incrementMinutes !== null) terms.push(`按${v.incrementMinutes}分钟计费`);
    if (v.minimumFen > 0) terms.push(`最低收费${yuanText(v.minimumFen)}元`);
    if (v.setupFeeFen > 0) terms.push(`开机费${yuanText(v.setupFeeFen)}元`);
    const text = `${v.name}：${ps.map((p) => `${p.name} ${yuanText(p.unitPriceFen)}元/${unit}`).join('；')}${terms.length ? `（${terms.join('，')}）` : ''}`;
    const list = parts.get(v.instrumentId) ?? [];
    list.push(text);
    parts.set(v.instrumentId, list);
  }
  for (const [id, list] of parts) out.set(id, list.join('。'));
  return out;
}
