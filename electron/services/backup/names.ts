// Backup file names: desk-YYYYMMDD-HHMMSS[-n].sqlite (Shanghai civil time) and pre-restore-….sqlite.
// Names coming from the renderer are only ever matched against this pattern and joined to the
// backups folder, so no path can leave it.
import fs from 'node:fs';
import path from 'node:path';
import { refuse } from '../../../shared/result';

export const BACKUPS_FOLDER = 'backups';
const NAME = /^(desk|pre-restore)-(\d{8})-(\d{6})(?:-(\d{1,4}))?\.sqlite$/;

export function backupsDir(dataDir: string): string {
  return path.join(dataDir, BACKUPS_FOLDER);
}

const stampFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit',
  hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23', calendar: 'gregory', numberingSystem: 'latn',
});

/** 'YYYYMMDD-HHMMSS' in Asia/Shanghai, whatever the host time zone. */
export function shanghaiStamp(instant: Date): string {
  const p = Object.fromEntries(stampFormat.formatToParts(instant).map((x) => [x.type, x.value]));
  return `${p.year}${p.month}${p.day}-${p.hour}${p.minute}${p.second}`;
}

export interface ParsedName {
  kind: 'backup' | 'pre-restore';
  stamp: string;
  /** 1 for the first copy of a second, then 2, 3, … */
  seq: number;
  /** The instant the stamp stands for (Shanghai is UTC+8 all year). */
  instant: Date;
  takenAt: string;
}

export function parseBackupName(name: string): ParsedName | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, prefix, d, t, n] = m;
  const iso = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${t.slice(0, 2)}:${t.slice(2, 4)}:${t.slice(4, 6)}+08:00`;
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return null;
  return { kind: prefix === 'desk' ? 'backup' : 'pre-restore', stamp: `${d}-${t}`, seq: n ? Number(n) : 1, instant, takenAt: iso.slice(0, 19).replace('T', ' ') };
}

/** Newest first: by time taken, then by the -n suffix of copies taken within one second. */
export function compareNewestFirst(a: string, b: string): number {
  const pa = parseBackupName(a)!;
  const pb = parseBackupName(b)!;
  return pb.instant.getTime() - pa.instant.getTime() || pb.seq - pa.seq || b.localeCompare(a);
}

/** The path of an existing backup named by the user; refuses anything that is not a plain backup name. */
export function resolveBackupPath(dataDir: string, name: string): string {
  if (!parseBackupName(name) || path.basename(name) !== name) {
    refuse('FORBIDDEN', 'backup.invalidName', { field: 'name' });
  }
  const dir = backupsDir(dataDir);
  const file = path.join(dir, name);
  if (path.dirname(file) !== dir) refuse('FORBIDDEN', 'backup.invalidName', { field: 'name' });
  if (!fs.existsSync(file)) refuse('NOT_FOUND', 'backup.notFound', { field: 'name', params: { name } });
  return file;
}

/** A name not used yet in the folder (two copies within one second get -2, -3, …). */
export function freshName(dir: string, prefix: 'desk' | 'pre-restore', instant: Date): string {
  const base = `${prefix}-${shanghaiStamp(instant)}`;
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${base}.sqlite` : `${base}-${n}.sqlite`;
    if (!fs.existsSync(path.join(dir, name)) && !fs.existsSync(path.join(dir, `${name}.partial`))) return name;
  }
}
