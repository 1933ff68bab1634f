// Plain backups left in an encrypted desk (taken before encryption, or restored copies the reseal
// job could not open) hold every record in clear. The reseal job encrypts the ones it can; the
// user may delete the rest, after confirming the very files listed to them.
import fs from 'node:fs';
import path from 'node:path';
import { refuse } from '../../../shared/result';
import type { Core } from '../../app-core';
import { audit } from '../audit';
import { listBackups } from './backups';
import { macFileOf } from './mac';
import { backupsDir } from './names';

/**
 * Deletes the plain backups named (as the confirmation listed them). All or nothing: a name that
 * is not a plain backup of this desk refuses the whole request before any file is touched.
 */
export function deletePlainBackups(core: Pick<Core, 'ctx' | 'encrypted'>, names: readonly string[]): { deleted: string[] } {
  const { ctx } = core;
  // In a plain desk every backup is plain: they are its only safety net, not a leftover.
  if (!core.encrypted) refuse('RULE', 'backup.plainDeskKeeps', { field: 'names' });
  const plain = new Set(listBackups(ctx).filter((b) => !b.encrypted).map((b) => b.name));
  const wanted = [...new Set(names)];
  for (const name of wanted) {
    if (!plain.has(name)) refuse('VALIDATION', 'backup.notPlain', { field: 'names', params: { name } });
  }
  const dir = backupsDir(ctx.dataDir);
  for (const name of wanted) {
    fs.rmSync(path.join(dir, name), { force: true });
    fs.rmSync(macFileOf(path.join(dir, name)), { force: true });
  }
  audit(ctx, 'delete', 'backup', null, { plain: true, names: wanted });
  return { deleted: wanted };
}
