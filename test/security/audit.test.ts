import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { audit } from '../../electron/services/audit';
import { auditToCsv } from '../../electron/services/backup/audit-export';
import { tempCore, type TempCore } from '../helpers/db';
import { coreAt, tempDir } from './helpers';

let core: TempCore | null = null;
afterEach(() => { core?.cleanup(); core = null; });

function seeded(): TempCore {
  core = tempCore();
  const c = core;
  c.db.transaction(() => {
    audit(c.ctx, 'create', 'contract', 1, { number: 'HT-2025-001' });
    audit(c.ctx, 'void', 'voucher', 'Q-7', { reason: '=HYPERLINK("http://evil")' });
    audit(c.ctx, 'update', 'settings', null, { text: '含逗号,引号"和\n换行' });
  })();
  return c;
}

describe('audit log is append-only', () => {
  it.each([
    ['UPDATE audit_log SET action = ? WHERE id = 1', ['tampered']],
    ['UPDATE audit_log SET detail = ?', ['{}']],
    ['DELETE FROM audit_log WHERE id = ?', [1]],
    ['DELETE FROM audit_log', []],
  ])('%s is refused by the trigger', (sql, params) => {
    const c = seeded();
    const before = c.db.prepare('SELECT * FROM audit_log ORDER BY id').all();
    expect(() => c.db.prepare(sql).run(...params)).toThrow(/append-only/);
    expect(c.db.prepare('SELECT * FROM audit_log ORDER BY id').all()).toEqual(before);
  });

  it('REPLACE INTO (delete + insert) is refused too', () => {
    const c = seeded();
    // Conflict resolution REPLACE fires delete triggers only with recursive_triggers; check the outcome, not the mechanism.
    c.db.pragma('recursive_triggers = ON');
    expect(() => c.db.prepare("REPLACE INTO audit_log(id, at, actor, action, entity) VALUES (1, 'x', 'x', 'x', 'x')").run()).toThrow(/append-only/);
    expect(c.db.prepare('SELECT action FROM audit_log WHERE id = 1').pluck().get()).toBe('create');
  });

  it('inserting keeps working', () => {
    const c = seeded();
    expect(c.db.prepare('SELECT count(*) FROM audit_log').pluck().get()).toBe(3);
  });
});

describe('audit:export', () => {
  it('csv: BOM, header, every row oldest first, quoting, formula injection neutralised', () => {
    const c = seeded();
    const rows = c.db.prepare('SELECT id, at, actor, action, entity, entity_id AS entityId, detail FROM audit_log ORDER BY id').all() as Parameters<typeof auditToCsv>[0];
    const csv = auditToCsv(rows);
    expect(csv.startsWith('\uFEFF序号 (id),')).toBe(true);
    const lines = csv.split('\r\n');
    expect(lines[1]).toMatch(/^1,2025-06-16T02:00:00.000Z,[^,]+,create,contract,1,"\{""number"":""HT-2025-001""\}"$/);
    expect(csv).toContain('含逗号,引号\\""和\\n换行');
    expect(auditToCsv([{ id: 9, at: 'x', actor: '=cmd|calc', action: '+1', entity: '-2', entityId: '@SUM(A1)', detail: '{}' }]))
      .toContain("9,x,'=cmd|calc,'+1,'-2,'@SUM(A1),{}");
  });

  it('xlsx through the channel opens in a spreadsheet reader with the same rows', async () => {
    const dir = tempDir();
    const c = coreAt(dir);
    c.db.transaction(() => audit(c.ctx, 'create', 'contract', 1, { n: 1 }))();
    const res = (await c.call('audit:export', { format: 'xlsx' })) as { ok: true; value: { fileName: string; mimeType: string; dataBase64: string } };
    expect(res.ok).toBe(true);
    expect(res.value.fileName).toBe('审计日志-20250616-100000.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(res.value.dataBase64, 'base64') as unknown as ArrayBuffer);
    const ws = wb.getWorksheet('审计日志')!;
    expect(ws.rowCount).toBe(2);
    expect(ws.getRow(2).getCell(4).value).toBe('create');
    const csv = (await c.call('audit:export', { format: 'csv', entity: 'nothing' })) as { ok: true; value: { dataBase64: string; mimeType: string } };
    expect(csv.value.mimeType).toBe('text/csv');
    expect(Buffer.from(csv.value.dataBase64, 'base64').toString('utf8').trim().split('\r\n')).toHaveLength(1);
    expect(await c.call('audit:export', { format: 'pdf' })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    c.close();
  });
});
