// The rates page counts each version's uses (charge and quote lines) from an index of its own
// (migration 0041), so the page does not read every charge line of the desk per version.
import { describe, expect, it } from 'vitest';
import { addRateVersion, listRates, saveRateItem } from '../../electron/services/money/rates';
import { rateVersionFieldsSchema } from '../../shared/ipc/money';
import { ENTERPRISE } from '../helpers/money';
import { tempCoreEach } from '../helpers/db';
import { captureStatements, planOf } from '../scale/plan';

const core = tempCoreEach();

describe('rates page: uses of each version', () => {
  it('counts charge and quote lines through their rate-version indexes, scanning neither table', () => {
    const item = saveRateItem(core.ctx, null, { instrumentId: null, name: '元素分析', unit: 'sample', billsUsage: false });
    addRateVersion(core.ctx, item.id, rateVersionFieldsSchema.parse({ effectiveFrom: '2025-01-01', prices: [{ priceGroupId: ENTERPRISE, unitPriceFen: 12_000 }] }));
    const { statements } = captureStatements(core.db, () => listRates(core.ctx));
    const counted = statements.filter((s) => /count\(\*\) FROM charges/.test(s.sql));
    expect(counted.length).toBeGreaterThan(0);
    for (const s of counted) {
      const plan = planOf(core.db, s).join(' | ');
      expect(plan).toMatch(/SEARCH c USING COVERING INDEX charges_rate_version \(rate_version_id=\?\)/);
      expect(plan).toMatch(/SEARCH q USING COVERING INDEX quote_lines_rate_version \(rate_version_id=\?\)/);
      expect(plan).not.toMatch(/SCAN c\b|SCAN q\b|SCAN charges|SCAN quote_lines/);
    }
  });
});
