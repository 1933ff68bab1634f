// Evaluation evidence (the attachments of the self-assessment's qualitative indicators) goes through
// the sealed store: the file appears only when its row commits, a refused row leaves no file, the
// file goes only after its row's delete commits, a crash's temporary file is cleared at the next
// start, and in an encrypted desk no evidence byte is in clear anywhere under the data folder.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addEvidence, deleteEvidence, readEvidence } from '../../electron/services/facility/evaluation';
import { NATIONAL_EVALUATION_2026 } from '../../shared/evaluation/national-2026';
import { coreAt, freshCores, type TestCore } from './helpers';

const fresh = freshCores();
const MARK = 'MKEVIDENCESTOREQZ';
const INDICATOR = NATIONAL_EVALUATION_2026.indicators[0].id;
const upload = (text: string) => ({ fromYear: 2025, toYear: 2025, indicator: INDICATOR, fileName: '佐证.txt', dataBase64: Buffer.from(text).toString('base64') });
const folder = (c: TestCore) => path.join(c.ctx.dataDir, 'evaluation');
const listing = (c: TestCore) => (fs.existsSync(folder(c)) ? fs.readdirSync(folder(c)).sort() : []);
const rows = (c: TestCore) => c.db.prepare('SELECT stored_name FROM evaluation_evidence ORDER BY id').pluck().all() as string[];

/** What the evidence folder holds at the moment SQLite runs a trigger on evaluation_evidence. */
function watchFolder(c: TestCore, when: 'AFTER INSERT' | 'BEFORE DELETE'): string[][] {
  const seen: string[][] = [];
  c.db.function('evidence_folder_seen', () => { seen.push(listing(c)); return 0; });
  const sql = when === 'AFTER INSERT'
    ? 'CREATE TEMP TRIGGER evidence_watch AFTER INSERT ON evaluation_evidence BEGIN SELECT evidence_folder_seen(); END'
    : 'CREATE TEMP TRIGGER evidence_watch BEFORE DELETE ON evaluation_evidence BEGIN SELECT evidence_folder_seen(); END';
  c.db.exec(sql);
  return seen;
}

describe('evidence files in the sealed store', () => {
  it('the sealed file appears only when its row commits, and reads back whole', () => {
    const c = fresh();
    const seen = watchFolder(c, 'AFTER INSERT');
    const { id } = addEvidence(c.ctx, upload(`${MARK} 开放共享制度`));
    // While the row was being inserted only the temporary file and the store's pending marker
    // existed, not the file under its name; the marker is gone once the row committed.
    expect(seen).toHaveLength(1);
    expect(seen[0]).toHaveLength(2);
    expect(seen[0][0]).toMatch(/\.txt\.part$/);
    expect(seen[0][1]).toBe(seen[0][0].replace(/\.part$/, '.pending'));
    expect(listing(c)).toEqual(rows(c));
    const stored = fs.readFileSync(path.join(folder(c), rows(c)[0]));
    expect(stored.includes(Buffer.from(MARK))).toBe(false);
    expect(stored.subarray(0, 9).toString()).toBe('OIVDSEAL2');
    expect(readEvidence(c.ctx, id).bytes.toString()).toBe(`${MARK} 开放共享制度`);
    if (process.platform !== 'win32') {
      expect(fs.statSync(folder(c)).mode & 0o777).toBe(0o700);
      expect(fs.statSync(path.join(folder(c), rows(c)[0])).mode & 0o777).toBe(0o600);
    }
  });

  it('a refused row leaves neither the file nor its temporary file', () => {
    const c = fresh();
    addEvidence(c.ctx, upload('kept'));
    c.db.exec(`CREATE TEMP TRIGGER evidence_refuse BEFORE INSERT ON evaluation_evidence BEGIN SELECT RAISE(ABORT, 'refused by test'); END`);
    expect(() => addEvidence(c.ctx, upload('refused'))).toThrow(/refused by test/);
    expect(rows(c)).toHaveLength(1);
    expect(listing(c)).toEqual(rows(c));
    expect(c.db.prepare(`SELECT count(*) FROM audit_log WHERE entity = 'evaluation_evidence'`).pluck().get()).toBe(1);
  });

  it('refuses empty and malformed uploads as reasons, writing nothing', async () => {
    const c = fresh();
    expect(await c.call('evaluation:addEvidence', { ...upload(''), dataBase64: '' })).toMatchObject({ ok: false, error: { reason: 'attachment.empty' } });
    expect(await c.call('evaluation:addEvidence', { ...upload(''), dataBase64: '@@not base64@@' })).toMatchObject({ ok: false, error: { reason: 'attachment.base64' } });
    expect(rows(c)).toEqual([]);
    expect(listing(c)).toEqual([]);
  });

  it('deletes the file only after the row\'s delete commits; a failed delete keeps both', () => {
    const c = fresh();
    const { id } = addEvidence(c.ctx, upload('one'));
    const kept = addEvidence(c.ctx, upload('two')).id;
    c.db.exec('CREATE TEMP TABLE evidence_kept(id INTEGER PRIMARY KEY)');
    c.db.prepare('INSERT INTO evidence_kept(id) VALUES (?)').run(kept);
    c.db.exec(`CREATE TEMP TRIGGER evidence_no_delete BEFORE DELETE ON evaluation_evidence WHEN old.id IN (SELECT id FROM evidence_kept) BEGIN SELECT RAISE(ABORT, 'kept by test'); END`);
    expect(() => deleteEvidence(c.ctx, kept)).toThrow(/kept by test/);
    expect(rows(c)).toHaveLength(2);
    expect(listing(c)).toEqual([...rows(c)].sort());
    const seen = watchFolder(c, 'BEFORE DELETE');
    deleteEvidence(c.ctx, id);
    // The file was still there while its row was deleted, marked pending until the delete settled.
    expect(seen[0].filter((f) => !f.endsWith('.pending'))).toHaveLength(2);
    expect(seen[0].filter((f) => f.endsWith('.pending'))).toHaveLength(1);
    expect(rows(c)).toHaveLength(1);
    expect(listing(c)).toEqual(rows(c));
  });

  it('the next start clears a temporary file a crash left', () => {
    const c = fresh();
    addEvidence(c.ctx, upload('kept'));
    const dir = c.ctx.dataDir;
    const orphan = path.join(folder(c), 'interrupted.sealed.part');
    fs.writeFileSync(orphan, 'sealed bytes of an upload that never committed');
    const orderPart = path.join(dir, 'attachments', 'orders', '3', 'x.pdf.part');
    fs.mkdirSync(path.dirname(orderPart), { recursive: true });
    fs.writeFileSync(orderPart, 'x');
    c.close();
    const again = coreAt(dir);
    try {
      expect(fs.existsSync(orphan)).toBe(false);
      expect(fs.existsSync(orderPart)).toBe(false);
      expect(listing(again)).toEqual(rows(again));
      expect(readEvidence(again.ctx, 1).bytes.toString()).toBe('kept');
    } finally {
      again.close();
    }
  });

  it('each open settles the files a crash left marked by the committed rows, and never removes an unmarked file', () => {
    const c = fresh();
    const { id } = addEvidence(c.ctx, upload('committed'));
    const dir = c.ctx.dataDir;
    const [committed] = rows(c);
    // A kill after the COMMIT, before the marker was cleared: the row exists, so the file stays.
    fs.writeFileSync(path.join(folder(c), `${committed}.pending`), '');
    // A kill after the rename, before the COMMIT: marked, no row refers to it (evidence and an order material).
    const uncommitted = path.join(folder(c), 'never-committed.pdf');
    fs.copyFileSync(path.join(folder(c), committed), uncommitted);
    fs.writeFileSync(`${uncommitted}.pending`, '');
    const material = path.join(dir, 'attachments', 'orders', '3', 'material.pdf');
    fs.mkdirSync(path.dirname(material), { recursive: true });
    fs.copyFileSync(path.join(folder(c), committed), material);
    fs.writeFileSync(`${material}.pending`, '');
    // No marker, no row (as after restoring a backup older than the file): kept for a later restore.
    const unmarked = path.join(folder(c), 'row-only-in-a-newer-backup.pdf');
    fs.copyFileSync(path.join(folder(c), committed), unmarked);
    c.close();
    const again = coreAt(dir);
    try {
      expect(readEvidence(again.ctx, id).bytes.toString()).toBe('committed');
      expect(fs.existsSync(uncommitted)).toBe(false);
      expect(fs.existsSync(material)).toBe(false);
      expect(fs.existsSync(unmarked)).toBe(true);
      expect(listing(again)).toEqual([committed, path.basename(unmarked)].sort());
      expect(fs.readdirSync(path.dirname(material))).toEqual([]);
    } finally {
      again.close();
    }
  });

  it('in an encrypted desk no evidence byte is in clear under the data folder, before and after the delete', async () => {
    const c = fresh();
    expect(await c.call('security:setup', { mode: 'encrypted', passphrase: 'evidence passphrase' })).toMatchObject({ ok: true });
    const added = await c.call('evaluation:addEvidence', upload(`${MARK} 评价佐证`));
    expect(added).toMatchObject({ ok: true });
    const id = (added as { value: { id: number } }).value.id;
    expect(await c.call('backup:create', {})).toMatchObject({ ok: true });
    const hits = () => {
      const found: string[] = [];
      for (const d of fs.readdirSync(c.ctx.dataDir, { recursive: true, withFileTypes: true })) {
        if (!d.isFile()) continue;
        const bytes = fs.readFileSync(path.join(d.parentPath, d.name));
        if (bytes.includes(Buffer.from(MARK)) || bytes.includes(Buffer.from(MARK, 'utf16le')) || bytes.includes(Buffer.from(Buffer.from(MARK).toString('base64').slice(0, 16)))) {
          found.push(path.relative(c.ctx.dataDir, path.join(d.parentPath, d.name)));
        }
      }
      return found;
    };
    expect(listing(c)).toHaveLength(1);
    expect(hits()).toEqual([]);
    expect(readEvidence(c.ctx, id).bytes.toString()).toContain(MARK);
    expect(await c.call('evaluation:deleteEvidence', { id })).toMatchObject({ ok: true });
    expect(listing(c)).toEqual([]);
    c.lock();
    expect(hits()).toEqual([]);
  });
});
