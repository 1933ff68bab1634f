import type { unitChannels } from '../../shared/ipc/unit';
import { getUnit, listLabDetails, saveLab, saveUnit } from '../services/unit/unit';
import type { HandlerTable } from './types';

export const unitHandlers: HandlerTable<keyof typeof unitChannels> = {
  'unit:get': (_input, ctx) => getUnit(ctx),
  'unit:save': (input, ctx) => saveUnit(ctx, input),
  'unit:labs': (_input, ctx) => listLabDetails(ctx),
  'unit:labSave': ({ id, fields }, ctx) => saveLab(ctx, id, fields),
};
