// Every required rule of a renderer form is worded by the catalog with the field's label
// ("名称必填" / "Name is required"): no antd rule object `{ required: true }` (antd's own text,
// "请输入…" or "'name' is required", names the field by its key) and no bare "必填" without the
// label. Read from the source, so a new form with antd's text fails here.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(__dirname, '..', '..', 'renderer', 'src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return /\.tsx$/.test(e.name) ? [p] : [];
  });
}

/** The rule arrays of a source: `rules={[…]}` and `const x = [{…}]`, bracket-matched. */
function ruleArrays(text: string): { line: number; text: string }[] {
  const out: { line: number; text: string }[] = [];
  for (const m of text.matchAll(/rules=\{\[|=\s*\[\{/g)) {
    const start = m.index + m[0].indexOf('[');
    let depth = 0;
    let end = start;
    for (; end < text.length; end++) {
      if (text[end] === '[') depth++;
      else if (text[end] === ']' && --depth === 0) break;
    }
    out.push({ line: text.slice(0, m.index).split('\n').length, text: text.slice(start, end + 1) });
  }
  return out;
}

function unworded(text: string): string[] {
  // An options object passed to a rule helper (moneyRule({ required: true, label })) is not an antd rule.
  const rules = (r: string) => r.replace(/\w+\(\s*\{[^{}]*\}/g, '');
  const bad = ruleArrays(text).filter((r) => /\brequired:\s*true\b/.test(rules(r.text))).map((r) => `line ${r.line}: ${r.text.slice(0, 80)}`);
  for (const m of text.matchAll(/message:\s*t\.required\b/g)) bad.push(`line ${text.slice(0, m.index).split('\n').length}: message: t.required`);
  return bad;
}

describe('required rules', () => {
  it('the scan sees antd rule objects and label-less messages', () => {
    expect(unworded('<Form.Item name="a" label={t.a} rules={[{ required: true }]}>')).toHaveLength(1);
    expect(unworded('<Form.Item rules={[{ required: true, min: 8 }, sameAs(\'x\')]}>')).toHaveLength(1);
    expect(unworded('const req = [{ required: true, message: t.required }];')).toHaveLength(2);
    expect(unworded('<Form.Item rules={[requiredOf(t.a), moneyRule({ required: true, label: t.b })]}>')).toEqual([]);
    expect(unworded('const YEAR = specOf(yearSchema, { required: true });')).toEqual([]);
  });

  it('every renderer form words its required rules by the catalog with the label', () => {
    const bad = sources(ROOT).flatMap((f) => unworded(fs.readFileSync(f, 'utf8')).map((b) => `${path.relative(ROOT, f)} ${b}`));
    expect(bad).toEqual([]);
  });
});
