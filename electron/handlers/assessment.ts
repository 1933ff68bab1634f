import type { assessmentChannels } from '../../shared/ipc/assessment';
import type { HandlerTable } from './types';

export const assessmentHandlers: HandlerTable<keyof typeof assessmentChannels> = {};
