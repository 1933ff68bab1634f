// No number field moves what the user typed: antd's InputNumber clamps a value into its min/max and
// rounds it to its precision (or to its step's decimals) when it loses focus, so no renderer file may
// give it those props; the range is a rule on the field (util/number-field.tsx) instead. Read from the
// source, so a new clamping input fails here. Nor may a renderer file use antd's InputNumber at all
// (it puts back the last number when text that is not one loses focus): every number input is the
// shared NumberInput or NumberField, which keep what is typed.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(__dirname, '..', '..', 'renderer', 'src');
const CLAMPING = /\s(min|max|precision|step)=\{/g;

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx$/.test(e.name) ? [p] : [];
  });
}

/** The opening tags of `component` in a source text, to the first `/>` or a `>` that ends a line. */
function tagsOf(text: string, component: string): { line: number; tag: string }[] {
  const out: { line: number; tag: string }[] = [];
  for (const m of text.matchAll(new RegExp(`<${component}\\b`, 'g'))) {
    const rest = text.slice(m.index);
    const end = /\/>|(?<!=)>\s*\n/.exec(rest);
    out.push({ line: text.slice(0, m.index).split('\n').length, tag: rest.slice(0, end ? end.index + end[0].length : 400) });
  }
  return out;
}

function clampingProps(tag: string): string[] {
  return [...tag.matchAll(CLAMPING)].map((m) => m[1]);
}

describe('number inputs', () => {
  const files = sources(ROOT);

  it('the scan finds the number inputs and would see a clamping prop', () => {
    const all = files.flatMap((f) => [...tagsOf(fs.readFileSync(f, 'utf8'), 'NumberInput'), ...tagsOf(fs.readFileSync(f, 'utf8'), 'NumberField')]);
    expect(all.length).toBeGreaterThan(15);
    expect(clampingProps('<InputNumber aria-label="x" min={1} max={200} value={v}\n  onChange={(v) => set(v)} />')).toEqual(['min', 'max']);
    expect(clampingProps('<InputNumber precision={3} />')).toEqual(['precision']);
    expect(clampingProps('<InputNumber step={0.5} data-testid="q" />')).toEqual(['step']);
    expect(clampingProps('<NumberField spec={{ min: 1, max: 2 }} />')).toEqual([]);
  });

  it('no renderer file uses antd InputNumber (text that is not a number would be replaced on blur)', () => {
    const USE = /<InputNumber\b|import\s*\{[^}]*\bInputNumber\b[^}]*\}\s*from\s*'antd'|antd\/[a-z/]*input-number/;
    expect(USE.test("import { Button, InputNumber, Space } from 'antd';")).toBe(true);
    expect(USE.test('<InputNumber data-testid="x" />')).toBe(true);
    expect(USE.test('<NumberInput data-testid="x" />')).toBe(false);
    const uses = files.filter((f) => USE.test(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(ROOT, f));
    expect(uses).toEqual([]);
  });

  it('no number input has min, max, precision or step', () => {
    const bad: string[] = [];
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      for (const c of ['InputNumber', 'NumberInput', 'NumberField']) {
        for (const { line, tag } of tagsOf(text, c)) {
          const props = clampingProps(tag);
          if (props.length) bad.push(`${path.relative(ROOT, f)}:${line} <${c}> ${props.join(', ')}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});
