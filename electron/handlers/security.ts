import type { securityChannels } from '../../shared/ipc/security';
import { coreOf } from '../app-core';
import { changePassphrase, lock, securityStatus, setupSecurity, unlock } from '../security/session';
import { exportAudit } from '../services/backup/audit-export';
import { createBackup, listBackups } from '../services/backup/backups';
import { deletePlainBackups } from '../services/backup/plain';
import { restoreBackup } from '../services/backup/restore';
import { writeReliabilitySettings } from '../services/backup/settings';
import type { HandlerTable } from './types';

export const securityHandlers: HandlerTable<keyof typeof securityChannels> = {
  'security:status': (_i, ctx) => securityStatus(coreOf(ctx)),
  'security:setup': (input, ctx) => setupSecurity(coreOf(ctx), input),
  'security:unlock': ({ passphrase }, ctx) => unlock(coreOf(ctx), passphrase),
  'security:lock': (_i, ctx) => lock(coreOf(ctx)),
  'security:changePassphrase': ({ current, next }, ctx) => changePassphrase(coreOf(ctx), current, next),
  'security:setSettings': (input, ctx) => {
    writeReliabilitySettings(ctx, input);
    return securityStatus(coreOf(ctx));
  },
  'backup:create': (_i, ctx) => createBackup(ctx, 'manual'),
  'backup:list': (_i, ctx) => {
    void ctx.db; // listing needs an unlocked desk like every other channel
    return listBackups(ctx);
  },
  'backup:restore': ({ name, passphrase }, ctx) => restoreBackup(coreOf(ctx), name, passphrase),
  'backup:deletePlain': ({ names }, ctx) => deletePlainBackups(coreOf(ctx), names),
  'audit:export': (input, ctx) => exportAudit(ctx, input),
};
