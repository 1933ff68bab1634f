// 导出诊断信息: logs, versions and settings in one zip for support. Never confidential data: no
// database, backups, attachments, applicant or contract rows, passphrases or keys.
import fs from 'node:fs';
import path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import type { Result } from '../shared/result';

export interface DiagnosticsInput {
  logsDir: string;
  versions: Record<string, string | undefined>;
  /** Calls a channel of the desk (only the three below are asked). */
  call: (channel: 'app:info' | 'security:status' | 'settings:get') => Promise<Result<unknown>>;
  dataDir: string;
}

/** The names (not contents) and sizes of the data folder's top level and its backups folder. */
function folderListing(dataDir: string): { name: string; size: number }[] {
  const out: { name: string; size: number }[] = [];
  for (const dir of [dataDir, path.join(dataDir, 'backups')]) {
    if (!fs.existsSync(dir)) continue;
    for (const name of fs.readdirSync(dir)) {
      const st = fs.statSync(path.join(dir, name));
      if (st.isFile()) out.push({ name: path.relative(dataDir, path.join(dir, name)), size: st.size });
    }
  }
  return out;
}

export function diagnosticsEntries(input: Omit<DiagnosticsInput, 'call'>, answers: Record<string, unknown>): Record<string, Uint8Array> {
  const files: Record<string, Uint8Array> = {};
  if (fs.existsSync(input.logsDir)) {
    for (const name of fs.readdirSync(input.logsDir)) {
      if (/\.log$/i.test(name)) files[`logs/${name}`] = fs.readFileSync(path.join(input.logsDir, name));
    }
  }
  const json = (v: unknown) => strToU8(JSON.stringify(v, null, 2));
  files['versions.json'] = json(input.versions);
  files['desk.json'] = json(answers);
  files['data-folder.json'] = json(folderListing(input.dataDir));
  return files;
}

export async function writeDiagnosticsZip(target: string, input: DiagnosticsInput): Promise<void> {
  const answers: Record<string, unknown> = {};
  for (const channel of ['app:info', 'security:status', 'settings:get'] as const) {
    const r = await input.call(channel);
    answers[channel] = r.ok ? r.value : { refused: r.error.code };
  }
  fs.writeFileSync(target, zipSync(diagnosticsEntries(input, answers)));
}
