import { describe, expect, it } from 'vitest';
import { BEIJING_2023, SHANGHAI_2025, createOfficialHolidayCalendar, type PolicyProfile } from '../../../shared/policy';
import { redemptionApplyBy, registerBy, validUntil, voucherState, type VoucherDates } from '../../../shared/rules';

const cal = createOfficialHolidayCalendar();
const BEIJING_EXTENDING: PolicyProfile = { ...BEIJING_2023, id: 'beijing-2023-extending', extendDeadlineToWorkingDay: true };

describe('strict deadlines, Beijing 2023', () => {
  it.each([
    ['2025-09-20', '2025-10-05'],
    ['2024-02-20', '2024-03-06'],
    ['2025-02-20', '2025-03-07'],
    ['2024-02-14', '2024-02-29'],
    ['2025-02-13', '2025-02-28'],
    ['2025-12-20', '2026-01-04'],
    ['2024-12-31', '2025-01-15'],
  ])('claimed %s → register by %s (15 days, 第十五条)', (claimed, due) => {
    expect(registerBy(claimed, BEIJING_2023)).toEqual({
      rule: 'voucher.registerWithin',
      article: '第十五条',
      document: '京科发〔2023〕16号',
      due,
    });
  });

  it.each([
    ['2025-11-30', '2026-02-28'],
    ['2023-11-30', '2024-02-29'],
    ['2025-11-29', '2026-02-28'],
    ['2023-11-29', '2024-02-29'],
    ['2024-11-30', '2025-02-28'],
    ['2025-10-31', '2026-01-31'],
    ['2025-12-31', '2026-03-31'],
    ['2025-05-31', '2025-08-31'],
    ['2025-06-30', '2025-09-30'],
    ['2025-01-15', '2025-04-15'],
  ])('registered %s → valid until %s (3 months)', (registered, due) => {
    expect(validUntil(registered, BEIJING_2023)?.due).toBe(due);
  });

  it.each([
    ['2025-01-31', '2025-02-28'],
    ['2024-01-31', '2024-02-29'],
    ['2025-12-31', '2026-01-31'],
    ['2025-03-31', '2025-04-30'],
    ['2024-02-29', '2024-03-29'],
    ['2025-08-31', '2025-09-30'],
  ])('contract ended %s → apply for redemption by %s (1 month)', (ended, due) => {
    expect(redemptionApplyBy(ended, BEIJING_2023)?.due).toBe(due);
  });

  it('gives no extended date while the option is off (default)', () => {
    expect(BEIJING_2023.extendDeadlineToWorkingDay).toBe(false);
    expect(registerBy('2025-09-20', BEIJING_2023, cal)?.extended).toBeUndefined();
  });
});

describe('民法典 第二百零三条 extended date, when the profile option is on (information only)', () => {
  it.each([
    ['register', () => registerBy('2025-09-20', BEIJING_EXTENDING, cal), '2025-10-05', '2025-10-09', true, []],
    ['register', () => registerBy('2025-09-13', BEIJING_EXTENDING, cal), '2025-09-28', '2025-09-28', false, []],
    ['validity', () => validUntil('2025-10-31', BEIJING_EXTENDING, cal), '2026-01-31', '2026-02-02', true, []],
    ['redeem', () => redemptionApplyBy('2025-12-31', BEIJING_EXTENDING, cal), '2026-01-31', '2026-02-02', true, []],
    ['redeem', () => redemptionApplyBy('2026-01-14', BEIJING_EXTENDING, cal), '2026-02-14', '2026-02-14', false, []],
    ['register', () => registerBy('2026-12-17', BEIJING_EXTENDING, cal), '2027-01-01', '2027-01-01', false, [2027]],
  ])('%s: due %s stays strict, extended %s', (_kind, run, due, extended, moved, missingYears) => {
    const deadline = run();
    expect(deadline?.due).toBe(due);
    expect(deadline?.extended).toEqual({ date: extended, moved, missingYears });
  });

  it('needs a calendar to compute it', () => {
    expect(() => registerBy('2025-09-20', BEIJING_EXTENDING)).toThrow(TypeError);
  });
});

describe('Shanghai 2025 sets no timeline: deadlines are null', () => {
  it.each([
    ['registerBy', () => registerBy('2025-09-20', SHANGHAI_2025)],
    ['validUntil', () => validUntil('2025-09-20', SHANGHAI_2025)],
    ['redemptionApplyBy', () => redemptionApplyBy('2025-09-20', SHANGHAI_2025)],
  ])('%s → null', (_name, run) => {
    expect(run()).toBeNull();
  });
});

describe('voucherState, Beijing 2023', () => {
  const claimed: VoucherDates = { claimedOn: '2025-09-20' };
  const registered: VoucherDates = { claimedOn: '2025-09-20', registeredOn: '2025-10-01' };
  const ended: VoucherDates = { ...registered, contractEndedOn: '2025-12-20' };

  it.each<[string, VoucherDates, string, string, string | null, string | null, number | null, boolean]>([
    ['claimed, 10 days left', claimed, '2025-09-25', 'claimed', null, '2025-10-05', 10, true],
    ['claimed, last day', claimed, '2025-10-05', 'claimed', null, '2025-10-05', 0, true],
    ['not registered in time', claimed, '2025-10-06', 'expired_unregistered', 'not_registered_in_time', null, null, false],
    ['registered on the last day', { ...claimed, registeredOn: '2025-10-05' }, '2025-10-06', 'registered', null, '2026-01-05', 91, true],
    ['registered one day late', { ...claimed, registeredOn: '2025-10-06' }, '2025-10-07', 'expired_unregistered', 'registered_late', null, null, false],
    ['registration dated after today is not yet known', registered, '2025-09-25', 'claimed', null, '2025-10-05', 10, true],
    ['registered, last valid day', registered, '2026-01-01', 'registered', null, '2026-01-01', 0, true],
    ['validity elapsed', registered, '2026-01-02', 'expired', 'validity_elapsed', null, null, false],
    ['contract ended, redemption open', ended, '2026-01-10', 'registered', null, '2026-01-20', 10, true],
    ['redemption window missed', ended, '2026-01-21', 'void', 'redemption_window_missed', null, null, false],
    ['redeemed on the last day', { ...ended, redemptionAppliedOn: '2026-01-20' }, '2026-02-01', 'redeemed', null, null, null, true],
    ['redemption applied late', { ...ended, redemptionAppliedOn: '2026-01-21' }, '2026-02-01', 'void', 'redemption_applied_late', null, null, false],
    ['contract ended after validity', { ...registered, contractEndedOn: '2026-01-02' }, '2026-01-05', 'expired', 'contract_ended_after_validity', null, null, false],
    ['voided', { ...claimed, voidedOn: '2025-09-22' }, '2025-09-23', 'void', 'voided', null, null, false],
  ])('%s', (_label, voucher, today, state, reason, nextDue, daysRemaining, counts) => {
    const status = voucherState(voucher, today, BEIJING_2023);
    expect(status.state).toBe(state);
    expect(status.reason).toBe(reason);
    expect(status.next?.due ?? null).toBe(nextDue);
    expect(status.daysRemaining).toBe(daysRemaining);
    expect(status.countsTowardQuota).toBe(counts);
  });

  it('reports every deadline known so far', () => {
    const status = voucherState(ended, '2026-01-10', BEIJING_2023);
    expect(status.deadlines.registerBy?.due).toBe('2025-10-05');
    expect(status.deadlines.validUntil?.due).toBe('2026-01-01');
    expect(status.deadlines.redemptionApplyBy?.due).toBe('2026-01-20');
    expect(status.next?.article).toBe('第十五条');
  });

  it('refuses a malformed today', () => {
    expect(() => voucherState(claimed, '2025-02-29', BEIJING_2023)).toThrow(RangeError);
  });
});

describe('voucherState, Shanghai 2025 (no timeline in the text)', () => {
  it.each<[string, VoucherDates, string, string]>([
    ['claimed long ago stays claimed', { claimedOn: '2025-09-20' }, '2026-09-20', 'claimed'],
    ['registered stays registered', { claimedOn: '2025-09-20', registeredOn: '2025-12-01' }, '2026-09-20', 'registered'],
    ['ended contract has no redemption deadline', { claimedOn: '2025-09-20', registeredOn: '2025-09-21', contractEndedOn: '2025-10-01' }, '2027-01-01', 'registered'],
    ['redeemed', { claimedOn: '2025-09-20', registeredOn: '2025-09-21', contractEndedOn: '2025-10-01', redemptionAppliedOn: '2026-06-01' }, '2027-01-01', 'redeemed'],
  ])('%s', (_label, voucher, today, state) => {
    const status = voucherState(voucher, today, SHANGHAI_2025);
    expect(status.state).toBe(state);
    expect(status.next).toBeNull();
    expect(status.daysRemaining).toBeNull();
  });
});
