import type { Latency } from './bench-latency';
import type { OptunaReference } from './bench-reference';
import { CHECKPOINTS, MODES, type BenchResult, type Mode } from './bench-run';
import { fmt, median, quantile } from './bench-stats';

/** Median, quartiles and seconds of one strategy on one problem in one mode. */
export interface Summary {
  readonly regret: Record<string, { median: number; q1: number; q3: number }>;
  readonly medianSeconds: number;
  readonly runs: number;
  readonly errors: string[];
}

export type Summaries = Record<string, Record<string, Partial<Record<Mode, Summary>>>>;

/** Groups results by problem, strategy and mode. */
export function summarise(results: readonly BenchResult[]): Summaries {
  const out: Summaries = {};
  for (const r of results) (out[r.problem] ??= {})[r.strategy] ??= {};
  for (const [problem, byStrategy] of Object.entries(out)) {
    for (const strategy of Object.keys(byStrategy)) {
      for (const mode of Object.keys(MODES) as Mode[]) {
        const runs = results.filter((r) => r.problem === problem && r.strategy === strategy && r.mode === mode);
        if (runs.length === 0) continue;
        const regret: Summary['regret'] = {};
        for (const c of CHECKPOINTS) {
          const values = runs.map((r) => r.regret[c]).filter((v): v is number => v !== undefined);
          if (values.length > 0) regret[c] = { median: median(values), q1: quantile(values, 0.25), q3: quantile(values, 0.75) };
        }
        const errors = runs.filter((r) => r.error).map((r) => `seed ${r.seed}: ${r.error}`);
        byStrategy[strategy][mode] = { regret, medianSeconds: median(runs.map((r) => r.seconds)), runs: runs.length, errors };
      }
    }
  }
  return out;
}

/** One line of a table: the first cell left-aligned, the others right-aligned. */
export function row(cells: readonly string[], widths: readonly number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
}

/** The regret table of one problem: ours per strategy and mode, Optuna's best, and ours / Optuna's best. */
export function problemTable(problem: string, optimum: number, byStrategy: Summaries[string], reference: OptunaReference): string {
  const widths = [18, 9, 9, 9, 9, 9, 9, 8];
  const head = ['strategy / mode', 'r@25', 'r@50', 'r@100', 'x@25', 'x@50', 'x@100', 'sec'];
  const lines = [`\n## ${problem} (optimum ${optimum}); r = median simple regret, x = ours / Optuna best`, row(head, widths)];
  for (const mode of Object.keys(MODES) as Mode[]) {
    const ref = CHECKPOINTS.map((c) => reference.best(problem, mode, c));
    lines.push(row([`optuna best ${mode}`, ...ref.map((b) => (b ? `${fmt(b.median)}` : '–')), ...ref.map((b) => b?.sampler ?? ''), ''], widths));
    for (const [strategy, modes] of Object.entries(byStrategy)) {
      const s = modes[mode];
      if (!s) continue;
      const r = CHECKPOINTS.map((c) => s.regret[c]?.median);
      const x = CHECKPOINTS.map((c, i) => (ref[i] && r[i] !== undefined ? ratio(r[i]!, ref[i]!.median) : undefined));
      lines.push(row([`${strategy} ${mode}`, ...r.map(fmt), ...x.map(fmt), s.medianSeconds.toFixed(2)], widths));
    }
  }
  return lines.join('\n');
}

/** ours / reference; a zero reference gives 1 when ours is zero too, else Infinity. */
export function ratio(ours: number, ref: number): number {
  if (ref > 0) return ours / ref;
  return ours <= 0 ? 1 : Infinity;
}

export function latencyTable(latencies: readonly Latency[]): string {
  const widths = [10, 10, 10, 10];
  const lines = ['\n## proposal latency, 10-D, ms per ask(1)', row(['strategy', 'completed', 'p50', 'p90'], widths)];
  for (const l of latencies) lines.push(row([l.strategy, String(l.completed), l.p50.toFixed(1), l.p90.toFixed(1)], widths));
  return lines.join('\n');
}
