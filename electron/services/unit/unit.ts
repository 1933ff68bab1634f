// The open unit (one row) and its labs. Documents read the unit from here, never a lab's name.
import type { LabDetail, LabFields, OpenUnit, UnitFields } from '../../../shared/ipc/unit';
import { refuse } from '../../../shared/result';
import { audit } from '../audit';
import type { ServiceContext } from '../context';

const UNIT_SELECT = `SELECT name, credit_code AS creditCode, address, bank_name AS bankName, bank_account AS bankAccount,
  contact_name AS contactName, contact_phone AS contactPhone, third_party_testing AS thirdPartyTesting, updated_at AS updatedAt
  FROM open_unit WHERE id = 1`;

type UnitRow = Omit<OpenUnit, 'thirdPartyTesting'> & { thirdPartyTesting: number };

export function getUnit(ctx: Pick<ServiceContext, 'db'>): OpenUnit {
  const r = ctx.db.prepare(UNIT_SELECT).get() as UnitRow | undefined;
  // 0019 inserts the row; a missing one only happens in a hand-edited file: show it empty.
  if (!r) {
    return { name: '', creditCode: null, address: '', bankName: '', bankAccount: '', contactName: '', contactPhone: '', thirdPartyTesting: false, updatedAt: '' };
  }
  return { ...r, thirdPartyTesting: r.thirdPartyTesting === 1 };
}

/** Writes the unit inside the caller's transaction (settings also write the name and flag here). */
export function writeUnit(ctx: ServiceContext, f: UnitFields): void {
  ctx.db.prepare(`INSERT INTO open_unit(id, name, credit_code, address, bank_name, bank_account, contact_name, contact_phone,
      third_party_testing, updated_at) VALUES (1, @name, @creditCode, @address, @bankName, @bankAccount, @contactName, @contactPhone,
      @third, @now)
    ON CONFLICT(id) DO UPDATE SET name = excluded.name, credit_code = excluded.credit_code, address = excluded.address,
      bank_name = excluded.bank_name, bank_account = excluded.bank_account, contact_name = excluded.contact_name,
      contact_phone = excluded.contact_phone, third_party_testing = excluded.third_party_testing, updated_at = excluded.updated_at`)
    .run({ ...f, third: f.thirdPartyTesting ? 1 : 0, now: ctx.now().toISOString() });
}

export function saveUnit(ctx: ServiceContext, f: UnitFields): OpenUnit {
  return ctx.db.transaction(() => {
    const before = getUnit(ctx);
    writeUnit(ctx, f);
    audit(ctx, 'update', 'open_unit', 1, { before, after: f });
    return getUnit(ctx);
  })();
}

const LAB_SELECT = `SELECT l.id, l.name, l.head, l.contact, l.contact_phone AS contactPhone, l.location,
  (SELECT count(*) FROM instruments i WHERE i.lab_id = l.id) AS instrumentCount FROM labs l`;

export function listLabDetails(ctx: ServiceContext): LabDetail[] {
  return ctx.db.prepare(`${LAB_SELECT} ORDER BY l.name`).all() as LabDetail[];
}

export function getLabDetail(ctx: Pick<ServiceContext, 'db'>, id: number): LabDetail | null {
  return (ctx.db.prepare(`${LAB_SELECT} WHERE l.id = ?`).get(id) as LabDetail | undefined) ?? null;
}

export function saveLab(ctx: ServiceContext, id: number | null, f: LabFields): LabDetail {
  return ctx.db.transaction(() => {
    const other = ctx.db.prepare('SELECT id FROM labs WHERE name = ?').pluck().get(f.name) as number | undefined;
    if (other !== undefined && other !== id) refuse('CONFLICT', 'lab.nameTaken', { field: 'name', rule: 'lab.nameUnique', params: { name: f.name } });
    const now = ctx.now().toISOString();
    let labId = id;
    if (labId === null) {
      labId = Number(ctx.db.prepare(`INSERT INTO labs(name, head, contact, contact_phone, location, created_at, updated_at)
        VALUES (@name, @head, @contact, @contactPhone, @location, @now, @now)`).run({ ...f, now }).lastInsertRowid);
      audit(ctx, 'create', 'lab', labId, f);
    } else {
      const before = getLabDetail(ctx, labId);
      if (!before) refuse('NOT_FOUND', 'lab.notFound', { field: 'id', params: { id: labId } });
      ctx.db.prepare(`UPDATE labs SET name = @name, head = @head, contact = @contact, contact_phone = @contactPhone,
        location = @location, updated_at = @now WHERE id = @id`).run({ ...f, now, id: labId });
      audit(ctx, 'update', 'lab', labId, { before, after: f });
    }
    return getLabDetail(ctx, labId)!;
  })();
}
