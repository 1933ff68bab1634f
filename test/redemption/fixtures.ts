// Fixture rows for redemption tests, inserted with plain SQL into the 0001 schema (the contract
// services are written elsewhere at the same time). Shared by vitest and the e2e spec.
import type Database from 'better-sqlite3-multiple-ciphers';

type Db = Database.Database;

export interface ContractFixture {
  contractId: number;
  applicantId: number;
  instrumentId: number;
}

export interface ContractOptions {
  number?: string;
  applicantName?: string;
  startDate?: string;
  endDate?: string;
  amountFen?: number;
  actualAmountFen?: number | null;
  /** Voucher amounts linked to the contract. */
  vouchersFen?: number[];
  profileId?: string;
  /** Service records as [start, end] civil times. */
  usage?: [string, string][];
  bank?: boolean;
}

const AT = '2025-06-01T00:00:00.000Z';
let seq = 0;

/** A lab, instrument, applicant, contract, vouchers and usage logs; returns their ids. */
export function insertContract(db: Db, o: ContractOptions = {}): ContractFixture {
  const n = ++seq;
  const tag = `${process.pid}-${n}-${Math.random().toString(36).slice(2, 7)}`;
  const labId = Number(db.prepare('INSERT INTO labs(name, unit_name, contact, created_at) VALUES (?, ?, ?, ?)')
    .run(`分析测试中心-${tag}`, '某大学分析测试中心', '王老师 010-12345678', AT).lastInsertRowid);
  const instrumentId = Number(db.prepare(`INSERT INTO instruments(inner_id, name_cn, category_code, original_value_fen, lab_id, created_at, updated_at)
    VALUES (?, ?, '020101', 150000000, ?, ?, ?)`).run(`YQ-${tag}`, '场发射扫描电子显微镜', labId, AT, AT).lastInsertRowid);
  const applicantId = Number(db.prepare(`INSERT INTO applicants(kind, name, credit_code, region, contact_name, contact_phone,
    bank_name, bank_account, created_at, updated_at) VALUES ('enterprise', ?, ?, 'beijing', '李经理', '13800000000', ?, ?, ?, ?)`)
    .run(o.applicantName ?? `北京新材科技有限公司${n}`, `91110108MA${String(n).padStart(8, '0')}`,
      o.bank === false ? '' : '中国工商银行北京中关村支行', o.bank === false ? '' : '0200 0045 1900 1234 567', AT, AT).lastInsertRowid);
  const contractId = Number(db.prepare(`INSERT INTO contracts(number, applicant_id, lab_id, title, services, signed_date, start_date,
    end_date, amount_fen, actual_amount_fen, registration_date, profile_id, status, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'active', ?, ?)`).run(
    o.number ?? `HT-2025-${tag}`, applicantId, labId, '新型合金材料微观形貌表征', '扫描电镜形貌观察与能谱分析',
    o.startDate ?? '2025-05-01', o.startDate ?? '2025-05-01', o.endDate ?? '2025-06-10', o.amountFen ?? 6_000_000,
    o.actualAmountFen === undefined ? 6_000_000 : o.actualAmountFen, o.startDate ?? '2025-05-01', o.profileId ?? 'beijing-2023', AT, AT,
  ).lastInsertRowid);
  (o.vouchersFen ?? [3_000_000]).forEach((fen, i) => {
    const vid = Number(db.prepare(`INSERT INTO vouchers(number, applicant_id, face_value_fen, claim_date, registered_date, profile_id, created_at, updated_at)
      VALUES (?, ?, ?, '2025-04-20', '2025-05-01', 'beijing-2023', ?, ?)`).run(`KJQ-${tag}-${i + 1}`, applicantId, fen, AT, AT).lastInsertRowid);
    db.prepare('INSERT INTO contract_vouchers(contract_id, voucher_id, amount_fen) VALUES (?, ?, ?)').run(contractId, vid, fen);
  });
  for (const [start, end] of o.usage ?? [['2025-05-10T09:00', '2025-05-10T12:30'], ['2025-06-02T14:00', '2025-06-02T18:00']]) {
    db.prepare(`INSERT INTO usage_logs(instrument_id, contract_id, start_at, end_at, operator, external, service_way, direction, content,
      amount_fen, user_name, user_unit, satisfaction, created_at) VALUES (?, ?, ?, ?, '张工', 1, '委托', '科技开发', '形貌观察', 300000, '李经理', ?, 5, ?)`)
      .run(instrumentId, contractId, start, end, o.applicantName ?? '北京新材科技有限公司', AT);
  }
  return { contractId, applicantId, instrumentId };
}
