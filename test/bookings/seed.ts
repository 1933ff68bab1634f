// Test data for the booking services: instruments in every open/closed state, an applicant and contracts.
import { instrumentInputSchema, type InstrumentInput } from '../../shared/catalog/instrument';
import { createInstrument, retireInstrument } from '../../electron/services/catalog/instruments';
import type { TempCore } from '../helpers/db';

export function addInstrument(core: TempCore, innerId: string, extra: Partial<InstrumentInput> = {}): number {
  return createInstrument(core.ctx, instrumentInputSchema.parse({
    innerId, nameCn: `仪器${innerId}`, categoryCode: '020101', originalValueFen: 60_000_000, ...extra,
  })).id;
}

export function addRetiredInstrument(core: TempCore, innerId: string): number {
  const id = addInstrument(core, innerId);
  retireInstrument(core.ctx, id, '报废处置');
  return id;
}

let applicantId: number | null = null;

export function addContract(core: TempCore, number: string, startDate: string, endDate: string, opts: { status?: string; instrumentIds?: number[] } = {}): number {
  const now = core.ctx.now().toISOString();
  const db = core.db;
  applicantId = (db.prepare('SELECT id FROM applicants WHERE name = ?').pluck().get('北京测试科技有限公司') as number | undefined)
    ?? Number(db.prepare(`INSERT INTO applicants(kind, name, created_at, updated_at) VALUES ('enterprise', '北京测试科技有限公司', ?, ?)`).run(now, now).lastInsertRowid);
  const id = Number(db.prepare(`INSERT INTO contracts(number, applicant_id, signed_date, start_date, end_date, amount_fen, profile_id, status, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, 10000000, 'beijing-2023', ?, ?, ?)`).run(number, applicantId, startDate, startDate, endDate, opts.status ?? 'active', now, now).lastInsertRowid);
  for (const i of opts.instrumentIds ?? []) db.prepare('INSERT INTO contract_instruments(contract_id, instrument_id) VALUES (?, ?)').run(id, i);
  return id;
}
