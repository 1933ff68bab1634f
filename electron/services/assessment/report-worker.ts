// The worker thread that writes the annual reports (.xlsx, PDF) off the core host's thread, on a
// read-only connection of its own (read-worker.ts runs the jobs). Kept apart from the page's
// worker so that opening the page never loads the spreadsheet and PDF writers.
import { exportAssessmentPdf } from './export-pdf';
import { exportAssessmentXlsx } from './export-xlsx';
import { serveReadJobs, useReportWriter } from './read-worker';

useReportWriter((ctx, task) => (task.kind === 'xlsx' ? exportAssessmentXlsx(ctx, task.input) : exportAssessmentPdf(ctx, task.input)));
serveReadJobs();
