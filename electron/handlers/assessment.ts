import type { assessmentChannels } from '../../shared/ipc/assessment';
import { coreOf } from '../app-core';
import { dataChecks } from '../services/assessment/checks';
import { computeAssessment } from '../services/assessment/compute';
import { assessmentPageOffThread, assessmentPdfOffThread, assessmentXlsxOffThread, readSourceOf } from '../services/assessment/off-thread';
import { deleteHoliday, holidayYears, importHolidayYear, listHolidays, upsertHoliday } from '../services/assessment/holiday-table';
import { computeSubsidy, getYearInputs, setYearInputs } from '../services/assessment/subsidy';
import { readSettings, updateSettings } from '../services/settings';
import type { HandlerContext, HandlerTable } from './types';

const readSource = (ctx: HandlerContext) => readSourceOf(coreOf(ctx));

export const assessmentHandlers: HandlerTable<keyof typeof assessmentChannels> = {
  'settings:get': (_i, ctx) => readSettings(ctx),
  'settings:set': (input, ctx) => updateSettings(ctx, input),
  'holidays:years': (_i, ctx) => holidayYears(ctx),
  'holidays:list': ({ year }, ctx) => listHolidays(ctx, year),
  'holidays:upsert': (input, ctx) => upsertHoliday(ctx, input),
  'holidays:delete': ({ date }, ctx) => { deleteHoliday(ctx, date); return { deleted: true as const }; },
  'holidays:importYear': ({ year, entries }, ctx) => importHolidayYear(ctx, year, entries),
  'assessment:compute': (input, ctx) => computeAssessment(ctx, input),
  'assessment:checks': (input, ctx) => dataChecks(ctx, input),
  // The page and the reports read for seconds at national scale: off the host's thread (off-thread.ts).
  'assessment:page': (input, ctx) => assessmentPageOffThread(readSource(ctx), input),
  'assessment:yearGet': ({ year }, ctx) => getYearInputs(ctx, year),
  'assessment:yearSet': (input, ctx) => setYearInputs(ctx, input),
  'assessment:subsidy': ({ year, whatIfGrade }, ctx) => computeSubsidy(ctx, year, whatIfGrade),
  'assessment:exportXlsx': (input, ctx) => assessmentXlsxOffThread(readSource(ctx), input),
  'assessment:exportPdf': (input, ctx) => assessmentPdfOffThread(readSource(ctx), input),
};
