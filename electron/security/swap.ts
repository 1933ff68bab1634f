// Journaled swaps of the live database file (encryption, passphrase change, restore). The new file
// is completed and verified beside the live one (desk.sqlite.<op>), the journal desk.swap.json says
// so ('ready'), and one rename over desk.sqlite is the commit point. reconcileDataFolder() runs at
// start-up before the database is opened: an interrupted swap is rolled back (the new file is
// still there) or finished (it was renamed in), and leftovers of older versions are cleared.
import fs from 'node:fs';
import path from 'node:path';
import { refuse } from '../../shared/result';
import { isEncryptedFile } from '../db/encryption';
import { renameDurably, writeFileDurably } from './files';
import { KEYRING_FILE, KEYRING_NEXT } from './keyring';

export const DATABASE_FILE = 'desk.sqlite';
export const JOURNAL_FILE = 'desk.swap.json';
export type SwapOp = 'encrypt' | 'rekey' | 'restore';

interface Journal { op: SwapOp; stage: 'preparing' | 'ready'; at: string }

const SIDECARS = ['-wal', '-shm', '-journal'];

/** The file a swap builds beside the live database. */
export function incomingFile(dataDir: string, op: SwapOp): string {
  return path.join(dataDir, `${DATABASE_FILE}.${op}`);
}

function removeWithSidecars(file: string): void {
  fs.rmSync(file, { force: true });
  for (const s of SIDECARS) fs.rmSync(file + s, { force: true });
}

export function removeSidecars(file: string): void {
  for (const s of SIDECARS) fs.rmSync(file + s, { force: true });
}

function writeJournal(dataDir: string, j: Journal): void {
  writeFileDurably(path.join(dataDir, JOURNAL_FILE), Buffer.from(JSON.stringify(j)));
}

function readJournal(dataDir: string): Journal | null {
  try {
    const j = JSON.parse(fs.readFileSync(path.join(dataDir, JOURNAL_FILE), 'utf8')) as Journal;
    return j && (j.op === 'encrypt' || j.op === 'rekey' || j.op === 'restore') ? j : { op: 'restore', stage: 'preparing', at: '' };
  } catch (e) {
    // A journal cut short by a crash is treated as 'preparing': the live file was not touched yet.
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? null : { op: 'restore', stage: 'preparing', at: '' };
  }
}

/** Step 1: the journal exists before the first byte of the new file. */
export function beginSwap(dataDir: string, op: SwapOp): string {
  writeJournal(dataDir, { op, stage: 'preparing', at: new Date().toISOString() });
  const file = incomingFile(dataDir, op);
  removeWithSidecars(file);
  return file;
}

/** Step 2: the new file (and keyring.next.json, when keys change) is complete and verified. */
export function markReady(dataDir: string, op: SwapOp): void {
  writeJournal(dataDir, { op, stage: 'ready', at: new Date().toISOString() });
}

/** Step 3 (connection closed): the one rename that commits. Stale sidecars of the old file go first. */
export function commitSwap(dataDir: string, op: SwapOp): void {
  const live = path.join(dataDir, DATABASE_FILE);
  removeSidecars(live);
  renameDurably(incomingFile(dataDir, op), live);
}

/** Step 4: the new keyring takes over and the journal goes. Idempotent (start-up repeats it). */
export function finishSwap(dataDir: string): void {
  const next = path.join(dataDir, KEYRING_NEXT);
  if (fs.existsSync(next)) renameDurably(next, path.join(dataDir, KEYRING_FILE));
  fs.rmSync(path.join(dataDir, JOURNAL_FILE), { force: true });
}

/** Undoes an uncommitted swap: the live file never changed. */
export function abandonSwap(dataDir: string, op: SwapOp): void {
  removeWithSidecars(incomingFile(dataDir, op));
  fs.rmSync(path.join(dataDir, KEYRING_NEXT), { force: true });
  fs.rmSync(path.join(dataDir, JOURNAL_FILE), { force: true });
}

export interface Reconciled { op: SwapOp | null; action: 'none' | 'rolled-back' | 'finished'; removed: string[] }

function clearStrays(dir: string, test: (name: string) => boolean, removed: string[], base = dir): void {
  if (!fs.existsSync(dir)) return;
  for (const name of fs.readdirSync(dir)) {
    if (test(name)) {
      fs.rmSync(path.join(dir, name), { recursive: true, force: true });
      removed.push(path.relative(base, path.join(dir, name)));
    }
  }
}

/** Start-up step, before the database opens: finishes or rolls back whatever a crash interrupted. */
export function reconcileDataFolder(dataDir: string): Reconciled {
  const live = path.join(dataDir, DATABASE_FILE);
  const removed: string[] = [];
  let result: Reconciled = { op: null, action: 'none', removed };
  const j = readJournal(dataDir);
  if (j) {
    if (j.stage === 'ready' && !fs.existsSync(incomingFile(dataDir, j.op)) && fs.existsSync(live)) {
      finishSwap(dataDir);
      result = { op: j.op, action: 'finished', removed };
    } else {
      abandonSwap(dataDir, j.op);
      result = { op: j.op, action: 'rolled-back', removed };
    }
  }
  // Leftovers of the older two-rename swap: put the old file back when the live one is missing;
  // drop the plain copy once the encrypted file is in place.
  for (const aside of ['plain-old', 'before-restore']) {
    const file = `${live}.${aside}`;
    if (!fs.existsSync(file)) continue;
    if (!fs.existsSync(live)) {
      removeSidecars(live);
      renameDurably(file, live);
    } else if (aside === 'before-restore' || isEncryptedFile(live)) {
      removeWithSidecars(file);
      removed.push(path.basename(file));
    }
  }
  // Half-built files of any swap or backup, keyring temp files, and every temporary export.
  clearStrays(dataDir, (n) => /^desk\.sqlite\.(encrypt|rekey|restore|encrypting|restoring)(-wal|-shm|-journal)?$/.test(n) || /\.\d+\.tmp$/.test(n), removed);
  clearStrays(path.join(dataDir, 'backups'), (n) => /\.(partial|encrypting|rekeying)(-journal|-wal|-shm)?$/.test(n) || /\.\d+\.tmp$/.test(n), removed, dataDir);
  clearStrays(dataDir, (n) => n === 'tmp', removed);
  return result;
}

/** What sits in the folder although desk.sqlite does not: a new empty desk must not be created over it. */
export function evidenceWithoutDatabase(dataDir: string): string[] {
  const live = path.join(dataDir, DATABASE_FILE);
  if (fs.existsSync(live) || !fs.existsSync(dataDir)) return [];
  const found: string[] = [];
  for (const name of fs.readdirSync(dataDir).sort()) {
    if (name.startsWith(`${DATABASE_FILE}`) || name === JOURNAL_FILE || name === KEYRING_FILE || name === KEYRING_NEXT) found.push(name);
    else if ((name === 'backups' || name === 'attachments' || name === 'evaluation') && fs.readdirSync(path.join(dataDir, name)).length > 0) found.push(`${name}/`);
  }
  return found;
}

export function refuseEmptyOverEvidence(dataDir: string): void {
  const found = evidenceWithoutDatabase(dataDir);
  if (found.length > 0) refuse('CONFLICT', 'desk.databaseMissing', { params: { found, folder: dataDir } });
}
