// Channels: desk:* (this desk's identity and keys), package:* (lab data and reference packages),
// office:* (registered labs, imports, conflicts, lab data read-only at the office)
import { z } from 'zod';
import { fileUploadSchema, type FileDownload } from './catalog';
import { channel } from './define';

const yearSchema = z.number().int().min(2000).max(2100);

export interface DeskIdentityView {
  deskId: string;
  role: 'lab' | 'office';
  unitName: string;
  unitCreditCode: string;
  labName: string;
  /** Ed25519 public key (raw, base64) that signs this desk's packages, and its fingerprint. */
  signPublicKey: string;
  fingerprint: string;
  /** X25519 public key packages are sealed to (an office's), and its fingerprint. */
  boxPublicKey: string;
  boxFingerprint: string;
  encrypted: boolean;
  /** On a lab desk: the office registered from its reference package. */
  office: { deskId: string; unitName: string; creditCode: string; fingerprint: string; registeredAt: string } | null;
}

/** What a lab hands the office to register it (a small text file or a phone call for the fingerprint). */
export interface KeyCard {
  format: 'open-instrument-desk/key-card';
  deskId: string;
  labName: string;
  unitCreditCode: string;
  publicKey: string;
  fingerprint: string;
}

export interface PartDiff {
  part: string;
  records: number;
  added: number;
  changed: number;
  removed: number;
  unchanged: number;
  /** The first changes, for the office to look at. */
  examples: { change: 'added' | 'changed' | 'removed'; key: string; label: string }[];
}

export interface ImportPreview {
  /** new = first package of this lab; newer = replaces the lab's data for the package's years; same = already imported, nothing changes. */
  status: 'new' | 'newer' | 'same';
  deskId: string;
  labName: string;
  unitName: string;
  unitCreditCode: string;
  packageId: string;
  createdAt: string;
  period: { fromYear: number; toYear: number };
  schemaVersion: number;
  sealed: boolean;
  attachments: boolean;
  counts: Record<string, number>;
  diff: PartDiff[];
  /** The lab's years at the office outside the package's period: they stay as they are. */
  keptYears: number[];
}

export interface OfficeLab {
  deskId: string;
  labName: string;
  fingerprint: string;
  note: string;
  registeredAt: string;
  current: { packageId: string; createdAt: string; importedAt: string; fromYear: number; toYear: number; counts: Record<string, number>; sealed: boolean } | null;
  /** The years the office holds of this lab, each from the package that supplies it. */
  years: { year: number; packageId: string; createdAt: string }[];
}

export interface ConflictItem {
  kind: 'instrument' | 'contract' | 'applicant';
  key: string;
  /** The labs and records involved. */
  entries: { deskId: string; labName: string; label: string }[];
  resolution: { resolution: 'same' | 'distinct' | 'corrected_at_lab'; note: string; resolvedAt: string } | null;
}

export interface ReferenceImportResult {
  officeFingerprint: string;
  firstTime: boolean;
  presets: number;
  ratedYears: number;
  holidays: number;
  weights: boolean;
}

/**
 * The parts of a lab's data the office can read (read-only). Usage records are not kept one by one at
 * the office: `usage` reads the sums it holds per instrument and year (hours, external hours, records,
 * income, satisfaction) instead.
 */
export const OFFICE_RECORD_PARTS = ['instruments', 'ratedHours', 'usage', 'applicants', 'contracts', 'orders', 'vouchers', 'redemptions', 'charges', 'derived', 'attachments'] as const;
export type OfficeRecordPart = (typeof OFFICE_RECORD_PARTS)[number];

export interface LabRecordsPage {
  part: OfficeRecordPart;
  /** records = the records as the lab's packages carried them; sums = per instrument and year (usage). */
  held: 'records' | 'sums';
  /** The years read (those of the request within the years the office holds of the lab); register parts (instruments, applicants) are not by year. */
  years: number[];
  total: number;
  rows: Record<string, unknown>[];
  /** Years read whose records of this part the office does not hold (imported before it kept them): the lab's next package brings them. */
  notHeldYears: number[];
}

const deskIdSchema = z.string().uuid('工作台标识不正确');
const publicKeySchema = z.string().trim().regex(/^[A-Za-z0-9+/]{43}=$/, 'office.badPublicKey');
const creditCodeSchema = z.string().trim().regex(/^$|^[0-9A-HJ-NPQRTUWXY]{18}$/, 'field.creditCodeShape');

export const officeChannels = {
  'desk:identity': channel<DeskIdentityView>()(z.object({})),
  'desk:setIdentity': channel<DeskIdentityView>()(z.object({
    role: z.enum(['lab', 'office']).optional(),
    unitName: z.string().trim().max(200).optional(),
    unitCreditCode: creditCodeSchema.optional(),
    labName: z.string().trim().max(200).optional(),
  })),
  'desk:keyCard': channel<FileDownload & { card: KeyCard }>()(z.object({})),
  'package:exportLab': channel<FileDownload>()(z.object({
    fromYear: yearSchema, toYear: yearSchema, attachments: z.boolean().default(false),
  }).refine((v) => v.toYear >= v.fromYear && v.toYear - v.fromYear < 10, { message: 'period.invalid', path: ['toYear'] })),
  'package:inspect': channel<ImportPreview>()(fileUploadSchema),
  'package:import': channel<ImportPreview>()(fileUploadSchema),
  'package:exportReference': channel<FileDownload>()(z.object({})),
  'package:inspectReference': channel<{ fingerprint: string; unitName: string; firstTime: boolean; counts: Record<string, number> }>()(fileUploadSchema),
  'package:importReference': channel<ReferenceImportResult>()(fileUploadSchema.extend({
    /** The office's fingerprint as read out by phone; must match on the first import. */
    confirmFingerprint: z.string().trim().max(40).optional(),
  })),
  'office:registerLab': channel<OfficeLab>()(z.object({
    deskId: deskIdSchema, labName: z.string().trim().min(1).max(200), publicKey: publicKeySchema,
    note: z.string().trim().max(200).default(''),
  })),
  'office:labs': channel<OfficeLab[]>()(z.object({})),
  'office:imports': channel<{ id: number; deskId: string; labName: string; packageId: string; createdAt: string; importedAt: string; fromYear: number; toYear: number; diff: Omit<PartDiff, 'examples'>[] }[]>()(
    z.object({ deskId: deskIdSchema.optional(), limit: z.number().int().min(1).max(500).default(100) })),
  'office:conflicts': channel<ConflictItem[]>()(z.object({ includeResolved: z.boolean().default(true) })),
  'office:resolveConflict': channel<ConflictItem[]>()(z.object({
    kind: z.enum(['instrument', 'contract', 'applicant']), key: z.string().min(1).max(200),
    resolution: z.enum(['same', 'distinct', 'corrected_at_lab']).nullable(), note: z.string().trim().max(500).default(''),
  })),
  /** A lab's records at the office, read-only: a part, optionally for a period (years), paged. */
  'office:records': channel<LabRecordsPage>()(z.object({
    deskId: deskIdSchema, part: z.enum(OFFICE_RECORD_PARTS), fromYear: yearSchema.optional(), toYear: yearSchema.optional(),
    offset: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(500).default(100),
  }).refine((v) => v.fromYear === undefined || v.toYear === undefined || v.toYear >= v.fromYear, { message: 'period.invalid', path: ['toYear'] })),
};
