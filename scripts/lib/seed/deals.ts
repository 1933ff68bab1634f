// Vouchers and contracts, drawn so every rule of the profile in force holds: face value ≤ the single
// voucher limit, annual quota per applicant, registration within the register period, the contract
// ending within the validity, voucher payment ≤ the share of the actual amount.

import {
  addDays, checkAnnualQuota, checkVoucherFaceValue, diffDays, maxVoucherForContract, registerBy, validUntil,
} from '../../../shared/rules';
import { BEIJING_2023, profileFor, type PolicyProfile } from '../../../shared/policy';
import { cumulativeOf } from '../prng';
import type { GeneratedApplicant } from './parties';
import { SERVICE_CONTENTS } from './vocabulary';
import { dayIndexOnOrAfter, instantOn, type SeedContract, type World } from './world';

/** The Beijing profile in force on `date`; earlier years replay the 2023 rules (no older profile ships). */
export function policyOn(date: string): PolicyProfile {
  return profileFor('beijing', date) ?? BEIJING_2023;
}

export interface VoucherContract {
  contractId: number;
  endDate: string;
  actualFen: number | null;
  voucherSumFen: number;
}

export interface DealTotals {
  vouchers: number;
  contracts: number;
  voucherContracts: VoucherContract[];
  completed: { id: number; endDate: string; actualFen: number }[];
}

const CONTRACT_MEDIAN_YUAN = 30_000;

export function generateDeals(w: World, applicants: GeneratedApplicant[]): DealTotals {
  const { rng, days, db } = w;
  const today = w.options.today;
  const active = applicants.filter((a) => a.lastDay >= Math.max(0, a.firstDay));
  const applicantCumulative = cumulativeOf(active.map(() => rng.logNormal(0, 1)));
  const external = w.instruments.filter((i) => i.shareMode === '外部共享');
  const pool = external.length ? external : w.instruments;
  const instrumentCumulative = cumulativeOf(pool.map((i) => i.weight));

  const insVoucher = db.prepare(`INSERT INTO vouchers(id, number, applicant_id, face_value_fen, claim_date, registered_date,
    profile_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insContract = db.prepare(`INSERT INTO contracts(id, number, applicant_id, lab_id, title, services, signed_date,
    start_date, end_date, amount_fen, actual_amount_fen, registration_date, profile_id, status, created_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insLink = db.prepare('INSERT INTO contract_vouchers(contract_id, voucher_id, amount_fen) VALUES (?, ?, ?)');
  const insInstrument = db.prepare('INSERT INTO contract_instruments(contract_id, instrument_id) VALUES (?, ?)');

  const quotaUsed = new Map<string, number>();
  const totals: DealTotals = { vouchers: 0, contracts: 0, voucherContracts: [], completed: [] };
  const pickApplicant = () => active[rng.weighted(applicantCumulative)];
  const dayIn = (a: GeneratedApplicant) => rng.int(Math.max(0, a.firstDay), a.lastDay);

  /** Inserts a contract with its instruments and booking sessions; returns its id and amounts. */
  const addContract = (a: GeneratedApplicant, signed: string, start: string, end: string, minAmountFen: number,
    registration: string | null, profile: PolicyProfile) => {
    const id = ++totals.contracts;
    const startDay = dayIndexOnOrAfter(days, start);
    const endDay = dayIndexOnOrAfter(days, addDays(end, 1)) - 1;
    const chosen = new Set<number>();
    const want = rng.chance(0.7) ? 1 : rng.chance(0.75) ? 2 : 3;
    for (let tries = 0; chosen.size < want && tries < 20; tries++) {
      const inst = pool[rng.weighted(instrumentCumulative)];
      if (inst.firstDay <= startDay) chosen.add(inst.id);
    }
    if (!chosen.size) chosen.add(pool[0].id);
    const instruments = [...chosen].map((iid) => w.instruments[iid - 1]);
    const amountYuan = Math.max(2_000, Math.round(rng.logNormal(Math.log(CONTRACT_MEDIAN_YUAN), 0.9) / 100) * 100);
    const amountFen = Math.max(amountYuan * 100, minAmountFen);
    const completed = end < today;
    // The final bill lands a little under the contract amount, never under what the vouchers need.
    const actualFen = completed ? Math.max(minAmountFen, Math.round((amountFen * rng.int(85, 100)) / 10_000) * 100) : null;
    const services = rng.pick(SERVICE_CONTENTS);
    const number = `HT${signed.slice(0, 4)}-${String(id).padStart(6, '0')}`;
    insContract.run(id, number, a.id, instruments[0].labId, `${instruments[0].nameCn}${services}服务`, services, signed,
      start, end, amountFen, actualFen, registration, profile.id, completed ? 'completed' : 'active',
      instantOn(signed), instantOn(completed ? end : signed));
    const contract: SeedContract = { id, applicantId: a.id, number, startDay, endDay, services, feeBasis: amountFen };
    w.contracts.push(contract);
    for (const inst of instruments) {
      insInstrument.run(id, inst.id);
      const from = Math.max(startDay, inst.firstDay);
      if (from > endDay) continue;
      const list = w.sessions.get(inst.id) ?? [];
      for (let s = rng.int(1, 4); s > 0; s--) list.push([rng.int(from, endDay), id]);
      w.sessions.set(inst.id, list);
    }
    if (completed) totals.completed.push({ id, endDate: end, actualFen: actualFen! });
    return { id, amountFen, actualFen };
  };

  // Voucher claims: 1–3 vouchers per claim, registered (with a contract) within the register period.
  for (let guard = 0; totals.vouchers < w.sizes.vouchers && guard < w.sizes.vouchers * 20; guard++) {
    const a = pickApplicant();
    const claim = days[dayIn(a)];
    const profile = policyOn(claim);
    const year = claim.slice(0, 4);
    const key = `${a.id}:${year}`;
    const faces: number[] = [];
    const maxFace = profile.singleVoucherMaxFen ?? 0;
    for (let n = rng.chance(0.6) ? 1 : rng.chance(0.75) ? 2 : 3; n > 0 && totals.vouchers + faces.length < w.sizes.vouchers; n--) {
      const face = Math.round((maxFace * rng.pick([1, 2, 3, 5])) / 500) * 100; // fifths of the limit, whole yuan
      const used = quotaUsed.get(key) ?? 0;
      if (!checkVoucherFaceValue(face, profile).ok || !checkAnnualQuota(a.kind, used, face, profile).ok) break;
      quotaUsed.set(key, used + face);
      faces.push(face);
    }
    if (!faces.length) continue;
    const due = registerBy(claim, profile)!.due;
    const registered = rng.chance(0.88) ? addDays(claim, rng.int(1, diffDays(claim, due))) : null;
    const inUse = registered !== null && registered <= today;
    const voucherIds = faces.map((face) => {
      const id = ++totals.vouchers;
      insVoucher.run(id, `KJCXQ${year}${String(id).padStart(7, '0')}`, a.id, face, claim, inUse ? registered : null,
        profile.id, instantOn(claim), instantOn(inUse ? registered! : claim));
      return id;
    });
    if (!inUse) continue;
    const validTo = validUntil(registered!, profile)!.due;
    const end = addDays(registered!, Math.min(diffDays(registered!, validTo), rng.int(7, 60)));
    const sum = faces.reduce((s, f) => s + f, 0);
    const share = profile.contractVoucherShareMax;
    const minAmount = Math.ceil((sum * share.den) / share.num / 100) * 100;
    const signed = addDays(registered!, -rng.int(0, 3));
    const c = addContract(a, signed, registered!, end, minAmount, registered, profile);
    let cap = maxVoucherForContract(c.actualFen ?? c.amountFen, profile);
    let paid = 0;
    faces.forEach((face, i) => {
      const amount = Math.min(face, cap);
      if (amount <= 0) return;
      insLink.run(c.id, voucherIds[i], amount);
      cap -= amount;
      paid += amount;
    });
    totals.voucherContracts.push({ contractId: c.id, endDate: end, actualFen: c.actualFen, voucherSumFen: paid });
  }

  // Ordinary service contracts (no voucher) make up the rest.
  while (totals.contracts < w.sizes.contracts) {
    const a = pickApplicant();
    const signed = days[dayIn(a)];
    const start = addDays(signed, rng.int(0, 10));
    addContract(a, signed, start, addDays(start, rng.int(3, 120)), 0, null, policyOn(signed));
  }
  return totals;
}
