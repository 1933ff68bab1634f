// Channels money:* — price groups, rate tables, charges of a contract or an order, quotes (报价单),
// statements (费用结算单) and payments received. Arithmetic lives in shared/money/rates.ts.
import { z } from 'zod';
import { boundedText, civilDateSchema, fenSchema } from '../catalog/instrument';
import type { FileDownload } from './catalog';
import { BILLING_INCREMENTS, CHARGE_UNITS, type ChargeUnit } from '../money/rates';
import type { JobStatus } from './redemption';
import { channel } from './define';

const id = z.number().int().positive();
const text = boundedText;
const reason = text(500).min(1);
/** Quantities cross IPC as thousandths of the unit (1.25 h = 1250). */
/** Charges, statements and payments belong to a Beijing contract or a Shanghai order: exactly one id is given. */
export interface OwnerRef { contractId?: number; orderId?: number }
const ownerShape = { contractId: id.optional(), orderId: id.optional() };
const oneOwner = (o: OwnerRef) => (o.contractId === undefined) !== (o.orderId === undefined);
const ONE_OWNER = { message: 'charges.oneOwner', path: ['contractId'] };
export const ownerSchema = z.object(ownerShape).refine(oneOwner, ONE_OWNER);
const quantityMilli = z.number().int().min(1).max(1_000_000_000);

export interface PriceGroup {
  id: number;
  name: string;
  nameEn: string;
  sortOrder: number;
  isDefault: boolean;
}

export const priceGroupFieldsSchema = z.object({
  name: text(100).min(1),
  nameEn: text(100).default(''),
  sortOrder: z.number().int().min(0).max(1000).default(10),
});

export const rateItemFieldsSchema = z.object({
  instrumentId: id.nullable(),
  name: text(100).min(1),
  unit: z.enum(CHARGE_UNITS),
  billsUsage: z.boolean().default(false),
});
export type RateItemFields = z.output<typeof rateItemFieldsSchema>;

export const rateVersionFieldsSchema = z.object({
  effectiveFrom: civilDateSchema,
  effectiveTo: civilDateSchema.nullable().default(null),
  incrementMinutes: z.union([z.literal(BILLING_INCREMENTS[0]), ...BILLING_INCREMENTS.slice(1).map((m) => z.literal(m))]).nullable().default(null),
  minimumFen: fenSchema.default(0),
  setupFeeFen: fenSchema.default(0),
  note: text(200).default(''),
  prices: z.array(z.object({ priceGroupId: id, unitPriceFen: fenSchema })).min(1).max(50),
});
export type RateVersionFields = z.output<typeof rateVersionFieldsSchema>;

export interface RateVersion extends Omit<RateVersionFields, 'incrementMinutes'> {
  id: number;
  itemId: number;
  incrementMinutes: number | null;
  /** Charge lines priced with this version (then it can no longer be edited). */
  usedBy: number;
}

export interface RateItem extends RateItemFields {
  id: number;
  instrumentName: string | null;
  instrumentInnerId: string | null;
  retiredAt: string | null;
  versions: RateVersion[];
}

export const CHARGE_KINDS = ['usage', 'manual', 'adjustment'] as const;
export type ChargeKind = (typeof CHARGE_KINDS)[number];
export const MANUAL_CATEGORIES = ['service', 'consumable', 'staff', 'rush', 'other'] as const;
export const ADJUSTMENT_CATEGORIES = ['discount', 'waiver', 'correction'] as const;
export type ChargeCategory = 'usage' | (typeof MANUAL_CATEGORIES)[number] | (typeof ADJUSTMENT_CATEGORIES)[number];
export const CHARGE_CATEGORY_LABELS: Record<ChargeCategory, { zh: string; en: string }> = {
  usage: { zh: '机时', en: 'Instrument time' },
  service: { zh: '服务项目', en: 'Service item' },
  consumable: { zh: '耗材', en: 'Consumables' },
  staff: { zh: '人工', en: 'Staff time' },
  rush: { zh: '加急', en: 'Rush' },
  other: { zh: '其他', en: 'Other' },
  discount: { zh: '折扣', en: 'Discount' },
  waiver: { zh: '减免', en: 'Waiver' },
  correction: { zh: '更正', en: 'Correction' },
};

export interface ChargeLine {
  id: number;
  kind: ChargeKind;
  category: ChargeCategory;
  serviceDate: string;
  instrumentId: number | null;
  instrumentName: string | null;
  usageId: number | null;
  usageMinutes: number | null;
  rateItemId: number | null;
  rateVersionId: number | null;
  description: string;
  unit: ChargeUnit | null;
  quantityMilli: number | null;
  unitPriceFen: number | null;
  setupFeeFen: number;
  minimumFen: number;
  amountFen: number;
  reason: string;
  statementId: number | null;
  createdAt: string;
  createdBy: string;
}

/** A usage record the refresh could not price, and why. */
export interface UnpricedUsage {
  usageId: number;
  startAt: string;
  instrumentName: string;
  /** pending: priceable, not computed yet (refresh). */
  reason: 'charge.pending' | 'charge.noRateItem' | 'charge.noRateOnDate' | 'charge.noPriceForGroup' | 'charge.billedElsewhere';
}

export interface ContractCharges {
  /** The owner: one of the two is set. */
  contractId: number | null;
  orderId: number | null;
  /** The contract's or the order's number. */
  number: string;
  applicantName: string;
  priceGroup: PriceGroup;
  lines: ChargeLine[];
  totalFen: number;
  /** The contract's 实际发生金额 (an order's total) and its difference from the charges (actual − total). */
  actualAmountFen: number | null;
  differenceFen: number | null;
  /** A reason given for exactly this difference, if any. */
  differenceConfirmed: { reason: string; at: string; actor: string } | null;
  voucherFen: number;
  maxVoucherFen: number;
  ownPartFen: number;
  /** An order's 兑付方式 (null for a contract). */
  payoutParty: 'enterprise' | 'institution' | null;
  /**
   * What the applicant pays the unit: the own part, or the whole settled amount when the voucher is
   * paid to the enterprise (team) itself (沪 第十一条, 兑付方式 企业).
   */
  dueFromApplicantFen: number;
  /** An order's total can still be set from the charges (while placed or accepted). */
  amountEditable: boolean;
  /** Usage lines whose record changed after a statement froze them. */
  staleUsage: number[];
  unpriced: UnpricedUsage[];
  statement: Statement | null;
  payments: Payment[];
  paidFen: number;
}

export interface RefreshReport {
  created: number;
  updated: number;
  removed: number;
  unchanged: number;
  unpriced: UnpricedUsage[];
}

export const manualLineSchema = z.object({
  ...ownerShape,
  category: z.enum(MANUAL_CATEGORIES),
  serviceDate: civilDateSchema,
  description: text(200).min(1),
  instrumentId: id.nullable().default(null),
  /** Priced from a rate item (rate in force on the service date) … */
  rateItemId: id.nullable().default(null),
  quantityMilli,
  /** … or at a price given here (consumables, staff time). */
  unitPriceFen: fenSchema.nullable().default(null),
  unit: z.enum(CHARGE_UNITS).default('item'),
}).refine(oneOwner, ONE_OWNER);

export const adjustmentSchema = z.object({
  ...ownerShape,
  category: z.enum(ADJUSTMENT_CATEGORIES),
  serviceDate: civilDateSchema,
  /** Signed fen: discounts and waivers are negative, corrections either way. */
  amountFen: z.number().int().min(-Number.MAX_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER).refine((n) => n !== 0, 'money.nonZero'),
  reason,
  description: text(200).default(''),
}).refine(oneOwner, ONE_OWNER);

export interface QuoteLine {
  id: number;
  rateItemId: number | null;
  description: string;
  unit: ChargeUnit;
  quantityMilli: number;
  unitPriceFen: number;
  setupFeeFen: number;
  minimumFen: number;
  amountFen: number;
}

export interface Quote {
  id: number;
  number: string;
  applicantId: number;
  applicantName: string;
  priceGroupId: number;
  quoteDate: string;
  validUntil: string;
  title: string;
  totalFen: number;
  /** The contract or the order that adopted the quote (at most one), with its number. */
  contractId: number | null;
  orderId: number | null;
  adoptedByNumber: string | null;
  lines: QuoteLine[];
}

export const quoteFieldsSchema = z.object({
  number: text(64).min(1),
  applicantId: id,
  priceGroupId: id.nullable().default(null),
  quoteDate: civilDateSchema,
  validUntil: civilDateSchema,
  title: text(200).default(''),
  lines: z.array(z.object({
    rateItemId: id.nullable().default(null),
    description: text(200).default(''),
    unit: z.enum(CHARGE_UNITS).default('item'),
    quantityMilli,
    unitPriceFen: fenSchema.nullable().default(null),
  })).min(1).max(500),
});

export interface Statement {
  id: number;
  contractId: number | null;
  orderId: number | null;
  number: string;
  issuedOn: string;
  totalFen: number;
  voucherFen: number;
  ownFen: number;
  voidedAt: string | null;
  voidReason: string;
}

export interface Payment {
  id: number;
  contractId: number | null;
  orderId: number | null;
  statementId: number | null;
  receiptNumber: string;
  paidOn: string;
  amountFen: number;
  payer: string;
  note: string;
}

export const paymentFieldsSchema = z.object({
  ...ownerShape,
  receiptNumber: text(64).min(1),
  paidOn: civilDateSchema,
  amountFen: fenSchema.refine((n) => n > 0, 'money.positive'),
  payer: text(200).default(''),
  note: text(500).default(''),
}).refine(oneOwner, ONE_OWNER);

const withOwner = <T extends z.ZodRawShape>(shape: T) => z.object({ ...ownerShape, ...shape }).refine((o) => oneOwner(o as OwnerRef), ONE_OWNER);

export const moneyChannels = {
  'money:priceGroups': channel<PriceGroup[]>()(z.object({})),
  'money:priceGroupSave': channel<PriceGroup>()(z.object({ id: id.nullable(), fields: priceGroupFieldsSchema })),
  'money:rates': channel<RateItem[]>()(z.object({ instrumentId: id.nullable().optional() })),
  'money:rateItemSave': channel<RateItem>()(z.object({ id: id.nullable(), fields: rateItemFieldsSchema })),
  'money:rateVersionAdd': channel<RateItem>()(z.object({ itemId: id, fields: rateVersionFieldsSchema })),
  'money:rateVersionUpdate': channel<RateItem>()(z.object({ versionId: id, fields: rateVersionFieldsSchema })),
  'money:referenceFee': channel<{ text: string }>()(z.object({ instrumentId: id, date: civilDateSchema.optional() })),
  'money:applicantGroup': channel<{ applicantId: number; priceGroupId: number | null; effective: PriceGroup }>()(z.object({ applicantId: id })),
  'money:setApplicantGroup': channel<{ applicantId: number; priceGroupId: number | null }>()(z.object({ applicantId: id, priceGroupId: id.nullable() })),
  'money:charges': channel<ContractCharges>()(ownerSchema),
  'money:refresh': channel<RefreshReport>()(ownerSchema),
  'money:addManual': channel<ChargeLine>()(manualLineSchema),
  'money:addAdjustment': channel<ChargeLine>()(adjustmentSchema),
  'money:removeLine': channel<{ removed: true }>()(z.object({ id, reason })),
  'money:adoptActual': channel<ContractCharges>()(ownerSchema),
  'money:confirmDifference': channel<ContractCharges>()(withOwner({ reason })),
  'money:quotes': channel<Quote[]>()(z.object({ applicantId: id.optional() })),
  'money:quoteSave': channel<Quote>()(z.object({ id: id.nullable(), fields: quoteFieldsSchema })),
  'money:quoteAdopt': channel<{ contractId: number | null; orderId: number | null; amountFen: number }>()(withOwner({ quoteId: id })),
  'money:quotePdf': channel<FileDownload>()(z.object({ id })),
  'money:quoteXlsx': channel<FileDownload>()(z.object({ id })),
  'money:statementIssue': channel<Statement>()(withOwner({ issuedOn: civilDateSchema.optional() })),
  'money:statementVoid': channel<Statement>()(withOwner({ reason })),
  'money:statementPdf': channel<FileDownload>()(ownerSchema),
  'money:statementXlsx': channel<FileDownload>()(ownerSchema),
  'money:paymentAdd': channel<Payment>()(paymentFieldsSchema),
  'money:paymentRemove': channel<{ removed: true }>()(z.object({ id, reason })),
  'money:batchStart': channel<{ jobId: string }>()(z.object({ year: z.number().int().min(2000).max(2100) })),
  'money:batchStatus': channel<JobStatus>()(z.object({ jobId: z.string().max(64) })),
  'money:batchCancel': channel<JobStatus>()(z.object({ jobId: z.string().max(64) })),
  'money:batchResult': channel<FileDownload>()(z.object({ jobId: z.string().max(64) })),
};
