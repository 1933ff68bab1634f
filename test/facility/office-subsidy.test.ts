// The Beijing subsidy view at the office, beside the national self-assessment: the unit's
// open-instrument value and service income come from the labs' packages (the office desk has no
// instruments of its own); class boundary, grade and costs are the office's year inputs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeSubsidy, setYearInputs } from '../../electron/services/assessment/subsidy';
import { officeSubsidy } from '../../electron/services/facility/evaluation';
import { exportLabPackage } from '../../electron/services/facility/package/export-lab';
import { importLabPackage } from '../../electron/services/facility/package/import-lab';
import { getIdentity } from '../../electron/services/facility/package/keys';
import type { TempCore } from '../helpers/db';
import { labDesk, officeDesk, register } from './lab-fixture';

const cores: TempCore[] = [];
let office: TempCore;
let at: TempCore;
let ls: TempCore;

beforeEach(() => {
  at = labDesk('分析测试中心', 'AT');
  ls = labDesk('激光实验室', 'LS');
  office = officeDesk();
  cores.push(at, ls, office);
  for (const lab of [at, ls]) {
    register(office, lab);
    importLabPackage(office.ctx, new Uint8Array(Buffer.from(exportLabPackage(lab.ctx, { fromYear: 2025, toYear: 2026, attachments: false }).dataBase64, 'base64')));
  }
});
afterEach(() => { while (cores.length) cores.pop()!.cleanup(); });

describe('the Beijing subsidy view at the office', () => {
  it('open-instrument value and income are the labs\' together; the class follows the office\'s boundary', () => {
    for (const year of [2025, 2026]) {
      const labs = [computeSubsidy(at.ctx, year), computeSubsidy(ls.ctx, year)];
      const s = officeSubsidy(office.ctx, { year });
      expect(s.openValueFen).toBe(labs[0].openValueFen + labs[1].openValueFen);
      expect(s.openInstrumentCount).toBe(labs[0].openInstrumentCount + labs[1].openInstrumentCount);
      expect(s.incomeFen).toBe(labs[0].incomeFen + labs[1].incomeFen);
    }
    // By hand: each lab's only 外部共享 instrument is its SEM of 80万元; the office's own desk holds none.
    expect(computeSubsidy(office.ctx, 2025).openValueFen).toBe(0);
    expect(officeSubsidy(office.ctx, { year: 2025 })).toMatchObject({ openInstrumentCount: 2, openValueFen: 160_000_000, subsidyClass: null });
    setYearInputs(office.ctx, { year: 2025, classBoundaryFen: 100_000_000, publishedGrade: 'excellent', incomeFen: null, costsFen: 0 });
    expect(officeSubsidy(office.ctx, { year: 2025 })).toMatchObject({ subsidyClass: 'I', grade: 'excellent' });
    expect(officeSubsidy(office.ctx, { year: 2025 }).capFen).not.toBeNull();
    // One lab's scope.
    expect(officeSubsidy(office.ctx, { year: 2025, deskIds: [getIdentity(ls.ctx).deskId] })).toMatchObject({ openValueFen: 80_000_000, subsidyClass: 'II' });
  });
});
