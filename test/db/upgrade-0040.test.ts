// Migration 0040 (contract search index, voucher registration index): contracts written before it
// are in the contracts_search index (number and title joined by the separator), and the redemption
// and contract lists find them by number, title and applicant name from that index alone.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../electron/app-core';
import { listContracts } from '../../electron/services/deals/contracts';
import { listRedemptions } from '../../electron/services/redemption/applications';
import { contractListSchema } from '../../shared/ipc/deals';
import { redemptionListSchema } from '../../shared/ipc/redemption';
import { AT, MIGRATIONS, upgradeDesks } from './upgrade-helpers';

const desks = upgradeDesks();
const NOW = () => new Date('2025-06-16T02:00:00.000Z');

describe('migration 0040 (contract search text, voucher registration index)', () => {
  it('gives every existing contract its search text and index, which the lists search', () => {
    const file = desks.oldDesk(39, (db) => {
      db.prepare(`INSERT INTO applicants(id, kind, name, created_at, updated_at) VALUES (1, 'enterprise', '北京新材科技有限公司', ?, ?), (2, 'enterprise', '天津光电有限公司', ?, ?)`).run(AT, AT, AT, AT);
      db.prepare(`INSERT INTO contracts(id, number, applicant_id, title, signed_date, start_date, end_date, amount_fen, profile_id, status, created_at, updated_at)
        VALUES (1, 'HT2024-001', 1, '扫描电镜形貌表征', '2024-03-01', '2024-03-01', '2024-09-30', 100000, 'beijing-2023', 'completed', ?, ?),
               (2, 'HT2024-002', 2, '液相色谱检测', '2024-04-01', '2024-04-01', '2024-10-31', 100000, 'beijing-2023', 'active', ?, ?)`).run(AT, AT, AT, AT);
    });
    const { db, applied } = desks.upgrade(file, 40);
    expect(applied).toEqual(['0040_list_search.sql']);
    expect(db.prepare("SELECT c.id FROM contracts c INDEXED BY contracts_search WHERE (c.number || char(31) || c.title) LIKE '%001' || char(31) || '扫描%' ORDER BY c.id").pluck().all()).toEqual([1]);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND name IN ('contracts_search', 'vouchers_profile_registered') ORDER BY name").pluck().all())
      .toEqual(['contracts_search', 'vouchers_profile_registered']);
    expect(db.prepare('PRAGMA integrity_check').pluck().get()).toBe('ok');
    db.close();
    const core = openCore({ dataDir: path.dirname(file), mode: 'browser', migrationsDir: MIGRATIONS, now: NOW });
    try {
      const redemption = (query: string) => listRedemptions(core.ctx, redemptionListSchema.parse({ view: 'all', query })).rows.map((r) => r.contractNumber);
      expect(redemption('色谱')).toEqual(['HT2024-002']);
      expect(redemption('ht2024-001')).toEqual(['HT2024-001']);
      expect(redemption('新材')).toEqual(['HT2024-001']);
      expect(redemption('001扫描')).toEqual([]);
      expect(listContracts(core.ctx, contractListSchema.parse({ query: '光电' })).rows.map((r) => r.number)).toEqual(['HT2024-002']);
    } finally {
      core.close();
    }
  });
});
