import { readFileSync } from 'node:fs';
import type { Mode } from './bench-run';

interface ReferenceFile {
  problems: Record<string, { optimum: number; runs: Record<string, Partial<Record<Mode, { regret: Record<string, { median: number }> }>>> }>;
}

/** Optuna's best median regret at a checkpoint, and which sampler got it. */
export interface ReferenceBest {
  readonly median: number;
  readonly sampler: string;
}

/** The Optuna reference: median simple regret per problem, sampler, mode and checkpoint. */
export class OptunaReference {
  private readonly data?: ReferenceFile;

  constructor(file: string) {
    try {
      this.data = JSON.parse(readFileSync(file, 'utf8')) as ReferenceFile;
    } catch (e) {
      process.stderr.write(`bench: no Optuna reference (${(e as Error).message}); ratios omitted\n`);
    }
  }

  /** Lowest median regret over Optuna's samplers for this problem, mode and checkpoint. */
  best(problem: string, mode: Mode, checkpoint: number): ReferenceBest | undefined {
    const runs = this.data?.problems[problem]?.runs ?? {};
    let best: ReferenceBest | undefined;
    for (const [sampler, modes] of Object.entries(runs)) {
      const median = modes[mode]?.regret[String(checkpoint)]?.median;
      if (median !== undefined && (!best || median < best.median)) best = { median, sampler };
    }
    return best;
  }
}
