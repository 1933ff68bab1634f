// Every kind of audit row the desk writes: the object (entity) and what was done to it (action).
// The services' `audit()` accepts only these pairs, and the audit log words each pair as a sentence
// in both languages (renderer/src/pages/security/audit-sentences.ts), so a new kind of row cannot
// be written without its sentence.

export const AUDIT_EVENTS = {
  applicant: ['create', 'update', 'delete'],
  assessment_year: ['update'],
  attachment: ['attachment.add', 'attachment.remove'],
  backup: ['backup.create', 'backup.restore', 'delete'],
  booking: ['create', 'update', 'delete', 'createSeries'],
  charge: ['create', 'delete'],
  charges: ['refresh'],
  contract: ['create', 'update', 'adopt_charges', 'adopt_quote', 'confirm_difference', 'packet.export'],
  desk_identity: ['update'],
  desk_keys: ['create'],
  evaluation_entry: ['update'],
  evaluation_evidence: ['create', 'delete'],
  evaluation_settings: ['update'],
  holiday: ['create', 'update', 'delete', 'importYear'],
  instrument: ['create', 'update', 'retire', 'restore', 'delete', 'import'],
  instrument_rated_hours: ['update'],
  invoice: ['invoice.add', 'invoice.update', 'invoice.remove'],
  lab: ['create', 'update'],
  lab_package: ['export', 'import'],
  office_conflict: ['resolve'],
  office_lab: ['create', 'update'],
  open_unit: ['update'],
  order: ['create', 'update', 'order.transition', 'orderPacket.export', 'adopt_charges', 'adopt_quote', 'confirm_difference'],
  order_material: ['orderMaterial.add', 'orderMaterial.remove'],
  payment: ['create', 'delete'],
  price_group: ['create', 'update'],
  product: ['create', 'update'],
  quote: ['create', 'update'],
  rate_item: ['create', 'update'],
  rate_version: ['create', 'update'],
  rated_hours_preset: ['create', 'update', 'delete'],
  rated_hours_unit: ['update'],
  redemption: ['redemption.open', 'redemption.transition', 'redemption.results'],
  reference_package: ['export', 'import'],
  security: ['security.setup', 'security.passphrase', 'security.unlock', 'security.lock'],
  settings: ['update', 'settings.update'],
  statement: ['issue', 'void'],
  usage: ['create', 'update', 'delete'],
  voucher: ['claim', 'eligibility.override', 'register', 'void'],
} as const satisfies Readonly<Record<string, readonly string[]>>;

export type AuditEntity = keyof typeof AUDIT_EVENTS;
export type AuditActionOf<E extends AuditEntity> = (typeof AUDIT_EVENTS)[E][number];
/** 'voucher:register', 'security:lock' …: one kind of audit row. */
export type AuditEvent = { [E in AuditEntity]: `${E}:${AuditActionOf<E>}` }[AuditEntity];

/** Every kind of row, 'entity:action'. */
export const AUDIT_EVENT_KEYS: readonly AuditEvent[] = (Object.entries(AUDIT_EVENTS) as [AuditEntity, readonly string[]][])
  .flatMap(([entity, actions]) => actions.map((a) => `${entity}:${a}` as AuditEvent));

/** Detail fields that hold the id of another record, by the kind of record: shown by its number or name. */
export const AUDIT_REF_KEYS = {
  applicantId: 'applicant', voucherId: 'voucher', contractId: 'contract', orderId: 'order', instrumentId: 'instrument',
  instrumentIds: 'instrument', labId: 'lab', productId: 'product', priceGroupId: 'price_group', quoteId: 'quote',
  statementId: 'statement', itemId: 'rate_item', rateItemId: 'rate_item',
} as const satisfies Readonly<Record<string, AuditEntity>>;

export type AuditRefKind = (typeof AUDIT_REF_KEYS)[keyof typeof AUDIT_REF_KEYS];

/** The key of a referenced record in a row's `refs`: 'applicant:3'. */
export const auditRefKey = (kind: AuditRefKind, id: number) => `${kind}:${id}`;
