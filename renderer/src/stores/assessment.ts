import { create } from 'zustand';
import type { AssessmentResult, AssessmentScope, DataCheck, SubsidyResult, YearInputs } from '../../../shared/ipc/assessment';
import type { SubsidyGrade } from '../../../shared/policy/vocabulary';
import { call } from '../api';

interface AssessmentState {
  year: number;
  scope: AssessmentScope;
  whatIfGrade: SubsidyGrade | undefined;
  result: AssessmentResult | null;
  checks: DataCheck[];
  subsidy: SubsidyResult | null;
  inputs: YearInputs | null;
  loading: boolean;
  setYear(year: number): void;
  /** Sets the year once, on the first visit, unless the user already chose one. */
  initYear(year: number): void;
  setScope(scope: AssessmentScope): void;
  setWhatIf(grade: SubsidyGrade | undefined): void;
  reload(): Promise<void>;
  reloadSubsidy(): Promise<void>;
  saveInputs(inputs: YearInputs): Promise<void>;
}

let seq = 0;

export const useAssessment = create<AssessmentState>((set, get) => ({
  year: 0, // set by initYear from the main process's today
  scope: { kind: 'unit' },
  whatIfGrade: undefined,
  result: null,
  checks: [],
  subsidy: null,
  inputs: null,
  loading: false,
  setYear(year) { set({ year }); void get().reload(); },
  initYear(year) { if (get().year === 0) get().setYear(year); else void get().reload(); },
  setScope(scope) { set({ scope }); void get().reload(); },
  setWhatIf(whatIfGrade) { set({ whatIfGrade }); void get().reloadSubsidy(); },
  async reload() {
    const mine = ++seq; // answers to an older year or scope that arrive late are dropped
    const { year, scope, whatIfGrade } = get();
    set({ loading: true });
    try {
      // One call: the figures, checks and subsidy come from one pass over the year's data.
      const [page, inputs] = await Promise.all([
        call('assessment:page', { year, scope, whatIfGrade }),
        call('assessment:yearGet', { year }),
      ]);
      if (mine === seq) set({ result: page.result, checks: page.checks, subsidy: page.subsidy, inputs });
    } finally {
      if (mine === seq) set({ loading: false });
    }
  },
  async reloadSubsidy() {
    const { year, whatIfGrade } = get();
    const subsidy = await call('assessment:subsidy', { year, whatIfGrade });
    if (get().year === year) set({ subsidy });
  },
  async saveInputs(inputs) {
    set({ inputs: await call('assessment:yearSet', inputs) });
    await get().reloadSubsidy();
  },
}));
