import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handlers } from '../../electron/handlers';
import { invoke } from '../../electron/handlers/invoke';
import { createInstrument, deleteInstrument, listInstruments, retireInstrument, updateInstrument } from '../../electron/services/catalog/instruments';
import { createLab } from '../../electron/services/catalog/labs';
import { instrumentInputSchema, type InstrumentInput } from '../../shared/catalog/instrument';
import { contentHash, tempCore, type TempCore } from '../helpers/db';
import { failure } from '../helpers/failure';

let core: TempCore;
beforeEach(() => { core = tempCore(); });
afterEach(() => core.cleanup());

const base: InstrumentInput = { innerId: 'GC-001', nameCn: '气相色谱仪', categoryCode: '010501', originalValueFen: 68_000_000 };
const make = (over: Partial<InstrumentInput> = {}) => createInstrument(core.ctx, instrumentInputSchema.parse({ ...base, ...over }));

describe('instrument records', () => {
  it('creates with defaults, audits, and reads back every field', () => {
    const i = make({ model: '7890B', manufacturer: '安捷伦', startUseDate: '2019-03-01' });
    expect(i).toMatchObject({ innerId: 'GC-001', source: '购置', status: '正常', shareMode: '外部共享', version: 1, model: '7890B', startUseDate: '2019-03-01' });
    const audit = core.db.prepare("SELECT action, entity FROM audit_log").all();
    expect(audit).toEqual([{ action: 'create', entity: 'instrument' }]);
  });

  it('refuses a duplicate inner id naming the field, and writes nothing', () => {
    make();
    const before = contentHash(core);
    const f = failure(() => make({ nameCn: '另一台' }));
    expect(f.error).toMatchObject({ code: 'CONFLICT', field: 'innerId' });
    expect(contentHash(core)).toBe(before);
  });

  it('takes ＢＪ－００１ typed in full width as BJ-001: stored folded, refused beside BJ-001, also beside a full-width id kept from before', () => {
    expect(make({ innerId: 'ＧＣ－００２' }).innerId).toBe('GC-002');
    make();
    expect(failure(() => make({ innerId: 'ＧＣ－００１', nameCn: '另一台' })).error).toMatchObject({ code: 'CONFLICT', reason: 'catalog.innerIdTaken', field: 'innerId', params: { value: 'GC-001' } });
    core.db.prepare("UPDATE instruments SET inner_id = 'ＧＣ－００９' WHERE inner_id = 'GC-002'").run(); // an id stored before ids were folded
    expect(failure(() => make({ innerId: 'GC-009', nameCn: '第三台' })).error).toMatchObject({ code: 'CONFLICT', field: 'innerId' });
    const kept = listInstruments(core.ctx, { query: 'ＧＣ－００９' }).rows[0];
    expect(updateInstrument(core.ctx, kept.id, 1, instrumentInputSchema.parse({ ...base, innerId: 'ＧＣ－００９' })).innerId).toBe('GC-009'); // its own id is no conflict
  });

  it('detects a stale edit by version', () => {
    const i = make();
    const fields = instrumentInputSchema.parse({ ...base, nameCn: '气相色谱仪（改）' });
    expect(updateInstrument(core.ctx, i.id, 1, fields).version).toBe(2);
    expect(failure(() => updateInstrument(core.ctx, i.id, 1, fields)).error.code).toBe('CONFLICT');
  });

  it('retires instead of deleting an instrument with history', () => {
    const i = make();
    core.db.prepare(`INSERT INTO bookings(instrument_id, kind, start_at, end_at, created_at) VALUES (?, 'internal', '2025-06-16T09:00', '2025-06-16T10:00', '')`).run(i.id);
    expect(failure(() => deleteInstrument(core.ctx, i.id)).error).toMatchObject({ code: 'RULE', rule: 'instrument.keepHistory' });
    retireInstrument(core.ctx, i.id, '设备报废');
    expect(listInstruments(core.ctx, {}).total).toBe(0);
    expect(listInstruments(core.ctx, { includeRetired: true }).rows[0].retiredAt).not.toBeNull();
  });

  it('deletes an instrument without history', () => {
    const i = make();
    deleteInstrument(core.ctx, i.id);
    expect(listInstruments(core.ctx, { includeRetired: true }).total).toBe(0);
  });
});

describe('catalog search and filters', () => {
  beforeEach(() => {
    const lab = createLab(core.ctx, { name: '分析测试中心', unitName: '', contact: '' });
    make({ innerId: 'A1', nameCn: '气相色谱仪', originalValueFen: 68_000_000, labId: lab.id });
    make({ innerId: 'A2', nameCn: '液相色谱-质谱联用仪', categoryCode: '010201', originalValueFen: 350_000_000, status: '待修' });
    make({ innerId: 'A3', nameCn: '扫描电子显微镜', categoryCode: '010101', originalValueFen: 420_000_000, shareMode: '内部共享' });
    make({ innerId: 'B1', nameCn: '激光共聚焦显微镜', categoryCode: '010801', originalValueFen: 45_000_000, model: 'LSM 980' });
    make({ innerId: 'C1', nameCn: '高性能计算集群', categoryCode: '130101', originalValueFen: 1_200_000_000 });
  });
  const ids = (q: Parameters<typeof listInstruments>[1]) => listInstruments(core.ctx, q).rows.map((r) => r.innerId).sort();

  it.each([
    ['色谱', ['A1', 'A2']], // 2 characters: LIKE fallback
    ['色谱仪', ['A1']], // 3 characters: FTS5 trigram
    ['显微镜', ['A3', 'B1']],
    ['电子显微', ['A3']],
    ['镜', ['A3', 'B1']], // 1 character
    ['LSM', ['B1']], // model
    ['lsm', ['B1']], // case-insensitive
    ['计算 集群', ['C1']], // two terms, both must match
    ['100%', []], // wildcard characters match literally
    ['不存在的仪器', []],
  ])('query %s', (query, expected) => {
    expect(ids({ query })).toEqual(expected);
  });

  it.each([
    [{ categoryPrefix: '01' }, ['A1', 'A2', 'A3', 'B1']],
    [{ categoryPrefix: '0105' }, ['A1']],
    [{ status: '待修' as const }, ['A2']],
    [{ shareMode: '内部共享' as const }, ['A3']],
    [{ minValueFen: 350_000_000 }, ['A2', 'A3', 'C1']],
    [{ minValueFen: 45_000_000, maxValueFen: 68_000_000 }, ['A1', 'B1']],
    [{ labId: 1 }, ['A1']],
    [{ query: '色谱', status: '正常' as const }, ['A1']],
  ])('filter %j', (filter, expected) => {
    expect(ids(filter)).toEqual(expected);
  });

  it('sorts by value descending and pages with a correct total', () => {
    const page = listInstruments(core.ctx, { sortBy: 'originalValueFen', sortDir: 'desc', limit: 2, offset: 0 });
    expect(page.rows.map((r) => r.innerId)).toEqual(['C1', 'A3']);
    expect(page.total).toBe(5);
  });
});

describe('through the IPC wrapper', () => {
  it('rejects bad input with field-level messages and writes nothing', async () => {
    const before = contentHash(core);
    const r = await invoke(handlers, core.ctx, 'catalog:create', { innerId: '', nameCn: 'x', categoryCode: '990101', originalValueFen: -5 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.issues!.map((i) => i.field).sort()).toEqual(['categoryCode', 'innerId', 'originalValueFen']);
    expect(r.error.issues!.find((i) => i.field === 'categoryCode')).toMatchObject({ reason: 'category.unknown', params: { value: '990101' } });
    expect(contentHash(core)).toBe(before);
  });

  it('refuses an unknown channel', async () => {
    const r = await invoke(handlers, core.ctx, 'catalog:dropEverything', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
  });

  it('rejects a float amount of money (fen must be integers)', async () => {
    const r = await invoke(handlers, core.ctx, 'catalog:create', { ...base, originalValueFen: 100.5 });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'originalValueFen' } });
  });
});
