// 申领单位: enterprises and student teams with the facts the eligibility rules need.
import type { Applicant, ApplicantFields, ApplicantListQuery, EligibilityReport } from '../../../shared/ipc/deals';
import type { Page } from '../../../shared/ipc/paging';
import { profileById, profileFor } from '../../../shared/policy';
import { fail, refuse } from '../../../shared/result';
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
    fail('VALIDATION', `学生人数 ${f.studentMembers} 多于团队人数 ${f.teamMembers} (more students than members)`, { field: 'studentMembers' });
  }
  if (f.smeListed && f.smeListedYear === null) {
    fail('VALIDATION', '已入库科技型中小企业须填写入库年份 (year of entry required)', { field: 'smeListedYear' });
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
  if (f.registeredDate !== null && f.registeredDate > civilDateInShanghai(ctx.now())) {
    fail('VALIDATION', '注册日期不能晚于今天 (registration date is in the future)', { field: 'registeredDate' });
  }
  if (f.creditCode !== null) {
    const other = ctx.db.prepare('SELECT id FROM applicants WHERE credit_code = ?').pluck().get(f.creditCode) as number | undefined;
    if (other !== undefined && other !== exceptId) {
      fail('CONFLICT', `统一社会信用代码 ${f.creditCode} 已登记 (credit code already registered)`, { field: 'creditCode', rule: 'applicant.creditCodeUnique' });
    }
  }
}

export function getApplicant(ctx: ServiceContext, id: number): Applicant {
  const row = ctx.db.prepare(`${SELECT} WHERE a.id = ?`).get(id) as Row | undefined;
  if (!row) fail('NOT_FOUND', `申领单位 ${id} 不存在 (applicant ${id} not found)`, { field: 'applicantId' });
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
      fail('RULE', '已有创新券或合同的申领单位不能更改类型 (type cannot change once vouchers or contracts exist)', { field: 'kind', rule: 'applicant.keepHistory' });
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
      fail('RULE', `该申领单位已有 ${a.voucherCount} 张创新券、${a.contractCount} 份合同，不能删除 (an applicant with vouchers or contracts cannot be deleted)`, { rule: 'applicant.keepHistory' });
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
    fail('NOT_FOUND', input.profileId
      ? `政策版本 ${input.profileId} 不存在 (unknown policy profile)`
      : `${date} 地区 ${a.region} 没有生效的政策 (no policy in force)`, { field: 'profileId' });
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
