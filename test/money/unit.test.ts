import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/db/connection';
import { migrate } from '../../electron/db/migrate';
import { handlers } from '../../electron/handlers';
import { invoke } from '../../electron/handlers/invoke';
import { exportPacket } from '../../electron/services/redemption/packet';
import { readSettings, updateSettings } from '../../electron/services/settings';
import { getUnit, listLabDetails, saveLab, saveUnit } from '../../electron/services/unit/unit';
import { unitFieldsSchema } from '../../shared/ipc/unit';
import { contentHash, tempCore, type TempCore } from '../helpers/db';
import { insertContract } from '../redemption/fixtures';

const MIGRATIONS = path.join(__dirname, '..', '..', 'electron', 'db', 'migrations');

let core: TempCore;
beforeEach(() => { core = tempCore(); });
afterEach(() => core.cleanup());

describe('the open unit and its labs', () => {
  it('moves the unit name and third-party flag from the settings into the unit record (0019 with data)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-unit-'));
    try {
      const before = path.join(dir, 'm');
      fs.mkdirSync(before);
      for (const f of fs.readdirSync(MIGRATIONS).filter((n) => n < '0019')) fs.copyFileSync(path.join(MIGRATIONS, f), path.join(before, f));
      const { db } = openDatabase(path.join(dir, 'd.sqlite'), { migrationsDir: before });
      db.prepare("INSERT INTO settings(key, value) VALUES ('desk.settings', ?)").run(JSON.stringify({ region: 'beijing', unitName: '北京某大学', thirdPartyTesting: true }));
      db.prepare("INSERT INTO labs(name, unit_name, created_at) VALUES ('分析测试中心', '别的名字', 'x')").run();
      migrate(db, MIGRATIONS);
      expect(getUnit({ db })).toMatchObject({ name: '北京某大学', thirdPartyTesting: true });
      expect(db.prepare('SELECT head, location FROM labs').get()).toEqual({ head: '', location: '' });
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('takes the name most labs carry when the settings never named the unit', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-unit-'));
    try {
      const before = path.join(dir, 'm');
      fs.mkdirSync(before);
      for (const f of fs.readdirSync(MIGRATIONS).filter((n) => n < '0019')) fs.copyFileSync(path.join(MIGRATIONS, f), path.join(before, f));
      const { db } = openDatabase(path.join(dir, 'd.sqlite'), { migrationsDir: before });
      const lab = db.prepare("INSERT INTO labs(name, unit_name, created_at) VALUES (?, ?, 'x')");
      lab.run('甲', '某大学'); lab.run('乙', '某大学'); lab.run('丙', '其他');
      migrate(db, MIGRATIONS);
      expect(getUnit({ db }).name).toBe('某大学');
      db.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('saves the unit with bank details, audited; the settings show the same name and flag', () => {
    saveUnit(core.ctx, unitFieldsSchema.parse({ name: '北京某大学', creditCode: '12100000400000624d', bankName: '中国银行北京海淀支行', bankAccount: '3400 5566 7788', thirdPartyTesting: true }));
    expect(getUnit(core.ctx)).toMatchObject({ name: '北京某大学', creditCode: '12100000400000624D', bankAccount: '3400 5566 7788' });
    expect(readSettings(core.ctx).settings).toMatchObject({ unitName: '北京某大学', thirdPartyTesting: true });
    updateSettings(core.ctx, { unitName: '北京某大学分析测试中心', thirdPartyTesting: false });
    expect(getUnit(core.ctx)).toMatchObject({ name: '北京某大学分析测试中心', thirdPartyTesting: false, bankName: '中国银行北京海淀支行' });
    expect(core.db.prepare("SELECT count(*) FROM audit_log WHERE entity = 'open_unit'").pluck().get()).toBe(1);
  });

  it('refuses a malformed credit code on its field and writes nothing', async () => {
    const before = contentHash(core);
    const r = await invoke(handlers, core.ctx, 'unit:save', { name: '某大学', creditCode: '12345' });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'creditCode' } });
    expect(contentHash(core)).toBe(before);
  });

  it('refuses a credit code whose GB 32100 check character is wrong, and keeps one typed full-width with spaces', async () => {
    const before = contentHash(core);
    // 12110000400001234 has the check character 3, not 4.
    const wrong = await invoke(handlers, core.ctx, 'unit:save', { name: '某大学', creditCode: '121100004000012344' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'creditCode', reason: 'identity.creditCode.check' } });
    expect(contentHash(core)).toBe(before);
    const typed = await invoke(handlers, core.ctx, 'unit:save', { name: '某大学', creditCode: '１２１１ ００００ ４０００ ０１２３ ４３' });
    expect(typed).toMatchObject({ ok: true, value: { creditCode: '121100004000012343' } });
  });

  it('edits a lab and refuses a name another lab has', () => {
    const a = saveLab(core.ctx, null, { name: '分析测试中心', head: '王主任', contact: '王老师', contactPhone: '010-62345678', location: '化学楼 101' });
    saveLab(core.ctx, null, { name: '材料实验室', head: '', contact: '', contactPhone: '', location: '' });
    expect(saveLab(core.ctx, a.id, { ...a, head: '李主任' })).toMatchObject({ head: '李主任', location: '化学楼 101', instrumentCount: 0 });
    expect(() => saveLab(core.ctx, a.id, { ...a, name: '材料实验室' })).toThrow(/lab.nameTaken/);
    expect(listLabDetails(core.ctx).map((l) => l.name)).toEqual(['分析测试中心', '材料实验室']);
  });

  it('prints the unit, not the lab, as 开放单位 on the redemption summary', async () => {
    if (!fs.existsSync('/usr/bin/pdftotext')) return;
    saveUnit(core.ctx, unitFieldsSchema.parse({ name: '北京某大学分析测试中心' }));
    const { contractId } = insertContract(core.db);
    const pdf = unzipSync((await exportPacket(core.ctx, contractId)).bytes)['兑现申请表.pdf'];
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdf-'));
    try {
      fs.writeFileSync(path.join(dir, 's.pdf'), pdf);
      const text = execFileSync('pdftotext', [path.join(dir, 's.pdf'), '-']).toString();
      expect(text).toContain('北京某大学分析测试中心');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
