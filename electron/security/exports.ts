// Exports held in memory for download (batch packets, statement workbooks) hold attachments,
// applicant and bank data: they are dropped whenever the desk locks or closes.
import { purgeStatementBatches } from '../services/money/statements';
import { purgeExports } from '../services/redemption/jobs';

export function purgeAllExports(): void {
  purgeExports();
  purgeStatementBatches();
}
