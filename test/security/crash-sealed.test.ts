// A SIGKILL inside the sealed store, at the two points where a file and its row could part: right
// after a new file's rename into place and before the COMMIT of its row (an attachment, an evidence
// file, a Shanghai order's material), and right after a removal's COMMIT and before its file goes.
// A child process drives the REAL services and dies at that point; the normal start that follows
// must leave no sealed file that no committed row refers to, lose no committed file, and read every
// file it keeps.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildChild, runChild } from '../../scripts/crash-trials.mjs';

const MIGRATIONS = path.join(__dirname, '..', '..', 'electron', 'db', 'migrations');
let child: string;
let root: string;
let template: string;
let env: NodeJS.ProcessEnv;

interface Check { ok: boolean; error?: string; orphans: string[]; missing: string[]; attachments: number; evidence: number; materials: number; unreadable: number; integrity: string }

beforeAll(async () => {
  child = await buildChild('child-sealed.cjs');
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-crash-sealed-'));
  env = { ...process.env, NODE_OPTIONS: '', DESK_KEY_DIR: path.join(root, 'keys') };
  template = path.join(root, 'template');
  const seeded = await runChild(child, ['seed', 'sealed-store', template, MIGRATIONS], env);
  expect(seeded.err).toBe('');
  expect(seeded.code).toBe(0);
}, 180_000);
afterAll(() => { if (root) fs.rmSync(root, { recursive: true, force: true }); });

const sealedFilesIn = (dir: string) => ['attachments', 'evaluation'].flatMap((f) => {
  const at = path.join(dir, f);
  return fs.existsSync(at) ? fs.readdirSync(at, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.relative(dir, path.join(d.parentPath, d.name))) : [];
});

async function killAt(point: string): Promise<{ dir: string; afterKill: string[]; check: Check }> {
  const dir = path.join(root, point);
  fs.cpSync(template, dir, { recursive: true });
  const ran = await runChild(child, ['run', 'sealed-store', dir, MIGRATIONS], { ...env, CRASH_SEALED_AT: point });
  expect(ran.signal, ran.err).toBe('SIGKILL');
  expect(ran.out).toContain('ready\n');
  expect(ran.out).not.toContain('done\n');
  const afterKill = sealedFilesIn(dir);
  const checked = await runChild(child, ['check', 'sealed-store', dir, MIGRATIONS], env);
  return { dir, afterKill, check: JSON.parse(checked.out.trim().split('\n').at(-1)!) as Check };
}

describe('the sealed store under SIGKILL', () => {
  it.each([
    ['attachment-store', /^attachments[/\\]\d+[/\\][^/\\]+\.pdf$/, { attachments: 4, evidence: 2, materials: 2 }],
    ['evidence-store', /^evaluation[/\\][^/\\]+\.pdf$/, { attachments: 4, evidence: 2, materials: 2 }],
    ['material-store', /^attachments[/\\]orders[/\\]\d+[/\\][^/\\]+\.pdf$/, { attachments: 4, evidence: 2, materials: 2 }],
  ])('%s: killed between the rename and the COMMIT, the next start removes the file no row refers to and keeps every committed one', async (point, newFile, counts) => {
    const before = sealedFilesIn(template);
    const { afterKill, check } = await killAt(point);
    // The kill did land in the window: the new sealed file is in place, marked, and its row never committed.
    const added = afterKill.filter((f) => !before.includes(f));
    expect(added.filter((f) => !f.endsWith('.pending'))).toEqual([expect.stringMatching(newFile)]);
    expect(added.filter((f) => f.endsWith('.pending'))).toHaveLength(1);
    expect(check).toMatchObject({ ok: true, integrity: 'ok', orphans: [], missing: [], unreadable: 0, ...counts });
    expect(sealedFilesIn(path.join(root, point)).sort()).toEqual([...before].sort());
  }, 120_000);

  it.each([
    ['attachment-remove', { attachments: 3, evidence: 2, materials: 2 }],
    ['evidence-remove', { attachments: 4, evidence: 1, materials: 2 }],
    ['material-remove', { attachments: 4, evidence: 2, materials: 1 }],
  ])('%s: killed after the delete\'s COMMIT, before the file goes, the next start removes the file and keeps the rest', async (point, counts) => {
    const before = sealedFilesIn(template);
    const { dir, afterKill, check } = await killAt(point);
    expect(afterKill.filter((f) => !f.endsWith('.pending')).sort()).toEqual([...before].sort()); // the file outlived its row
    expect(check).toMatchObject({ ok: true, integrity: 'ok', orphans: [], missing: [], unreadable: 0, ...counts });
    expect(sealedFilesIn(dir)).toHaveLength(before.length - 1);
  }, 120_000);
});
