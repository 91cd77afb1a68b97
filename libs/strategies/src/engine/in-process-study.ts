import { AttuneError } from '@attune/core/errors/attune-error';
import type { Params, SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialState } from '@attune/core/trial/trial-state';
import { toLoss, type Direction, type TrialView } from '@attune/core/trial/trial-view';
import { createStrategy, type StrategyRef } from '../registry/strategy-registry';
import type { Strategy } from '../strategy';

/** A trial as the in-process engine keeps it. `value` is the objective as reported (not the loss). */
export interface InProcessTrial {
  readonly number: number;
  state: TrialState;
  readonly params: Params;
  value?: number;
  error?: string;
  readonly meta?: Readonly<Record<string, unknown>>;
}

export interface InProcessStudyOptions {
  readonly space: SearchSpace;
  readonly direction: Direction;
  /** A strategy reference (validated through the registry) or a ready strategy. */
  readonly strategy: StrategyRef | Strategy;
  readonly seed: number;
  /** Handed to the strategy as the budget. */
  readonly maxTrials: number;
}

/** What `tell` receives: a value, or the reason the evaluation failed. */
export type TrialOutcome = { value: number } | { error: string };

/**
 * The ask/tell engine behind `attune optimize`, the benchmark and the tests:
 * the same strategy calls as the distributed driver, with the history in memory.
 */
export class InProcessStudy {
  private readonly history: InProcessTrial[] = [];
  private readonly strategy: Strategy;

  constructor(private readonly options: InProcessStudyOptions) {
    this.strategy = 'ask' in options.strategy ? options.strategy : createStrategy(options.strategy, options.space);
  }

  get trials(): readonly InProcessTrial[] {
    return this.history;
  }

  /** The history as a strategy sees it. */
  views(): TrialView[] {
    return this.history.map((t) => ({
      number: t.number,
      state: t.state,
      params: t.params,
      loss: t.state === 'COMPLETE' ? toLoss(t.value as number, this.options.direction) : undefined,
      meta: t.meta,
    }));
  }

  /** Proposes up to `count` trials and marks them RUNNING. Fewer come back when the strategy has run out. */
  ask(count = 1): { number: number; params: Params }[] {
    const { space, seed, maxTrials } = this.options;
    const proposals = this.strategy.ask({ space, seed, maxTrials, trials: this.views() }, count);
    return proposals.slice(0, count).map((p) => {
      const trial: InProcessTrial = { number: this.history.length, state: 'RUNNING', params: { ...p.params }, meta: p.meta };
      this.history.push(trial);
      return { number: trial.number, params: trial.params };
    });
  }

  /** Records the outcome of a RUNNING trial: COMPLETE, or FAILED for an error or a non-finite value. */
  tell(number: number, outcome: TrialOutcome): void {
    const trial = this.history[number];
    if (!trial) throw new AttuneError('NOT_FOUND', `trial ${number} does not exist`);
    if (trial.state !== 'RUNNING') throw new AttuneError('CONFLICT', `trial ${number} is already ${trial.state}`);
    if ('error' in outcome) {
      trial.state = 'FAILED';
      trial.error = outcome.error;
    } else if (typeof outcome.value !== 'number' || !Number.isFinite(outcome.value)) {
      trial.state = 'FAILED';
      trial.error = `objective is not a finite number: ${String(outcome.value)}`;
    } else {
      trial.state = 'COMPLETE';
      trial.value = outcome.value;
    }
  }

  /** The best COMPLETE trial (lowest loss; the earliest on ties), or undefined. */
  best(): { number: number; params: Params; value: number } | undefined {
    let best: InProcessTrial | undefined;
    for (const t of this.history) {
      if (t.state !== 'COMPLETE') continue;
      if (!best || toLoss(t.value!, this.options.direction) < toLoss(best.value!, this.options.direction)) best = t;
    }
    return best && { number: best.number, params: best.params, value: best.value! };
  }
}

export interface RunOptimizationOptions {
  readonly space: SearchSpace;
  readonly direction: Direction;
  readonly evaluate: (params: Params) => number | Promise<number>;
  readonly strategy: StrategyRef | Strategy;
  readonly seed: number;
  /** Number of trials to run (fewer if the strategy runs out, e.g. a finished grid). */
  readonly trials: number;
  /** Trials asked at once before any is told. @default 1 */
  readonly batch?: number;
  /** Called after each told trial, e.g. for progress. */
  readonly onTrial?: (trial: InProcessTrial) => void;
}

export interface OptimizationResult {
  /** The best completed trial; null when no trial completed. */
  readonly best: { number: number; params: Params; value: number } | null;
  readonly trials: { number: number; params: Params; value?: number; error?: string }[];
}

/**
 * Runs a whole study in process: ask `batch`, evaluate them one after another,
 * tell them, repeat. A throw or a non-finite value fails that trial only.
 */
export async function runOptimization(options: RunOptimizationOptions): Promise<OptimizationResult> {
  const batch = Math.max(1, Math.floor(options.batch ?? 1));
  const study = new InProcessStudy({ ...options, maxTrials: options.trials });
  while (study.trials.length < options.trials) {
    const asked = study.ask(Math.min(batch, options.trials - study.trials.length));
    if (asked.length === 0) break;
    for (const t of asked) {
      study.tell(t.number, await evaluateSafely(options.evaluate, t.params));
      options.onTrial?.(study.trials[t.number]);
    }
  }
  return {
    best: study.best() ?? null,
    trials: study.trials.map((t) => ({ number: t.number, params: t.params, value: t.value, error: t.error })),
  };
}

async function evaluateSafely(evaluate: RunOptimizationOptions['evaluate'], params: Params): Promise<TrialOutcome> {
  try {
    return { value: await evaluate(params) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}
