// Channels: bookings:*, usage:* — the instrument calendar and the actual-use (service) records.
import { z } from 'zod';
import { boundedText, fenSchema } from '../catalog/instrument';
import { civilDateField as civilDateSchema } from '../fields';
import { dayOfWeek, isValidCivilDate } from '../rules/civil-date';
import { channel } from './define';
import { pageFields } from './paging';

export const BOOKING_KINDS = ['contract', 'order', 'internal', 'maintenance'] as const;
export type BookingKind = (typeof BOOKING_KINDS)[number];
export const BOOKING_KIND_LABELS: Record<BookingKind, { zh: string; en: string }> = {
  contract: { zh: '合同服务', en: 'Contract service' },
  order: { zh: '订单服务', en: 'Order service' },
  internal: { zh: '内部使用', en: 'Internal use' },
  maintenance: { zh: '维护', en: 'Maintenance' },
};

// Service record vocabularies of the national platform (must match the CHECKs of usage_logs).
export const SERVICE_WAYS = ['占用', '技术', '委托', '远程共享', '其他'] as const;
export const DIRECTIONS = ['科学研究', '科技开发', '教学', '其他'] as const;

/**
 * Longest slot or usage record. Not a policy number: it bounds the overlap query
 * (start_at >= newStart − MAX_SLOT_DAYS) so it stays an index range scan at millions of rows.
 */
export const MAX_SLOT_DAYS = 7;

const SLOT_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d$/;
const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$/;

/** A Shanghai civil time 'YYYY-MM-DDTHH:MM' (text order = time order). */
export const slotTimeSchema = z.string().regex(SLOT_TIME, { message: 'time.format', abort: true })
  .superRefine((s, ctx) => {
    if (!isValidCivilDate(s.slice(0, 10))) ctx.addIssue({ code: 'custom', message: 'time.impossible', params: { value: s.replace('T', ' ') } });
  });
export const clockSchema = z.string().regex(CLOCK, 'time.clock');

const id = z.number().int().positive();
const text = boundedText;

export const bookingInputSchema = z.object({
  instrumentId: id,
  kind: z.enum(BOOKING_KINDS),
  contractId: id.nullable().default(null),
  /** The Shanghai order an 'order' booking serves. */
  orderId: id.nullable().default(null),
  startAt: slotTimeSchema,
  endAt: slotTimeSchema,
  title: text(200).default(''),
});
export type BookingInput = z.input<typeof bookingInputSchema>;
export type BookingFields = z.output<typeof bookingInputSchema>;

export const seriesInputSchema = z.object({
  instrumentId: id,
  kind: z.enum(BOOKING_KINDS),
  contractId: id.nullable().default(null),
  /** The Shanghai order an 'order' booking serves. */
  orderId: id.nullable().default(null),
  title: text(200).default(''),
  firstDate: civilDateSchema,
  startTime: clockSchema,
  endTime: clockSchema,
  everyWeeks: z.number().int().min(1).max(4).default(1),
  count: z.number().int().min(1).max(104),
});
export type SeriesInput = z.input<typeof seriesInputSchema>;
export type SeriesFields = z.output<typeof seriesInputSchema>;

export const mondaySchema = civilDateSchema.refine((d) => dayOfWeek(d) === 1, 'date.notMonday');

export interface Booking {
  id: number;
  instrumentId: number;
  instrumentName: string;
  contractId: number | null;
  contractNumber: string | null;
  orderId: number | null;
  orderNumber: string | null;
  applicantName: string | null;
  kind: BookingKind;
  startAt: string;
  endAt: string;
  title: string;
  seriesId: string | null;
  /** The usage record logged from this booking, if any. */
  usageId: number | null;
  createdAt: string;
}

/** An existing booking a new or moved slot would overlap. */
export interface BookingConflict {
  id: number;
  kind: BookingKind;
  startAt: string;
  endAt: string;
  title: string;
  contractNumber: string | null;
  orderNumber: string | null;
}

export const usageInputSchema = z.object({
  instrumentId: id,
  bookingId: id.nullable().default(null),
  contractId: id.nullable().default(null),
  /** A Shanghai order the record serves (instead of a contract). */
  orderId: id.nullable().default(null),
  startAt: slotTimeSchema,
  endAt: slotTimeSchema,
  operator: text(100).default(''),
  external: z.boolean().default(false),
  serviceWay: z.enum(SERVICE_WAYS).default('占用'),
  direction: z.enum(DIRECTIONS).default('科学研究'),
  content: text(2000).default(''),
  amountFen: fenSchema.default(0),
  userName: text(100).default(''),
  userUnit: text(200).default(''),
  satisfaction: z.number().int().min(1).max(5).nullable().default(null),
});
export type UsageInput = z.input<typeof usageInputSchema>;
export type UsageFields = z.output<typeof usageInputSchema>;

export interface UsageLog extends UsageFields {
  id: number;
  instrumentName: string;
  contractNumber: string | null;
  orderNumber: string | null;
  /** Machine minutes of this record (end − start). */
  minutes: number;
  createdAt: string;
}

/** The sorts the usage list offers, each walking an index. */
export const USAGE_SORTS = ['startAt'] as const;

export const usageListSchema = z.object({
  instrumentId: id.optional(),
  contractId: id.optional(),
  orderId: id.optional(),
  /** Inclusive civil dates on the record's start. */
  from: civilDateSchema.optional(),
  to: civilDateSchema.optional(),
  external: z.boolean().optional(),
  // A window of the records, newest first by default (indexes usage_start, usage_instrument_start).
  ...pageFields(USAGE_SORTS, { sort: 'startAt', dir: 'desc' }),
});
export type UsageListQuery = z.input<typeof usageListSchema>;

export interface UsageTotals {
  count: number;
  minutes: number;
  externalMinutes: number;
  amountFen: number;
}

export const bookingsChannels = {
  'bookings:get': channel<Booking>()(z.object({ id })),
  'bookings:create': channel<Booking>()(bookingInputSchema),
  /** Full edit of one booking (kind, contract, title, time, instrument). */
  'bookings:update': channel<Booking>()(z.object({ id, fields: bookingInputSchema })),
  /** Drag-and-drop: new time and/or instrument, everything else kept. */
  'bookings:move': channel<Booking>()(z.object({ id, instrumentId: id.optional(), startAt: slotTimeSchema, endAt: slotTimeSchema })),
  'bookings:delete': channel<{ deleted: number }>()(z.object({ id, wholeSeries: z.boolean().default(false) })),
  /** Weekly recurring block, all-or-nothing. */
  'bookings:createSeries': channel<{ seriesId: string; bookings: Booking[] }>()(seriesInputSchema),
  'bookings:week': channel<{ weekStart: string; days: string[]; bookings: Booking[] }>()(z.object({
    weekStart: mondaySchema,
    instrumentIds: z.array(id).min(1).max(200),
  })),
  'bookings:day': channel<{ date: string; bookings: Booking[] }>()(z.object({
    date: civilDateSchema,
    /** Omitted: every instrument. */
    instrumentIds: z.array(id).max(2000).optional(),
  })),
  /** A usage record prefilled from a booking, for the form. */
  'usage:draft': channel<UsageFields>()(z.object({ bookingId: id })),
  'usage:create': channel<UsageLog>()(usageInputSchema),
  'usage:update': channel<UsageLog>()(z.object({ id, fields: usageInputSchema })),
  'usage:delete': channel<{ deleted: true }>()(z.object({ id })),
  'usage:get': channel<UsageLog>()(z.object({ id })),
  'usage:list': channel<{ rows: UsageLog[]; total: number; totals: UsageTotals }>()(usageListSchema),
};
