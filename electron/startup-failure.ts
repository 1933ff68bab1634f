// What the start-up failure dialog says: what happened and what to do, in Chinese and English.
import type { StartupFailure } from './core-host/protocol';

export interface StartupFailureMessage {
  title: string;
  message: string;
  detail: string;
}

export function startupFailureMessage(f: StartupFailure): StartupFailureMessage {
  const where = `数据目录 (data folder): ${f.dataDir}`;
  switch (f.kind) {
    case 'newer':
      return {
        title: '数据库版本较新 (Database is newer)',
        message: '这个数据库由更新版本的工作台写入，本程序不能打开它。请升级工作台后再打开；数据库文件未被改动。\nThis database was written by a newer version of the desk. Update the desk, then open it again; the file was not changed.',
        detail: `${where}\n${f.detail}`,
      };
    case 'corrupt': {
      const list = (f.backups ?? []).slice(0, 10).map((b) => `  · ${b.name} (${Math.round(b.size / 1024)} KB)`).join('\n');
      return {
        title: '数据库文件已损坏 (Database file is damaged)',
        message: list
          ? '数据库文件无法读取。请从下列备份之一恢复：打开数据目录，把损坏的 desk.sqlite 移到别处，再把备份复制为 desk.sqlite。\nThe database file cannot be read. Restore one of the backups below: open the data folder, move the damaged desk.sqlite away and copy a backup to desk.sqlite.'
          : '数据库文件无法读取，数据目录里没有备份。请联系技术支持，不要删除该文件。\nThe database file cannot be read and the data folder holds no backup. Contact support; do not delete the file.',
        detail: `${list ? `备份 (backups):\n${list}\n` : ''}${where}\n${f.detail}`,
      };
    }
    case 'locked-by-other':
      return {
        title: '数据目录正被使用 (Data folder in use)',
        message: '另一个工作台（桌面程序或浏览器模式服务）正在使用这个数据目录。请切换到那个窗口继续工作，或先关闭它再打开本程序。\nAnother desk (the desktop app or a browser-mode server) is using this data folder. Switch to it, or close it and open this one again.',
        detail: `${where}\n${f.detail}`,
      };
    case 'driver':
      return {
        title: '数据库驱动不匹配 (Database driver mismatch)',
        message: '程序附带的数据库驱动与本机不匹配，请重新安装本平台的安装包。\nThe database driver shipped with the program does not match this computer. Reinstall the package for this platform.',
        detail: `${where}\n${f.detail}`,
      };
    default:
      return {
        title: '工作台无法启动 (The desk could not start)',
        message: '打开数据库时出错。请导出日志并联系技术支持；数据库文件未被删除。\nOpening the database failed. Send the logs to support; the database file was not deleted.',
        detail: `${where}\n${f.detail}`,
      };
  }
}
