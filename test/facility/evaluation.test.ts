// The national self-assessment on a fixture worked out by hand, after packages from two labs.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gradeOf, scoreAgainst, weightedScore } from '../../shared/evaluation/scoring';
import { compareLabs, computeEvaluation, setEntry } from '../../electron/services/facility/evaluation';
import { setEvaluationSettings } from '../../electron/services/facility/evaluation-settings';
import { exportEvaluationPdf, exportEvaluationXlsx } from '../../electron/services/facility/export-evaluation';
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
  // The laser lab used its SEM 100 h more in 2026 (external), nothing else differs.
  const a = ls.db.prepare("SELECT id FROM instruments WHERE inner_id = 'LS-A'").pluck().get() as number;
  for (let d = 0; d < 10; d++) {
    const day = `2026-05-${String(d + 10).padStart(2, '0')}`;
    ls.db.prepare(`INSERT INTO usage_logs(instrument_id, start_at, end_at, external, user_unit, satisfaction, created_at) VALUES (?, ?, ?, 1, 'W公司', 5, 'x')`)
      .run(a, `${day}T08:00`, `${day}T18:00`);
  }
  for (const lab of [at, ls]) {
    register(office, lab);
    importLabPackage(office.ctx, new Uint8Array(Buffer.from(exportLabPackage(lab.ctx, { fromYear: 2025, toYear: 2026, attachments: false }).dataBase64, 'base64')));
  }
});
afterEach(() => { while (cores.length) cores.pop()!.cleanup(); });

describe('scoring arithmetic', () => {
  it('scores against a reference, weights, grades', () => {
    expect(scoreAgainst(799.5, 1599)).toBe(50);
    expect(scoreAgainst(3000, 1599)).toBe(100);
    expect(scoreAgainst(null, 1599)).toBeNull();
    const w = weightedScore([{ id: 'a', first: 'x', weight: 30, score: 90 }, { id: 'b', first: 'y', weight: 10, score: 50 }, { id: 'c', first: 'y', weight: 0, score: null }]);
    expect(w).toMatchObject({ total: 80, byFirst: { x: 90, y: 50 }, missing: [] });
    expect(weightedScore([{ id: 'a', first: 'x', weight: 1, score: null }]).total).toBeNull();
    const floors = { excellent: 90, good: 80, qualified: 60 };
    expect([gradeOf(90, floors), gradeOf(89.99, floors), gradeOf(60, floors), gradeOf(59, floors), gradeOf(null, floors)]).toEqual(['excellent', 'good', 'qualified', 'poor', null]);
  });
});

describe('national self-assessment 2025–2026 over two labs', () => {
  it('indicator figures by hand', () => {
    const r = computeEvaluation(office.ctx, { fromYear: 2025, toYear: 2026 });
    const fig = (id: string, key: string) => r.indicators.find((i) => i.id === id)!.figures.find((f) => f.key === key)!.value;
    // Assessed instruments (≥ 50万元): A (80万) and C (60万, retired March 2026, so in service both years) in each lab;
    // B (30万) is not assessed. Instrument-years: 2 labs × 2 instruments × 2 years = 8.
    expect(fig('openRate', 'instrumentYears')).toBe(8);
    // A 外部共享 (open), C 不共享: 4 of 8.
    expect(fig('openRate', 'openRate')).toBe(0.5);
    // A's hours: 2025 4 + 8 + 3.5 = 15.5, 2026 10; per lab 25.5, the laser lab +100 → 151 h over 8 instrument-years.
    expect(fig('runHours', 'avgEffectiveHours')).toBe(18.88);
    expect(fig('sharedHours', 'avgExternalHours')).toBe(18.88); // all of A's hours are external
    // Rated: 8 × 1,600 h; 利用率 = 151 / 12,800.
    expect(fig('runHours', 'utilisation')).toBeCloseTo(151 / 12800, 12);
    // External users over the period, distinct across labs: X, Y, Z, W.
    expect(fig('externalService', 'externalUsers')).toBe(4);
    // Contracts signed in the period, not void: K1, K2 in each lab; amounts 8,000 + 5,000 yuan each.
    expect(fig('externalService', 'contracts')).toBe(4);
    expect(fig('externalService', 'contractAmountFen')).toBe(2 * 1_300_000);
    // Satisfaction: each lab 5, 4, 3 (B's record crossing into 2026 counts in both years: 3 twice), the laser lab + ten 5s.
    // Lab AT: 2025 {5,4,3} 2026 {3} → sum 15 over 4; LS: 15 + 50 over 14. (15 + 65) / 18 = 4.44.
    expect(fig('externalService', 'avgSatisfaction')).toBe(4.44);
    expect(r.indicators.find((i) => i.id === 'runHours')!.suggestedScore).toBe(Math.round(10000 * 18.875 / 1599) / 100);
    // Qualitative indicators have no score yet: the total waits for them.
    expect(r.score.total).toBeNull();
    expect(r.score.missing).toEqual(['coordination', 'staff', 'platform', 'selfReliance']);
  });

  it('entered scores and configured weights give the total and the grade', () => {
    for (const id of ['coordination', 'staff', 'platform', 'selfReliance', 'openRate', 'runHours', 'useOutcomes', 'sharedHours', 'externalService']) {
      setEntry(office.ctx, { fromYear: 2025, toYear: 2026, indicator: id, text: `${id} 说明`, score: 80 });
    }
    setEntry(office.ctx, { fromYear: 2025, toYear: 2026, indicator: 'sharedHours', text: '', score: 100 });
    setEvaluationSettings(office.ctx, { weights: { coordination: 10, openRate: 10, staff: 10, platform: 10, runHours: 10, useOutcomes: 10, sharedHours: 20, externalService: 10, selfReliance: 10 }, gradeFloors: { excellent: 90, good: 80, qualified: 60 } });
    const r = computeEvaluation(office.ctx, { fromYear: 2025, toYear: 2026 });
    // (80 × 80 + 20 × 100) / 100 = 84 → 良好; 共享服务 (20 × 100 + 10 × 80 + 10 × 80) / 40 = 90.
    expect(r.score.total).toBe(84);
    expect(r.grade).toBe('good');
    expect(r.score.byFirst.sharing).toBe(90);
    expect(r.weightsConfigured).toBe(true);
  });

  it('a scope of one lab, and periods longer than the cycle refused', () => {
    const one = computeEvaluation(office.ctx, { fromYear: 2025, toYear: 2026, deskIds: [getIdentity(at.ctx).deskId] });
    expect(one.labs.map((l) => l.labName)).toEqual(['分析测试中心']);
    expect(one.indicators.find((i) => i.id === 'runHours')!.figures[0].value).toBe(6.38); // 25.5 / 4
    expect(() => computeEvaluation(office.ctx, { fromYear: 2024, toYear: 2026 })).toThrow(/evaluation.period/);
  });

  it('compares labs and lists the instruments that pull the figures down', () => {
    const c = compareLabs(office.ctx, { fromYear: 2025, toYear: 2026 });
    expect(c.labs.map((l) => [l.rank, l.labName, l.avgEffectiveHours])).toEqual([[1, '激光实验室', 31.38], [2, '分析测试中心', 6.38]]);
    expect(c.drag[0]).toMatchObject({ innerId: 'AT-C', avgEffectiveHours: 0, shortfallHours: 1599 });
    expect(c.drag).toHaveLength(4);
  });

  it('writes the report as xlsx and PDF', async () => {
    const x = await exportEvaluationXlsx(office.ctx, { fromYear: 2025, toYear: 2026 });
    expect(x.fileName).toBe('开放共享自评-2025-2026.xlsx');
    expect(Buffer.from(x.dataBase64, 'base64').subarray(0, 2).toString()).toBe('PK');
    const p = await exportEvaluationPdf(office.ctx, { fromYear: 2025, toYear: 2026 });
    expect(Buffer.from(p.dataBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
  }, 60_000);
});
