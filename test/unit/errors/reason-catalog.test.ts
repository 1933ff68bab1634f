// Every reason a service refuses with has its wording in both languages, and every {param} the
// wording names is one the refusal passes: read from the source, so a new refusal without its
// message fails here rather than showing a key to the user.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { MESSAGES } from '../../../renderer/src/i18n-messages';

const ROOT = path.join(__dirname, '..', '..', '..');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx?$/.test(e.name) ? [p] : [];
  });
}

interface Refusal { file: string; reason: string; params: string[] }

/** refuse('CODE', 'reason', { …, params: { a, b: x } }) calls, with the names of their params. */
function refusals(): Refusal[] {
  const out: Refusal[] = [];
  for (const file of [...sources(path.join(ROOT, 'electron')), ...sources(path.join(ROOT, 'shared'))]) {
    const text = fs.readFileSync(file, 'utf8');
    for (const m of text.matchAll(/refuse\('[A-Z_]+', '([a-zA-Z0-9_.]+)'([\s\S]{0,600}?)\);/g)) {
      const params = /params: \{([^}]*)\}/.exec(m[2] ?? '')?.[1] ?? '';
      const names = params.split(',').map((p) => p.trim().split(':')[0].trim()).filter(Boolean);
      out.push({ file: path.relative(ROOT, file), reason: m[1], params: names });
    }
  }
  return out;
}

describe('refusal reasons', () => {
  const found = refusals();

  it('are found in the services (the scan reads real calls)', () => {
    expect(found.length).toBeGreaterThan(50);
    expect(found.some((r) => r.reason === 'charges.statementIssued' && r.params.includes('number'))).toBe(true);
  });

  it('each have a Chinese and an English message', () => {
    const missing = [...new Set(found.filter((r) => !MESSAGES[r.reason]?.zh || !MESSAGES[r.reason]?.en).map((r) => `${r.reason} (${r.file})`))];
    expect(missing).toEqual([]);
  });

  it('name only params the refusal passes, the same ones in both languages', () => {
    const bad: string[] = [];
    for (const r of found) {
      const m = MESSAGES[r.reason];
      if (!m || r.reason.startsWith('field.')) continue;
      // {field} is the form's label, filled in by the renderer; {xZh} / {xEn} are one param in each language.
      const named = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((x) => x[1]).filter((p) => p !== 'field');
      const zh = named(m.zh);
      const en = named(m.en);
      const base = (ps: string[]) => ps.map((p) => p.replace(/(Zh|En)$/, '')).sort().join();
      if (base(zh) !== base(en)) bad.push(`${r.reason}: zh {${zh}} en {${en}}`);
      for (const p of [...zh, ...en]) if (!r.params.includes(p)) bad.push(`${r.reason} in ${r.file} does not pass {${p}}`);
    }
    expect([...new Set(bad)]).toEqual([]);
  });
});
