// The national platform's 6-digit 仪器分类编码 (resources/national-platform/classification.tsv):
// 大类(2) + 中类(2) + 小类(2), 15 大类 (010000 … 140000 and 990000 其他仪器); 其他 is xx99.
// The one source of the category picker, validation and labels.
import { CLASSIFICATION_ROWS } from './national-platform-data';

export interface Category {
  code: string; // 2 digits for 大类, 4 digits for 中类, 6 digits for a full code
  name: string;
  nameEn: string;
}

/** The table's level of a 6-digit code. */
export type CategoryLevel = 'major' | 'middle' | 'minor';

export interface CategoryEntry {
  code: string; // 6 digits
  name: string;
  parent: string; // '' for a 大类
  level: CategoryLevel;
  /** A code an instrument may carry: a 小类, a 中类 without 小类 (129900), or a 大类 without 中类 (990000). */
  assignable: boolean;
}

// The table has Chinese names only; the 大类 get an English name here.
const MAJOR_EN: Record<string, string> = {
  '01': 'Analytical instruments', '02': 'Physical property testing', '03': 'Metrology instruments', '04': 'Electronic measurement',
  '05': 'Marine instruments', '06': 'Earth exploration', '07': 'Atmospheric sounding', '08': 'Astronomical instruments',
  '09': 'Medical diagnostic', '10': 'Nuclear instruments', '11': 'Special inspection', '12': 'Process experiment equipment',
  '13': 'Computers and peripherals', '14': 'Lasers', '99': 'Other instruments',
};

const children = new Map<string, string[]>();
const parentOf = new Map<string, string>();
for (const [code, , parent] of CLASSIFICATION_ROWS) {
  parentOf.set(code, parent);
  if (parent) children.set(parent, [...(children.get(parent) ?? []), code]);
}

export const CATEGORY_TABLE: readonly CategoryEntry[] = CLASSIFICATION_ROWS.map(([code, name, parent]) => {
  const level: CategoryLevel = !parent ? 'major' : !parentOf.get(parent) ? 'middle' : 'minor';
  return { code, name, parent, level, assignable: level === 'minor' || !children.has(code) };
});

const byCode = new Map(CATEGORY_TABLE.map((c) => [c.code, c]));

export function categoryEntry(code: string): CategoryEntry | undefined {
  return byCode.get(code);
}

/** The 15 大类, by their 2-digit prefix. */
export const MAJOR_CATEGORIES: Category[] = CATEGORY_TABLE.filter((c) => c.level === 'major')
  .map((c) => ({ code: c.code.slice(0, 2), name: c.name, nameEn: MAJOR_EN[c.code.slice(0, 2)] ?? '' }));

/** The 中类, by their 4-digit prefix. */
export const MIDDLE_CATEGORIES: Category[] = CATEGORY_TABLE.filter((c) => c.level === 'middle')
  .map((c) => ({ code: c.code.slice(0, 4), name: c.name, nameEn: '' }));

/** Codes an instrument may carry, in table order. */
export const ASSIGNABLE_CATEGORIES: readonly CategoryEntry[] = CATEGORY_TABLE.filter((c) => c.assignable);

const majorByCode = new Map(MAJOR_CATEGORIES.map((c) => [c.code, c]));

export function majorOf(code: string): Category | undefined {
  return majorByCode.get(code.slice(0, 2));
}

/** Why a code cannot be an instrument's category: a reason key of the message catalog with params, or null. */
export function categoryCodeProblem(code: string): { reason: string; params: Record<string, string> } | null {
  if (!/^\d{6}$/.test(code)) return { reason: 'category.format', params: { value: code } };
  const entry = byCode.get(code);
  if (!entry) return { reason: 'category.unknown', params: { value: code } };
  // The code only: the renderer names the category in the chosen language.
  if (!entry.assignable) return { reason: 'category.notLeaf', params: { value: code } };
  return null;
}

/** 大类 / 中类 / 小类 names of a code ('' for a code not in the table). */
export function categoryLabel(code: string): string {
  const names: string[] = [];
  for (let e = byCode.get(code); e; e = e.parent ? byCode.get(e.parent) : undefined) names.unshift(e.name);
  return names.join(' / ');
}

/** Picker tree: 大类 → 中类 → 小类; only assignable codes are selectable. */
export interface CategoryNode { value: string; label: string; selectable: boolean; children?: CategoryNode[] }

export function categoryTree(): CategoryNode[] {
  const node = (e: CategoryEntry): CategoryNode => {
    const kids = (children.get(e.code) ?? []).map((c) => node(byCode.get(c)!));
    return { value: e.code, label: `${e.code} ${e.name}`, selectable: e.assignable, ...(kids.length ? { children: kids } : {}) };
  };
  return CATEGORY_TABLE.filter((c) => c.level === 'major').map(node);
}

/** A code of the table to offer for one that is not assignable (shown to the user, never applied by itself). */
export function suggestedCode(code: string): string | null {
  if (/^15\d{4}$/.test(code)) return '990000'; // the desk's former 15 其他仪器
  const tryCodes = [`${code.slice(0, 4)}99`, `${code.slice(0, 4)}00`, `${code.slice(0, 2)}9900`];
  return tryCodes.find((c) => /^\d{6}$/.test(c) && categoryCodeProblem(c) === null) ?? null;
}
