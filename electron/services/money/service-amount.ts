// 服务金额 of a usage record: the amount of its charge line when it has been charged, else the
// amount typed on the record. One SQL expression (usage alias `u`) for every export and figure.
import type { ServiceContext } from '../context';

export const SERVICE_AMOUNT_SQL = 'coalesce((SELECT ch.amount_fen FROM charges ch WHERE ch.usage_id = u.id), u.amount_fen)';

/** Charges not tied to a usage record (service items, consumables, adjustments) of a year, for contracts matching `contractsWhere` (alias c). */
export function otherChargesFen(ctx: Pick<ServiceContext, 'db'>, firstDay: string, lastDay: string, contractsWhere = '1', params: Record<string, unknown> = {}): number {
  return Number(ctx.db.prepare(`SELECT coalesce(sum(ch.amount_fen), 0) FROM charges ch JOIN contracts c ON c.id = ch.contract_id
    WHERE ch.usage_id IS NULL AND ch.service_date BETWEEN @firstDay AND @lastDay AND ${contractsWhere}`).pluck().get({ ...params, firstDay, lastDay }));
}
