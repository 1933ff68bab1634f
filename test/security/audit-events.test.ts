// Every kind of audit row the desk writes reads as a sentence in Chinese and in English, naming who
// did it and the object. The kinds are read from the source: each `audit(ctx, action, entity, …)`
// call in electron/, so a new call without its sentence fails here (and its pair fails typecheck).
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { AUDIT_EVENTS, AUDIT_EVENT_KEYS } from '../../shared/audit-events';
import type { AuditRow } from '../../shared/ipc/system';
import { auditSentence } from '../../renderer/src/pages/security/audit-sentences';

const ROOT = path.join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(p) : /\.ts$/.test(e.name) ? [p] : [];
  });
}

/** The string literals an argument can evaluate to (`'create'`, `id === null ? 'create' : 'update'`). */
function literals(node: ts.Node): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isConditionalExpression(node)) return [...literals(node.whenTrue), ...literals(node.whenFalse)];
  if (ts.isParenthesizedExpression(node)) return literals(node.expression);
  return [];
}

interface Call { where: string; actions: string[]; entities: string[] }

/** Every call of the audit writer in the services, with the actions and entities it can write. */
function auditCalls(): Call[] {
  const calls: Call[] = [];
  for (const file of sourceFiles(path.join(ROOT, 'electron'))) {
    const text = fs.readFileSync(file, 'utf8');
    if (!/\baudit\(/.test(text)) continue;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node) => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'audit' && node.arguments.length >= 3) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart());
        calls.push({ where: `${path.relative(ROOT, file)}:${line + 1}`, actions: literals(node.arguments[1]), entities: literals(node.arguments[2]) });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return calls;
}

/** The pairs the source writes. An entity the call computes (an owner's kind) is any entity with that action. */
function writtenPairs(calls: Call[]): Set<string> {
  const pairs = new Set<string>();
  for (const c of calls) {
    const entities = c.entities.length ? c.entities
      : Object.entries(AUDIT_EVENTS).filter(([, actions]) => c.actions.some((a) => (actions as readonly string[]).includes(a))).map(([e]) => e);
    for (const e of entities) for (const a of c.actions) pairs.add(`${e}:${a}`);
  }
  return pairs;
}

/** Kinds whose object is the desk itself (its settings, its keys, its lock): no object to name. */
const NO_OBJECT = new Set(['security:security.setup', 'security:security.passphrase', 'security:security.unlock', 'security:security.lock',
  'settings:update', 'settings:settings.update', 'open_unit:update', 'evaluation_settings:update', 'desk_keys:create']);

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff01-\uff5e]/;

describe('audit rows: every kind the desk writes has its sentence', () => {
  const calls = auditCalls();
  const written = writtenPairs(calls);

  it('finds the audit calls of the services, each with a literal action', () => {
    expect(calls.length).toBeGreaterThan(80);
    expect(calls.filter((c) => c.actions.length === 0).map((c) => c.where)).toEqual([]);
    expect(written).toContain('security:security.lock');
    expect(written).toContain('voucher:register');
  });

  it('no migration or trigger writes audit rows of its own', () => {
    const dir = path.join(ROOT, 'electron', 'db', 'migrations');
    const writing = fs.readdirSync(dir).filter((f) => /INSERT\s+(OR\s+\w+\s+)?INTO\s+audit_log/i.test(fs.readFileSync(path.join(dir, f), 'utf8')));
    expect(writing).toEqual([]);
  });

  it('the registry holds exactly the kinds the source writes', () => {
    expect([...written].filter((p) => !(AUDIT_EVENT_KEYS as readonly string[]).includes(p)).sort()).toEqual([]);
    expect(AUDIT_EVENT_KEYS.filter((p) => !written.has(p)).sort()).toEqual([]);
  });

  it.each([...written].sort())('%s reads as a sentence naming the actor and the object, in zh and in en', (pair) => {
    const [entity, action] = pair.split(':');
    const row: AuditRow = { id: 1, at: '2026-03-01T20:05:00.000Z', actor: '王敏', action, entity, entityId: '7', detail: '{}', subject: 'OBJ-7' };
    const zh = auditSentence(row, 'zh');
    const en = auditSentence({ ...row, actor: 'Wang Min' }, 'en');
    for (const s of [zh, en]) {
      expect(s).not.toMatch(/操作了记录|changed record/);
      if (!NO_OBJECT.has(pair)) expect(s).toContain('OBJ-7');
    }
    expect(zh.startsWith('王敏 ')).toBe(true);
    expect(CJK.test(zh.slice(3))).toBe(true);
    expect(en.startsWith('Wang Min ')).toBe(true);
    expect(CJK.test(en)).toBe(false);
    // The two languages differ.
    expect(zh).not.toBe(en);
  });

  it('no two kinds of row read as the same sentence', () => {
    for (const locale of ['zh', 'en'] as const) {
      const sentences = [...written].map((pair) => {
        const [entity, action] = pair.split(':');
        return auditSentence({ id: 1, at: '', actor: 'A', action, entity, entityId: '7', detail: '{}', subject: 'X' }, locale);
      });
      const repeated = sentences.filter((s, i) => sentences.indexOf(s) !== i);
      expect(repeated).toEqual([]);
    }
  });
});
