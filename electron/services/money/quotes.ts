// 报价单: lines priced from the rate table in force on the quote date for the applicant's price
// group (or at a price typed in); a contract of the same applicant may adopt its total as its
// amount, or a Shanghai order its total (while placed or accepted), with the voucher share of the
// owner's kind checked on it (京 第十二条 on the contract, 沪 第二条 on the order).
import type { z } from 'zod';
import type { OwnerRef, Quote, QuoteLine, quoteFieldsSchema } from '../../../shared/ipc/money';
import { lineAmountFen, versionOn } from '../../../shared/money/rates';
import { civilDateInShanghai, type OrderStatus } from '../../../shared/rules';
import { refuse } from '../../../shared/result';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { enforce } from '../deals/refuse';
import { addOrderEvent } from '../orders/orders';
import { checkOwnerVoucherShare, ownerHead, ownerOf, ownerRef, refuseOrderAmountLocked } from './owner';
import { getRateItem, listPriceGroups, priceGroupOfApplicant, termsFor } from './rates';

type Ctx = Pick<ServiceContext, 'db'>;

const QUOTE_SELECT = `SELECT q.id, q.number, q.applicant_id AS applicantId, a.name AS applicantName, q.price_group_id AS priceGroupId,
  q.quote_date AS quoteDate, q.valid_until AS validUntil, q.title, q.total_fen AS totalFen, q.contract_id AS contractId, q.order_id AS orderId,
  coalesce(c.number, o.number) AS adoptedByNumber
  FROM quotes q JOIN applicants a ON a.id = q.applicant_id LEFT JOIN contracts c ON c.id = q.contract_id LEFT JOIN orders o ON o.id = q.order_id`;

function linesOf(ctx: Ctx, quoteId: number): QuoteLine[] {
  return ctx.db.prepare(`SELECT id, rate_item_id AS rateItemId, description, unit, quantity_milli AS quantityMilli, unit_price_fen AS unitPriceFen,
    setup_fee_fen AS setupFeeFen, minimum_fen AS minimumFen, amount_fen AS amountFen FROM quote_lines WHERE quote_id = ? ORDER BY id`).all(quoteId) as QuoteLine[];
}

export function getQuote(ctx: Ctx, id: number): Quote {
  const q = ctx.db.prepare(`${QUOTE_SELECT} WHERE q.id = ?`).get(id) as Omit<Quote, 'lines'> | undefined;
  if (!q) refuse('NOT_FOUND', 'quote.notFound', { field: 'quoteId', params: { id } });
  return { ...q, lines: linesOf(ctx, id) };
}

export function listQuotes(ctx: Ctx, applicantId?: number): Quote[] {
  const rows = (applicantId === undefined
    ? ctx.db.prepare(`${QUOTE_SELECT} ORDER BY q.quote_date DESC, q.id DESC LIMIT 500`).all()
    : ctx.db.prepare(`${QUOTE_SELECT} WHERE q.applicant_id = ? ORDER BY q.quote_date DESC, q.id DESC LIMIT 500`).all(applicantId)) as Omit<Quote, 'lines'>[];
  return rows.map((q) => ({ ...q, lines: linesOf(ctx, q.id) }));
}

export function saveQuote(ctx: ServiceContext, id: number | null, f: z.output<typeof quoteFieldsSchema>): Quote {
  return ctx.db.transaction(() => {
    if (!ctx.db.prepare('SELECT 1 FROM applicants WHERE id = ?').get(f.applicantId)) refuse('VALIDATION', 'applicant.notFound', { field: 'applicantId', params: { id: f.applicantId } });
    if (f.validUntil < f.quoteDate) refuse('VALIDATION', 'quote.validBeforeDate', { field: 'validUntil' });
    const other = ctx.db.prepare('SELECT id FROM quotes WHERE number = ?').pluck().get(f.number) as number | undefined;
    if (other !== undefined && other !== id) refuse('CONFLICT', 'quote.numberUnique', { field: 'number', rule: 'quote.numberUnique', params: { number: f.number } });
    if (id !== null) {
      const before = getQuote(ctx, id);
      if (before.contractId !== null || before.orderId !== null) refuse('CONFLICT', 'quote.adopted', { field: 'id', rule: 'quote.adopted' });
    }
    const group = f.priceGroupId === null ? priceGroupOfApplicant(ctx, f.applicantId) : listPriceGroups(ctx).find((g) => g.id === f.priceGroupId);
    if (!group) refuse('VALIDATION', 'priceGroup.notFound', { field: 'priceGroupId', params: { id: f.priceGroupId } });
    const priced = f.lines.map((l, i) => {
      if (l.rateItemId !== null) {
        const item = getRateItem(ctx, l.rateItemId);
        const v = versionOn(item.versions, f.quoteDate);
        if (!v) refuse('RULE', 'charge.noRateOnDate', { field: `lines.${i}.rateItemId`, rule: 'charge.noRateOnDate', params: { item: item.name, date: f.quoteDate } });
        const terms = termsFor(v, group.id);
        if (!terms) refuse('RULE', 'charge.noPriceForGroup', { field: `lines.${i}.rateItemId`, rule: 'charge.noPriceForGroup', params: { item: item.name, group: group.name } });
        return { rateItemId: item.id, rateVersionId: v.id, description: l.description || item.name, unit: item.unit, quantityMilli: l.quantityMilli,
          unitPriceFen: terms.unitPriceFen, setupFeeFen: terms.setupFeeFen, minimumFen: terms.minimumFen, amountFen: lineAmountFen(l.quantityMilli, terms) };
      }
      if (l.unitPriceFen === null) refuse('VALIDATION', 'charge.priceRequired', { field: `lines.${i}.unitPriceFen`, rule: 'charge.priceRequired' });
      if (!l.description) refuse('VALIDATION', 'field.required', { field: `lines.${i}.description` });
      const terms = { unitPriceFen: l.unitPriceFen, incrementMinutes: null, minimumFen: 0, setupFeeFen: 0 };
      return { rateItemId: null, rateVersionId: null, description: l.description, unit: l.unit, quantityMilli: l.quantityMilli,
        unitPriceFen: l.unitPriceFen, setupFeeFen: 0, minimumFen: 0, amountFen: lineAmountFen(l.quantityMilli, terms) };
    });
    const total = priced.reduce((s, l) => s + l.amountFen, 0);
    if (!Number.isSafeInteger(total)) refuse('VALIDATION', 'charge.amountTooLarge', { field: 'lines' });
    const params = { number: f.number, applicantId: f.applicantId, groupId: group.id, quoteDate: f.quoteDate, validUntil: f.validUntil, title: f.title, total, now: ctx.now().toISOString() };
    let quoteId = id;
    if (quoteId === null) {
      quoteId = Number(ctx.db.prepare(`INSERT INTO quotes(number, applicant_id, price_group_id, quote_date, valid_until, title, total_fen, created_at)
        VALUES (@number, @applicantId, @groupId, @quoteDate, @validUntil, @title, @total, @now)`).run(params).lastInsertRowid);
    } else {
      ctx.db.prepare(`UPDATE quotes SET number = @number, applicant_id = @applicantId, price_group_id = @groupId, quote_date = @quoteDate,
        valid_until = @validUntil, title = @title, total_fen = @total WHERE id = @id`).run({ ...params, id: quoteId });
      ctx.db.prepare('DELETE FROM quote_lines WHERE quote_id = ?').run(quoteId);
    }
    const add = ctx.db.prepare(`INSERT INTO quote_lines(quote_id, rate_item_id, rate_version_id, description, unit, quantity_milli, unit_price_fen,
      setup_fee_fen, minimum_fen, amount_fen) VALUES (@quoteId, @rateItemId, @rateVersionId, @description, @unit, @quantityMilli, @unitPriceFen,
      @setupFeeFen, @minimumFen, @amountFen)`);
    for (const l of priced) add.run({ ...l, quoteId });
    audit(ctx, id === null ? 'create' : 'update', 'quote', quoteId, { ...f, totalFen: total });
    return getQuote(ctx, quoteId);
  })();
}

/**
 * The quote's total becomes the contract's amount (the voucher cap is checked against it while no
 * actual amount is set), or the order's total (only while placed or accepted, the 50% share of
 * 第二条 checked exactly in fen, a dated event in the order's history). Refusals write nothing.
 */
export function adoptQuote(ctx: ServiceContext, quoteId: number, ref: OwnerRef): { contractId: number | null; orderId: number | null; amountFen: number } {
  const o = ownerOf(ref);
  return ctx.db.transaction(() => {
    const q = getQuote(ctx, quoteId);
    const h = ownerHead(ctx, o);
    if (q.applicantId !== h.applicantId) refuse('RULE', 'quote.applicant', { field: 'quoteId', rule: 'quote.applicant' });
    const mine = o.kind === 'contract' ? q.contractId === o.id && q.orderId === null : q.orderId === o.id && q.contractId === null;
    if ((q.contractId !== null || q.orderId !== null) && !mine) refuse('CONFLICT', 'quote.adoptedElsewhere', { field: 'quoteId', rule: 'quote.adopted' });
    if (q.totalFen <= 0) refuse('RULE', 'quote.zero', { field: 'quoteId', rule: 'quote.zero' });
    const now = ctx.now().toISOString();
    if (o.kind === 'contract') {
      if (h.voucherFen > 0 && h.actualAmountFen === null) enforce(checkOwnerVoucherShare(h, q.totalFen), 'quoteId');
      ctx.db.prepare('UPDATE contracts SET amount_fen = ?, quote_id = ?, updated_at = ? WHERE id = ?').run(q.totalFen, quoteId, now, o.id);
      ctx.db.prepare('UPDATE quotes SET contract_id = ? WHERE id = ?').run(o.id, quoteId);
    } else {
      refuseOrderAmountLocked(h);
      enforce(checkOwnerVoucherShare(h, q.totalFen), 'quoteId');
      ctx.db.prepare('UPDATE orders SET total_fen = ?, quote_id = ?, updated_at = ? WHERE id = ?').run(q.totalFen, quoteId, now, o.id);
      ctx.db.prepare('UPDATE quotes SET order_id = ? WHERE id = ?').run(o.id, quoteId);
      addOrderEvent(ctx, o.id, h.status as OrderStatus, civilDateInShanghai(ctx.now()), '', {
        noteCode: 'orderEvent.quoteAdopted', noteParams: { number: q.number, beforeFen: h.amountFen, afterFen: q.totalFen },
      });
    }
    audit(ctx, 'adopt_quote', o.kind, o.id, { quoteId, number: q.number, amountFen: { before: h.amountFen, after: q.totalFen } });
    return { ...ownerRef(o), amountFen: q.totalFen };
  })();
}
