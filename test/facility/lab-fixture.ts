// A lab desk with instruments, usage, contracts and vouchers over 2025–2026, and the helpers that
// make an office desk and register a lab with it.
import { computeAssessment } from '../../electron/services/assessment/compute';
import { registerLab } from '../../electron/services/facility/office';
import { deskKeys, getIdentity, setIdentity } from '../../electron/services/facility/package/keys';
import { tempCore, type TempCore } from '../helpers/db';
import { attachVoucher, insertApplicant, insertContract, insertInstrument, insertLab, insertUsage } from '../assessment/fixtures';

export const UNIT_CODE = '91110108MA01ABCD3X'.slice(0, 17) + 'X';

export function labDesk(labName: string, prefix: string, options: { creditCode?: string; applicantName?: string } = {}): TempCore {
  const core = tempCore('2027-01-10T02:00:00.000Z');
  const db = core.db;
  setIdentity(core.ctx, { role: 'lab', unitName: '某大学', unitCreditCode: options.creditCode ?? UNIT_CODE, labName });
  const lab = insertLab(db, labName);
  const a = insertInstrument(db, { innerId: `${prefix}-A`, name: '场发射扫描电镜', categoryCode: '010101', valueFen: 80_000_000, shareMode: '外部共享', labId: lab });
  const b = insertInstrument(db, { innerId: `${prefix}-B`, name: '三坐标测量机', categoryCode: '030101', valueFen: 30_000_000, shareMode: '内部共享', labId: lab });
  insertInstrument(db, { innerId: `${prefix}-C`, name: '旧光谱仪', valueFen: 60_000_000, shareMode: '不共享', labId: lab, retiredAt: '2026-03-01T02:00:00.000Z' });
  const p = insertApplicant(db, options.applicantName ?? '某材料科技有限公司');
  db.prepare('UPDATE applicants SET credit_code = ? WHERE id = ?').run('91110000MA00000001'.slice(0, 17) + 'Y', p);
  const k1 = insertContract(db, { number: `${prefix}-K1`, applicantId: p, signed: '2025-03-01', amountFen: 1_000_000, actualFen: 800_000, instrumentIds: [a], labId: lab });
  attachVoucher(db, k1, p, `${prefix}-V1`, 400_000);
  insertContract(db, { number: `${prefix}-K2`, applicantId: p, signed: '2026-07-01', amountFen: 500_000, instrumentIds: [b], labId: lab });
  insertContract(db, { number: `${prefix}-K3`, applicantId: p, signed: '2026-08-01', amountFen: 200_000, status: 'void', labId: lab });
  insertUsage(db, { instrumentId: a, start: '2024-12-31T22:00', end: '2025-01-01T04:00', external: true, amountFen: 100_000, userUnit: 'X公司' });
  insertUsage(db, { instrumentId: a, start: '2025-03-10T09:00', end: '2025-03-10T17:00', external: true, amountFen: 200_000, userUnit: 'X公司', contractId: k1, satisfaction: 5 });
  insertUsage(db, { instrumentId: a, start: '2025-03-11T09:00', end: '2025-03-11T12:30', external: true, amountFen: 50_000, userUnit: 'Y公司', satisfaction: 4 });
  insertUsage(db, { instrumentId: b, start: '2025-05-20T08:00', end: '2025-05-20T18:00', userUnit: '本校' });
  insertUsage(db, { instrumentId: b, start: '2025-12-31T20:00', end: '2026-01-01T02:00', userUnit: '本校', satisfaction: 3 });
  insertUsage(db, { instrumentId: a, start: '2026-02-01T09:00', end: '2026-02-01T19:00', external: true, amountFen: 99_000, userUnit: 'Z公司' });
  return core;
}

export function officeDesk(): TempCore {
  const core = tempCore('2027-01-12T02:00:00.000Z');
  setIdentity(core.ctx, { role: 'office', unitName: '某大学', unitCreditCode: UNIT_CODE, labName: '' });
  return core;
}

export function register(office: TempCore, lab: TempCore): void {
  const id = getIdentity(lab.ctx);
  registerLab(office.ctx, { deskId: id.deskId, labName: id.labName, publicKey: deskKeys(lab.ctx).signPublic, note: '' });
}

export const labFigures = (lab: TempCore, year: number) => computeAssessment(lab.ctx, { year, scope: { kind: 'unit' } });
