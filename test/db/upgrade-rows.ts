// Rows as an older desk wrote them, in the columns every schema since 0001 (or since the table's
// own migration) has: the upgrade tests write them below a migration and read them after it.
import type { Db } from '../../electron/db/connection';
import { AT } from './upgrade-helpers';

const id = (db: Db, sql: string, ...params: unknown[]) => Number(db.prepare(sql).run(...params).lastInsertRowid);

/** An applicant and a contract of it (0001). */
export function contractRows(db: Db, n = 1): { applicantId: number; contractId: number } {
  const applicantId = id(db, `INSERT INTO applicants(kind, name, created_at, updated_at) VALUES ('enterprise', ?, ?, ?)`, `北京某科技有限公司-${n}`, AT, AT);
  const contractId = id(db, `INSERT INTO contracts(number, applicant_id, signed_date, start_date, end_date, amount_fen, profile_id, created_at, updated_at)
    VALUES (?, ?, '2024-04-10', '2024-04-10', '2024-06-30', 1200000, 'beijing-2023', ?, ?)`, `HT-2024-${n}`, applicantId, AT, AT);
  return { applicantId, contractId };
}

/** An instrument (0001). */
export function instrumentRow(db: Db, innerId = 'YQ-001'): number {
  return id(db, `INSERT INTO instruments(inner_id, name_cn, category_code, original_value_fen, created_at, updated_at)
    VALUES (?, '气相色谱仪', '020101', 60000000, ?, ?)`, innerId, AT, AT);
}

/** A usage record of an instrument under a contract (0001). */
export function usageRow(db: Db, instrumentId: number, contractId: number): number {
  return id(db, `INSERT INTO usage_logs(instrument_id, contract_id, start_at, end_at, created_at) VALUES (?, ?, '2024-05-06T09:00', '2024-05-06T12:00', ?)`,
    instrumentId, contractId, AT);
}

/** A Shanghai order of a service product (0018). */
export function orderRow(db: Db, applicantId: number): number {
  const productId = id(db, `INSERT INTO service_products(code, name, service_kind, created_at, updated_at) VALUES ('P-01', '材料成分检验检测', 'inspection', ?, ?)`, AT, AT);
  return id(db, `INSERT INTO orders(number, applicant_id, product_id, order_date, total_fen, voucher_fen, payout_party, profile_id, created_at, updated_at)
    VALUES ('DD00001', ?, ?, '2025-10-10', 200000, 100000, 'institution', 'shanghai-2025', ?, ?)`, applicantId, productId, AT, AT);
}

/** A quote (报价单) for an applicant in the default price group (0020). */
export function quoteRow(db: Db, applicantId: number): number {
  return id(db, `INSERT INTO quotes(number, applicant_id, price_group_id, quote_date, valid_until, total_fen, created_at)
    VALUES ('BJ-2025-001', ?, 3, '2025-09-01', '2025-10-01', 180000, ?)`, applicantId, AT);
}

/** A lab registered at the office with one imported package and the year it supplies (0028). */
export function officeLabYearRow(db: Db): void {
  db.prepare(`INSERT INTO office_labs(desk_id, lab_name, public_key, fingerprint, registered_at) VALUES ('desk-a', '分析测试中心', 'key-a', 'fp', ?)`).run(AT);
  const importId = id(db, `INSERT INTO office_imports(desk_id, package_id, package_sha256, schema_version, created_at, from_year, to_year, lab_name,
    unit_name, unit_credit_code, sealed, counts, diff, derived, imported_at, actor) VALUES ('desk-a', 'pkg-a', 'sha', 1, ?, 2024, 2024, '分析测试中心', '某大学', '', 0, '{}', '{}', '{}', ?, '管理员')`, AT, AT);
  db.prepare('UPDATE office_labs SET current_import_id = ? WHERE desk_id = ?').run(importId, 'desk-a');
  db.prepare('INSERT INTO office_lab_years(desk_id, year, import_id) VALUES (?, ?, ?)').run('desk-a', 2024, importId);
}
