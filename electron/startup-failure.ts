// What the start-up failure dialog says: what happened and what to do, in one language. The desk's
// own language setting lives in the database that failed to open, so the computer's locale decides.
import type { StartupFailure } from './core-host/protocol';

export type NativeLang = 'zh' | 'en';

/** zh for a Chinese locale (zh, zh-CN, zh-TW …), en for every other. */
export function nativeLang(locale: string | undefined): NativeLang {
  return /^zh\b/i.test(locale ?? '') ? 'zh' : 'en';
}

export interface StartupFailureMessage {
  title: string;
  message: string;
  detail: string;
  buttons: [quit: string, openFolder: string, openLogs: string];
}

const WORDS = {
  zh: {
    dataFolder: '数据目录',
    backups: '备份',
    buttons: ['退出', '打开数据目录', '打开日志'],
    newer: ['数据库版本较新', '这个数据库由更新版本的工作台写入，本程序不能打开它。请升级工作台后再打开；数据库文件未被改动。'],
    corrupt: ['数据库文件已损坏', '数据库文件无法读取。请从下列备份之一恢复：打开数据目录，把损坏的 desk.sqlite 移到别处，再把备份复制为 desk.sqlite。'],
    corruptNoBackup: ['数据库文件已损坏', '数据库文件无法读取，数据目录里没有备份。请联系技术支持，不要删除该文件。'],
    'locked-by-other': ['数据目录正被使用', '另一个工作台（桌面程序或浏览器模式服务）正在使用这个数据目录。请切换到那个窗口继续工作，或先关闭它再打开本程序。'],
    driver: ['数据库驱动不匹配', '程序附带的数据库驱动与本机不匹配，请重新安装本平台的安装包。'],
    other: ['工作台无法启动', '打开数据库时出错。请导出日志并联系技术支持；数据库文件未被删除。'],
  },
  en: {
    dataFolder: 'Data folder',
    backups: 'Backups',
    buttons: ['Quit', 'Open data folder', 'Open logs'],
    newer: ['Database is newer', 'This database was written by a newer version of the desk. Update the desk, then open it again; the file was not changed.'],
    corrupt: ['Database file is damaged', 'The database file cannot be read. Restore one of the backups below: open the data folder, move the damaged desk.sqlite away and copy a backup to desk.sqlite.'],
    corruptNoBackup: ['Database file is damaged', 'The database file cannot be read and the data folder holds no backup. Contact support; do not delete the file.'],
    'locked-by-other': ['Data folder in use', 'Another desk (the desktop app or a browser-mode server) is using this data folder. Switch to it, or close it and open this one again.'],
    driver: ['Database driver mismatch', 'The database driver shipped with the program does not match this computer. Reinstall the package for this platform.'],
    other: ['The desk could not start', 'Opening the database failed. Send the logs to support; the database file was not deleted.'],
  },
} as const;

export function startupFailureMessage(f: StartupFailure, lang: NativeLang): StartupFailureMessage {
  const w = WORDS[lang];
  const where = `${w.dataFolder}: ${f.dataDir}`;
  const list = (f.backups ?? []).slice(0, 10).map((b) => `  · ${b.name} (${Math.round(b.size / 1024)} KB)`).join('\n');
  const key = f.kind === 'corrupt' ? (list ? 'corrupt' : 'corruptNoBackup')
    : f.kind === 'newer' || f.kind === 'locked-by-other' || f.kind === 'driver' ? f.kind : 'other';
  const [title, message] = w[key];
  const backups = f.kind === 'corrupt' && list ? `${w.backups}:\n${list}\n` : '';
  return { title, message, detail: `${backups}${where}\n${f.detail}`, buttons: [...w.buttons] };
}

/** The words of the desk's own window chrome (menu, native dialogs, notifications), in the computer's language. */
export function nativeWords(lang: NativeLang) {
  return lang === 'zh'
    ? {
      windowTitle: '开放仪器创新券工作台',
      menu: { file: '文件', edit: '编辑', view: '视图', window: '窗口', help: '帮助', exportDiagnostics: '导出诊断信息…' },
      diagnosticsTitle: '导出诊断信息',
      diagnosticsFailed: '导出诊断信息失败',
      dueTitle: '创新券期限提醒',
      dueBody: (n: number, days: number) => `${n} 项将在 ${days} 天内到期，请打开“到期提醒”查看。`,
    }
    : {
      windowTitle: 'Open-instrument voucher desk',
      menu: { file: 'File', edit: 'Edit', view: 'View', window: 'Window', help: 'Help', exportDiagnostics: 'Export diagnostics…' },
      diagnosticsTitle: 'Export diagnostics',
      diagnosticsFailed: 'Exporting diagnostics failed',
      dueTitle: 'Voucher deadlines',
      dueBody: (n: number, days: number) => `${n} item${n === 1 ? '' : 's'} fall${n === 1 ? 's' : ''} due within ${days} day${days === 1 ? '' : 's'}. Open “Due soon” to see them.`,
    };
}
