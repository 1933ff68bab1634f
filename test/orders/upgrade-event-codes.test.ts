// Upgrade of a desk whose order steps carry the automatic upload note as Chinese prose: the note
// becomes its code and party; a note the user typed stays as typed.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, upgradeDesks } from '../db/upgrade-helpers';

const VERSION = Number(fs.readdirSync(MIGRATIONS).find((f) => f.endsWith('_order_event_codes.sql'))!.slice(0, 4));
const desks = upgradeDesks();

describe('migration order_event_codes', () => {
  it('turns the automatic upload notes into codes and keeps typed notes', () => {
    const file = desks.oldDesk(VERSION - 1, (db) => {
      db.exec(`INSERT INTO applicants(id, name, kind, region, created_at, updated_at) VALUES (1, '上海某材料科技有限公司', 'enterprise', 'shanghai', '2025-01-01', '2025-01-01');
        INSERT INTO service_products(id, code, name, service_kind, created_at, updated_at) VALUES (1, 'P-01', '检验检测', 'inspection', '2025-01-01', '2025-01-01');
        INSERT INTO orders(id, number, applicant_id, product_id, order_date, total_fen, voucher_fen, payout_party, status, profile_id, created_at, updated_at)
          VALUES (1, 'DD1', 1, 1, '2025-10-10', 100, 50, 'enterprise', 'uploaded', 'shanghai-2025', '', ''),
                 (2, 'DD2', 1, 1, '2025-10-10', 100, 50, 'institution', 'uploaded', 'shanghai-2025', '', '');
        INSERT INTO order_events(id, order_id, status, date, note, created_at) VALUES
          (1, 1, 'placed', '2025-10-10', '', ''), (2, 1, 'uploaded', '2025-10-14', '企业（团队）上传兑付材料', ''),
          (3, 2, 'uploaded', '2025-10-14', '服务机构上传兑付材料', ''), (4, 2, 'cancelled', '2025-10-15', '企业撤单', '');`);
    });
    const { db } = desks.upgrade(file);
    expect(db.prepare('SELECT id, note, note_code AS code, note_params AS params FROM order_events ORDER BY id').all()).toEqual([
      { id: 1, note: '', code: null, params: '{}' },
      { id: 2, note: '', code: 'orderEvent.uploadedBy', params: '{"party":"enterprise"}' },
      { id: 3, note: '', code: 'orderEvent.uploadedBy', params: '{"party":"institution"}' },
      { id: 4, note: '企业撤单', code: null, params: '{}' },
    ]);
    db.close();
  });
});
