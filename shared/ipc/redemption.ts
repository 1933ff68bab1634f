// Channels: redemption:*, attachments:*, packets:*
import { z } from 'zod';
import { boundedText, fenSchema } from '../catalog/instrument';
import { civilDateField as civilDateSchema } from '../fields';
import type { PayoutTimeline } from '../rules/payout-timeline';
import type { LocalizedText } from '../rules/text';
import { fileUploadSchema, type FileDownload } from './catalog';
import { invoiceNumberProblem, normaliseDigits } from '../identity';
import { channel } from './define';
import type { AppError, FieldIssue, Params } from '../result';
import { pageQuerySchema, type Page } from './paging';

const id = z.number().int().positive();

export const REDEMPTION_STATUSES = ['draft', 'submitted', 'under_review', 'approved', 'paid', 'rejected', 'void'] as const;
export type RedemptionStatus = (typeof REDEMPTION_STATUSES)[number];

/** Allowed moves of a redemption application; anything else is refused with a typed error. */
export const REDEMPTION_TRANSITIONS: Readonly<Record<RedemptionStatus, readonly RedemptionStatus[]>> = {
  draft: ['submitted', 'void'],
  submitted: ['under_review', 'rejected', 'void'],
  under_review: ['approved', 'rejected', 'void'],
  approved: ['paid', 'void'],
  paid: [],
  // A rejected application may be corrected and handed in again as a new draft.
  rejected: ['draft', 'void'],
  void: [],
};

export const REDEMPTION_STATUS_LABELS: Readonly<Record<RedemptionStatus, LocalizedText>> = {
  draft: { zh: '草稿', en: 'Draft' },
  submitted: { zh: '已提交', en: 'Submitted' },
  under_review: { zh: '审核中', en: 'Under review' },
  approved: { zh: '已批准', en: 'Approved' },
  paid: { zh: '已拨付', en: 'Paid' },
  rejected: { zh: '已驳回', en: 'Rejected' },
  void: { zh: '已作废', en: 'Void' },
};

export const ATTACHMENT_KINDS = ['contract', 'review_form', 'invoice', 'bank_receipt', 'test_report', 'other'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** Folder of each kind inside the packet, and its label in the UI. */
export const ATTACHMENT_KIND_LABELS: Readonly<Record<AttachmentKind, LocalizedText>> = {
  contract: { zh: '合同', en: 'Signed contract' },
  review_form: { zh: '审核表', en: 'Review form' },
  invoice: { zh: '发票', en: 'Invoice' },
  bank_receipt: { zh: '银行回单', en: 'Bank receipt' },
  test_report: { zh: '检测报告', en: 'Test report' },
  other: { zh: '其他', en: 'Other' },
};

export interface RedemptionDeadline {
  due: string;
  /** 0 on the last day, negative once passed. */
  daysLeft: number;
  article: string;
  document: string;
  /** 民法典 第二百零三条 next working day, when the profile shows it (information only, never enforced). */
  extendedDue?: string;
}

export interface RedemptionAmounts {
  contractFen: number;
  actualFen: number | null;
  voucherFen: number;
  /** actual − voucher; null while the actual amount is unknown. */
  ownPaymentFen: number | null;
}

export interface RedemptionRow {
  contractId: number;
  contractNumber: string;
  contractTitle: string;
  applicantName: string;
  startDate: string;
  endDate: string;
  redemptionId: number | null;
  /** null = no application started yet. */
  status: RedemptionStatus | null;
  deadline: RedemptionDeadline | null;
  amounts: RedemptionAmounts;
  /** The contract's stored profile is one the desk does not hold (policy.storedProfileUnknown): no deadline or timeline is computed. */
  profileIssue: FieldIssue | null;
}

export interface RedemptionEvent {
  id: number;
  status: RedemptionStatus;
  date: string;
  note: string;
  createdAt: string;
}

export interface AttachmentInfo {
  id: number;
  contractId: number;
  kind: AttachmentKind;
  originalName: string;
  sha256: string;
  sizeBytes: number;
  createdAt: string;
}

export interface Invoice {
  id: number;
  contractId: number;
  code: string;
  number: string;
  issueDate: string;
  amountFen: number;
  attachmentId: number | null;
}

export interface RedemptionDetail extends RedemptionRow {
  profileId: string;
  resultsText: string;
  submittedDate: string | null;
  approvedDate: string | null;
  paidDate: string | null;
  rejectedReason: string;
  voucherNumbers: string[];
  events: RedemptionEvent[];
  /** Statuses the application may move to now. */
  nextStatuses: RedemptionStatus[];
  /** Public-notice end and expected disbursement quarter, from the approval date; null under an unknown profile (see `profileIssue`). */
  timeline: PayoutTimeline | null;
}

export interface CheckItem {
  code: string;
  severity: 'error' | 'warning';
  /** Reason key of the renderer's catalog and the values its wording needs. */
  reason: string;
  params: Params;
  rule?: string;
  article?: string;
  document?: string;
}

export interface CheckResult {
  complete: boolean;
  items: CheckItem[];
}

export type JobState = 'running' | 'done' | 'failed' | 'cancelled';

export interface JobStatus {
  jobId: string;
  done: number;
  total: number;
  state: JobState;
  /** For the log: the refusal in prose (its code and reason are in `failure`). */
  error?: string;
  /** The refusal that ended a failed job, worded by the renderer in the chosen language. */
  failure?: AppError;
  fileName?: string;
}

const contractRef = z.object({ contractId: id });

/** Sorts the redemption list offers, each walked along an index (contracts_end, the number's unique index). */
export const REDEMPTION_SORTS = ['endDate', 'number'] as const;
export type RedemptionSort = (typeof REDEMPTION_SORTS)[number];
/** `action`: applications that need the desk (open ones, and unstarted ones whose deadline is still ahead); `all`: every contract. */
export const REDEMPTION_VIEWS = ['action', 'all'] as const;
export type RedemptionView = (typeof REDEMPTION_VIEWS)[number];

export const redemptionListSchema = pageQuerySchema({
  view: z.enum(REDEMPTION_VIEWS).default('action'),
  status: z.enum([...REDEMPTION_STATUSES, 'none']).optional(),
  query: boundedText(100).default(''),
  /** In the action view, unstarted contracts ending within this many days are shown before they end. */
  withinDays: z.number().int().min(0).max(366).default(30),
}, REDEMPTION_SORTS, { sort: 'endDate' });
export type RedemptionListQuery = z.output<typeof redemptionListSchema>;
const text = boundedText;

/**
 * An invoice: a 数电发票 has a 20-digit 号码 and no 代码; a 税控 invoice a 10/12-digit 代码 and an
 * 8-digit 号码 (shared/identity.ts). Full-width digits and invisible characters are normalised first.
 * `confirmOverActual`: the user confirmed that the invoices may total more than the contract's actual amount.
 */
export const invoiceInputSchema = z.object({
  code: z.string().max(40).transform(normaliseDigits).default(''),
  number: z.string().max(40).transform(normaliseDigits),
  issueDate: civilDateSchema,
  amountFen: fenSchema.min(1, 'money.positive'),
  attachmentId: id.nullable().default(null),
  confirmOverActual: z.boolean().default(false),
}).superRefine((f, ctx) => {
  const problem = invoiceNumberProblem(f.code, f.number);
  if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.reason, params: { value: problem.field === 'code' ? f.code : f.number } });
});

export const redemptionChannels = {
  'redemption:list': channel<Page<RedemptionRow>>()(redemptionListSchema),
  'redemption:get': channel<RedemptionDetail>()(contractRef),
  /** Starts the application of a contract as a draft. */
  'redemption:open': channel<RedemptionDetail>()(contractRef),
  'redemption:transition': channel<RedemptionDetail>()(contractRef.extend({
    to: z.enum(REDEMPTION_STATUSES),
    date: civilDateSchema.optional(),
    note: text(500).default(''),
  })),
  'redemption:saveResults': channel<RedemptionDetail>()(contractRef.extend({ resultsText: text(4000) })),
  'redemption:check': channel<CheckResult>()(contractRef),
  'redemption:invoices': channel<Invoice[]>()(contractRef),
  'redemption:invoiceAdd': channel<Invoice>()(contractRef.extend({ fields: invoiceInputSchema })),
  'redemption:invoiceUpdate': channel<Invoice>()(z.object({ id, fields: invoiceInputSchema })),
  'redemption:invoiceRemove': channel<{ removed: true }>()(z.object({ id })),
  'attachments:add': channel<AttachmentInfo>()(fileUploadSchema.extend({ contractId: id, kind: z.enum(ATTACHMENT_KINDS) })),
  'attachments:list': channel<AttachmentInfo[]>()(contractRef),
  'attachments:remove': channel<{ removed: true }>()(z.object({ id })),
  'attachments:get': channel<FileDownload>()(z.object({ id })),
  'packets:export': channel<FileDownload>()(contractRef),
  'packets:startBatch': channel<{ jobId: string }>()(z.object({ contractIds: z.array(id).min(1).max(1000) })),
  'packets:jobStatus': channel<JobStatus>()(z.object({ jobId: z.string().max(64) })),
  'packets:cancel': channel<JobStatus>()(z.object({ jobId: z.string().max(64) })),
  'packets:jobResult': channel<FileDownload>()(z.object({ jobId: z.string().max(64) })),
};
