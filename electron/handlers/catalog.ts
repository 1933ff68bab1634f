import { MAJOR_CATEGORIES, MIDDLE_CATEGORIES } from '../../shared/catalog/categories';
import type { catalogChannels } from '../../shared/ipc/catalog';
import { annualHours, exportCatalog } from '../services/catalog/export';
import { commitImport, importReport, parseImportOffThread, validateImport } from '../services/catalog/import';
import {
  codeReview, createInstrument, deleteInstrument, getInstrument, listInstruments, restoreInstrument, retireInstrument, updateInstrument,
} from '../services/catalog/instruments';
import { createLab, listLabs } from '../services/catalog/labs';
import { checkPlatform, exportServiceRecords } from '../services/catalog/platform';
import type { HandlerTable } from './types';

export const catalogHandlers: HandlerTable<keyof typeof catalogChannels> = {
  'labs:list': (_i, ctx) => listLabs(ctx),
  'labs:create': (input, ctx) => createLab(ctx, input),
  'catalog:categories': () => ({ majors: MAJOR_CATEGORIES, middles: MIDDLE_CATEGORIES }),
  'catalog:list': (input, ctx) => listInstruments(ctx, input),
  'catalog:get': ({ id }, ctx) => getInstrument(ctx, id),
  'catalog:create': (input, ctx) => createInstrument(ctx, input),
  'catalog:update': ({ id, version, fields }, ctx) => updateInstrument(ctx, id, version, fields),
  'catalog:retire': ({ id, reason }, ctx) => retireInstrument(ctx, id, reason),
  'catalog:restore': ({ id }, ctx) => restoreInstrument(ctx, id),
  'catalog:delete': ({ id }, ctx) => { deleteInstrument(ctx, id); return { deleted: true as const }; },
  'catalog:importParse': (input, ctx) => parseImportOffThread(ctx, input),
  'catalog:importReport': (input) => importReport(input),
  'catalog:importValidate': (input, ctx) => validateImport(ctx, input),
  'catalog:importCommit': (input, ctx) => commitImport(ctx, input),
  'catalog:export': ({ filter, ...options }, ctx) => exportCatalog(ctx, filter, options),
  'catalog:annualHours': ({ id, year }, ctx) => {
    getInstrument(ctx, id);
    const h = annualHours(ctx, year, id).get(id);
    return { year, hours: h?.hours ?? 0, externalHours: h?.externalHours ?? 0 };
  },
  'catalog:codeReview': (_i, ctx) => codeReview(ctx),
  'catalog:platformCheck': ({ filter, year }, ctx) => checkPlatform(ctx, filter, year),
  'catalog:exportServiceRecords': ({ filter, ...options }, ctx) => exportServiceRecords(ctx, filter, options),
};
