// Labs and instruments: Chinese names composed per 中类, valid 6-digit codes, log-normal values.

import { ASSIGNABLE_CATEGORIES } from '../../../shared/catalog/categories';
import { addDays, diffDays } from '../../../shared/rules';
import { cumulativeOf } from '../prng';
import {
  DISCIPLINES, GIVEN_CHARS, INSTRUMENT_NAMES, LAB_NAMES, MAJOR_WEIGHTS, MANUFACTURERS, NAME_PREFIXES,
  SERVICE_CONTENTS, SURNAMES, UNIT_NAMES,
} from './vocabulary';
import { dayIndexOnOrAfter, type World } from './world';

// Median 45万元 with σ = 1: about half the catalog reaches the national evaluation threshold, a few
// items cost tens of millions.
const VALUE_MEDIAN_YUAN = 450_000;
const VALUE_SIGMA = 1;
const VALUE_MIN_YUAN = 20_000;
const VALUE_MAX_YUAN = 80_000_000;
/** Hourly reference fee as a share of the value, rounded to 10 元. */
const FEE_PER_VALUE = 0.0005;
const EARLIEST_START_USE = '2005-01-01';

const MIDDLES_BY_MAJOR = new Map<string, string[]>();
for (const code of Object.keys(INSTRUMENT_NAMES)) {
  const major = code.slice(0, 2);
  MIDDLES_BY_MAJOR.set(major, [...(MIDDLES_BY_MAJOR.get(major) ?? []), code]);
}
const MAJORS = Object.keys(MAJOR_WEIGHTS);

/** Codes of the platform's table an instrument of this 中类 may carry; a 中类 the table lacks falls to its 大类's 其他 (xx99…, 990000). */
function codesUnder(middle: string): string[] {
  const under = ASSIGNABLE_CATEGORIES.filter((c) => c.code.startsWith(middle)).map((c) => c.code);
  if (under.length) return under;
  const major = middle.startsWith('15') ? '99' : middle.slice(0, 2);
  const other = ASSIGNABLE_CATEGORIES.filter((c) => c.code.startsWith(`${major}99`) || (major === '99' && c.code.startsWith('99'))).map((c) => c.code);
  return other.length ? other : ASSIGNABLE_CATEGORIES.filter((c) => c.code.startsWith(major)).map((c) => c.code);
}
const MAJOR_CUMULATIVE = cumulativeOf(MAJORS.map((m) => MAJOR_WEIGHTS[m]));

export function personName(w: World): string {
  const { rng } = w;
  const given = rng.pick([...GIVEN_CHARS]) + (rng.chance(0.6) ? rng.pick([...GIVEN_CHARS]) : '');
  return rng.pick([...SURNAMES]) + given;
}

function weightedPick<T>(w: World, items: readonly [T, number][]): T {
  let r = w.rng.next() * items.reduce((s, [, p]) => s + p, 0);
  for (const [item, p] of items) if ((r -= p) < 0) return item;
  return items[items.length - 1][0];
}

export function generateLabs(w: World): void {
  const insert = w.db.prepare('INSERT INTO labs(id, name, unit_name, contact, created_at) VALUES (?, ?, ?, ?, ?)');
  for (let id = 1; id <= w.sizes.labs; id++) {
    const unit = UNIT_NAMES[(id - 1) % UNIT_NAMES.length];
    const round = Math.floor((id - 1) / (UNIT_NAMES.length * LAB_NAMES.length));
    const lab = LAB_NAMES[Math.floor((id - 1) / UNIT_NAMES.length) % LAB_NAMES.length];
    const name = `${unit}${lab}${round ? `（${round + 1}）` : ''}`;
    insert.run(id, name, unit, personName(w), w.createdAt);
    w.labs.push({ id, unitName: unit });
  }
}

function model(w: World): string {
  const letters = 'ABCDEFGHJKLMNPQRSTUVWXYZ';
  const { rng } = w;
  return `${rng.pick([...letters])}${rng.pick([...letters])}-${rng.int(100, 9999)}${rng.chance(0.3) ? rng.pick([...letters]) : ''}`;
}

export function generateInstruments(w: World): void {
  const { rng, days } = w;
  const spanStart = days[0];
  const lastStart = addDays(w.options.today, -30);
  const insert = w.db.prepare(`INSERT INTO instruments(id, inner_id, name_cn, category_code, source, original_value_fen,
    manufacturer, country, model, start_use_date, usage_kind, specs, functions, discipline, service_content, status,
    share_mode, sharing_rules, reference_fee_fen, fee_unit, location, contact_name, contact_phone, contact_email,
    lab_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (let id = 1; id <= w.sizes.instruments; id++) {
    const major = MAJORS[rng.weighted(MAJOR_CUMULATIVE)];
    const middle = rng.pick(MIDDLES_BY_MAJOR.get(major)!);
    const code = rng.pick(codesUnder(middle));
    const base = rng.pick(INSTRUMENT_NAMES[middle]);
    const nameCn = `${rng.pick(NAME_PREFIXES)}${base}`;
    const valueYuan = Math.min(VALUE_MAX_YUAN, Math.max(VALUE_MIN_YUAN, rng.logNormal(Math.log(VALUE_MEDIAN_YUAN), VALUE_SIGMA)));
    const valueFen = Math.round(valueYuan) * 100 + (rng.chance(0.1) ? rng.int(1, 99) : 0);
    const feeFen = Math.max(1000, Math.round((valueFen * FEE_PER_VALUE) / 1000) * 1000);
    // Most of the catalog predates the span; about a third arrives during it.
    const startUse = rng.chance(0.65)
      ? addDays(EARLIEST_START_USE, rng.int(0, diffDays(EARLIEST_START_USE, spanStart) - 1))
      : addDays(spanStart, rng.int(0, Math.max(0, diffDays(spanStart, lastStart))));
    const [manufacturer, country] = rng.pick(MANUFACTURERS);
    const status = weightedPick(w, [['正常', 85], ['偶有故障', 8], ['故障频繁', 2], ['待修', 3], ['待报废', 2]]);
    const shareMode = weightedPick(w, [['外部共享', 75], ['内部共享', 20], ['不共享', 5]]);
    const lab = w.labs[rng.int(0, w.labs.length - 1)];
    const service = rng.pick(SERVICE_CONTENTS);
    insert.run(
      id, `ZC${startUse.slice(0, 4)}-${String(id).padStart(6, '0')}`, nameCn, code,
      weightedPick(w, [['购置', 90], ['研制', 5], ['赠送', 3], ['其他', 2]]), valueFen,
      manufacturer, country, model(w), startUse, rng.chance(0.8) ? '通用' : '专用',
      `${base}主要技术指标见说明书`, `${service}、${rng.pick(SERVICE_CONTENTS)}`, rng.pick(DISCIPLINES), service, status,
      shareMode, shareMode === '不共享' ? '' : '按学校大型仪器开放共享管理办法执行', feeFen, '小时',
      `${lab.unitName}${rng.int(1, 30)}号楼${rng.int(1, 6)}${String(rng.int(1, 40)).padStart(2, '0')}室`,
      personName(w), `010-6${rng.int(1_000_000, 9_999_999)}`, `lab${lab.id}@example.edu.cn`,
      lab.id, w.createdAt, w.createdAt,
    );
    w.instruments.push({
      id, labId: lab.id, nameCn, shareMode, feeFen,
      firstDay: dayIndexOnOrAfter(days, startUse),
      weight: rng.logNormal(0, 1.1),
    });
  }
}
