// Fuzz: ≥ 10,000 malformed payloads across every channel of the contract, through the real invoke()
// wrapper against a temp database. Each must come back { ok: false, error: { code } } with a typed
// code (never INTERNAL, never a throw) and leave the database content unchanged. Payloads that
// happen to be valid are run too (on their own database): they must never be INTERNAL or throw.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { handlers } from '../../electron/handlers';
import { invoke } from '../../electron/handlers/invoke';
import { contract, type Channel } from '../../shared/ipc';
import type { ErrorCode, Result } from '../../shared/result';
import { contentHash, tempCore, type TempCore } from '../helpers/db';
import { mutate, rng, sample, type Json } from './fuzz-gen';

const TYPED: ErrorCode[] = ['VALIDATION', 'RULE', 'NOT_FOUND', 'CONFLICT', 'DB_NEWER', 'LOCKED', 'FORBIDDEN', 'CANCELLED'];
const TARGET_TOTAL = 10_500;
/** Valid-by-chance payloads of these would lock or re-encrypt the scratch database; encryption.test.ts covers them. */
const SKIP_VALID = new Set(['security:lock', 'security:setup', 'security:changePassphrase', 'backup:restore']);

function seed(core: TempCore): void {
  const at = '2025-06-16T02:00:00.000Z';
  core.db.transaction(() => {
    core.db.prepare(`INSERT INTO labs(id, name, created_at) VALUES (1, '分析测试中心', ?)`).run(at);
    core.db.prepare(`INSERT INTO applicants(id, kind, name, created_at, updated_at) VALUES (1, 'enterprise', '测试企业', ?, ?)`).run(at, at);
    core.db.prepare(`INSERT INTO instruments(id, inner_id, name_cn, category_code, original_value_fen, lab_id, created_at, updated_at)
      VALUES (1, 'YQ-1', '液相色谱仪', '020101', 100000000, 1, ?, ?)`).run(at, at);
  })();
}

async function safeInvoke(core: TempCore, channel: string, payload: unknown): Promise<Result<unknown> | { thrown: unknown }> {
  try {
    return await invoke(handlers, core.ctx, channel, payload);
  } catch (e) {
    return { thrown: e };
  }
}

function describePayload(p: unknown): string {
  try {
    return JSON.stringify(p, (_k, v) => (typeof v === 'string' && v.length > 80 ? `${v.slice(0, 40)}…(${v.length})` : typeof v === 'bigint' ? `${v}n` : v))?.slice(0, 300) ?? String(p);
  } catch {
    return String(p);
  }
}

describe('fuzzing every channel', () => {
  const validFindings: string[] = [];
  let strict: TempCore;
  let lenient: TempCore;
  beforeAll(() => {
    strict = tempCore();
    lenient = tempCore();
    seed(strict);
    seed(lenient);
  });
  afterAll(() => { strict.cleanup(); lenient.cleanup(); });

  it(`≥ ${TARGET_TOTAL} malformed payloads: typed refusals, nothing written`, async () => {
    const names = Object.keys(contract) as Channel[];
    const perChannel = Math.ceil(TARGET_TOTAL / names.length);
    const before = contentHash(strict);
    const r = rng(0x5eed);
    const failures: string[] = [];
    let malformed = 0;
    let validRuns = 0;
    for (const name of names) {
      const schema = contract[name].input as z.ZodType;
      const js = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as Json;
      let made = 0;
      let validHere = 0;
      for (let attempt = 0; made < perChannel && attempt < perChannel * 20; attempt++) {
        const payload = mutate(sample(js, r), js, r);
        let isValid = false;
        try { isValid = schema.safeParse(payload ?? {}).success; } catch { isValid = false; }
        if (isValid) {
          // Valid by chance: run it on the scratch database; it may write, but never crash.
          if (SKIP_VALID.has(name) || validHere >= 15) continue;
          validHere++;
          validRuns++;
          const res = await safeInvoke(lenient, name, payload);
          if ('thrown' in res || (!res.ok && !TYPED.includes(res.error.code))) {
            validFindings.push(`${name} ${describePayload(payload)} → ${'thrown' in res ? `throw ${String(res.thrown)}` : res.ok ? 'ok' : res.error.code}`);
          }
          continue;
        }
        made++;
        malformed++;
        const res = await safeInvoke(strict, name, payload);
        if ('thrown' in res) failures.push(`${name} threw for ${describePayload(payload)}`);
        else if (res.ok) failures.push(`${name} accepted ${describePayload(payload)}`);
        else if (!TYPED.includes(res.error.code)) failures.push(`${name} → ${res.error.code} for ${describePayload(payload)}`);
      }
      expect(made, `${name}: could not generate enough malformed payloads`).toBe(perChannel);
    }
    expect(malformed).toBeGreaterThanOrEqual(TARGET_TOTAL);
    expect(failures.slice(0, 20)).toEqual([]);
    expect(contentHash(strict)).toBe(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    console.log(`fuzz: ${malformed} malformed payloads over ${names.length} channels; ${validRuns} valid-by-chance payloads run`);
  }, 240_000);

  it('payloads that were valid by chance never answered INTERNAL or threw', () => {
    // Filled by the run above; each entry names the channel and the exact payload to reproduce it.
    expect(validFindings.slice(0, 20)).toEqual([]);
  });
});

describe('corrupted import files', () => {
  let core: TempCore;
  let good: Buffer;
  beforeAll(async () => {
    core = tempCore();
    seed(core);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('仪器');
    ws.addRow(['仪器编号', '仪器名称', '分类代码', '原值']);
    ws.addRow(['YQ-9', '质谱仪', '020101', 1200000]);
    good = Buffer.from(await wb.xlsx.writeBuffer());
  });
  afterAll(() => core.cleanup());

  const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64');
  const cases: [string, () => { fileName: string; dataBase64: string; encoding?: string }][] = [
    ['truncated zip', () => ({ fileName: 'a.xlsx', dataBase64: b64(good.subarray(0, Math.floor(good.length / 2))) })],
    ['zip with damaged central directory', () => { const b = Buffer.from(good); b.fill(0xff, b.length - 60); return { fileName: 'a.xlsx', dataBase64: b64(b) }; }],
    ['random bytes as xlsx', () => ({ fileName: 'a.xlsx', dataBase64: b64(Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 131 + 7) % 256))) })],
    ['empty xlsx', () => ({ fileName: 'a.xlsx', dataBase64: '' })],
    ['empty csv', () => ({ fileName: 'a.csv', dataBase64: '' })],
    ['csv bytes named xlsx', () => ({ fileName: 'a.xlsx', dataBase64: b64('仪器编号,仪器名称\nYQ-1,显微镜\n') })],
    ['xlsx bytes named csv', () => ({ fileName: 'a.csv', dataBase64: b64(good) })],
    ['invalid GBK (gbk)', () => ({ fileName: 'a.csv', dataBase64: b64(Buffer.from([0x81, 0x20, 0xff, 0xfe, 0x2c, 0x0a, 0x80, 0x80])), encoding: 'gbk' })],
    ['invalid GBK (auto)', () => ({ fileName: 'a.csv', dataBase64: b64(Buffer.from([0x81, 0x20, 0xff, 0xfe, 0x2c, 0x0a, 0x80, 0x80])), encoding: 'auto' })],
    ['invalid UTF-8 forced utf8', () => ({ fileName: 'a.csv', dataBase64: b64(Buffer.from([0xc3, 0x28, 0x2c, 0x0a])), encoding: 'utf8' })],
    ['unclosed quotes', () => ({ fileName: 'a.csv', dataBase64: b64('仪器编号,仪器名称\n"YQ-1,显微镜\nYQ-2,天平\n') })],
    ['NUL bytes and lone CR', () => ({ fileName: 'a.csv', dataBase64: b64('a\0b,c\r\rd,"e""\0"\r\n') })],
    ['10,000 columns', () => ({ fileName: 'a.csv', dataBase64: b64(Array.from({ length: 10_000 }, (_, i) => `c${i}`).join(',') + '\n' + ','.repeat(9_999) + '\n') })],
    ['not base64', () => ({ fileName: 'a.csv', dataBase64: '!!!!====****' })],
    ['traversal file name', () => ({ fileName: '../../etc/passwd', dataBase64: b64('a,b\n1,2\n') })],
    ['traversal xlsx name', () => ({ fileName: '..\\..\\x.xlsx', dataBase64: b64(good.subarray(0, 100)) })],
  ];

  it.each(cases)('%s: typed answers on parse/validate/commit, nothing written', async (_label, make) => {
    const file = { encoding: 'auto', ...make() };
    const before = contentHash(core);
    const parse = await safeInvoke(core, 'catalog:importParse', file);
    const validate = await safeInvoke(core, 'catalog:importValidate', { ...file, mapping: { innerId: '仪器编号', nameCn: '仪器名称' } });
    const commit = await safeInvoke(core, 'catalog:importCommit', { ...file, mapping: { innerId: '仪器编号', nameCn: '仪器名称' }, acceptValidRows: true });
    for (const res of [parse, validate, commit]) {
      expect('thrown' in res).toBe(false);
      const r = res as Result<unknown>;
      if (!r.ok) expect(TYPED).toContain(r.error.code);
    }
    // A damaged file never yields rows to commit (no category code and value either), so nothing may be written.
    expect((commit as Result<unknown>).ok).toBe(false);
    expect(contentHash(core)).toBe(before);
  });

  it.each(['truncated zip', 'random bytes as xlsx', 'zip with damaged central directory', 'unclosed quotes'])('%s is refused at parse', async (label) => {
    const file = { encoding: 'auto', ...cases.find(([l]) => l === label)![1]() };
    expect(await safeInvoke(core, 'catalog:importParse', file)).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });
});
