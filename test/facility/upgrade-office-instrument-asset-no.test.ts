// The migration that gives the office's instruments their 所在单位仪器编号 (asset number), which
// conflicts across labs compare: taken from the instrument records a package carried; '' where the
// package did not carry it (compared with none until the lab's next package).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MIGRATIONS, upgradeDesks } from '../db/upgrade-helpers';

const desks = upgradeDesks();
const file = fs.readdirSync(MIGRATIONS).find((f) => f.endsWith('_office_instrument_asset_no.sql'))!;
const version = Number(file.slice(0, 4));

describe(`migration ${file}`, () => {
  it('instruments take the asset number their record carried, or none', () => {
    const desk = desks.oldDesk(version - 1, (db) => {
      const inst = db.prepare(`INSERT INTO office_instruments(desk_id, iid, inner_id, name_cn, category_code, value_fen, usage_kind, share_mode, status, lab_name)
        VALUES (?, ?, ?, '电镜', '010101', 80000000, '通用', '外部共享', '正常', '甲')`);
      const rec = db.prepare("INSERT INTO office_records(desk_id, part, rkey, hash, data) VALUES (?, 'instruments', ?, 'h', ?)");
      inst.run('desk-a', 1, 'A-1'); rec.run('desk-a', '1', JSON.stringify({ id: 1, innerId: 'A-1', assetNo: 'ZC-0001' }));
      inst.run('desk-a', 2, 'A-2'); rec.run('desk-a', '2', JSON.stringify({ id: 2, innerId: 'A-2' }));
      inst.run('desk-b', 1, 'B-1'); rec.run('desk-b', '1', null);
    });
    const { db, applied } = desks.upgrade(desk, version);
    expect(applied).toEqual([file]);
    expect(db.prepare('SELECT desk_id, iid, asset_no FROM office_instruments ORDER BY desk_id, iid').raw().all()).toEqual([
      ['desk-a', 1, 'ZC-0001'], ['desk-a', 2, ''], ['desk-b', 1, ''],
    ]);
    db.close();
  });
});
