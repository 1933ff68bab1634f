import type { facilityChannels } from '../../shared/ipc/facility';
import { listLowUse } from '../services/facility/low-use';
import { deletePreset, getUnitRated, listInstrumentRated, listPresets, savePreset, setInstrumentRated, setUnitRated } from '../services/facility/rated-hours';
import type { HandlerTable } from './types';

export const facilityHandlers: HandlerTable<keyof typeof facilityChannels> = {
  'ratedHours:presets': (_i, ctx) => listPresets(ctx),
  'ratedHours:presetSave': (input, ctx) => savePreset(ctx, input),
  'ratedHours:presetDelete': ({ id }, ctx) => { deletePreset(ctx, id); return { deleted: true as const }; },
  'ratedHours:unitGet': ({ year }, ctx) => getUnitRated(ctx, year),
  'ratedHours:unitSet': ({ year, source }, ctx) => setUnitRated(ctx, year, source),
  'ratedHours:list': (input, ctx) => listInstrumentRated(ctx, input),
  'ratedHours:override': (input, ctx) => setInstrumentRated(ctx, input),
  'lowUse:list': (input, ctx) => listLowUse(ctx, input),
};
