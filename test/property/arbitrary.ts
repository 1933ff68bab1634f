// A fast-check arbitrary built from a zod schema of the IPC contract: valid-shaped values (types,
// enums, lengths, ranges and patterns honoured), with ids drawn from the rows a seeded database
// holds, so generated inputs pass parsing and reach the services. Refinements zod cannot describe
// (a date's range, an order of two fields) are left to chance; callers count what parsed.
import fc from 'fast-check';
import type { z } from 'zod';
import { ASSIGNABLE_CATEGORIES } from '../../shared/catalog/categories';
import { FUNDING_SOURCES, SUBJECTS } from '../../shared/catalog/platform';
import { listProfiles } from '../../shared/policy/registry';

type Def = {
  type: string;
  checks?: { _zod: { def: Record<string, unknown> } }[];
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  entries?: Record<string, string | number>;
  values?: unknown[];
  keyType?: z.ZodType;
  valueType?: z.ZodType;
};
const defOf = (s: z.ZodType): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

export interface Hints {
  /** Row ids that exist; ids are drawn from 1..maxId (and now and then one that does not exist). */
  maxId: number;
  /** Arbitraries for dotted paths of the input ('fields.code'), where the name alone says too little. */
  paths?: Record<string, fc.Arbitrary<unknown>>;
}

const CHARS = ['测', '试', '仪', '器', '样', '品', 'a', 'B', 'x', '1', '2', '-', '_'];
const word = (min: number, max: number) => fc.string({ unit: fc.constantFrom(...CHARS), minLength: min, maxLength: Math.max(min, max) });

/** Civil dates of the span the seeded data and the policy profiles cover. */
export const civilDate = fc.integer({ min: 0, max: 380 }).map((d) => new Date(Date.UTC(2025, 0, 1 + d)).toISOString().slice(0, 10));
const hhmm = fc.tuple(fc.integer({ min: 8, max: 19 }), fc.constantFrom('00', '30')).map(([h, m]) => `${String(h).padStart(2, '0')}:${m}`);
const SLOT_DAYS = fc.constantFrom('2025-12-15', '2025-12-16', '2025-12-17');
const dateTime = fc.tuple(civilDate, hhmm).map(([d, t]) => `${d}T${t}`);
/** Valid GB 32100 unified social credit codes. */
const CREDIT_CODES = ['91110108551385082Q', '91110000802100433B', '91330100716105852F', '914403001922038216'];

function byPattern(source: string): fc.Arbitrary<string> | null {
  if (source === '^\\d{4}-\\d{2}-\\d{2}$') return civilDate;
  if (source.startsWith('^(\\d{4}-\\d{2}-\\d{2})T')) return dateTime;
  if (source.startsWith('^([01]\\d|2[0-3])')) return hhmm;
  if (source.startsWith('^\\d{2}(\\d{2}')) return fc.constantFrom('02', '0201', '020101', '03');
  if (source.startsWith('^(?:[A-Za-z0-9_')) return fc.constantFrom('lab@example.cn', 'a.b@test.org');
  if (source === '^[^\\p{Cc}]*$') return word(0, 6);
  if (source.startsWith('^([0-9a-fA-F]{8}')) return fc.uuid({ version: 4 });
  if (source.startsWith('^$|^[0-9A-HJ-NPQRTUWXY]{18}$')) return fc.constantFrom('', ...CREDIT_CODES);
  if (source === '\\.jpe?g$') return fc.constantFrom('photo.jpg', '仪器.jpeg');
  if (source === '^\\d{6}$') return fc.constantFrom('100084', '200030');
  if (source === '^\\d{18}$') return fc.constant('220820251000123456');
  if (source === '^\\d{2}$') return fc.constantFrom('01', '12');
  if (source.startsWith('^custom:')) return fc.constantFrom('custom:a', 'custom:lab-1');
  if (source.startsWith('^[A-Za-z0-9+/]{43}=$')) return fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('base64'));
  return null;
}

/** Strings whose meaning lives in a transform or refinement, chosen by the field's name. */
function byKey(key: string): fc.Arbitrary<unknown> | null {
  if (/phone/i.test(key)) return fc.constantFrom('', '13800138000', '010-62345678');
  if (/creditcode/i.test(key)) return fc.constantFrom('', ...CREDIT_CODES);
  if (/email/i.test(key)) return fc.constantFrom('', 'lab@example.cn');
  if (key === 'region' || /Region$/.test(key)) return fc.constantFrom('beijing', 'shanghai');
  if (key === 'profileId') return fc.constantFrom(...listProfiles().map((p) => p.id));
  if (key === 'categoryCode') return fc.constantFrom(...ASSIGNABLE_CATEGORIES.slice(0, 4).map((c) => c.code));
  if (key === 'discipline') return fc.constantFrom('', ...SUBJECTS.slice(0, 2).map((s) => s.code));
  if (key === 'fundingSources') return fc.constantFrom('', ...FUNDING_SOURCES.slice(0, 2));
  if (key === 'bankAccount') return fc.constantFrom('', '0200 0012 3456 789');
  // A slot's start in the morning and its end in the afternoon of one of three days: most pairs are
  // a valid slot (end after start, at most a few days long), some end before they start.
  if (key === 'startAt') return fc.tuple(SLOT_DAYS, fc.integer({ min: 8, max: 12 }), fc.constantFrom('00', '30')).map(([d, h, m]) => `${d}T${String(h).padStart(2, '0')}:${m}`);
  if (key === 'endAt') return fc.tuple(SLOT_DAYS, fc.integer({ min: 13, max: 19 }), fc.constantFrom('00', '30')).map(([d, h, m]) => `${d}T${h}:${m}`);
  if (key === 'weekStart') return fc.integer({ min: 0, max: 100 }).map((w) => new Date(Date.UTC(2024, 11, 30 + 7 * w)).toISOString().slice(0, 10));
  if (/url$/i.test(key)) return fc.constantFrom('', 'https://lab.example.cn/book');
  return null;
}

function checksOf(d: Def): Record<string, unknown>[] {
  return (d.checks ?? []).map((c) => c._zod.def);
}

function numberArb(key: string, d: Def, hints: Hints): fc.Arbitrary<number> {
  let min = -1e6;
  let max = 1e6;
  let int = false;
  for (const c of checksOf(d)) {
    if (c.check === 'number_format' && (c.format === 'safeint' || c.format === 'int32')) int = true;
    if (c.check === 'greater_than') min = Math.max(min, Number(c.value) + (c.inclusive ? 0 : int ? 1 : 1e-6));
    if (c.check === 'less_than') max = Math.min(max, Number(c.value) - (c.inclusive ? 0 : int ? 1 : 1e-6));
  }
  if (int && min >= 1 && (key === 'id' || /Id$/.test(key) || key === '[id]')) {
    // Mostly rows that exist; now and then one that does not (a NOT_FOUND answer is a reach too).
    return fc.oneof({ weight: 9, arbitrary: fc.integer({ min: 1, max: hints.maxId }) }, { weight: 1, arbitrary: fc.constant(9999) });
  }
  if (/Fen$/.test(key) && min >= 0) return fc.integer({ min: Math.max(min, 0), max: Math.min(max, 60_000_000) });
  if (/year$/i.test(key) && min <= 2025 && max >= 2026) return fc.integer({ min: 2024, max: 2026 });
  if (/month$/i.test(key) && min <= 1 && max >= 12) return fc.integer({ min: 1, max: 12 });
  if (int) return fc.integer({ min: Math.ceil(Math.max(min, -1000)), max: Math.floor(Math.min(max, Math.max(min, 0) + 1000)) });
  return fc.double({ min: Math.max(min, -1000), max: Math.min(max, Math.max(min, 0) + 1000), noNaN: true, noDefaultInfinity: true });
}

function stringArb(key: string, d: Def): fc.Arbitrary<string> {
  let min = 0;
  let max = 1e6;
  for (const c of checksOf(d)) {
    if (c.check === 'min_length') min = Math.max(min, Number(c.minimum));
    if (c.check === 'max_length') max = Math.min(max, Number(c.maximum));
    if (c.check === 'length_equals') { min = Number(c.length); max = min; }
    const pattern = c.pattern as RegExp | undefined;
    if (pattern) {
      const known = byPattern(pattern.source);
      if (known) return known;
      return fc.stringMatching(new RegExp(pattern.source, pattern.flags.replace(/[^dgmsu]/g, ''))).filter((s) => s.length >= min && s.length <= Math.max(max, min));
    }
  }
  return word(min, Math.min(max, min + 12, 24));
}

/** The arbitrary of one schema; `key` is the property name it sits under (for ids, money, dates). */
export function arbitraryOf(schema: z.ZodType, hints: Hints, key = '', depth = 0, path = ''): fc.Arbitrary<unknown> {
  const d = defOf(schema);
  if (depth > 10) return fc.constant(null);
  const atPath = hints.paths?.[path];
  if (atPath) return atPath;
  if (d.type === 'string' || d.type === 'pipe' || d.type === 'union') {
    const named = byKey(key);
    if (named) return named;
  }
  switch (d.type) {
    case 'object': {
      const shape = d.shape ?? {};
      const model: Record<string, fc.Arbitrary<unknown>> = {};
      const required: string[] = [];
      for (const [k, v] of Object.entries(shape)) {
        model[k] = arbitraryOf(v, hints, k, depth + 1, path ? `${path}.${k}` : k);
        const t = defOf(v).type;
        if (t !== 'optional' && t !== 'default' && t !== 'prefault') required.push(k);
      }
      return fc.record(model, { requiredKeys: required });
    }
    case 'optional':
    case 'default':
    case 'prefault':
    case 'readonly':
    case 'nonoptional':
    case 'catch':
      return arbitraryOf(d.innerType!, hints, key, depth + 1, path);
    case 'nullable':
      return fc.option(arbitraryOf(d.innerType!, hints, key, depth + 1, path), { nil: null, freq: 5 });
    case 'pipe':
      return arbitraryOf(d.in!, hints, key, depth + 1, path);
    case 'string':
      return stringArb(key, d);
    case 'number':
      return numberArb(key, d, hints);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'literal':
      return fc.constantFrom(...(d.values ?? [null]));
    case 'enum':
      return fc.constantFrom(...Object.values(d.entries ?? {}));
    case 'union':
      return fc.oneof(...(d.options ?? []).map((o) => arbitraryOf(o, hints, key, depth + 1, path)));
    case 'array': {
      let min = 0;
      let max = 3;
      for (const c of checksOf(d)) {
        if (c.check === 'min_length') min = Number(c.minimum);
        if (c.check === 'max_length') max = Math.min(max, Number(c.maximum));
      }
      const elementKey = /Ids$/.test(key) ? '[id]' : key.replace(/s$/, '');
      return fc.array(arbitraryOf(d.element!, hints, elementKey, depth + 1, `${path}[]`), { minLength: min, maxLength: Math.max(min, max) });
    }
    case 'record':
      return fc.dictionary(arbitraryOf(d.keyType!, hints, `${key}[k]`, depth + 1) as fc.Arbitrary<string>, arbitraryOf(d.valueType!, hints, key, depth + 1, path), { maxKeys: 3 });
    default:
      return fc.constant(undefined);
  }
}
