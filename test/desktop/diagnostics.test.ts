// 导出诊断信息 writes logs, versions and settings, and never the desk's confidential data.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { writeDiagnosticsZip } from '../../electron/diagnostics';
import { handlers } from '../../electron/handlers';
import { dispatch } from '../../electron/security/gate';
import { isAppUrl } from '../../electron/security/window';
import { createBackup } from '../../electron/services/backup/backups';
import { startupFailureMessage } from '../../electron/startup-failure';
import { coreOf } from '../../electron/app-core';
import { tempCore, type TempCore } from '../helpers/db';

let core: TempCore | null = null;
const dirs: string[] = [];
afterEach(() => {
  core?.cleanup();
  core = null;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('diagnostics zip', () => {
  it('holds logs, versions, settings and file names, and no confidential value', async () => {
    core = tempCore();
    const live = coreOf(core.ctx);
    const MARKER = '机密标记Q7X9申请人';
    expect(await dispatch(live, handlers, 'labs:create', { name: MARKER })).toMatchObject({ ok: true });
    createBackup(core.ctx, 'manual');
    const logsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-logs-'));
    dirs.push(logsDir);
    fs.writeFileSync(path.join(logsDir, 'main.log'), '[2025-06-16 10:00:00] [info] started\n');
    fs.writeFileSync(path.join(logsDir, 'main.old.log'), '[2025-06-15 10:00:00] [error] earlier\n');
    const target = path.join(logsDir, 'diag.zip');
    await writeDiagnosticsZip(target, {
      logsDir,
      versions: { app: '0.1.0', electron: '38.0.0', node: process.versions.node },
      call: (channel) => dispatch(live, handlers, channel, {}),
      dataDir: core.dir,
    });
    const bytes = fs.readFileSync(target);
    const files = unzipSync(new Uint8Array(bytes));
    expect(Object.keys(files).sort()).toEqual(['data-folder.json', 'desk.json', 'logs/main.log', 'logs/main.old.log', 'versions.json']);
    expect(strFromU8(files['logs/main.log'])).toContain('started');
    const desk = JSON.parse(strFromU8(files['desk.json'])) as Record<string, { schemaVersion?: number; encrypted?: boolean; settings?: unknown }>;
    expect(desk['app:info'].schemaVersion).toBeGreaterThan(20);
    expect(desk['security:status'].encrypted).toBe(false);
    expect(desk['settings:get'].settings).toBeDefined();
    const listing = JSON.parse(strFromU8(files['data-folder.json'])) as { name: string }[];
    expect(listing.map((f) => f.name)).toContain('desk.sqlite');
    // No database page, backup or row: the marker is nowhere in the zip's entries.
    for (const [name, content] of Object.entries(files)) {
      expect(Buffer.from(content).includes(Buffer.from(MARKER)), name).toBe(false);
      expect(Buffer.from(content).includes(Buffer.from('SQLite format 3')), name).toBe(false);
    }
  });
});

describe('start-up failure dialog', () => {
  it('says what happened and what to do for each kind, in both languages', () => {
    const base = { detail: 'x', dataDir: '/data' };
    expect(startupFailureMessage({ ...base, kind: 'newer' }).message).toMatch(/请升级工作台[\s\S]*Update the desk/);
    const corrupt = startupFailureMessage({ ...base, kind: 'corrupt', backups: [{ name: 'desk-20250616-100000.sqlite', size: 4096 }] });
    expect(corrupt.message).toMatch(/从下列备份之一恢复[\s\S]*Restore one of the backups/);
    expect(corrupt.detail).toContain('desk-20250616-100000.sqlite');
    expect(startupFailureMessage({ ...base, kind: 'corrupt', backups: [] }).message).toContain('没有备份');
    expect(startupFailureMessage({ ...base, kind: 'locked-by-other' }).message).toMatch(/切换到那个窗口[\s\S]*Switch to it/);
    expect(startupFailureMessage({ ...base, kind: 'driver' }).message).toContain('Reinstall');
    for (const kind of ['newer', 'corrupt', 'locked-by-other', 'driver', 'other'] as const) {
      expect(startupFailureMessage({ ...base, kind }).detail).toContain('/data');
    }
  });
});

describe('the renderer on app://', () => {
  const APP = 'app://desk/index.html';
  it.each([
    [APP, true],
    [APP + '#/catalog', true],
    ['app://desk/other.html', false],
    ['app://evil/index.html', false],
    ['file:///opt/desk/resources/app/dist/renderer/index.html', false],
    ['http://desk/index.html', false],
  ])('isAppUrl(%s) = %s', (url, ok) => {
    expect(isAppUrl(url, APP)).toBe(ok);
  });
});
