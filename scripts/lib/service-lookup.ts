// Finds a function exported by another engineer's service folder, if it exists yet, so bench
// operations can be written before the services and pick them up once they land.

import fs from 'node:fs';
import path from 'node:path';

export type Found<F> = { fn: F; where: string } | { missing: string };

const SERVICES_DIR = path.join(__dirname, '..', '..', 'electron', 'services');

/** First export named one of `names` in electron/services/<folder>/*.ts (or <folder>.ts when a file is named). */
export async function findServiceExport<F>(folder: string, names: readonly string[]): Promise<Found<F>> {
  const target = path.join(SERVICES_DIR, folder);
  let files: string[];
  if (folder.endsWith('.ts')) files = fs.existsSync(target) ? [target] : [];
  else files = fs.existsSync(target) ? fs.readdirSync(target).filter((f) => /\.ts$/.test(f)).sort().map((f) => path.join(target, f)) : [];
  const shown = `electron/services/${folder}`;
  if (!files.length) return { missing: `${shown} does not exist yet` };
  const broken: string[] = [];
  for (const file of files) {
    let mod: Record<string, unknown>;
    try {
      mod = (await import(file)) as Record<string, unknown>;
    } catch (e) {
      broken.push(`${path.basename(file)}: ${(e as Error).message.split('\n')[0]}`);
      continue;
    }
    for (const name of names) {
      if (typeof mod[name] === 'function') return { fn: mod[name] as F, where: `${path.relative(path.join(SERVICES_DIR, '..', '..'), file)}#${name}` };
    }
  }
  return { missing: `no export ${names.join(' / ')} in ${shown}${broken.length ? ` (failed to load: ${broken.join('; ')})` : ''}` };
}
