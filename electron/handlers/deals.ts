import type { dealsChannels } from '../../shared/ipc/deals';
import type { HandlerTable } from './types';

export const dealsHandlers: HandlerTable<keyof typeof dealsChannels> = {};
