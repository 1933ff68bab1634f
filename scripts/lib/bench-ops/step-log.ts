// A long bench run in named steps: each figure is printed and appended to a JSON-lines file as it
// is measured, so a step that fails (a stalled tab, a timeout) loses nothing measured before it,
// and the failure names its step.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface StepFigure { step: string; ms: number; load1: number; at: string; parts?: string }

export class StepLog {
  readonly figures: StepFigure[] = [];
  /** The step under way (or the last one begun); set before its work starts. */
  current = '';
  failure: { step: string; message: string } | null = null;

  constructor(readonly file: string, private readonly print: (line: string) => void = (l) => process.stdout.write(`${l}\n`)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
  }

  /**
   * Runs one named step, records its figure (fn's result in ms) and returns it. `parts`, asked
   * once the step is done, says where its time went (printed and kept beside the figure).
   */
  async step(name: string, fn: () => Promise<number>, parts?: () => string): Promise<number> {
    this.current = name;
    const ms = await fn();
    const figure: StepFigure = { step: name, ms: Math.round(ms * 10) / 10, load1: Math.round(os.loadavg()[0] * 100) / 100, at: new Date().toISOString() };
    const said = parts?.();
    if (said) figure.parts = said;
    this.figures.push(figure);
    fs.appendFileSync(this.file, `${JSON.stringify(figure)}\n`);
    this.print(`    ${name}: ${figure.ms} ms (load ${figure.load1})${said ? ` — ${said}` : ''}`);
    return ms;
  }

  /** Records the failure of the current step (the first one only) with what was measured before it. */
  fail(e: unknown): void {
    if (this.failure) return;
    const message = (e instanceof Error ? e.message : String(e)).split('\n').find((l) => l.trim()) ?? 'error';
    this.failure = { step: this.current, message };
    fs.appendFileSync(this.file, `${JSON.stringify({ failedStep: this.current, message, measuredBefore: this.figures.length, at: new Date().toISOString() })}\n`);
    this.print(`    FAILED at step "${this.current}": ${message} (${this.figures.length} figures measured before it, in ${this.file})`);
  }
}
