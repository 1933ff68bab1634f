// Applicants: Beijing tech SMEs and student teams, each active during a window (an enterprise
// qualifies for five years after registration), with a log-normal appetite for vouchers.

import { addDays, addMonths, diffDays } from '../../../shared/rules';
import type { ApplicantKind } from '../../../shared/policy';
import { voucherKindOf } from '../../../electron/services/deals/applicant-facts';
import { BRAND_CHARS, COMPANY_INDUSTRIES, FIELDS, SURNAMES, UNIT_NAMES } from './vocabulary';
import { personName } from './catalog';
import { dayIndexOnOrAfter, type World } from './world';

export interface GeneratedApplicant {
  id: number;
  name: string;
  kind: ApplicantKind;
  /** Working-day indices of the window in which it claims vouchers and signs contracts. */
  firstDay: number;
  lastDay: number;
}

// An enterprise stays a "young" SME this many years after registration (eligibility window).
const ACTIVE_YEARS = 5;

export function generateApplicants(w: World): GeneratedApplicant[] {
  const { rng, days } = w;
  const today = w.options.today;
  const insert = w.db.prepare(`INSERT INTO applicants(id, kind, name, credit_code, region, registered_date, staff_count,
    revenue_fen, assets_fen, field, high_tech, sme_listed, sme_listed_year, bad_credit, team_members, students_majority,
    project_stage, incubator, contact_name, contact_phone, bank_name, bank_account, created_at, updated_at,
    high_tech_valid_from, high_tech_valid_to, sme_valid_from, sme_valid_to)
    VALUES (?, ?, ?, ?, 'beijing', ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const used = new Set<string>();
  const out: GeneratedApplicant[] = [];
  const earliest = addMonths(days[0], -36);
  for (let id = 1; id <= w.sizes.applicants; id++) {
    const team = rng.chance(0.1);
    let name: string;
    do {
      name = team
        ? `${rng.pick(UNIT_NAMES)}${rng.pick([...SURNAMES])}${rng.pick(['同学', '博士', '教授'])}创业团队`
        : `北京${rng.pick([...BRAND_CHARS])}${rng.pick([...BRAND_CHARS])}${rng.pick(COMPANY_INDUSTRIES)}有限公司`;
      if (used.has(name)) name += `（${id}）`;
    } while (used.has(name));
    used.add(name);
    const registered = addDays(earliest, rng.int(0, Math.max(0, diffDays(earliest, addDays(today, -60)))));
    const windowEnd = addMonths(registered, ACTIVE_YEARS * 12);
    const highTech = !team && rng.chance(0.25) ? 1 : 0;
    const smeListed = !team && !highTech && rng.chance(0.45) ? 1 : 0;
    const kind = team ? 'team' : 'enterprise';
    insert.run(
      id, kind, name,
      team ? null : `9111010${rng.int(0, 9)}${id.toString(36).toUpperCase().padStart(9, '0')}${rng.pick([...'0123456789ABCDEFGHJKLMNPQRTUWXY'])}`,
      team ? null : registered, team ? null : rng.int(3, 480), team ? null : rng.int(10, 19_000) * 1_000_000,
      team ? null : rng.int(10, 19_000) * 1_000_000, rng.pick(FIELDS), highTech, smeListed,
      smeListed ? Number(registered.slice(0, 4)) + rng.int(0, 2) : null,
      team ? rng.int(3, 8) : null, team ? 1 : null, team ? '原型开发' : '', team ? rng.pick(['', '中关村创业孵化器']) : '',
      personName(w), `13${rng.int(100_000_000, 999_999_999)}`, team ? '' : rng.pick(['中国工商银行', '中国银行', '招商银行', '北京银行']),
      team ? '' : String(rng.int(1e15, 9e15)), w.createdAt, w.createdAt,
      // Statuses stay valid over the whole active window, so every generated voucher may use their quota.
      highTech ? registered : null, highTech ? windowEnd : null, smeListed ? registered : null, smeListed ? windowEnd : null,
    );
    w.applicants.push({ id, name });
    out.push({
      // The flags are exclusive here, so no profile is needed to pick the most favourable kind.
      id, name, kind: voucherKindOf({
        kind, highTech: highTech === 1, smeListed: smeListed === 1, specializedSme: false,
        highTechValidFrom: registered, highTechValidTo: windowEnd, smeValidFrom: registered, smeValidTo: windowEnd,
      }, null, registered),
      firstDay: dayIndexOnOrAfter(days, registered),
      lastDay: Math.min(w.todayIndex - 1, dayIndexOnOrAfter(days, windowEnd) - 1),
    });
  }
  return out;
}
