// The office's read-only view of a lab's records: every field a lab package carries has its label
// in Chinese and English, and values read as the desk words them (yuan, Beijing time, vocabularies).
import { afterEach, describe, expect, it } from 'vitest';
import { OFFICE_RECORD_PARTS } from '../../shared/ipc/office';
import { LAB_PARTS } from '../../electron/services/facility/package/parts';
import { labRecords } from '../../electron/services/facility/office';
import { exportLabPackage } from '../../electron/services/facility/package/export-lab';
import { importLabPackage } from '../../electron/services/facility/package/import-lab';
import { getIdentity } from '../../electron/services/facility/package/keys';
import { RECORD_COLUMNS, recordColumns, recordValue, type RecordColumn } from '../../renderer/src/pages/facility/office-record-columns';
import type { TempCore } from '../helpers/db';
import { labDesk, officeDesk, register } from './lab-fixture';

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]/;
const col = (part: keyof typeof RECORD_COLUMNS, key: string) => RECORD_COLUMNS[part].find((c) => c.key === key)!;
const cores: TempCore[] = [];
afterEach(() => { while (cores.length) cores.pop()!.cleanup(); });

describe('columns of a lab\'s records at the office', () => {
  it('every field of every part a package carries has a label in both languages, English without Chinese', () => {
    for (const part of OFFICE_RECORD_PARTS) {
      if (part === 'usage') continue; // read as sums at the office, checked below
      // Row ids of the instrument and applicant show as their number and name; the year-made keys not at all.
      const hidden = ['instrumentId', 'applicantId', ...(part === 'ratedHours' || part === 'derived' ? ['id'] : [])];
      const fields = Object.keys(LAB_PARTS[part].shape).filter((k) => !hidden.includes(k));
      const shown = recordColumns(part, [Object.fromEntries(Object.keys(LAB_PARTS[part].shape).map((f) => [f, 1]))]);
      expect(shown.filter((c) => hidden.includes(c.key)).map((c) => c.key), part).toEqual([]);
      for (const f of fields) {
        const c = shown.find((x) => x.key === f);
        expect(c, `${part}.${f}`).toBeDefined();
        expect(c!.label.zh, `${part}.${f}`).not.toBe(f);
        expect(CJK.test(c!.label.en), `${part}.${f}: ${c!.label.en}`).toBe(false);
      }
    }
  });

  it('the usage sums the office reads, the instrument\'s number and name and the applicant\'s name are labelled', () => {
    const lab = labDesk('分析测试中心', 'AT');
    const office = officeDesk();
    cores.push(lab, office);
    register(office, lab);
    importLabPackage(office.ctx, new Uint8Array(Buffer.from(exportLabPackage(lab.ctx, { fromYear: 2025, toYear: 2025, attachments: false }).dataBase64, 'base64')));
    const deskId = getIdentity(lab.ctx).deskId;
    for (const part of ['usage', 'ratedHours', 'contracts', 'vouchers'] as const) {
      const rows = labRecords(office.ctx, { deskId, part, offset: 0, limit: 50 }).rows;
      expect(rows.length, part).toBeGreaterThan(0);
      const cols = recordColumns(part, rows);
      // No column under a field's own name: each is one the part names.
      expect(cols.filter((c) => c.label.zh === c.key).map((c) => c.key), part).toEqual([]);
      const keys = new Set(rows.flatMap((r) => Object.keys(r)));
      for (const k of keys) if (!['instrumentId', 'applicantId'].includes(k) && !(part === 'ratedHours' && k === 'id')) expect(cols.some((c) => c.key === k), `${part}.${k}`).toBe(true);
    }
  });

  it('a field a newer lab desk adds shows under its own name after the part\'s columns', () => {
    const cols = recordColumns('applicants', [{ id: 1, name: 'x', kind: 'team', creditCode: null, region: 'sh' }]);
    expect(cols.map((c) => c.key)).toEqual(['id', 'name', 'kind', 'creditCode', 'region']);
  });

  it('values read as the desk words them: yuan from fen, Beijing time, vocabularies in the chosen language', () => {
    const v = (c: RecordColumn, x: unknown, locale: 'zh' | 'en' = 'en') => recordValue(c, x, locale);
    expect(v(col('instruments', 'originalValueFen'), 123_456_789)).toBe('1,234,567.89');
    expect(v(col('contracts', 'amountFen'), 5)).toBe('0.05');
    // An instant in UTC read in Beijing: 16:30 UTC on 31 December is 00:30 on 1 January.
    expect(v(col('instruments', 'retiredAt'), '2025-12-31T16:30:00.000Z')).toBe('2026-01-01 00:30');
    expect(v(col('instruments', 'startUseDate'), '2024-03-01')).toBe('2024-03-01');
    expect(v(col('instruments', 'usageKind'), '通用')).toBe('General');
    expect(v(col('instruments', 'usageKind'), '通用', 'zh')).toBe('通用');
    expect(v(col('instruments', 'shareMode'), '外部共享')).toBe('Shared externally');
    expect(v(col('instruments', 'status'), '正常')).toBe('In order');
    expect(v(col('instruments', 'source'), '购置')).toBe('Purchased');
    expect(v(col('contracts', 'status'), 'active')).toBe('Active');
    expect(v(col('contracts', 'status'), 'active', 'zh')).toBe('履行中');
    expect(v(col('redemptions', 'status'), 'submitted', 'zh')).toBe('已提交');
    expect(v(col('orders', 'payoutParty'), 'institution')).toBe('Paid to the service institution');
    expect(v(col('orders', 'crossRegion'), 'jingjinji')).toBe('Beijing–Tianjin–Hebei mutual recognition');
    expect(v(col('charges', 'category'), 'consumable', 'zh')).toBe('耗材');
    expect(v(col('charges', 'kind'), 'usage')).toBe('Usage record');
    expect(v(col('ratedHours', 'origin'), 'unit', 'zh')).toBe('单位默认');
    expect(v(col('applicants', 'kind'), 'team')).toBe('Start-up team');
    expect(v(col('derived', 'utilisation'), 0.4567)).toBe('45.7%');
    expect(v(col('contracts', 'vouchers'), [{ voucherId: 3, amountFen: 500_000 }, { voucherId: 7, amountFen: 1 }])).toBe('3: 5,000.00; 7: 0.01');
    expect(v(col('contracts', 'instrumentIds'), [1, 2], 'zh')).toBe('1、2');
    expect(v(col('vouchers', 'profileId'), 'beijing-2023', 'zh')).toBe('首都科技条件平台与科技创新券实施办法（修订版）');
    // A value not in the vocabulary (a newer lab desk's) is shown as stored, never as another.
    expect(v(col('contracts', 'status'), 'suspended')).toBe('suspended');
    expect(v(col('contracts', 'actualAmountFen'), null)).toBeNull();
  });
});
