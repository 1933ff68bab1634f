// One writer per data folder: whoever opens the desk holds `desk.lock` (created exclusively); a
// second server or app on the same folder is refused and told who holds it.
import fs from 'node:fs';
import path from 'node:path';
import { refuse } from '../../shared/result';

export const LOCK_FILE_NAME = 'desk.lock';

export interface LockHolder {
  pid: number;
  mode: string;
  startedAt: string;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else; it still holds the folder.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): LockHolder | null {
  try {
    const h = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<LockHolder>;
    return typeof h.pid === 'number' ? { pid: h.pid, mode: String(h.mode ?? ''), startedAt: String(h.startedAt ?? '') } : null;
  } catch {
    return null;
  }
}

/**
 * Takes the data folder's lock or throws CONFLICT desk.lockedByOther naming the holder. A lock left by a
 * process that no longer runs (a crash, a power cut) is taken over.
 */
export function acquireFolderLock(dataDir: string, mode: string): { release(): void; file: string } {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE_NAME);
  const me: LockHolder = { pid: process.pid, mode, startedAt: new Date().toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeSync(fd, JSON.stringify(me));
      fs.closeSync(fd);
      let released = false;
      return {
        file,
        release() {
          if (released) return;
          released = true;
          if (readHolder(file)?.pid === process.pid) fs.rmSync(file, { force: true });
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const holder = readHolder(file);
      if (holder && holder.pid !== process.pid && alive(holder.pid)) {
        refuse('CONFLICT', 'desk.lockedByOther', { params: { pid: holder.pid, mode: holder.mode, startedAt: holder.startedAt, dataDir } });
      }
      // A holder that is gone (or an unreadable half-written lock from a crash): take over.
      fs.rmSync(file, { force: true });
    }
  }
  refuse('CONFLICT', 'desk.lockFailed', { params: { dataDir } });
}
