import { civilDateInShanghai } from '../../shared/rules';
import { listAudit, pageAudit } from '../services/audit';
import type { HandlerTable } from './types';
import type { systemChannels } from '../../shared/ipc/system';
import packageJson from '../../package.json';

export const systemHandlers: HandlerTable<keyof typeof systemChannels> = {
  'app:info': (_input, ctx) => ({
    version: packageJson.version,
    mode: ctx.mode,
    dataDir: ctx.dataDir,
    databaseFile: ctx.databaseFile,
    schemaVersion: Number(ctx.db.pragma('user_version', { simple: true })),
    encrypted: ctx.encrypted,
    today: civilDateInShanghai(ctx.now()),
  }),
  'audit:list': (input, ctx) => listAudit(ctx, input),
  'audit:page': (input, ctx) => pageAudit(ctx, input),
  // The window side answers these for the calls it holds; a call reaching the core knows no job.
  'job:progress': ({ token }) => ({ token, state: 'unknown', done: 0, total: 0 }),
  'job:cancel': ({ token }) => ({ token, state: 'unknown', done: 0, total: 0 }),
};
