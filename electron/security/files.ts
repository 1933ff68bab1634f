// File modes and durable writes inside the data folder. On POSIX the folder is 0700 and every file
// 0600 (only the desk's user reads them); on Windows the modes are ignored and the profile ACL applies.
import fs from 'node:fs';
import path from 'node:path';

export const DIR_MODE = 0o700;
export const FILE_MODE = 0o600;
const POSIX = process.platform !== 'win32';

/** Creates (or tightens) a folder to 0700. */
export function secureDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: DIR_MODE });
  if (POSIX) fs.chmodSync(dir, DIR_MODE);
}

/** Tightens an existing file to 0600 (no-op when it is gone). */
export function secureFile(file: string): void {
  if (!POSIX) return;
  try { fs.chmodSync(file, FILE_MODE); } catch { /* gone */ }
}

function fsyncDir(dir: string): void {
  if (!POSIX) return;
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch { /* best effort: some file systems refuse directory fsync */ } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Writes `bytes` to `file` so that after a crash the file is either the old one or the complete new one. */
export function writeFileDurably(file: string, bytes: Uint8Array): void {
  const tmp = `${file}.${process.pid}.tmp`;
  const fd = fs.openSync(tmp, 'w', FILE_MODE);
  try {
    fs.writeSync(fd, bytes);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  secureFile(tmp);
  fs.renameSync(tmp, file);
  fsyncDir(path.dirname(file));
}

/** Renames durably (the rename is the commit point of a swap). */
export function renameDurably(from: string, to: string): void {
  fs.renameSync(from, to);
  fsyncDir(path.dirname(to));
}

/** 0700 on every folder and 0600 on every file below `root` (start-up repair of older desks). */
export function tightenTree(root: string): void {
  if (!POSIX || !fs.existsSync(root)) return;
  const walk = (dir: string) => {
    fs.chmodSync(dir, DIR_MODE);
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile()) fs.chmodSync(p, FILE_MODE);
    }
  };
  walk(root);
}
