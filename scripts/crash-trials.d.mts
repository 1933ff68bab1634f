// Types of scripts/crash-trials.mjs for the vitest that runs a few trials.
export type CrashOp = 'encrypt' | 'rekey' | 'restore' | 'migrate' | 'contract-save' | 'import-commit';
export const OPS: CrashOp[];
export const SWAP_OPS: CrashOp[];
export const WRITE_OPS: CrashOp[];
export interface TrialFailure { trial: number; delay: number; early?: boolean; problems: string[] }
export interface TrialResult {
  op: CrashOp;
  n: number;
  operationMs: number;
  killed: number;
  completedBeforeKill: number;
  /** import-commit: kills that fell inside the commit (after the parse). */
  killedInCommit?: number;
  failures: TrialFailure[];
  outcomes: Record<string, number>;
}
/** Bundles scripts/crash-child.ts into dist/crash/<base name>/<name> (default child.cjs), with the import worker beside it. */
export function buildChild(name?: string): Promise<string>;
export function crashTrials(opts: { op: CrashOp; n: number; seed?: number; child?: string; log?: (line: string) => void }): Promise<TrialResult>;
export interface ChildRun { code: number | null; signal: NodeJS.Signals | null; out: string; err: string; ms: number }
/** Runs the bundled child with `args`; SIGKILLs it `fromSpawn` ms after spawning or `fromReady` ms after it prints ready. */
export function runChild(child: string, args: string[], env: NodeJS.ProcessEnv, killAfterMs?: { fromSpawn?: number; fromReady?: number }): Promise<ChildRun>;
