// Plain backups left in an encrypted desk can be deleted, with the user's confirmation of the very
// files listed: all or nothing, audited, and never in a plain desk (where they are the only copies).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isEncryptedFile } from '../../electron/db/encryption';
import { backupsDir } from '../../electron/services/backup/names';
import { freshCores, seedLabs } from './helpers';

const fresh = freshCores();
type R = { ok: boolean; value?: unknown; error?: { code: string; reason?: string; field?: string } };
type Backup = { name: string; encrypted: boolean };

describe('deleting plain backups', () => {
  it('an encrypted desk deletes the confirmed plain backups (and their MAC files) and keeps the encrypted ones', async () => {
    const c = fresh();
    seedLabs(c, ['化学实验室']);
    await c.call('security:setup', { mode: 'plain' });
    const plainCopy = (await c.call('backup:create', {})) as { value: Backup };
    const dir = backupsDir(c.ctx.dataDir);
    // A plain copy kept aside, as one taken before encryption that the reseal job never reached
    // (copied back from a removable disk, say).
    const aside = fs.readFileSync(path.join(dir, plainCopy.value.name));
    expect(await c.call('security:setup', { mode: 'encrypted', passphrase: 'plain backups passphrase' })).toMatchObject({ ok: true });
    let listed = ((await c.call('backup:list', {})) as { value: Backup[] }).value;
    // The reseal job encrypted the backup taken before encryption.
    expect(listed.every((b) => b.encrypted)).toBe(true);
    const leftover = 'desk-20250101-000000.sqlite';
    fs.writeFileSync(path.join(dir, leftover), aside);
    fs.writeFileSync(path.join(dir, `${leftover}.mac`), 'x');
    listed = ((await c.call('backup:list', {})) as { value: Backup[] }).value;
    const plain = listed.filter((b) => !b.encrypted).map((b) => b.name);
    expect(plain).toEqual([leftover]);
    const encrypted = listed.filter((b) => b.encrypted).map((b) => b.name);
    expect(encrypted.length).toBeGreaterThan(0);

    // An encrypted backup among the names refuses the whole request: nothing is deleted.
    const refused = (await c.call('backup:deletePlain', { names: [leftover, encrypted[0]] })) as R;
    expect(refused).toMatchObject({ ok: false, error: { code: 'VALIDATION', reason: 'backup.notPlain', field: 'names' } });
    expect(fs.existsSync(path.join(dir, leftover))).toBe(true);
    expect(await c.call('backup:deletePlain', { names: [] })).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });

    expect(await c.call('backup:deletePlain', { names: [leftover] })).toMatchObject({ ok: true, value: { deleted: [leftover] } });
    expect(fs.existsSync(path.join(dir, leftover))).toBe(false);
    expect(fs.existsSync(path.join(dir, `${leftover}.mac`))).toBe(false);
    for (const name of encrypted) expect(isEncryptedFile(path.join(dir, name))).toBe(true);
    const row = c.db.prepare("SELECT action, entity, detail FROM audit_log WHERE entity = 'backup' AND action = 'delete' ORDER BY id DESC LIMIT 1").get() as { detail: string };
    expect(JSON.parse(row.detail)).toEqual({ plain: true, names: [leftover] });
  });

  it('a plain desk refuses: its backups are its only copies', async () => {
    const c = fresh();
    await c.call('security:setup', { mode: 'plain' });
    const b = (await c.call('backup:create', {})) as { value: Backup };
    expect(await c.call('backup:deletePlain', { names: [b.value.name] })).toMatchObject({ ok: false, error: { code: 'RULE', reason: 'backup.plainDeskKeeps' } });
    expect(fs.existsSync(path.join(backupsDir(c.ctx.dataDir), b.value.name))).toBe(true);
  });
});
