// The sealed file store: a stored file and its row come and go together. Real files in a real
// data folder, the real keys; failures are real (a throwing insert, a name already taken by a
// folder so the rename fails, a throwing delete).
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSealedFile, removeSealedFile, sealedFilePath, storeSealedFile } from '../../electron/services/sealed-store';
import { tempCore, type TempCore } from '../helpers/db';

let core: TempCore;
beforeEach(() => {
  core = tempCore();
  core.db.exec('CREATE TABLE t_files(id INTEGER PRIMARY KEY, stored_name TEXT NOT NULL UNIQUE)');
});
afterEach(() => core.cleanup());

const PLAIN = Buffer.from('MKSEALEDSTOREQZ bank account 0200 0045 1900');
const rows = () => core.db.prepare('SELECT stored_name FROM t_files ORDER BY id').pluck().all();
const dirOf = () => path.join(core.dir, 'attachments', 'store-test', '7');
const listing = () => (fs.existsSync(dirOf()) ? fs.readdirSync(dirOf()).sort() : []);
const insert = (name: string) => () => Number(core.db.prepare('INSERT INTO t_files(stored_name) VALUES (?)').run(name).lastInsertRowid);

describe('storing a sealed file', () => {
  it('writes the file sealed with its row, in folders only the desk user opens', () => {
    const ref = { dir: dirOf(), storedName: 'a.pdf' };
    expect(storeSealedFile(core.ctx, ref, PLAIN, insert('a.pdf'))).toBe(1);
    expect(rows()).toEqual(['a.pdf']);
    expect(listing()).toEqual(['a.pdf']);
    const stored = fs.readFileSync(sealedFilePath(ref));
    expect(stored.includes(Buffer.from('MKSEALEDSTOREQZ'))).toBe(false);
    expect(stored.subarray(0, 9).toString()).toBe('OIVDSEAL2');
    expect(readSealedFile(core.ctx, ref, { sha256: crypto.createHash('sha256').update(PLAIN).digest('hex'), name: 'a.pdf' })).toEqual(PLAIN);
    if (process.platform !== 'win32') {
      for (const d of [path.join(core.dir, 'attachments'), path.dirname(dirOf()), dirOf()]) expect(fs.statSync(d).mode & 0o777, d).toBe(0o700);
      expect(fs.statSync(sealedFilePath(ref)).mode & 0o777).toBe(0o600);
    }
  });

  it('leaves neither file nor temporary file when the row is refused', () => {
    storeSealedFile(core.ctx, { dir: dirOf(), storedName: 'a.pdf' }, PLAIN, insert('a.pdf'));
    // The same stored name again: the UNIQUE constraint refuses the row.
    expect(() => storeSealedFile(core.ctx, { dir: dirOf(), storedName: 'b.pdf' }, PLAIN, insert('a.pdf'))).toThrow(/UNIQUE/);
    expect(rows()).toEqual(['a.pdf']);
    expect(listing()).toEqual(['a.pdf']);
  });

  it('rolls the row back when the rename into place fails, and throws the rename error', () => {
    fs.mkdirSync(path.join(dirOf(), 'c.pdf'), { recursive: true }); // the target name is a folder: rename fails
    expect(() => storeSealedFile(core.ctx, { dir: dirOf(), storedName: 'c.pdf' }, PLAIN, insert('c.pdf'))).toThrow(/EISDIR|EEXIST|ENOTEMPTY|EPERM/);
    expect(rows()).toEqual([]);
    expect(listing()).toEqual(['c.pdf']); // only the folder that was there; no .part left
    expect(fs.statSync(path.join(dirOf(), 'c.pdf')).isDirectory()).toBe(true);
  });

  it('refuses a folder outside the data folder before writing anything', () => {
    const outside = path.join(path.dirname(core.dir), `outside-${process.pid}`);
    expect(() => storeSealedFile(core.ctx, { dir: outside, storedName: 'x.pdf' }, PLAIN, insert('x.pdf'))).toThrow(/below the data folder/);
    expect(fs.existsSync(outside)).toBe(false);
    expect(rows()).toEqual([]);
  });

  it('keeps the stored name inside its folder whatever it says', () => {
    const ref = { dir: dirOf(), storedName: '../../escape.pdf' };
    storeSealedFile(core.ctx, ref, PLAIN, insert('esc'));
    expect(sealedFilePath(ref)).toBe(path.join(dirOf(), 'escape.pdf'));
    expect(listing()).toEqual(['escape.pdf']);
  });
});

describe('removing a sealed file', () => {
  it('deletes the file only after the row\'s delete has committed', () => {
    const ref = { dir: dirOf(), storedName: 'a.pdf' };
    const id = storeSealedFile(core.ctx, ref, PLAIN, insert('a.pdf'));
    let presentDuringDelete = false;
    removeSealedFile(core.ctx, ref, () => {
      presentDuringDelete = fs.existsSync(sealedFilePath(ref));
      core.db.prepare('DELETE FROM t_files WHERE id = ?').run(id);
    });
    expect(presentDuringDelete).toBe(true);
    expect(rows()).toEqual([]);
    expect(listing()).toEqual([]);
  });

  it('keeps the file and the row when the delete fails', () => {
    const ref = { dir: dirOf(), storedName: 'a.pdf' };
    const id = storeSealedFile(core.ctx, ref, PLAIN, insert('a.pdf'));
    expect(() => removeSealedFile(core.ctx, ref, () => {
      core.db.prepare('DELETE FROM t_files WHERE id = ?').run(id);
      throw new Error('refused after the delete');
    })).toThrow('refused after the delete');
    expect(rows()).toEqual(['a.pdf']);
    expect(listing()).toEqual(['a.pdf']);
  });
});

describe('reading a sealed file', () => {
  it('refuses a missing file as missing and an altered one as altered', () => {
    const ref = { dir: dirOf(), storedName: 'a.pdf' };
    storeSealedFile(core.ctx, ref, PLAIN, insert('a.pdf'));
    const sha256 = crypto.createHash('sha256').update(PLAIN).digest('hex');
    const stored = fs.readFileSync(sealedFilePath(ref));
    stored[stored.length - 1] ^= 1;
    fs.writeFileSync(sealedFilePath(ref), stored);
    expect(() => readSealedFile(core.ctx, ref, { sha256, name: '合同.pdf' })).toThrow(/attachment\.altered/);
    expect(() => readSealedFile(core.ctx, { dir: dirOf(), storedName: 'gone.pdf' }, { sha256, name: '合同.pdf' })).toThrow(/attachment\.missing/);
  });
});
