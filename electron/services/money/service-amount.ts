// 服务金额 of a usage record: the amount of its charge line when it has been charged, else the
// amount typed on the record. One SQL expression (usage alias `u`) for every export and figure.
import type { ServiceContext } from '../context';

export const SERVICE_AMOUNT_SQL = 'coalesce((SELECT ch.amount_fen FROM charges ch WHERE ch.usage_id = u.id), u.amount_fen)';

/**
 * Charges not tied to a usage record (service items, consumables, adjustments) of a year, of
 * contracts matching `contractsWhere` (alias c) and orders matching `ordersWhere` (alias o).
 */
export function otherChargesFen(ctx: Pick<ServiceContext, 'db'>, firstDay: string, lastDay: string, contractsWhere = '1', params: Record<string, unknown> = {},
  ordersWhere = '1'): number {
  return Number(ctx.db.prepare(`SELECT coalesce(sum(ch.amount_fen), 0) FROM charges ch
    LEFT JOIN contracts c ON c.id = ch.contract_id LEFT JOIN orders o ON o.id = ch.order_id
    WHERE ch.usage_id IS NULL AND ch.service_date BETWEEN @firstDay AND @lastDay
      AND ((ch.contract_id IS NOT NULL AND ${contractsWhere}) OR (ch.order_id IS NOT NULL AND ${ordersWhere}))`).pluck().get({ ...params, firstDay, lastDay }));
}
