// Channels: products:*, orders:* — a Shanghai desk's service products (the lab as 服务机构) and the
// orders enterprises and teams place on them (沪科规〔2025〕6号 第二条, 第十条, 第十一条).
import { z } from 'zod';
import { boundedText, civilDateSchema, fenSchema } from '../catalog/instrument';
import { SERVICE_KINDS, type ServiceKind } from '../policy/vocabulary';
import { ORDER_STATUSES, PAYOUT_PARTIES, type OrderEventNoteCode, type OrderStatus, type PayoutParty } from '../rules/orders';
import type { PayoutTimeline } from '../rules/payout-timeline';
import { fileUploadSchema, type FileDownload } from './catalog';
import { channel } from './define';
import type { LocalizedText } from '../rules/text';
import { CROSS_REGION_SCHEMES, type CrossRegionSchemeId } from './deals';

const id = z.number().int().positive();
const text = boundedText;

export const productInputSchema = z.object({
  code: text(64).min(1),
  name: text(200).min(1),
  serviceKind: z.enum(SERVICE_KINDS),
  itemCategory: text(200).default(''),
  labId: id.nullable().default(null),
  priceNote: text(500).default(''),
  active: z.boolean().default(true),
});
export type ProductInput = z.input<typeof productInputSchema>;
export type ProductFields = z.output<typeof productInputSchema>;

export interface Product extends ProductFields {
  id: number;
  serviceKind: ServiceKind;
  orderCount: number;
}

export const orderInputSchema = z.object({
  number: text(64).min(1),
  applicantId: id,
  productId: id,
  orderDate: civilDateSchema,
  totalFen: fenSchema.refine((f) => f > 0, 'money.positive'),
  voucherFen: fenSchema,
  payoutParty: z.enum(PAYOUT_PARTIES),
  cityFunded: z.boolean().default(false),
  relatedParty: z.boolean().default(false),
  subcontracted: z.boolean().default(false),
  crossRegion: z.enum(CROSS_REGION_SCHEMES).nullable().default(null),
  issuingRegion: text(30).transform((s) => (s === '' ? null : s)).nullable().default(null),
  note: text(2000).default(''),
});
export type OrderInput = z.input<typeof orderInputSchema>;
export type OrderFields = z.output<typeof orderInputSchema>;

export interface OrderEvent {
  id: number;
  status: OrderStatus;
  date: string;
  /** What the user typed. */
  note: string;
  /** A note the desk wrote itself (e.g. who uploaded the materials), worded where shown. */
  noteCode: OrderEventNoteCode | null;
  noteParams: Record<string, string | number>;
  createdAt: string;
}

export interface OrderRow {
  id: number;
  number: string;
  applicantId: number;
  applicantName: string;
  applicantKind: 'enterprise' | 'team';
  productId: number;
  productName: string;
  serviceKind: ServiceKind;
  orderDate: string;
  totalFen: number;
  voucherFen: number;
  /** Largest voucher amount the 50% rule allows on this total. */
  maxVoucherFen: number;
  payoutParty: PayoutParty;
  status: OrderStatus;
  profileId: string;
  crossRegion: CrossRegionSchemeId | null;
  issuingRegion: string | null;
  noticeStart: string | null;
  /** Last day of the 7-day notice (第十一条), computed from its start. */
  noticeEnd: string | null;
}

export interface OrderDetail extends OrderRow {
  cityFunded: boolean;
  relatedParty: boolean;
  subcontracted: boolean;
  note: string;
  events: OrderEvent[];
  nextStatuses: OrderStatus[];
  timeline: PayoutTimeline;
  /**
   * Payment on the timeline (第十一条): the first day it may be made (the day after the notice
   * ends), the day it was recorded as paid, or the day payment was refused.
   */
  payment: { earliestOn: string | null; paidOn: string | null; refusedOn: string | null };
  usageMinutes: number;
  usageCount: number;
  /** Rules of the local profile not checked (cross-region orders follow their issuer's). */
  uncheckedRules: string[];
}

export interface OrderQuota {
  applicantId: number;
  year: number;
  profileId: string;
  quotaFen: number | null;
  usedFen: number;
  remainingFen: number | null;
}

/** What an order's materials are (第十一条: the payment materials after completion). */
export const ORDER_MATERIAL_KINDS = ['deliverable', 'invoice', 'payment_proof', 'evaluation', 'other'] as const;
export type OrderMaterialKind = (typeof ORDER_MATERIAL_KINDS)[number];
export const ORDER_MATERIAL_KIND_LABELS: Readonly<Record<OrderMaterialKind, LocalizedText>> = {
  deliverable: { zh: '服务成果（报告、数据）', en: 'Deliverable (report, data)' },
  invoice: { zh: '发票', en: 'Invoice' },
  payment_proof: { zh: '付款凭证', en: 'Proof of payment' },
  evaluation: { zh: '服务评价', en: 'Service evaluation' },
  other: { zh: '其他', en: 'Other' },
};

export interface OrderMaterial {
  id: number;
  orderId: number;
  kind: OrderMaterialKind;
  uploadedBy: PayoutParty;
  originalName: string;
  sha256: string;
  sizeBytes: number;
  createdAt: string;
}

export const orderListSchema = z.object({
  query: text(100).default(''),
  status: z.enum(ORDER_STATUSES).optional(),
  applicantId: id.optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(1000).default(100),
});

export const dealsOrderChannels = {
  'products:list': channel<Product[]>()(z.object({ activeOnly: z.boolean().default(false) })),
  'products:save': channel<Product>()(z.object({ id: id.nullable().default(null), fields: productInputSchema })),
  'orders:list': channel<{ rows: OrderRow[]; total: number }>()(orderListSchema),
  'orders:get': channel<OrderDetail>()(z.object({ id })),
  'orders:create': channel<OrderDetail>()(orderInputSchema),
  'orders:update': channel<OrderDetail>()(z.object({ id, fields: orderInputSchema })),
  'orders:transition': channel<OrderDetail>()(z.object({
    id, to: z.enum(ORDER_STATUSES), date: civilDateSchema.optional(), note: text(500).default(''),
  })),
  'orders:materials': channel<OrderMaterial[]>()(z.object({ orderId: id })),
  'orders:addMaterial': channel<OrderMaterial>()(fileUploadSchema.extend({
    orderId: id, kind: z.enum(ORDER_MATERIAL_KINDS), uploadedBy: z.enum(PAYOUT_PARTIES),
  })),
  'orders:getMaterial': channel<FileDownload>()(z.object({ id })),
  'orders:removeMaterial': channel<{ removed: true }>()(z.object({ id, reason: text(500).min(1) })),
  'orders:packet': channel<FileDownload>()(z.object({ orderId: id })),
  'orders:quota': channel<OrderQuota>()(z.object({ applicantId: id, year: z.number().int().min(1990).max(2100).optional() })),
};
