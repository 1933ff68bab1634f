// Plain-SQL fixture rows for assessment tests: the contract, booking and usage services belong to
// other engineers, so tests insert the rows they need directly.
import type { Db } from '../../electron/db/connection';

const AT = '2025-01-01T00:00:00.000Z';

export function insertLab(db: Db, name: string): number {
  return Number(db.prepare('INSERT INTO labs(name, created_at) VALUES (?, ?)').run(name, AT).lastInsertRowid);
}

export interface InstrumentFixture {
  innerId: string;
  name?: string;
  categoryCode?: string;
  valueFen: number;
  shareMode?: '内部共享' | '外部共享' | '不共享';
  labId?: number | null;
  retiredAt?: string | null;
}

export function insertInstrument(db: Db, f: InstrumentFixture): number {
  return Number(db.prepare(`INSERT INTO instruments(inner_id, name_cn, category_code, original_value_fen, share_mode, lab_id, retired_at, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(f.innerId, f.name ?? f.innerId, f.categoryCode ?? '010101', f.valueFen,
    f.shareMode ?? '外部共享', f.labId ?? null, f.retiredAt ?? null, AT, AT).lastInsertRowid);
}

export interface UsageFixture {
  instrumentId: number;
  start: string;
  end: string;
  external?: boolean;
  amountFen?: number;
  userUnit?: string;
  contractId?: number | null;
  bookingId?: number | null;
  satisfaction?: number | null;
}

export function insertUsage(db: Db, f: UsageFixture): number {
  return Number(db.prepare(`INSERT INTO usage_logs(instrument_id, booking_id, contract_id, start_at, end_at, external, amount_fen, user_unit, satisfaction, created_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`).run(f.instrumentId, f.bookingId ?? null, f.contractId ?? null, f.start, f.end,
    f.external ? 1 : 0, f.amountFen ?? 0, f.userUnit ?? '', f.satisfaction ?? null, AT).lastInsertRowid);
}

export function insertBooking(db: Db, instrumentId: number, start: string, end: string): number {
  return Number(db.prepare(`INSERT INTO bookings(instrument_id, kind, start_at, end_at, created_at) VALUES (?, 'internal', ?, ?, ?)`)
    .run(instrumentId, start, end, AT).lastInsertRowid);
}

export function insertApplicant(db: Db, name: string): number {
  return Number(db.prepare(`INSERT INTO applicants(kind, name, created_at, updated_at) VALUES ('enterprise', ?, ?, ?)`)
    .run(name, AT, AT).lastInsertRowid);
}

export interface ContractFixture {
  number: string;
  applicantId: number;
  labId?: number | null;
  signed: string;
  amountFen: number;
  actualFen?: number | null;
  status?: 'draft' | 'active' | 'completed' | 'void';
  instrumentIds?: number[];
}

export function insertContract(db: Db, f: ContractFixture): number {
  const id = Number(db.prepare(`INSERT INTO contracts(number, applicant_id, lab_id, signed_date, start_date, end_date, amount_fen,
      actual_amount_fen, profile_id, status, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'beijing-2023', ?, ?, ?)`)
    .run(f.number, f.applicantId, f.labId ?? null, f.signed, f.signed, f.signed, f.amountFen, f.actualFen ?? null, f.status ?? 'active', AT, AT)
    .lastInsertRowid);
  for (const inst of f.instrumentIds ?? []) db.prepare('INSERT INTO contract_instruments(contract_id, instrument_id) VALUES (?, ?)').run(id, inst);
  return id;
}

/** A voucher of the applicant paying `amountFen` into the contract. */
export function attachVoucher(db: Db, contractId: number, applicantId: number, number: string, amountFen: number): number {
  const voucherId = Number(db.prepare(`INSERT INTO vouchers(number, applicant_id, face_value_fen, claim_date, profile_id, created_at, updated_at)
    VALUES (?, ?, ?, '2025-01-02', 'beijing-2023', ?, ?)`).run(number, applicantId, amountFen, AT, AT).lastInsertRowid);
  db.prepare('INSERT INTO contract_vouchers(contract_id, voucher_id, amount_fen) VALUES (?, ?, ?)').run(contractId, voucherId, amountFen);
  return voucherId;
}
