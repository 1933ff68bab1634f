import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { invoke } from '../../../electron/handlers/invoke';
import { issuesOfZod } from '../../../shared/issues';
import { AppFailure, refuse, refuseAll } from '../../../shared/result';
import { articleName, describeError, documentName, fieldLabel } from '../../../renderer/src/i18n-errors';
import { MESSAGES } from '../../../renderer/src/i18n-messages';

const CJK = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/;

describe('zod issues become reasons with params, never zod prose', () => {
  const schema = z.object({
    name: z.string().max(3),
    n: z.number().int().min(0).max(10),
    kind: z.enum(['a', 'b']),
    mail: z.string().email(),
    must: z.string().min(1),
    list: z.array(z.number()).max(1),
    keyed: z.string().refine(() => false, { message: 'date.impossible', params: { value: 'x' } }),
  });
  const cases: [string, unknown, string, Record<string, unknown>][] = [
    ['name', 'abcd', 'field.tooLong', { max: 3 }],
    ['n', 11, 'field.tooBig', { max: 10 }],
    ['n', -1, 'field.negative', { min: 0 }],
    ['n', 1.5, 'field.integer', {}],
    ['kind', 'c', 'field.oneOf', { values: ['a', 'b'] }],
    ['mail', 'x@', 'field.email', {}],
    ['must', '', 'field.required', {}],
    ['must', undefined, 'field.required', {}],
    ['list', [1, 2], 'field.tooMany', { max: 1 }],
    ['keyed', 'z', 'date.impossible', { value: 'x' }],
  ];
  const valid = { name: 'a', n: 1, kind: 'a', mail: 'a@b.cn', must: 'x', list: [], keyed: 'ok' };
  it.each(cases)('%s = %j → %s', (field, value, reason, params) => {
    const raw = { ...valid, [field]: value };
    const r = schema.safeParse(raw);
    expect(r.success).toBe(false);
    const issue = issuesOfZod(r.error!, raw).find((i) => i.field === field);
    expect(issue?.reason).toBe(reason);
    expect(issue?.params ?? {}).toMatchObject(params);
    expect(issue?.message).toBeUndefined();
    expect(MESSAGES[reason]).toBeDefined();
  });

  it('a row index in the path is reported as the row', () => {
    const s = z.object({ vouchers: z.array(z.object({ amountFen: z.number().min(1) })) });
    const raw = { vouchers: [{ amountFen: 5 }, { amountFen: 0 }] };
    const [issue] = issuesOfZod(s.safeParse(raw).error!, raw);
    expect(issue).toMatchObject({ field: 'vouchers.1.amountFen', row: 1, reason: 'field.tooSmall' });
  });
});

describe('the IPC wrapper answers with reasons', () => {
  it('every refused field of an input is listed at once', async () => {
    const r = await invoke({} as never, {} as never, 'vouchers:claim', { number: '', applicantId: -1, faceValueFen: -5, claimDate: '2025-02-30' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.code).toBe('VALIDATION');
    expect(r.error.reason).toBeTruthy();
    const fields = r.error.issues!.map((i) => i.field);
    expect(fields).toEqual(expect.arrayContaining(['number', 'applicantId', 'faceValueFen', 'claimDate']));
    expect(r.error.issues!.find((i) => i.field === 'applicantId')?.reason).toBe('field.notAbove');
  });
  it('an unknown channel is refused by reason', async () => {
    const r = await invoke({} as never, {} as never, 'nope:nope', {});
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', reason: 'ipc.unknownChannel' } });
  });
});

describe('refuse carries code, reason, field and params', () => {
  it('single field', () => {
    try {
      refuse('VALIDATION', 'field.tooBig', { field: 'staffCount', params: { max: 100 } });
    } catch (e) {
      expect(e).toBeInstanceOf(AppFailure);
      const { error } = e as AppFailure;
      expect(error).toMatchObject({ code: 'VALIDATION', reason: 'field.tooBig', field: 'staffCount', params: { max: 100 } });
      expect(error.issues).toEqual([{ field: 'staffCount', reason: 'field.tooBig', params: { max: 100 } }]);
      expect(error.message).toBeUndefined();
    }
  });
  it('several fields', () => {
    expect(() => refuseAll('VALIDATION', [{ field: 'a', reason: 'field.required' }, { field: 'b', reason: 'field.required' }]))
      .toThrow(AppFailure);
  });
});

describe('the renderer words errors in one language with the form label, article once', () => {
  const labels = { staffCount: '职工人数' };
  const enLabels = { staffCount: 'Staff' };
  it('uses the label, never the key', () => {
    const error = { code: 'VALIDATION' as const, reason: 'field.tooBig', field: 'staffCount', params: { max: 100 } };
    expect(describeError(error, 'zh', labels)).toBe('职工人数不能大于 100');
    expect(describeError(error, 'en', enLabels)).toBe('Staff may not be more than 100');
  });
  it('an unlabelled field is "this field", not its key', () => {
    expect(fieldLabel('vouchers.1.weirdKey', 'zh')).toBe('此项');
    expect(fieldLabel('vouchers.1.amountFen', 'en', { 'vouchers.amountFen': 'Amount used' })).toBe('Amount used');
  });
  it('cites the article once, in English in English mode', () => {
    const error = {
      code: 'RULE' as const, reason: 'field.invalid', field: 'x', article: '第十二条', document: '京科发〔2023〕16号',
      issues: [
        { field: 'a', reason: 'field.required', article: '第十二条', document: '京科发〔2023〕16号' },
        { field: 'b', reason: 'field.required', article: '第十二条', document: '京科发〔2023〕16号' },
      ],
    };
    const zh = describeError(error, 'zh', { a: '甲', b: '乙' });
    expect(zh.match(/第十二条/g)).toHaveLength(1);
    expect(zh).toContain('甲必填');
    expect(zh).toContain('乙必填');
    const en = describeError(error, 'en', { a: 'A', b: 'B' });
    expect(en).toContain('Article 12');
    expect(en).not.toMatch(CJK);
  });
  it('a legacy refusal keeps its headline before the details of its issues', () => {
    const error = {
      code: 'CONFLICT' as const, reason: 'legacy', message: '以下日期与已有预约冲突，未创建任何预约：2025-06-16 (these dates overlap existing bookings; nothing was created)',
      issues: [{ field: '2025-06-16', reason: 'legacy', message: '内部使用 2025-06-16 09:00–10:00' }],
    };
    expect(describeError(error, 'zh')).toBe('以下日期与已有预约冲突，未创建任何预约：2025-06-16；内部使用 2025-06-16 09:00–10:00');
    expect(describeError(error, 'en')).toMatch(/^These dates overlap existing bookings; nothing was created; /);
  });
  it('article and document names', () => {
    expect(articleName('第二十三条', 'en')).toBe('Article 23');
    expect(articleName('第十二条第二款', 'en')).toBe('Article 12(2)');
    expect(documentName('沪科规〔2025〕6号', 'en')).not.toMatch(CJK);
  });
  it('legacy prose shows its English part in English mode', () => {
    const error = { code: 'CONFLICT' as const, reason: 'legacy', message: '券号 X 已存在 (voucher number already recorded)' };
    expect(describeError(error, 'en')).toBe('Voucher number already recorded');
    expect(describeError(error, 'zh')).toBe('券号 X 已存在');
  });
  it('every catalog entry has both languages and the English has no CJK', () => {
    for (const [k, m] of Object.entries(MESSAGES)) {
      expect(m.zh, k).toBeTruthy();
      expect(m.en, k).not.toMatch(CJK);
    }
  });
});
