// Upgrade of a desk written before orders could carry charges: a contract's charges, statement,
// confirmation and payment written in the old schema keep their ids and links after the rebuild,
// and the new rows take exactly one owner.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, upgradeDesks } from '../db/upgrade-helpers';

const VERSION = Number(fs.readdirSync(MIGRATIONS).find((f) => f.endsWith('_order_charges.sql'))!.slice(0, 4));
const desks = upgradeDesks();

describe('migration order_charges (charges, statements and payments of contracts or orders)', () => {
  it('keeps every row of a contract with its links, indexes and foreign keys on', () => {
    const file = desks.oldDesk(VERSION - 1, (db) => {
      db.exec(`INSERT INTO instruments(id, inner_id, name_cn, category_code, original_value_fen, created_at, updated_at)
          VALUES (1, 'BJ-001', '扫描电子显微镜', '020101', 60000000, '2025-01-01', '2025-01-01');
        INSERT INTO applicants(id, name, kind, region, created_at, updated_at) VALUES (1, '北京新材科技有限公司', 'enterprise', 'beijing', '2025-01-01', '2025-01-01');
        INSERT INTO contracts(id, number, applicant_id, title, signed_date, start_date, end_date, amount_fen, status, profile_id, created_at, updated_at)
          VALUES (5, 'HT-2025-001', 1, '材料表征', '2025-05-01', '2025-05-01', '2025-07-31', 300000, 'active', 'beijing-2023', '2025-05-01', '2025-05-01');
        INSERT INTO statements(id, contract_id, number, issued_on, total_fen, voucher_fen, own_fen, created_at)
          VALUES (3, 5, 'JS-2025-0001', '2025-06-18', 140000, 70000, 70000, '2025-06-18');
        INSERT INTO charges(id, contract_id, kind, category, service_date, instrument_id, description, amount_fen, statement_id, created_at, created_by)
          VALUES (9, 5, 'manual', 'service', '2025-05-10', 1, '元素分析', 140000, 3, '2025-05-10', 'desk');
        INSERT INTO amount_confirmations(id, contract_id, actual_fen, charges_fen, reason, created_at, actor) VALUES (2, 5, 150000, 140000, '含报告费', '2025-06-18', 'desk');
        INSERT INTO payments(id, contract_id, statement_id, receipt_number, paid_on, amount_fen, created_at) VALUES (4, 5, 3, 'HD-1', '2025-06-20', 70000, '2025-06-20');`);
    });
    const { db, applied } = desks.upgrade(file);
    expect(applied.some((a) => a.endsWith('_order_charges.sql'))).toBe(true);
    expect(db.prepare('SELECT id, contract_id AS c, order_id AS o, statement_id AS s FROM charges').all()).toEqual([{ id: 9, c: 5, o: null, s: 3 }]);
    expect(db.prepare('SELECT id, contract_id AS c, order_id AS o, number FROM statements').all()).toEqual([{ id: 3, c: 5, o: null, number: 'JS-2025-0001' }]);
    expect(db.prepare('SELECT id, contract_id AS c, order_id AS o, reason FROM amount_confirmations').all()).toEqual([{ id: 2, c: 5, o: null, reason: '含报告费' }]);
    expect(db.prepare('SELECT id, contract_id AS c, order_id AS o, statement_id AS s FROM payments').all()).toEqual([{ id: 4, c: 5, o: null, s: 3 }]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('charges', 'statements', 'payments', 'amount_confirmations')").pluck().all();
    expect(indexes).toEqual(expect.arrayContaining(['charges_contract', 'charges_order', 'charges_date', 'charges_statement', 'statements_current',
      'statements_current_order', 'statements_issued', 'payments_contract', 'payments_order', 'payments_paid', 'amount_confirmations_contract', 'amount_confirmations_order']));
    // One current statement per contract still; a row with no owner, or with both, is refused.
    expect(() => db.prepare("INSERT INTO statements(contract_id, number, issued_on, total_fen, voucher_fen, own_fen, created_at) VALUES (5, 'JS-2025-0002', '2025-06-19', 1, 0, 1, '')").run())
      .toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO payments(receipt_number, paid_on, amount_fen, created_at) VALUES ('HD-2', '2025-06-20', 1, '')").run()).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO charges(kind, category, service_date, description, amount_fen, created_at, created_by) VALUES ('manual', 'other', '2025-06-01', 'x', 1, '', '')").run())
      .toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO payments(contract_id, receipt_number, paid_on, amount_fen, created_at) VALUES (99, 'HD-3', '2025-06-20', 1, '')").run()).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
