import type { assessmentChannels } from '../../shared/ipc/assessment';
import { dataChecks } from '../services/assessment/checks';
import { computeAssessment } from '../services/assessment/compute';
import { exportAssessmentPdf } from '../services/assessment/export-pdf';
import { exportAssessmentXlsx } from '../services/assessment/export-xlsx';
import { assessmentPage } from '../services/assessment/page';
import { deleteHoliday, holidayYears, importHolidayYear, listHolidays, upsertHoliday } from '../services/assessment/holiday-table';
import { computeSubsidy, getYearInputs, setYearInputs } from '../services/assessment/subsidy';
import { readSettings, updateSettings } from '../services/settings';
import type { HandlerTable } from './types';

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
  'assessment:page': (input, ctx) => assessmentPage(ctx, input),
  'assessment:yearGet': ({ year }, ctx) => getYearInputs(ctx, year),
  'assessment:yearSet': (input, ctx) => setYearInputs(ctx, input),
  'assessment:subsidy': ({ year, whatIfGrade }, ctx) => computeSubsidy(ctx, year, whatIfGrade),
  'assessment:exportXlsx': (input, ctx) => exportAssessmentXlsx(ctx, input),
  'assessment:exportPdf': (input, ctx) => exportAssessmentPdf(ctx, input),
};
