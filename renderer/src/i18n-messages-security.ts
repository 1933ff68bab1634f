// Refusal reasons of keys, swaps and restore: which check failed, and what the desk found.
import type { Message } from './i18n-messages';

export const SECURITY_MESSAGES: Readonly<Record<string, Message>> = {
  'keys.unwrapFailed': { zh: '口令无法解开数据密钥（keyring.json 可能被改动）；未作任何更改', en: 'The passphrase does not open the data key (keyring.json may have been altered); nothing was changed' },
  'keys.keyFileMissing': { zh: '找不到数据密钥的密钥文件 {keyFile}（它保存在数据文件夹之外）；附件无法打开，未作任何更改', en: 'The key file {keyFile} of the data key was not found (it is kept outside the data folder); attachments cannot be opened, nothing was changed' },
  'keys.keystoreFailed': { zh: '操作系统的密钥存储无法解开数据密钥；未作任何更改', en: 'The operating system\'s keystore cannot open the data key; nothing was changed' },
  'keys.keyringDamaged': { zh: '密钥文件 {file} 已损坏；未作任何更改', en: 'The key file {file} is damaged; nothing was changed' },
  'keys.unavailable': { zh: '数据库已锁定，数据密钥不可用：请先解锁', en: 'The desk is locked and the data key is not available: unlock first' },
  'desk.databaseMissing': { zh: '数据文件夹 {folder} 中没有 desk.sqlite，但有 {found}：未新建空数据库。请找回数据库文件或从备份恢复', en: 'The data folder {folder} has no desk.sqlite but holds {found}: no new empty database was created. Put the database file back or restore it from a backup' },
  'backup.plainDeskKeeps': { zh: '工作台未加密时，备份不能作为“未加密备份”删除；它们是唯一的恢复来源', en: 'In an unencrypted desk the backups are not deleted as plain leftovers: they are the only copies to restore from' },
  'backup.notPlain': { zh: '{name} 不是本工作台的未加密备份；未删除任何文件', en: '{name} is not a plain backup of this desk; no file was deleted' },
  'backup.namesEmpty': { zh: '请选择要删除的备份', en: 'Choose the backups to delete' },
  'restore.macMissing': { zh: '该文件没有本工作台的校验码（MAC），不是本机生成的备份；未做任何替换', en: 'The file has no MAC of this desk: it is not a backup made here; nothing was replaced' },
  'restore.macMismatch': { zh: '备份的校验码（MAC）不符：文件在备份后被改动；未做任何替换', en: 'The backup\'s MAC does not match: the file was changed after the backup; nothing was replaced' },
  'restore.macOtherKey': { zh: '备份的校验码来自另一个数据密钥（其他工作台或已停用的密钥）；未做任何替换', en: 'The backup\'s MAC is under another data key (another desk, or a retired key); nothing was replaced' },
  'restore.plainIntoEncrypted': { zh: '未加密的备份不能恢复到已加密的工作台；未做任何替换', en: 'A plain backup cannot be restored into an encrypted desk; nothing was replaced' },
  'restore.encryptedIntoPlain': { zh: '加密的备份不能恢复到未加密的工作台；未做任何替换', en: 'An encrypted backup cannot be restored into a plain desk; nothing was replaced' },
  'restore.wrongPassphrase': { zh: '备份无法用该口令打开；未做任何替换', en: 'The backup does not open with this passphrase; nothing was replaced' },
  'restore.integrity': { zh: '备份未通过完整性检查（{detail}）；未做任何替换', en: 'The backup failed the integrity check ({detail}); nothing was replaced' },
  'restore.notDesk': { zh: '该文件不是本程序的数据库；未做任何替换', en: 'The file is not a database of this app; nothing was replaced' },
  'restore.newer': { zh: '备份来自更新版本的程序（版本 {version}，本程序支持 {supported}）；未做任何替换', en: 'The backup is from a newer app (version {version}; this app reads {supported}); nothing was replaced' },
  'restore.schemaTables': { zh: '备份的数据表与应有结构不符（缺少：{missing}；多出：{extra}）；未做任何替换', en: 'The backup\'s tables differ from the expected schema (missing: {missing}; extra: {extra}); nothing was replaced' },
  'restore.schemaColumns': { zh: '备份中这些表的字段与应有结构不符：{tables}；未做任何替换', en: 'The columns of these tables differ from the expected schema: {tables}; nothing was replaced' },
  'restore.schemaIndexes': { zh: '备份的索引与应有结构不符（缺少：{missing}；多出：{extra}；改动：{changed}）；未做任何替换', en: 'The backup\'s indexes differ from the expected schema (missing: {missing}; extra: {extra}; changed: {changed}); nothing was replaced' },
  'restore.schemaTriggers': { zh: '备份的触发器（含审计日志只增不改的保护）与应有结构不符（缺少：{missing}；多出：{extra}；改动：{changed}）；未做任何替换', en: 'The backup\'s triggers (including the append-only audit protection) differ from the expected schema (missing: {missing}; extra: {extra}; changed: {changed}); nothing was replaced' },
  'restore.schemaViews': { zh: '备份的视图与应有结构不符；未做任何替换', en: 'The backup\'s views differ from the expected schema; nothing was replaced' },
  'restore.copyFailed': { zh: '恢复用的副本未通过检查；未做任何替换', en: 'The copy made for the restore failed its check; nothing was replaced' },
};
