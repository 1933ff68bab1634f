// The audit log's details view: each recorded field by its label in the chosen language, its value
// worded (codes by name, fen as yuan, instants in Beijing time, yes/no), what changed as
// before → after, nested records as labelled lists; never JSON text, never a bare field key.
import { describe, expect, it } from 'vitest';
import type { AuditRow } from '../../shared/ipc/system';
import { MANUAL_CATEGORIES } from '../../shared/ipc/money';
import { ORDER_STATUS_LABELS } from '../../shared/rules/orders';
import { SERVICE_KIND_LABELS } from '../../shared/policy/vocabulary';
import { auditDetailLines, humanKey, type DetailLine, type DetailValue } from '../../renderer/src/pages/security/audit-sentences';

const row = (entity: string, action: string, detail: unknown): AuditRow =>
  ({ id: 1, at: '2026-03-01T20:05:00.000Z', actor: '王敏', action, entity, entityId: '7', detail: JSON.stringify(detail) });

function show(v: DetailValue): string {
  if (v.kind === 'text') return v.text;
  if (v.kind === 'change') return `${show(v.before)} → ${show(v.after)}`;
  return `[${v.lines.map(line).join('; ')}]`;
}
const line = (l: DetailLine) => `${l.label}: ${show(l.value)}`;
const lines = (r: AuditRow, locale: 'zh' | 'en') => auditDetailLines(r, locale).map(line);

/** Every piece of the desk's own words (not the user's data) in the lines. */
function deskWords(ls: DetailLine[]): string[] {
  const of = (v: DetailValue): string[] => (v.kind === 'text' ? (v.user ? [] : [v.text]) : v.kind === 'change' ? [...of(v.before), ...of(v.after)] : deskWords(v.lines));
  return ls.flatMap((l) => [l.label, ...of(l.value)]);
}

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]/;

describe('audit details', () => {
  it('an instrument edit: each changed field by its label, amounts in yuan, yes/no, dates as civil dates', () => {
    const r = row('instrument', 'update', { changed: [
      { field: 'originalValueFen', from: 100_000, to: 250_050 },
      { field: 'customsSupervised', from: false, to: true },
      { field: 'bookedDate', from: '2020-01-01', to: '2020-02-01' },
    ] });
    expect(lines(r, 'zh')).toEqual(['原值: 1,000.00 元 → 2,500.50 元', '是否在海关监管年限内: 否 → 是', '建账日期: 2020-01-01 → 2020-02-01']);
    expect(lines(r, 'en')).toEqual(['Original value: CNY 1,000.00 → CNY 2,500.50', 'Under customs supervision: No → Yes', 'Booked on: 2020-01-01 → 2020-02-01']);
  });

  it('a contract: its vouchers as a numbered list of labelled fields, service kinds by name, a first save without before', () => {
    const r = row('contract', 'create', {
      number: 'HT-7', amountFen: 10_000_000, actualAmountFen: null, serviceKinds: ['testing'],
      vouchers: [{ voucherId: 3, amountFen: 500_000 }], instrumentIds: [4, 5], before: null,
    });
    expect(lines(r, 'en')).toEqual([
      'Number: HT-7', 'Amount: CNY 100,000.00', 'Actual amount: —', `Service content: ${SERVICE_KIND_LABELS.testing.en}`,
      'Vouchers used: [Item 1: [Voucher: #3; Amount: CNY 5,000.00]]', 'Instruments: #4, #5',
    ]);
    expect(lines(r, 'zh')).toContain('所用创新券: [第 1 项: [创新券: #3; 金额: 5,000.00 元]]');
  });

  it('a contract edit shows the old values of the fields it recorded anew as before → after', () => {
    const r = row('contract', 'update', { number: 'HT-7', amountFen: 12_000_000, vouchers: [], before: { vouchers: [], amountFen: 10_000_000 } });
    expect(lines(r, 'zh')).toEqual(['金额: 100,000.00 元 → 120,000.00 元', '编号: HT-7', '所用创新券: —']);
  });

  it('a record referred to by id is named by its number or name when the log found it', () => {
    const r = { ...row('contract', 'update', {
      applicantId: 3, vouchers: [{ voucherId: 5, amountFen: 100 }], instrumentIds: [4, 9], before: { applicantId: 2 },
    }), refs: { 'applicant:3': '北京某材料科技有限公司', 'applicant:2': '旧单位', 'voucher:5': 'BJKJQ-2026-0005', 'instrument:4': '色谱-01 气相色谱仪' } };
    expect(lines(r, 'en')).toEqual([
      'Applicant: 旧单位 → 北京某材料科技有限公司', 'Vouchers used: [Item 1: [Voucher: BJKJQ-2026-0005; Amount: CNY 1.00]]', 'Instruments: 色谱-01 气相色谱仪, #9',
    ]);
    const applicant = auditDetailLines(r, 'en')[0].value;
    expect(applicant).toMatchObject({ kind: 'change', after: { kind: 'text', user: true } });
  });

  it('a state change: from → to by the states\' names', () => {
    const r = row('order', 'order.transition', { from: 'placed', to: 'accepted', date: '2026-03-02', note: '已确认' });
    expect(lines(r, 'en')).toEqual([`State: ${ORDER_STATUS_LABELS.placed.en} → ${ORDER_STATUS_LABELS.accepted.en}`, 'Date: 2026-03-02', 'Note: 已确认']);
  });

  it('{before, after} of settings: only what changed', () => {
    const r = row('settings', 'update', { before: { idleMinutes: 10, keepBackups: 7 }, after: { idleMinutes: 10, keepBackups: 14 } });
    expect(lines(r, 'en')).toEqual(['Backups kept: 7 → 14']);
  });

  it('a booking moved: the Beijing wall-clock times, the kind by name', () => {
    const r = row('booking', 'update', {
      from: { startAt: '2026-03-02T09:00', endAt: '2026-03-02T11:00', kind: 'internal' },
      to: { startAt: '2026-03-02T13:00', endAt: '2026-03-02T15:00', kind: 'maintenance' },
    });
    expect(lines(r, 'zh')).toEqual(['开始时间: 2026-03-02 09:00 → 2026-03-02 13:00', '结束时间: 2026-03-02 11:00 → 2026-03-02 15:00', '类型: 内部使用 → 维护']);
  });

  it('an instant is shown in Beijing time: 20:05 UTC is 04:05 the next day', () => {
    expect(lines(row('backup', 'backup.restore', { preRestore: '2026-03-01T20:05:00.000Z' }), 'en')).toEqual(['Backup taken before the restore: 2026-03-02 04:05:00']);
  });

  it('a deleted holiday shows what was deleted, its kind by name', () => {
    const r = row('holiday', 'delete', { before: { date: '2026-02-17', kind: 'holiday', name: '春节' } });
    expect(lines(r, 'en')).toEqual(['Date: 2026-02-17', 'Type: Holiday', 'Name: 春节']);
  });

  it('a value recorded as {before, after} is a change', () => {
    const r = row('contract', 'adopt_quote', { quoteId: 2, number: 'BJ-01', amountFen: { before: 100, after: 25_000 } });
    expect(lines(r, 'zh')).toEqual(['报价单: #2', '编号: BJ-01', '金额: 1.00 元 → 250.00 元']);
  });

  it('the security setup and the eligibility override in words', () => {
    expect(lines(row('security', 'security.setup', { mode: 'encrypted' }), 'zh')).toEqual(['方式: 加密']);
    expect(lines(row('voucher', 'eligibility.override', { number: 'Q-1', rules: ['a', 'b'], reason: '经主任批准' }), 'en'))
      .toEqual(['Number: Q-1', 'Conditions not met: a, b', 'Reason: 经主任批准']);
  });

  it('a field no label names reads as words, nested records as lists: never JSON, never a camelCase key', () => {
    const r = row('lab_package', 'import', { someNewField: { innerThing: [1, 2], deeper: { flagValue: true } }, plain_code: 'x' });
    const en = lines(r, 'en');
    expect(en).toEqual(['Some new field: [Inner thing: 1, 2; Deeper: [Flag value: Yes]]', 'Plain code: x']);
    expect(en.join('\n')).not.toMatch(/[{}"]|[a-z][A-Z]/);
    expect(humanKey('signFingerprint')).toBe('Sign fingerprint');
  });

  it('in English the desk\'s own words hold no Chinese, for the details the services write', () => {
    const samples: AuditRow[] = [
      row('instrument', 'import', { fileName: '仪器.xlsx', inserted: 3, updated: 1, skipped: 0, invalid: 2, totalRows: 6 }),
      row('lab_package', 'import', { deskId: 'D1', lab: '材料实验室', period: { from: '2025-01-01', to: '2025-12-31' }, keptYears: [2024], counts: { instruments: 3 } }),
      row('charges', 'refresh', { contractId: 1, orderId: null, created: 2, updated: 0, removed: 1, totalFen: 12_345 }),
      row('charge', 'create', { contractId: 1, kind: 'manual', category: MANUAL_CATEGORIES[1], serviceDate: '2026-03-02', quantityMilli: 1500, unitPriceFen: 10_000 }),
      row('attachment', 'attachment.add', { contractId: 1, kind: 'invoice', originalName: '发票.pdf', sha256: 'ab' }),
      row('order_material', 'orderMaterial.add', { orderId: 1, kind: 'deliverable', uploadedBy: 'institution', originalName: '报告.pdf' }),
      row('redemption', 'redemption.transition', { from: 'draft', to: 'submitted', date: '2026-03-02', note: '' }),
      row('applicant', 'create', { name: '某公司', kind: 'enterprise' }),
      row('voucher', 'claim', { number: 'Q-1', applicantId: 1, faceValueFen: 5_000_000, crossRegion: false, issuingRegion: null }),
      row('backup', 'delete', { plain: true, names: ['a.sqlite', 'b.sqlite'] }),
    ];
    for (const r of samples) {
      const words = deskWords(auditDetailLines(r, 'en'));
      expect(words.filter((w) => CJK.test(w)), `${r.entity}:${r.action}`).toEqual([]);
    }
  });
});
