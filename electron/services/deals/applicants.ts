// 申领单位: enterprises and student teams with the facts the eligibility rules need.
import type { Applicant, ApplicantFields, ApplicantListQuery, CreditCodeDuplicate, EligibilityReport } from '../../../shared/ipc/deals';
import type { Page } from '../../../shared/ipc/paging';
import { profileById, profileFor } from '../../../shared/policy';
import { normaliseCreditCode } from '../../../shared/identity';
import { refuse } from '../../../shared/result';
import { checkApplicantEligibility, civilDateInShanghai, eligibilityNotes } from '../../../shared/rules';
import { audit } from '../audit';
import type { ServiceContext } from '../context';
import { applicantFacts, voucherKindOf } from './applicant-facts';
import { likeContains } from '../sql';

// Field <-> column, one list so insert, update and select agree. Booleans are 0/1 in SQLite.
const COLUMNS: [keyof ApplicantFields, string, 'bool' | 'list' | 'plain'][] = [
  ['kind', 'kind', 'plain'], ['name', 'name', 'plain'], ['creditCode', 'credit_code', 'plain'], ['region', 'region', 'plain'],
  ['registeredDate', 'registered_date', 'plain'], ['staffCount', 'staff_count', 'plain'], ['revenueFen', 'revenue_fen', 'plain'],
  ['assetsFen', 'assets_fen', 'plain'], ['fields', 'field', 'list'], ['highTech', 'high_tech', 'bool'],
  ['smeListed', 'sme_listed', 'bool'], ['smeListedYear', 'sme_listed_year', 'plain'], ['specializedSme', 'specialized_sme', 'bool'],
  ['badCredit', 'bad_credit', 'bool'], ['legalEntity', 'legal_entity', 'bool'], ['teamMembers', 'team_members', 'plain'],
  ['studentMembers', 'student_members', 'plain'], ['coreMembers', 'core_members', 'plain'], ['projectStage', 'project_stage', 'plain'],
  ['incubator', 'incubator', 'plain'], ['contactName', 'contact_name', 'plain'], ['contactPhone', 'contact_phone', 'plain'],
  ['bankName', 'bank_name', 'plain'], ['bankAccount', 'bank_account', 'plain'], ['notes', 'notes', 'plain'],
  ['highTechValidFrom', 'high_tech_valid_from', 'plain'], ['highTechValidTo', 'high_tech_valid_to', 'plain'],
  ['smeValidFrom', 'sme_valid_from', 'plain'], ['smeValidTo', 'sme_valid_to', 'plain'], ['isSme', 'is_sme', 'bool'],
  ['seriousDishonesty', 'serious_dishonesty', 'bool'], ['lastMajorViolationYear', 'last_major_violation_year', 'plain'],
  ['abnormalList', 'abnormal_list', 'bool'], ['incubatorRegion', 'incubator_region', 'plain'], ['companyRegions', 'company_regions', 'list'],
];
// Fields are stored joined; the vocabulary never contains this separator.
const LIST_SEPARATOR = '、';

const SELECT = `SELECT a.id, ${COLUMNS.map(([f, c]) => `a.${c} AS ${f}`).join(', ')},
  a.created_at AS createdAt, a.updated_at AS updatedAt,
  (SELECT count(*) FROM vouchers v WHERE v.applicant_id = a.id) AS voucherCount,
  (SELECT count(*) FROM contracts c WHERE c.applicant_id = a.id) AS contractCount
  FROM applicants a`;

type Row = Record<string, unknown>;

function fromRow(ctx: ServiceContext, row: Row): Applicant {
  const out: Row = { ...row };
  for (const [f, , how] of COLUMNS) {
    if (how === 'bool') out[f] = row[f] === null ? null : row[f] === 1;
    if (how === 'list') out[f] = String(row[f] ?? '').split(LIST_SEPARATOR).filter(Boolean);
  }
  const a = out as unknown as Applicant;
  const today = civilDateInShanghai(ctx.now());
  a.voucherKind = voucherKindOf(a, profileFor(a.region, today), today);
  return a;
}

function toParams(fields: ApplicantFields): Row {
  const p: Row = {};
  for (const [f, , how] of COLUMNS) {
    const v = fields[f];
    p[f] = how === 'bool' ? (v === null ? null : v ? 1 : 0) : how === 'list' ? (v as string[]).join(LIST_SEPARATOR) : v;
  }
  return p;
}

/** Clears facts that do not apply to the kind, so a team never carries a firm's revenue and vice versa. */
function normalise(fields: ApplicantFields): ApplicantFields {
  if (fields.kind === 'team') {
    return {
      ...fields, highTech: false, smeListed: false, smeListedYear: null, specializedSme: false, revenueFen: null, assetsFen: null, staffCount: null,
      highTechValidFrom: null, highTechValidTo: null, smeValidFrom: null, smeValidTo: null, isSme: null,
    };
  }
  return { ...fields, teamMembers: null, studentMembers: null, coreMembers: null, legalEntity: null, projectStage: '', incubatorRegion: '', companyRegions: [] };
}

function validate(ctx: ServiceContext, f: ApplicantFields, exceptId: number | null): void {
  if (f.kind === 'team' && f.studentMembers !== null && f.teamMembers !== null && f.studentMembers > f.teamMembers) {
    refuse('VALIDATION', 'applicant.studentsOverMembers', { field: 'studentMembers', params: { students: f.studentMembers, members: f.teamMembers } });
  }
  if (f.smeListed && f.smeListedYear === null) {
    refuse('VALIDATION', 'applicant.smeYearRequired', { field: 'smeListedYear' });
  }
  // The higher quota needs the status valid on the day of use, so a status is saved with its validity.
  const spans: [boolean, 'highTechValidFrom' | 'smeValidFrom', 'highTechValidTo' | 'smeValidTo'][] = [
    [f.highTech, 'highTechValidFrom', 'highTechValidTo'], [f.smeListed, 'smeValidFrom', 'smeValidTo'],
  ];
  for (const [held, from, to] of spans) {
    if (!held) continue;
    if (f[from] === null) refuse('VALIDATION', 'applicant.statusValidity', { field: from, rule: 'applicant.statusValidity' });
    if (f[to] === null) refuse('VALIDATION', 'applicant.statusValidity', { field: to, rule: 'applicant.statusValidity' });
    if ((f[to] as string) < (f[from] as string)) refuse('VALIDATION', 'date.beforeOther', { field: to, params: { other: from, otherValue: f[from] as string } });
  }
  const today = civilDateInShanghai(ctx.now());
  if (f.registeredDate !== null && f.registeredDate > today) {
    refuse('VALIDATION', 'date.future', { field: 'registeredDate', params: { today } });
  }
  if (f.creditCode !== null) {
    const other = applicantWithCreditCode(ctx, f.creditCode, exceptId);
    if (other) refuse('CONFLICT', 'applicant.creditCodeTaken', { field: 'creditCode', rule: 'applicant.creditCodeUnique', params: { value: f.creditCode, name: other.name } });
  }
}

/**
 * Another applicant holding this (normalised) code: saved rows are normalised, and rows a migration
 * found duplicated are kept as typed until the user resolves them, so those are compared normalised.
 */
function applicantWithCreditCode(ctx: ServiceContext, code: string, exceptId: number | null): { id: number; name: string } | null {
  const rows = ctx.db.prepare(`SELECT id, name, credit_code AS code FROM applicants WHERE credit_code = ?
    OR id IN (SELECT applicant_id FROM credit_code_duplicates WHERE normalised = ?)`).all(code, code) as { id: number; name: string; code: string }[];
  return rows.find((r) => r.id !== exceptId && normaliseCreditCode(r.code) === code) ?? null;
}

/** Applicants whose codes are one enterprise once normalised: listed for the user to merge or correct. */
export function creditCodeDuplicates(ctx: ServiceContext): CreditCodeDuplicate[] {
  const rows = ctx.db.prepare('SELECT id, name, credit_code AS code FROM applicants WHERE credit_code IS NOT NULL ORDER BY id').all() as { id: number; name: string; code: string }[];
  const groups = new Map<string, CreditCodeDuplicate>();
  for (const r of rows) {
    const key = normaliseCreditCode(r.code);
    const g = groups.get(key) ?? { creditCode: key, applicants: [] };
    g.applicants.push({ id: r.id, name: r.name, typed: r.code });
    groups.set(key, g);
  }
  return [...groups.values()].filter((g) => g.applicants.length > 1);
}

export function getApplicant(ctx: ServiceContext, id: number): Applicant {
  const row = ctx.db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as Row | undefined;
  if (!row) refuse('NOT_FOUND', 'applicant.notFound', { field: 'applicantId', params: { id } });
  return fromRow(ctx, row);
}

const APPLICANT_SORT_SQL: Record<ApplicantListQuery['sort'], string> = { name: 'a.name' };

/** One window of applicants (name or credit code contains the query), sorted along applicants_name. */
export function listApplicants(ctx: ServiceContext, q: ApplicantListQuery): Page<Applicant> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.query) {
    where.push(`(a.name LIKE ? ESCAPE '\\' OR a.credit_code LIKE ? ESCAPE '\\')`);
    const like = likeContains(q.query);
    params.push(like, like);
  }
  if (q.kind) { where.push('a.kind = ?'); params.push(q.kind); }
  const w = where.length ? 'WHERE ' + where.join(' AND ') : '';
  const dir = q.dir === 'desc' ? 'DESC' : 'ASC';
  const rows = ctx.db.prepare(`${SELECT} ${w} ORDER BY ${APPLICANT_SORT_SQL[q.sort]} ${dir}, a.id ${dir} LIMIT ? OFFSET ?`)
    .all(...params, q.limit, q.offset) as Row[];
  const total = rows.length < q.limit && q.offset === 0
    ? rows.length
    : Number(ctx.db.prepare(`SELECT count(*) FROM applicants a ${w}`).pluck().get(...params));
  return { rows: rows.map((r) => fromRow(ctx, r)), total };
}

export function createApplicant(ctx: ServiceContext, input: ApplicantFields): Applicant {
  const fields = normalise(input);
  return ctx.db.transaction(() => {
    validate(ctx, fields, null);
    const now = ctx.now().toISOString();
    const id = Number(ctx.db.prepare(`INSERT INTO applicants(${COLUMNS.map(([, c]) => c).join(', ')}, created_at, updated_at)
      VALUES (${COLUMNS.map(([f]) => '@' + f).join(', ')}, @now, @now)`).run({ ...toParams(fields), now }).lastInsertRowid);
    audit(ctx, 'create', 'applicant', id, { name: fields.name, kind: fields.kind });
    return getApplicant(ctx, id);
  })();
}

export function updateApplicant(ctx: ServiceContext, id: number, input: ApplicantFields): Applicant {
  const fields = normalise(input);
  return ctx.db.transaction(() => {
    const before = getApplicant(ctx, id);
    validate(ctx, fields, id);
    if (before.kind !== fields.kind && before.voucherCount + before.contractCount > 0) {
      refuse('RULE', 'applicant.kindLocked', { field: 'kind', rule: 'applicant.keepHistory', params: { vouchers: before.voucherCount, contracts: before.contractCount } });
    }
    ctx.db.prepare(`UPDATE applicants SET ${COLUMNS.map(([f, c]) => `${c} = @${f}`).join(', ')}, updated_at = @now WHERE id = @id`)
      .run({ ...toParams(fields), now: ctx.now().toISOString(), id });
    const changed = COLUMNS.filter(([f]) => JSON.stringify(before[f]) !== JSON.stringify(fields[f])).map(([f]) => ({ field: f, from: before[f], to: fields[f] }));
    audit(ctx, 'update', 'applicant', id, { changed });
    return getApplicant(ctx, id);
  })();
}

/** Only an applicant without vouchers or contracts may be deleted: history is kept. */
export function deleteApplicant(ctx: ServiceContext, id: number): void {
  ctx.db.transaction(() => {
    const a = getApplicant(ctx, id);
    if (a.voucherCount + a.contractCount > 0) {
      refuse('RULE', 'applicant.deleteWithHistory', { rule: 'applicant.keepHistory', params: { vouchers: a.voucherCount, contracts: a.contractCount } });
    }
    ctx.db.prepare('DELETE FROM applicants WHERE id = ?').run(id);
    audit(ctx, 'delete', 'applicant', id, { name: a.name });
  })();
}

/** Runs the profile's eligibility conditions and returns every one that fails. */
export function checkEligibility(ctx: ServiceContext, input: { id: number; profileId?: string; date?: string }): EligibilityReport {
  const a = getApplicant(ctx, input.id);
  const date = input.date ?? civilDateInShanghai(ctx.now());
  const profile = input.profileId ? profileById(input.profileId) : profileFor(a.region, date);
  if (!profile) {
    if (input.profileId) refuse('NOT_FOUND', 'policy.unknownProfile', { field: 'profileId', params: { profileId: input.profileId } });
    refuse('NOT_FOUND', 'policy.notInForce', { field: 'profileId', params: { date, region: a.region } });
  }
  // A profile chosen by hand is still only applied on days it is in force: never judged by rules not in force.
  if (date < profile.effectiveFrom || (profile.effectiveTo !== null && date > profile.effectiveTo)) {
    refuse('RULE', 'policy.notInForce', { field: 'date', rule: 'policy.notInForce', params: { date, region: profile.region } });
  }
  const facts = applicantFacts(a, date, profile);
  const result = checkApplicantEligibility(facts, date, profile);
  return {
    profileId: profile.id,
    profileTitle: profile.title,
    documentNumber: profile.documentNumber,
    date,
    voucherKind: voucherKindOf(a, profile, date),
    eligible: result.ok,
    violations: result.ok ? [] : result.violations,
    notes: eligibilityNotes(facts, profile),
  };
}
