import type { redemptionChannels } from '../../shared/ipc/redemption';
import type { HandlerTable } from './types';

export const redemptionHandlers: HandlerTable<keyof typeof redemptionChannels> = {};
