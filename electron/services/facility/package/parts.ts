// The parts of a lab package: what a lab desk writes and the office reads. Each part carries its
// own schema number in the manifest (usage: 2 since usage records carry their Shanghai order; 1
// before); a reader takes the part schemas it knows and refuses any other by name. Each record
// has an `id` (its row id on the lab desk), so the office can tell added, changed and removed
// records between two packages of the same lab. New parts (charges, orders …) join as new names;
// a reader ignores no part: unknown parts are kept as records and counted.
import { z, type ZodType } from 'zod';

const int = z.number().int();
const fen = int.min(0);
const text = z.string().max(2000);
const civil = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const civilTime = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);

export const instrumentRecord = z.object({
  // 所在单位仪器编号 (the unit's asset number): packages written before it was carried read as ''.
  id: int, innerId: text, assetNo: text.default(''), nameCn: text, nameEn: text, categoryCode: z.string().length(6), source: text, originalValueFen: fen,
  manufacturer: text, model: text, usageKind: z.enum(['通用', '专用']), status: text, shareMode: z.enum(['内部共享', '外部共享', '不共享']),
  labName: text, startUseDate: civil.nullable(), retiredAt: z.string().nullable(), location: text,
});
export const ratedHoursRecord = z.object({ id: z.string(), instrumentId: int, year: int, hours: z.number().positive(), origin: text });
/** A usage record of part schema 1: linked to its contract only. */
export const usageRecordV1 = z.object({
  id: int, instrumentId: int, contractId: int.nullable(), startAt: civilTime, endAt: civilTime, external: z.union([z.literal(0), z.literal(1)]),
  serviceWay: text, direction: text, amountFen: fen, userUnit: text, satisfaction: int.min(1).max(5).nullable(),
});
/** A usage record of part schema 2: linked to its contract or its Shanghai order (沪科规〔2025〕6号). */
export const usageRecord = usageRecordV1.extend({ orderId: int.nullable() });
export const applicantRecord = z.object({ id: int, kind: text, name: text, creditCode: z.string().nullable() });
export const contractRecord = z.object({
  id: int, number: text, applicantId: int, labName: text.nullable(), signedDate: civil, startDate: civil, endDate: civil, amountFen: fen,
  actualAmountFen: fen.nullable(), status: text, instrumentIds: z.array(int), vouchers: z.array(z.object({ voucherId: int, amountFen: fen })),
});
export const voucherRecord = z.object({
  id: int, number: text, applicantId: int, faceValueFen: fen, claimDate: civil, registeredDate: civil.nullable(), profileId: text, voidedAt: z.string().nullable(),
});
export const redemptionRecord = z.object({
  id: int, contractId: int, status: text, voucherAmountFen: fen, ownPaymentFen: fen,
  submittedDate: civil.nullable(), approvedDate: civil.nullable(), paidDate: civil.nullable(),
});
/** The lab desk's own figures per year (its assessment), for the office to compare with its own. */
export const derivedRecord = z.object({
  id: z.string(), year: int, instrumentCount: int, ratedHoursTotal: z.number(), usageRecords: int, effectiveHours: z.number(), externalHours: z.number(),
  utilisation: z.number().nullable(), shareRate: z.number().nullable(), externalUsers: int, contracts: int, contractAmountFen: fen,
  voucherAmountFen: fen, serviceIncomeFen: fen, avgSatisfaction: z.number().nullable(), openRate: z.number().nullable(),
});
/**
 * A Shanghai order (沪科规〔2025〕6号): the service agreement of its region, counted as a contract
 * by its order date once accepted. Packages written before this record was defined carried the
 * orders table's rows as they are (snake_case columns); `orderFromTableRow` reads those.
 */
export const orderRecord = z.object({
  id: int, number: text, applicantId: int, orderDate: civil, totalFen: fen, voucherFen: fen, status: text, payoutParty: text,
  crossRegion: text.nullable(), profileId: text,
});
export function orderFromTableRow(r: unknown): unknown {
  if (typeof r !== 'object' || r === null || !('order_date' in r)) return r;
  const o = r as Record<string, unknown>;
  return {
    id: o.id, number: o.number, applicantId: o.applicant_id, orderDate: o.order_date, totalFen: o.total_fen, voucherFen: o.voucher_fen,
    status: o.status, payoutParty: o.payout_party, crossRegion: o.cross_region ?? null, profileId: o.profile_id,
  };
}

/**
 * A charge line (费用明细) of a contract or a Shanghai order, with what the office's figures read:
 * part schema 2. Packages of part schema 1 carried the charges table's rows as they are (every
 * column, snake_case); `chargeFromTableRow` reads those.
 */
export const chargeRecord = z.object({
  id: int, contractId: int.nullable(), orderId: int.nullable(), usageId: int.nullable(), kind: text, category: text, serviceDate: civil,
  instrumentId: int.nullable(), amountFen: int, statementId: int.nullable(),
});
export function chargeFromTableRow(r: unknown): unknown {
  if (typeof r !== 'object' || r === null || !('service_date' in r)) return r;
  const o = r as Record<string, unknown>;
  return {
    id: o.id, contractId: o.contract_id ?? null, orderId: o.order_id ?? null, usageId: o.usage_id ?? null, kind: o.kind, category: o.category,
    serviceDate: o.service_date, instrumentId: o.instrument_id ?? null, amountFen: o.amount_fen, statementId: o.statement_id ?? null,
  };
}

export const attachmentRecord = z.object({ id: int, contractId: int, kind: text, originalName: text, sha256: z.string().length(64), sizeBytes: int, path: z.string().nullable() });

export const LAB_PARTS = {
  instruments: instrumentRecord,
  ratedHours: ratedHoursRecord,
  usage: usageRecord,
  applicants: applicantRecord,
  contracts: contractRecord,
  vouchers: voucherRecord,
  redemptions: redemptionRecord,
  derived: derivedRecord,
  attachments: attachmentRecord,
  orders: orderRecord,
  charges: chargeRecord,
} as const;
export type LabPartName = keyof typeof LAB_PARTS;
/** The schema of each lab part this desk writes; parts not listed are schema 1. */
export const LAB_PART_SCHEMA: Partial<Record<string, number>> = { usage: 2, charges: 2 };
/** Older part schemas this desk still reads, and how their records are read (charges of schema 1: table rows, read by chargeFromTableRow). */
export const OLDER_LAB_PARTS: Partial<Record<string, Record<number, ZodType>>> = { usage: { 1: usageRecordV1 }, charges: { 1: chargeRecord } };
export const labPartSchemaOf = (name: string) => LAB_PART_SCHEMA[name] ?? 1;
/** Parts every lab package of schema 1 carries. */
export const REQUIRED_LAB_PARTS: LabPartName[] = ['instruments', 'ratedHours', 'usage', 'applicants', 'contracts', 'vouchers', 'redemptions', 'derived'];

export type InstrumentRec = z.output<typeof instrumentRecord>;
export type UsageRec = z.output<typeof usageRecord>;
export type ContractRec = z.output<typeof contractRecord>;
export type ApplicantRec = z.output<typeof applicantRecord>;
export type RatedRec = z.output<typeof ratedHoursRecord>;
export type DerivedRec = z.output<typeof derivedRecord>;
export type OrderRec = z.output<typeof orderRecord>;
export type ChargeRec = z.output<typeof chargeRecord>;

/** Reference data from the office, schema 1. */
export const referenceParts = {
  unit: z.object({ id: z.literal('unit'), name: text, creditCode: text, officeBoxPublic: z.string(), officeDeskId: z.string() }),
  ratedPresets: z.object({ id: z.string().regex(/^custom:[a-z0-9-]{1,40}$/), name: z.string().min(1).max(100), hours: z.number().positive().max(8784) }),
  ratedUnit: z.object({ id: z.string(), year: int, presetId: z.string().nullable(), hours: z.number().positive().max(8784).nullable() }),
  weights: z.object({ id: z.literal('weights'), weights: z.record(z.string(), z.number().min(0).max(100)), gradeFloors: z.object({ excellent: z.number(), good: z.number(), qualified: z.number() }) }),
  holidays: z.object({ id: civil, kind: z.enum(['holiday', 'adjusted_workday']), name: z.string().max(50) }),
};
