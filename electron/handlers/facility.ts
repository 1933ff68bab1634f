import type { facilityChannels } from '../../shared/ipc/facility';
import { listLowUse } from '../services/facility/low-use';
import { deletePreset, getUnitRated, listInstrumentRated, listPresets, savePreset, setInstrumentRated, setUnitRated } from '../services/facility/rated-hours';
import type { HandlerTable } from './types';

export const facilityHandlers: HandlerTable<keyof typeof facilityChannels> = {
  'rated:presets': (_i, ctx) => listPresets(ctx),
  'rated:presetSave': (input, ctx) => savePreset(ctx, input),
  'rated:presetDelete': ({ id }, ctx) => { deletePreset(ctx, id); return { deleted: true as const }; },
  'rated:unitGet': ({ year }, ctx) => getUnitRated(ctx, year),
  'rated:unitSet': ({ year, source }, ctx) => setUnitRated(ctx, year, source),
  'rated:list': (input, ctx) => listInstrumentRated(ctx, input),
  'rated:override': (input, ctx) => setInstrumentRated(ctx, input),
  'rated:lowUse': (input, ctx) => listLowUse(ctx, input),
};
