import type { securityChannels } from '../../shared/ipc/security';
import type { HandlerTable } from './types';

export const securityHandlers: HandlerTable<keyof typeof securityChannels> = {};
