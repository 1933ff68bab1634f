// Migrations that add fields to rows already there: 0006 (the short-search text of every
// instrument) and 0017 (the policy facts of applicants, contracts and vouchers). Rows written in the
// old schema get the new fields' "not given" values, and today's services read and search them.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../electron/app-core';
import { listInstruments } from '../../electron/services/catalog/instruments';
import { getApplicant } from '../../electron/services/deals/applicants';
import { getContract } from '../../electron/services/deals/contracts';
import { getVoucher } from '../../electron/services/deals/vouchers';
import { AT, MIGRATIONS, upgradeDesks } from './upgrade-helpers';

const desks = upgradeDesks();
const NOW = () => new Date('2025-06-16T02:00:00.000Z');

describe('migration 0006 (short search text)', () => {
  it('gives every existing instrument its search text, which the one- and two-character search reads', () => {
    const file = desks.oldDesk(5, (db) => {
      db.prepare(`INSERT INTO instruments(id, inner_id, name_cn, name_en, model, manufacturer, category_code, original_value_fen, created_at, updated_at)
        VALUES (1, 'YQ-01', '扫描电子显微镜', 'SEM', 'Sigma 300', '蔡司', '010101', 4200000, ?, ?),
               (2, 'YQ-02', '气相色谱仪', '', '7890B', '安捷伦', '010501', 680000, ?, ?)`).run(AT, AT, AT, AT);
    });
    const { db, applied } = desks.upgrade(file, 6);
    expect(applied).toEqual(['0006_search.sql']);
    expect(db.prepare('SELECT search_text FROM instruments ORDER BY id').pluck().all())
      .toEqual(['扫描电子显微镜 SEM Sigma 300 YQ-01 蔡司', '气相色谱仪  7890B YQ-02 安捷伦']);
    db.close();
    const core = openCore({ dataDir: path.dirname(file), mode: 'browser', migrationsDir: MIGRATIONS, now: NOW });
    try {
      expect(listInstruments(core.ctx, { query: '色谱' }).rows.map((r) => r.innerId)).toEqual(['YQ-02']);
      expect(listInstruments(core.ctx, { query: '蔡' }).rows.map((r) => r.innerId)).toEqual(['YQ-01']);
    } finally {
      core.close();
    }
  });
});

describe('migration 0017 (policy facts)', () => {
  it('keeps applicants, contracts and vouchers, with the new facts not given, readable by the services', () => {
    const file = desks.oldDesk(16, (db) => {
      db.prepare(`INSERT INTO applicants(id, kind, name, credit_code, region, high_tech, created_at, updated_at)
        VALUES (1, 'enterprise', '北京某科技有限公司', '91110108551385082Q', 'beijing', 1, ?, ?)`).run(AT, AT);
      db.prepare(`INSERT INTO vouchers(id, number, applicant_id, face_value_fen, claim_date, registered_date, profile_id, created_at, updated_at)
        VALUES (1, 'QC-0001', 1, 5000000, '2025-05-10', '2025-05-12', 'beijing-2023', ?, ?)`).run(AT, AT);
      db.prepare(`INSERT INTO contracts(id, number, applicant_id, title, services, signed_date, start_date, end_date, amount_fen, profile_id, status, created_at, updated_at)
        VALUES (1, 'HT-0001', 1, '材料检测', '成分分析', '2025-05-12', '2025-05-12', '2025-06-30', 12000000, 'beijing-2023', 'active', ?, ?)`).run(AT, AT);
      db.prepare('INSERT INTO contract_vouchers(contract_id, voucher_id, amount_fen) VALUES (1, 1, 5000000)').run();
    });
    const { db, applied } = desks.upgrade(file, 17);
    expect(applied).toEqual(['0017_policy_facts.sql']);
    expect(db.prepare(`SELECT high_tech AS highTech, high_tech_valid_from AS htFrom, high_tech_valid_to AS htTo, is_sme AS isSme,
        serious_dishonesty AS dishonest, last_major_violation_year AS violation, abnormal_list AS abnormal, incubator_region AS incubatorRegion,
        company_regions AS companyRegions FROM applicants`).get())
      .toEqual({ highTech: 1, htFrom: null, htTo: null, isSme: null, dishonest: 0, violation: null, abnormal: 0, incubatorRegion: '', companyRegions: '' });
    expect(db.prepare('SELECT service_kinds FROM contracts').pluck().get()).toBe('');
    expect(db.prepare('SELECT cross_region AS crossRegion, issuing_region AS issuingRegion FROM vouchers').get()).toEqual({ crossRegion: null, issuingRegion: null });
    db.close();
    // Every later migration runs too, and the services read the old rows as saved.
    const core = openCore({ dataDir: path.dirname(file), mode: 'browser', migrationsDir: MIGRATIONS, now: NOW });
    try {
      expect(getApplicant(core.ctx, 1)).toMatchObject({ name: '北京某科技有限公司', creditCode: '91110108551385082Q', highTech: true, highTechValidFrom: null, companyRegions: [] });
      expect(getVoucher(core.ctx, 1)).toMatchObject({ number: 'QC-0001', faceValueFen: 5_000_000, crossRegion: null, contractNumber: 'HT-0001', usedFen: 5_000_000 });
      expect(getContract(core.ctx, 1)).toMatchObject({ number: 'HT-0001', amountFen: 12_000_000, serviceKinds: [], voucherTotalFen: 5_000_000 });
    } finally {
      core.close();
    }
  });
});
