// A lab desk's package for a period of whole years: instruments, 额定机时, usage, applicants,
// contracts, Shanghai orders, vouchers, redemption states and the desk's own yearly figures; attachments only when
// asked. Sealed to the office's key when this desk's database is encrypted.
import { jobStep } from '../../../core-host/job';
import { computeAssessment } from '../../assessment/compute';
import { AppFailure } from '../../../../shared/result';
import { unseal } from '../../redemption/sealed-file';
import { audit } from '../../audit';
import type { ServiceContext } from '../../context';
import { ratedResolver } from '../rated-hours';
import type { FileDownload } from '../../../../shared/ipc/catalog';
import { buildPackage, refuse, type Manifest } from './format';
import { deskKeys, fingerprint, getIdentity } from './keys';
import { getRegisteredOffice } from './office-key';
import { labPartSchemaOf, type LabPartName } from './parts';
import fs from 'node:fs';
import path from 'node:path';

export const APP_VERSION = '0.1.0';

export interface LabExportInput {
  fromYear: number;
  toYear: number;
  attachments: boolean;
}

type Row = Record<string, unknown>;

function tableExists(ctx: ServiceContext, name: string): boolean {
  return !!ctx.db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);
}

export function collectLabParts(ctx: ServiceContext, input: LabExportInput): { name: string; schema: number; records: Row[] }[] {
  const db = ctx.db;
  const from = `${input.fromYear}-01-01`;
  const to = `${input.toYear}-12-31`;
  const ys = `${input.fromYear}-01-01T00:00`;
  const ye = `${input.toYear + 1}-01-01T00:00`;
  const retiredAfter = new Date(Date.UTC(input.fromYear, 0, 1) - 8 * 3_600_000).toISOString();
  // Records reaching into the period start at most 7 days before it (see 0003).
  const lo = new Date(Date.parse(`${ys}:00Z`) - 7 * 86_400_000).toISOString().slice(0, 16);

  const instruments = db.prepare(`SELECT i.id, i.inner_id AS innerId, i.asset_no AS assetNo, i.name_cn AS nameCn, i.name_en AS nameEn, i.category_code AS categoryCode,
      i.source, i.original_value_fen AS originalValueFen, i.manufacturer, i.model, i.usage_kind AS usageKind, i.status, i.share_mode AS shareMode,
      COALESCE(l.name, '') AS labName, i.start_use_date AS startUseDate, i.retired_at AS retiredAt, i.location
    FROM instruments i LEFT JOIN labs l ON l.id = i.lab_id
    WHERE i.retired_at IS NULL OR i.retired_at >= @retiredAfter
      OR i.id IN (SELECT instrument_id FROM usage_logs WHERE start_at >= @lo AND start_at < @ye AND end_at > @ys)
    ORDER BY i.id`).all({ retiredAfter, lo, ys, ye }) as Row[];

  const ratedHours: Row[] = [];
  for (let year = input.fromYear; year <= input.toYear; year++) {
    const r = ratedResolver(ctx, year);
    for (const i of instruments) {
      const { hours, origin } = r.of(i.id as number, i.usageKind as string);
      ratedHours.push({ id: `${i.id}:${year}`, instrumentId: i.id, year, hours, origin });
    }
  }

  const usage = db.prepare(`SELECT id, instrument_id AS instrumentId, contract_id AS contractId, start_at AS startAt, end_at AS endAt, external,
      service_way AS serviceWay, direction, amount_fen AS amountFen, user_unit AS userUnit, satisfaction, order_id AS orderId
    FROM usage_logs WHERE start_at >= ? AND start_at < ? AND end_at > ? ORDER BY id`)
    .all(lo, ye, ys) as Row[];

  const contracts = db.prepare(`SELECT c.id, c.number, c.applicant_id AS applicantId, l.name AS labName, c.signed_date AS signedDate,
      c.start_date AS startDate, c.end_date AS endDate, c.amount_fen AS amountFen, c.actual_amount_fen AS actualAmountFen, c.status,
      (SELECT json_group_array(instrument_id) FROM contract_instruments WHERE contract_id = c.id) AS instrumentIds,
      (SELECT json_group_array(json_object('voucherId', voucher_id, 'amountFen', amount_fen)) FROM contract_vouchers WHERE contract_id = c.id) AS vouchers
    FROM contracts c LEFT JOIN labs l ON l.id = c.lab_id
    WHERE c.signed_date BETWEEN @from AND @to OR (c.start_date <= @to AND c.end_date >= @from)
      OR c.id IN (SELECT contract_id FROM usage_logs WHERE contract_id IS NOT NULL AND start_at >= @ys AND start_at < @ye)
    ORDER BY c.id`).all({ from, to, ys, ye }) as Row[];
  for (const c of contracts) {
    c.instrumentIds = (JSON.parse(c.instrumentIds as string) as number[]).sort((a, b) => a - b);
    c.vouchers = (JSON.parse(c.vouchers as string) as { voucherId: number }[]).sort((a, b) => a.voucherId - b.voucherId);
  }
  const contractIds = contracts.map((c) => c.id as number);
  const inList = (ids: number[]) => JSON.stringify(ids);

  const vouchers = db.prepare(`SELECT id, number, applicant_id AS applicantId, face_value_fen AS faceValueFen, claim_date AS claimDate,
      registered_date AS registeredDate, profile_id AS profileId, voided_at AS voidedAt
    FROM vouchers WHERE claim_date BETWEEN ? AND ? OR id IN (SELECT voucher_id FROM contract_vouchers WHERE contract_id IN (SELECT value FROM json_each(?)))
    ORDER BY id`).all(from, to, inList(contractIds)) as Row[];

  // Shanghai orders dated in the period or served in it.
  const orders = tableExists(ctx, 'orders') ? db.prepare(`SELECT o.id, o.number, o.applicant_id AS applicantId, o.order_date AS orderDate, o.total_fen AS totalFen,
      o.voucher_fen AS voucherFen, o.status, o.payout_party AS payoutParty, o.cross_region AS crossRegion, o.profile_id AS profileId
    FROM orders o WHERE o.order_date BETWEEN @from AND @to
      OR o.id IN (SELECT order_id FROM usage_logs WHERE order_id IS NOT NULL AND start_at >= @ys AND start_at < @ye)
    ORDER BY o.id`).all({ from, to, ys, ye }) as Row[] : [];

  const applicantIds = [...new Set([...contracts, ...vouchers, ...orders].map((r) => r.applicantId as number))];
  const applicants = db.prepare(`SELECT id, kind, name, credit_code AS creditCode FROM applicants WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id`)
    .all(inList(applicantIds)) as Row[];

  const redemptions = db.prepare(`SELECT id, contract_id AS contractId, status, voucher_amount_fen AS voucherAmountFen, own_payment_fen AS ownPaymentFen,
      submitted_date AS submittedDate, approved_date AS approvedDate, paid_date AS paidDate
    FROM redemptions WHERE contract_id IN (SELECT value FROM json_each(?)) ORDER BY id`).all(inList(contractIds)) as Row[];

  // The desk's own figures for each year its policy profile covers; a year before the first
  // profile of the region has none (the office computes its figures from the records anyway).
  const derived: Row[] = [];
  for (let year = input.fromYear; year <= input.toYear; year++) {
    let r: ReturnType<typeof computeAssessment>;
    try {
      r = computeAssessment(ctx, { year, scope: { kind: 'unit' } });
    } catch (e) {
      if (e instanceof AppFailure && e.error.reason === 'policy.notInForce') continue;
      throw e;
    }
    derived.push({
      id: String(year), year, instrumentCount: r.instrumentCount, ratedHoursTotal: r.ratedHoursTotal, usageRecords: r.usageRecords,
      effectiveHours: r.effectiveHours, externalHours: r.externalHours, utilisation: r.utilisation, shareRate: r.shareRate, externalUsers: r.externalUsers,
      contracts: r.contracts, contractAmountFen: r.contractAmountFen, voucherAmountFen: r.voucherAmountFen, serviceIncomeFen: r.serviceIncomeFen,
      avgSatisfaction: r.avgSatisfaction, openRate: r.openRate,
    });
  }

  const part = (name: LabPartName | string, records: Row[]) => ({ name, schema: labPartSchemaOf(name), records });
  const parts: { name: LabPartName | string; schema: number; records: Row[] }[] = [
    part('instruments', instruments), part('ratedHours', ratedHours), part('usage', usage), part('applicants', applicants), part('contracts', contracts),
    part('vouchers', vouchers), part('redemptions', redemptions), part('derived', derived), part('orders', orders),
  ];
  // The charges dated in the period (from the week before it, as the usage records) and those of its usage records.
  if (tableExists(ctx, 'charges')) {
    parts.push(part('charges', db.prepare(`SELECT id, contract_id AS contractId, order_id AS orderId, usage_id AS usageId, kind, category,
        service_date AS serviceDate, instrument_id AS instrumentId, amount_fen AS amountFen, statement_id AS statementId
      FROM charges WHERE service_date BETWEEN @loDay AND @to
        OR usage_id IN (SELECT id FROM usage_logs WHERE start_at >= @lo AND start_at < @ye AND end_at > @ys) ORDER BY id`)
      .all({ loDay: lo.slice(0, 10), to, lo, ye, ys }) as Row[]));
  }
  return parts;
}

export function exportLabPackage(ctx: ServiceContext & { encrypted: boolean }, input: LabExportInput): FileDownload & { manifest: Manifest } {
  const identity = getIdentity(ctx);
  if (!identity.labName) refuse('package.identityMissing', { what: '实验室名称 (lab name)' });
  if (!identity.unitCreditCode) refuse('package.identityMissing', { what: '单位统一社会信用代码 (unit credit code)' });
  const office = getRegisteredOffice(ctx);
  if (ctx.encrypted && !office) refuse('package.officeKeyMissing', {}, 'RULE');
  const keys = deskKeys(ctx);
  const parts = collectLabParts(ctx, input);
  const attachments: { path: string; bytes: Uint8Array }[] = [];
  if (input.attachments) {
    const contractIds = (parts.find((p) => p.name === 'contracts')!.records).map((c) => c.id as number);
    const rows = ctx.db.prepare(`SELECT id, contract_id AS contractId, kind, original_name AS originalName, stored_name AS storedName, sha256, size_bytes AS sizeBytes
      FROM attachments WHERE contract_id IN (SELECT value FROM json_each(?)) ORDER BY id`).all(JSON.stringify(contractIds)) as Row[];
    const records: Row[] = [];
    for (const [n, r] of rows.entries()) {
      jobStep(n, rows.length); // reading and unsealing the attachments is the long part
      const file = path.join(ctx.dataDir, 'attachments', String(r.contractId), String(r.storedName));
      const stored = fs.existsSync(file) ? fs.readFileSync(file) : null;
      const plain = stored ? unseal(ctx, stored) ?? stored : null;
      const p = plain ? `attachments/${r.sha256}` : null;
      if (plain && p && !attachments.some((a) => a.path === p)) attachments.push({ path: p, bytes: plain });
      records.push({ id: r.id, contractId: r.contractId, kind: r.kind, originalName: r.originalName, sha256: r.sha256, sizeBytes: r.sizeBytes, path: p });
    }
    parts.push({ name: 'attachments', schema: labPartSchemaOf('attachments'), records });
  }
  const createdAt = ctx.now().toISOString();
  const { bytes, manifest } = buildPackage({
    kind: 'lab', deskId: identity.deskId, unit: { name: identity.unitName, creditCode: identity.unitCreditCode }, lab: { name: identity.labName },
    period: { fromYear: input.fromYear, toYear: input.toYear }, createdAt, appVersion: APP_VERSION, parts, attachments, keys,
    signerFingerprint: fingerprint(keys.signPublic), sealToBoxPublic: ctx.encrypted ? office?.boxPublic : undefined,
  });
  audit(ctx, 'export', 'lab_package', manifest.packageId, { period: manifest.period, sealed: ctx.encrypted, counts: Object.fromEntries(manifest.parts.map((p) => [p.name, p.records])) });
  const period = input.fromYear === input.toYear ? String(input.fromYear) : `${input.fromYear}-${input.toYear}`;
  return {
    fileName: `实验室数据包-${identity.labName}-${period}.oidpkg`, mimeType: 'application/octet-stream',
    dataBase64: Buffer.from(bytes).toString('base64'), manifest,
  };
}
