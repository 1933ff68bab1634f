// Table-driven tests of every form's schema, the one both sides parse with: impossible dates,
// negatives, over-range numbers, full-width and invisible characters. A refusal is a reason key
// on the field, never a substituted or clamped value.
import { describe, expect, it } from 'vitest';
import { parseDateText, parseDateTimeText } from '../../shared/fields';
import { emailProblem, normaliseEmail, normalisePhone, phoneProblem } from '../../shared/identity';
import { bookingInputSchema, seriesInputSchema } from '../../shared/ipc/bookings';
import { applicantInputSchema, contractInputSchema, voucherClaimSchema } from '../../shared/ipc/deals';
import { labFieldsSchema, unitFieldsSchema } from '../../shared/ipc/unit';
import { issuesOfZod, REASON_KEY } from '../../shared/issues';
import type { z } from 'zod';

function refusalOf(schema: z.ZodType, input: unknown) {
  const r = schema.safeParse(input);
  if (r.success) return null;
  return issuesOfZod(r.error, input);
}

describe('strict date text', () => {
  it.each([
    ['2025-02-03', '2025-02-03'], ['2025-2-3', '2025-02-03'], ['2025/2/3', '2025-02-03'], ['2025.02.03', '2025-02-03'],
    ['2025年2月3日', '2025-02-03'], ['２０２５－０２－０３', '2025-02-03'], [' 2025-02-03\u200B ', '2025-02-03'], ['20250203', '2025-02-03'],
    ['2024-02-29', '2024-02-29'],
  ])('%j is read as %s', (text, date) => {
    expect(parseDateText(text)).toEqual({ ok: true, value: date });
  });

  it.each([
    ['2025-02-30', 'date.impossible'], ['2025-02-29', 'date.impossible'], ['2025-13-01', 'date.impossible'], ['2025-04-31', 'date.impossible'],
    ['2025-00-10', 'date.impossible'], ['2025-01-00', 'date.impossible'], ['1900-02-29', 'date.impossible'],
    ['2025-02', 'date.format'], ['02/03/2025', 'date.format'], ['tomorrow', 'date.format'], ['2025-02-03x', 'date.format'],
    ['1899-12-31', 'date.range'], ['2101-01-01', 'date.range'], ['', 'field.required'],
  ])('%j is refused as %s, never moved to another day', (text, reason) => {
    const r = parseDateText(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe(reason);
  });

  it.each([
    ['2025-2-3 9:05', '2025-02-03 09:05'], ['2025-02-03T09:05', '2025-02-03 09:05'], ['２０２５-０２-０３ ０９：０５', '2025-02-03 09:05'],
  ])('date-time %j is read as %s', (text, value) => {
    expect(parseDateTimeText(text)).toEqual({ ok: true, value });
  });

  it.each([
    ['2025-02-30 09:00', 'date.impossible'], ['2025-02-03 24:00', 'time.impossible'], ['2025-02-03 09:60', 'time.impossible'],
    ['2025-02-03', 'time.format'], ['09:00', 'time.format'],
  ])('date-time %j is refused as %s', (text, reason) => {
    const r = parseDateTimeText(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toBe(reason);
  });
});

describe('phones and e-mail', () => {
  it.each([
    ['13812345678', '13812345678'], ['+86 138 1234 5678', '13812345678'], ['１３８１２３４５６７８', '13812345678'],
    ['010-62345678', '010-62345678'], ['(010)62345678', '010-62345678'], ['01062345678', '010-62345678'],
    ['0755-2345678', '0755-2345678'], ['021 6234 5678', '021-62345678'], ['010-62345678转123', '010-62345678-123'],
    ['400-810-8888', '400-810-8888'], ['138\u200B1234\u200B5678', '13812345678'],
  ])('%j is the phone %s', (typed, phone) => {
    expect(normalisePhone(typed)).toBe(phone);
    expect(phoneProblem(normalisePhone(typed))).toBeNull();
  });

  it.each([
    ['abc-电话', 'identity.phone.format'], ['12812345678', 'identity.phone.mobile'], ['1381234567', 'identity.phone.mobile'],
    ['62345678', 'identity.phone.format'], ['010-1', 'identity.phone.areaCode'], ['010-02345678', 'identity.phone.areaCode'],
  ])('%j is refused as %s', (typed, reason) => {
    expect(phoneProblem(normalisePhone(typed))).toBe(reason);
  });

  it.each([['wang@lab.example.cn', null], ['Wang.Min@PKU.edu.cn', null], ['wang@lab', 'identity.email.format'], ['wang lab@x.cn', 'identity.email.format'],
    ['wang@@x.cn', 'identity.email.format'], ['.wang@x.cn', 'identity.email.format'], ['wang..min@x.cn', 'identity.email.format']])('e-mail %j', (typed, reason) => {
    expect(emailProblem(normaliseEmail(typed))).toBe(reason);
  });
});

const applicant = { kind: 'enterprise', name: '北京新材科技有限公司' };
const claim = { number: 'BJ2025-0001', applicantId: 1, faceValueFen: 5_000_000, claimDate: '2025-06-10' };
const contract = { number: 'HT-1', applicantId: 1, signedDate: '2025-06-10', startDate: '2025-06-10', endDate: '2025-07-10', amountFen: 8_000_000 };
const booking = { instrumentId: 1, kind: 'internal', startAt: '2025-06-10T09:00', endAt: '2025-06-10T10:00' };
const series = { instrumentId: 1, kind: 'internal', firstDate: '2025-06-10', startTime: '09:00', endTime: '10:00', count: 4 };

describe.each([
  ['applicant', applicantInputSchema, applicant, [
    ['职工人数 -3', { staffCount: -3 }, 'staffCount', 'field.negative'],
    ['职工人数 2.5', { staffCount: 2.5 }, 'staffCount', 'field.integer'],
    ['职工人数 over range', { staffCount: 1_000_001 }, 'staffCount', 'field.tooBig'],
    ['team members -1', { kind: 'team', teamMembers: -1 }, 'teamMembers', 'field.negative'],
    ['registered 2025-02-30', { registeredDate: '2025-02-30' }, 'registeredDate', 'date.impossible'],
    ['registered 2025-2-3 (not sent normalised)', { registeredDate: '2025-2-3' }, 'registeredDate', 'date.format'],
    ['registered 1899', { registeredDate: '1899-01-01' }, 'registeredDate', 'date.range'],
    ['revenue negative', { revenueFen: -1 }, 'revenueFen', 'field.negative'],
    ['revenue fractional fen', { revenueFen: 0.5 }, 'revenueFen', 'field.integer'],
    ['联系电话 abc-电话', { contactPhone: 'abc-电话' }, 'contactPhone', 'identity.phone.format'],
    ['credit code not-a-credit-code!!', { creditCode: 'not-a-credit-code!!' }, 'creditCode', 'identity.creditCode.length'],
    ['name empty', { name: '' }, 'name', 'field.required'],
    ['name of invisible characters only', { name: ' ' }, 'name', 'field.required'],
    ['name over 200', { name: '名'.repeat(201) }, 'name', 'field.tooLong'],
    ['unknown region', { region: 'mars' }, 'region', 'policy.noRegion'],
    ['listed year 1989', { smeListedYear: 1989 }, 'smeListedYear', 'field.tooSmall'],
  ]],
  ['voucher claim', voucherClaimSchema, claim, [
    ['申领日期 2025-02-30', { claimDate: '2025-02-30' }, 'claimDate', 'date.impossible'],
    ['申领日期 empty', { claimDate: '' }, 'claimDate', 'date.format'],
    ['face value 0', { faceValueFen: 0 }, 'faceValueFen', 'money.positive'],
    ['face value negative', { faceValueFen: -100 }, 'faceValueFen', 'field.negative'],
    ['face value fractional fen', { faceValueFen: 1.5 }, 'faceValueFen', 'field.integer'],
    ['registered 2025-04-31', { registeredDate: '2025-04-31' }, 'registeredDate', 'date.impossible'],
    ['number empty', { number: '' }, 'number', 'field.required'],
  ]],
  ['contract', contractInputSchema, contract, [
    ['signed 2025-02-30', { signedDate: '2025-02-30' }, 'signedDate', 'date.impossible'],
    ['end 2025-13-01', { endDate: '2025-13-01' }, 'endDate', 'date.impossible'],
    ['amount 0', { amountFen: 0 }, 'amountFen', 'money.positive'],
    ['actual negative', { actualAmountFen: -1 }, 'actualAmountFen', 'field.negative'],
    ['voucher amount 0', { vouchers: [{ voucherId: 1, amountFen: 0 }] }, 'vouchers.0.amountFen', 'money.positive'],
    ['51 vouchers', { vouchers: Array.from({ length: 51 }, (_, i) => ({ voucherId: i + 1, amountFen: 1 })) }, 'vouchers', 'field.tooMany'],
  ]],
  ['booking', bookingInputSchema, booking, [
    ['start 2025-02-30 09:00', { startAt: '2025-02-30T09:00' }, 'startAt', 'time.impossible'],
    ['end 24:00', { endAt: '2025-06-10T24:00' }, 'endAt', 'time.format'],
    ['start without time', { startAt: '2025-06-10' }, 'startAt', 'time.format'],
  ]],
  ['recurring booking', seriesInputSchema, series, [
    ['a block of 1000', { count: 1000 }, 'count', 'field.tooBig'],
    ['0 occurrences', { count: 0 }, 'count', 'field.tooSmall'],
    ['-5 occurrences', { count: -5 }, 'count', 'field.tooSmall'],
    ['every 5 weeks', { everyWeeks: 5 }, 'everyWeeks', 'field.tooBig'],
    ['first date 2025-02-30', { firstDate: '2025-02-30' }, 'firstDate', 'date.impossible'],
    ['start 25:00', { startTime: '25:00' }, 'startTime', 'time.clock'],
  ]],
  ['open unit', unitFieldsSchema, { name: '某大学' }, [
    ['credit code check character', { creditCode: '12100000400000624E' }, 'creditCode', 'identity.creditCode.check'],
    ['phone', { contactPhone: 'abc' }, 'contactPhone', 'identity.phone.format'],
  ]],
  ['lab', labFieldsSchema, { name: '分析测试中心' }, [
    ['phone without number', { contactPhone: '010-1' }, 'contactPhone', 'identity.phone.areaCode'],
  ]],
] as const)('%s schema', (_form, schema, valid, cases) => {
  it('accepts the valid input', () => {
    expect(refusalOf(schema as z.ZodType, valid)).toBeNull();
  });
  it.each(cases as unknown as [string, object, string, string][])('refuses %s', (_name, patch, field, reason) => {
    const issues = refusalOf(schema as z.ZodType, { ...valid, ...patch });
    expect(issues, 'expected a refusal').not.toBeNull();
    expect(issues![0]).toMatchObject({ field, reason });
    for (const i of issues!) expect(i.reason).toMatch(REASON_KEY);
  });
});

describe('visible normalisation, not substitution', () => {
  it('the applicant keeps what was typed, normalised the way the form shows it', () => {
    const a = applicantInputSchema.parse({ ...applicant, creditCode: '９１１１０１０８５５１３８５０８２ｑ', contactPhone: '+86 138 1234 5678', staffCount: 0 });
    expect(a).toMatchObject({ creditCode: '91110108551385082Q', contactPhone: '13812345678', staffCount: 0 });
  });
});
