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
import { nativeLang, nativeWords, startupFailureMessage } from '../../electron/startup-failure';
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
  it('says what happened and what to do for each kind, in the computer\'s language only', () => {
    const base = { detail: 'x', dataDir: '/data' };
    const han = /\p{Script=Han}/u;
    expect(startupFailureMessage({ ...base, kind: 'newer' }, 'zh').message).toContain('请升级工作台');
    expect(startupFailureMessage({ ...base, kind: 'newer' }, 'en').message).toContain('Update the desk');
    const corrupt = startupFailureMessage({ ...base, kind: 'corrupt', backups: [{ name: 'desk-20250616-100000.sqlite', size: 4096 }] }, 'zh');
    expect(corrupt.message).toContain('从下列备份之一恢复');
    expect(corrupt.detail).toMatch(/^备份:\n  · desk-20250616-100000\.sqlite \(4 KB\)/);
    expect(startupFailureMessage({ ...base, kind: 'corrupt', backups: [] }, 'zh').message).toContain('没有备份');
    expect(startupFailureMessage({ ...base, kind: 'corrupt', backups: [] }, 'en').message).toContain('holds no backup');
    expect(startupFailureMessage({ ...base, kind: 'locked-by-other' }, 'zh').message).toContain('切换到那个窗口');
    expect(startupFailureMessage({ ...base, kind: 'driver' }, 'en').message).toContain('Reinstall');
    for (const kind of ['newer', 'corrupt', 'locked-by-other', 'driver', 'other'] as const) {
      const zh = startupFailureMessage({ ...base, kind }, 'zh');
      const en = startupFailureMessage({ ...base, kind }, 'en');
      expect(zh.detail).toContain('数据目录: /data');
      expect(en.detail).toContain('Data folder: /data');
      // One language per dialog: no Latin sentence in the Chinese one, no Chinese anywhere in the English one.
      expect(`${zh.title}${zh.message}${zh.buttons.join('')}`).not.toMatch(/[A-Za-z]{3,} [a-z]{3,}/);
      expect(`${en.title}${en.message}${en.detail}${en.buttons.join('')}`).not.toMatch(han);
    }
    expect(nativeLang('zh-CN')).toBe('zh');
    expect(nativeLang('zh-TW')).toBe('zh');
    expect(nativeLang('en-US')).toBe('en');
    expect(nativeLang('de')).toBe('en');
    expect(nativeLang(undefined)).toBe('en');
  });
  it('words the menu, the diagnostics dialogs and the due-soon notification in one language', () => {
    const zh = nativeWords('zh');
    const en = nativeWords('en');
    const flat = (w: typeof zh): string => JSON.stringify({ ...w, dueBody: w.dueBody(2, 3) });
    expect(flat(en)).not.toMatch(/\p{Script=Han}/u);
    expect(flat(zh)).not.toMatch(/[A-Za-z]{3,} [a-z]{3,}/);
    expect(Object.keys(en.menu)).toEqual(Object.keys(zh.menu));
    expect(zh.dueBody(2, 3)).toBe('2 项将在 3 天内到期，请打开“到期提醒”查看。');
    expect(en.dueBody(1, 1)).toBe('1 item falls due within 1 day. Open “Due soon” to see them.');
    expect(en.dueBody(2, 3)).toBe('2 items fall due within 3 days. Open “Due soon” to see them.');
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
