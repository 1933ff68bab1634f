// Payload generator for fuzz.test.ts: a valid-looking sample from each channel's JSON Schema
// (zod's own export), then mutations drawn from the classic hostile-input catalogue.

export type Json = Record<string, unknown>;
export type Rng = () => number;

export function rng(seed: number): Rng {
  let s = seed >>> 0;
  return () => { s = (s * 1664525 + 1013904223) >>> 0; return s / 2 ** 32; };
}
const pick = <T>(r: Rng, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];

const PATTERN_CANDIDATES = ['2025-06-16', '2025-06-16T09:00', '01', '0201', '020101', '2025', '2025-06', 'beijing-2023', 'x'];

/** A value that satisfies the schema as far as a generator can guess (patterns from a candidate list). */
export function sample(js: Json, r: Rng, depth = 0): unknown {
  if (depth > 6) return null;
  if ('const' in js) return js.const;
  if (Array.isArray(js.enum)) return pick(r, js.enum);
  const alts = (js.anyOf ?? js.oneOf) as Json[] | undefined;
  if (alts) return sample(pick(r, alts), r, depth + 1);
  switch (js.type) {
    case 'object': {
      const out: Json = {};
      const props = (js.properties ?? {}) as Record<string, Json>;
      const required = new Set((js.required ?? []) as string[]);
      for (const [k, v] of Object.entries(props)) if (required.has(k) || r() < 0.5) out[k] = sample(v, r, depth + 1);
      return out;
    }
    case 'array': {
      const n = Math.max(Number(js.minItems ?? 0), Math.floor(r() * 3));
      return Array.from({ length: n }, () => sample((js.items ?? {}) as Json, r, depth + 1));
    }
    case 'string': {
      if (typeof js.pattern === 'string') {
        const re = new RegExp(js.pattern);
        const hit = PATTERN_CANDIDATES.filter((c) => re.test(c));
        if (hit.length) return pick(r, hit);
      }
      const min = Number(js.minLength ?? 0);
      const max = Math.min(Number(js.maxLength ?? 40), min + 12);
      const len = min + Math.floor(r() * (max - min + 1));
      return Array.from({ length: len }, () => pick(r, ['测', '试', 'a', 'B', '1', '-'])).join('');
    }
    case 'integer':
    case 'number': {
      const min = Number(js.minimum ?? (js.exclusiveMinimum !== undefined ? Number(js.exclusiveMinimum) + 1 : 1));
      const max = Math.min(Number(js.maximum ?? min + 1000), min + 1000);
      return min + Math.floor(r() * (max - min + 1));
    }
    case 'boolean': return r() < 0.5;
    case 'null': return null;
    default: return 'x';
  }
}

const HUGE = 'A'.repeat(1_000_001);
/** Hostile values of every JSON type (and the non-JSON ones IPC can still carry). */
export const EVIL: readonly unknown[] = [
  null, undefined, true, false, 0, -1, -0.01, -5_000_000, 1.5, NaN, Infinity, -Infinity, 2 ** 53 + 2, -(2 ** 63), 1e308,
  '', ' ', '\0', 'a\u0000b', HUGE, '测'.repeat(70_000), '𠜎'.repeat(5000),
  '../../etc/passwd', '..\\..\\Windows\\win.ini', '/etc/passwd', 'C:\\Windows\\System32\\config\\SAM', 'file:///etc/passwd',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd', 'desk.sqlite', '../desk.sqlite',
  '2025-02-30', '2025-13-01', '2025-00-10', '0000-00-00', '9999-99-99', '2025-6-1', '2025-06-16T25:61', '2024-02-29T24:00', '2025-06-16T09:00:00Z',
  "'; DROP TABLE contracts; --", '" OR 1=1 --', '<script>alert(1)</script>', '\u202Egnp.exe', '=cmd|\' /C calc\'!A0',
  'NaN', 'Infinity', '-1', '1e309', '0x10', '５万', '¥-50,000',
  [], [null], [1, 2, 3], ['../../etc/passwd'], {}, { a: { b: { c: {} } } },
  JSON.parse('{"__proto__":{"polluted":true}}'), { constructor: { prototype: { polluted: true } } },
  () => 1, Symbol('s'), new Date(Number.NaN), BigInt(1),
];

function paths(value: unknown, prefix: string[] = [], out: string[][] = []): string[][] {
  if (value && typeof value === 'object' && !Array.isArray(value) && prefix.length < 4) {
    for (const k of Object.keys(value)) {
      out.push([...prefix, k]);
      paths((value as Json)[k], [...prefix, k], out);
    }
  }
  return out;
}

function setAt(root: Json, path: string[], value: unknown, remove: boolean): void {
  let node = root;
  for (const k of path.slice(0, -1)) {
    const next = node[k];
    if (!next || typeof next !== 'object') return; // an earlier mutation replaced this branch
    node = next as Json;
  }
  const last = path[path.length - 1];
  if (remove) delete node[last];
  else node[last] = value;
}

function clone(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(clone);
  if (v && typeof v === 'object' && Object.getPrototypeOf(v) === Object.prototype) {
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clone(x)]));
  }
  return v;
}

/** One mutation of a valid-looking payload, or a wholly hostile payload. */
export function mutate(base: unknown, js: Json, r: Rng): unknown {
  const roll = r();
  if (roll < 0.08) return pick(r, EVIL);
  const out = clone(base) as Json;
  if (!out || typeof out !== 'object') return pick(r, EVIL);
  const props = Object.keys((js.properties ?? {}) as Json);
  const count = 1 + Math.floor(r() * 3);
  for (let i = 0; i < count; i++) {
    const m = r();
    if (m < 0.12 && props.length) {
      delete out[pick(r, props)]; // missing field
    } else if (m < 0.2) {
      const key = pick(r, ['__proto__', 'constructor', 'prototype', 'toString', 'unexpected', '$where', '']);
      Object.defineProperty(out, key, { value: pick(r, EVIL), enumerable: true, configurable: true, writable: true });
    } else if (m < 0.3) {
      const fenKey = props.find((p) => /Fen$/.test(p)) ?? pick(r, props.length ? props : ['amountFen']);
      out[fenKey] = pick(r, [-1, -100, -0.5, 0.1, NaN, Infinity, 2 ** 53, '100', '-1']);
    } else if (paths(out).length) {
      setAt(out, pick(r, paths(out)), pick(r, EVIL), false);
    } else {
      out[pick(r, props.length ? props : ['x'])] = pick(r, EVIL);
    }
  }
  return out;
}
