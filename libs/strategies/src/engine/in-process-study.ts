import type { ConvergenceOptions, ConvergenceRule } from '@attune/core/convergence/convergence-spec.schema';
import { evaluateStudyConvergence } from '../convergence/evaluate-study-convergence';
import { AttuneError } from '@attune/core/errors/attune-error';
import { aggregateRepeats, countedRepeats, type RawMetrics, type RepeatMeasurement } from '@attune/core/objective/aggregate-repeats';
import type { Improvement } from '@attune/core/objective/improvement';
import type { NormalizedObjectives } from '@attune/core/objective/normalize-objectives';
import { scoreTrial, type TrialScore } from '@attune/core/objective/score';
import { isFeasible } from '@attune/core/pareto/dominance';
import { paretoFront } from '@attune/core/pareto/pareto-front';
import { configKey } from '@attune/core/search-space/encoding';
import type { Params, SearchSpace } from '@attune/core/search-space/parameter';
import type { TrialState } from '@attune/core/trial/trial-state';
import { toLoss, type Direction, type TrialView } from '@attune/core/trial/trial-view';
import type { VerificationReport } from '@attune/core/verification/verification-report';
import type { VerificationOptions } from '@attune/core/verification/verification-options.schema';
import { createStrategy, type StrategyRef } from '../registry/strategy-registry';
import type { Strategy } from '../strategy';
import { baselineParams } from './baseline-params';
import { measureTrial, type Evaluate } from './measure-trial';
import { singleObjective } from './single-objective';
import { verifyInProcess } from './verify-in-process';
import { rankByPosteriorMean } from '../recommendation/rank-by-posterior-mean';

/** Where a trial's configuration came from, when not from the strategy (the coordinator's `origin`). */
export type InProcessOrigin = 'baseline' | 'reused';

/** A trial as the in-process engine keeps it. */
export interface InProcessTrial {
  readonly number: number;
  state: TrialState;
  readonly params: Params;
  /** The strategy's, plus `reusedFrom` (the trial whose measurement it took) on a reused trial. */
  meta?: Readonly<Record<string, unknown>>;
  /** Absent for a configuration the strategy proposed. */
  origin?: InProcessOrigin;
  /** The objective as the user reads it (the metric, or the composite score; not the loss); absent for Pareto. */
  value?: number;
  /** What was measured, warm-ups included; absent on a reused trial (it took another's). */
  measurements?: readonly RepeatMeasurement[];
  /** The scored measurements (see `scoreTrial`), on COMPLETE trials. */
  score?: TrialScore;
  /** On a PRUNED trial that reported a step: the last one, its loss oriented like `TrialView.loss`. */
  prunedAt?: { readonly step: number; readonly loss: number };
  error?: string;
}

interface CommonStudyOptions {
  readonly space: SearchSpace;
  /** A strategy reference (validated through the registry) or a ready strategy. */
  readonly strategy: StrategyRef | Strategy;
  readonly seed: number;
  /** Handed to the strategy as the budget. */
  readonly maxTrials: number;
}

/**
 * The study's measurement model (`normalizeObjectives` of a spec), or just a
 * direction: today's single metric `value`, measured once (`singleObjective`).
 */
export type ObjectivesOption = { readonly objectives: NormalizedObjectives; readonly direction?: never } | { readonly direction: Direction; readonly objectives?: never };

export type InProcessStudyOptions = CommonStudyOptions & ObjectivesOption;

/** What `tell` receives: one value (one measurement of the metric `value`), the measurements taken, or why they failed. */
export type TrialOutcome = { value: number } | { measurements: readonly RepeatMeasurement[] } | { error: string };

/** The best trial of a study with one objective (single or composite). */
export interface BestTrial {
  readonly number: number;
  readonly params: Params;
  readonly value: number;
  /** Present when the study has a baseline. */
  readonly improvement?: Improvement;
}

/** Why a study has no best trial (or an empty front). */
export type NoResult = 'baseline-failed' | 'no-complete-trial' | 'no-feasible-trial';

/**
 * The ask/tell engine behind `attune optimize`, the benchmark and the tests:
 * the same strategy calls as the distributed driver, with the history in
 * memory, and the same scoring (`scoreTrial`) as ingestion. With a baseline,
 * the first `ask` returns the baseline alone (trial 0), and it must be told
 * before anything else is asked: every other trial is scored against it.
 */
export class InProcessStudy {
  readonly objectives: NormalizedObjectives;
  private readonly history: InProcessTrial[] = [];
  private readonly strategy: Strategy;
  private readonly baseline?: Params;
  private baselineMetrics?: RawMetrics;

  constructor(private readonly options: InProcessStudyOptions) {
    this.objectives = options.objectives ?? singleObjective(options.direction);
    this.baseline = this.objectives.baseline && baselineParams(this.objectives.baseline, options.space);
    this.strategy = 'ask' in options.strategy ? options.strategy : createStrategy(options.strategy, options.space);
  }

  get trials(): readonly InProcessTrial[] {
    return this.history;
  }

  /** The baseline's trial, once asked; undefined without a baseline. */
  baselineTrial(): InProcessTrial | undefined {
    return this.baseline && this.history[0];
  }

  /** The history as a strategy sees it. */
  views(): TrialView[] {
    const constrained = this.objectives.constraints.length > 0;
    return this.history.map((t) => viewOf(t, constrained));
  }

  /**
   * Proposes up to `count` trials and marks them RUNNING. Fewer come back when
   * the strategy has run out. A study with a baseline returns it alone first.
   */
  ask(count = 1): { number: number; params: Params }[] {
    if (this.baseline) {
      if (this.history.length === 0) return [this.add({ ...this.baseline }, undefined, 'baseline')];
      if (this.history[0].state === 'RUNNING') throw new AttuneError('CONFLICT', 'the baseline (trial 0) is measured first: tell it before asking for more trials');
    }
    const { space, seed, maxTrials } = this.options;
    const proposals = this.strategy.ask({ space, seed, maxTrials, trials: this.views() }, count);
    return proposals.slice(0, count).map((p) => this.add({ ...p.params }, p.meta));
  }

  /**
   * Records the outcome of a RUNNING trial: COMPLETE once scored, or FAILED
   * for an error, a value that is not a finite number or measurements that
   * cannot be scored (the reason is `scoreTrial`'s).
   */
  tell(number: number, outcome: TrialOutcome): void {
    const trial = this.running(number);
    if ('error' in outcome) return void this.fail(trial, outcome.error);
    if ('value' in outcome && (typeof outcome.value !== 'number' || !Number.isFinite(outcome.value)))
      return void this.fail(trial, `objective is not a finite number: ${String(outcome.value)}`);
    const measurements = 'value' in outcome ? [{ metrics: { value: outcome.value } }] : outcome.measurements;
    trial.measurements = measurements;
    if (trial.origin === 'baseline') this.baselineMetrics = aggregateRepeats(countedRepeats(measurements), this.objectives.measurement.aggregate).metrics;
    const scored = scoreTrial(this.objectives, measurements, this.baselineMetrics);
    if (!scored.ok) {
      if (trial.origin === 'baseline') this.baselineMetrics = undefined;
      return void this.fail(trial, scored.reason);
    }
    this.complete(trial, scored.score);
  }

  /**
   * Ends a RUNNING trial PRUNED, as the coordinator does when the study's
   * pruner stops it: `lastStep` is the last intermediate value it reported
   * (`value` as the user reads the objective), absent when it reported none.
   * Pruning is not decided here; this lets a history with pruned trials run
   * through the same strategy calls. One objective only, as pruners are.
   */
  prune(number: number, lastStep?: { readonly step: number; readonly value: number }): void {
    const trial = this.running(number);
    if (this.objectives.kind !== 'single') throw new AttuneError('INVALID_ARGUMENT', `trial ${number} cannot be pruned: a pruner needs one objective, this study has a ${this.objectives.kind} one`);
    trial.state = 'PRUNED';
    if (lastStep) trial.prunedAt = { step: lastStep.step, loss: toLoss(lastStep.value, this.objectives.objectives[0].direction) };
  }

  /**
   * The duplicate guard: when an earlier COMPLETE trial has the same
   * configuration, this RUNNING trial takes its score instead of being
   * measured again (origin `reused`, `meta.reusedFrom` that trial's number)
   * and true is returned. Repeats of one configuration come from the study's
   * `measurement.repeats`, never from measuring it in another trial.
   */
  reuseMeasured(number: number): boolean {
    const trial = this.running(number);
    const key = configKey(this.options.space, trial.params);
    const earlier = this.history.find((t) => t.number < number && t.state === 'COMPLETE' && configKey(this.options.space, t.params) === key);
    if (!earlier) return false;
    trial.origin = 'reused';
    trial.meta = { ...trial.meta, reusedFrom: earlier.number };
    this.complete(trial, earlier.score!);
    return true;
  }

  /** The feasible COMPLETE trial of lowest loss (the earliest on ties); undefined for none, and for several objectives (see `front`). */
  best(): BestTrial | undefined {
    if (this.objectives.kind === 'pareto') return undefined;
    let best: InProcessTrial | undefined;
    for (const t of this.history) {
      if (t.state !== 'COMPLETE' || !t.score!.feasible) continue;
      if (!best || t.score!.loss! < best.score!.loss!) best = t;
    }
    return best && { number: best.number, params: best.params, value: best.value!, ...(best.score!.improvement && { improvement: best.score!.improvement }) };
  }

  /** The non-dominated feasible COMPLETE trials by number (`paretoFront`); empty when none is feasible. */
  front(): InProcessTrial[] {
    return paretoFront(this.views()).map((v) => this.history[v.number]);
  }

  /** Why there is no best trial or front, or undefined when there is one. */
  noResult(): NoResult | undefined {
    const baseline = this.baselineTrial();
    if (baseline && baseline.state !== 'COMPLETE' && baseline.state !== 'RUNNING') return 'baseline-failed';
    const complete = this.history.filter((t) => t.state === 'COMPLETE');
    if (complete.length === 0) return 'no-complete-trial';
    return complete.some((t) => t.score!.feasible) ? undefined : 'no-feasible-trial';
  }

  private add(params: Params, meta: Readonly<Record<string, unknown>> | undefined, origin?: InProcessOrigin): { number: number; params: Params } {
    const trial: InProcessTrial = { number: this.history.length, state: 'RUNNING', params, ...(meta && { meta }), ...(origin && { origin }) };
    this.history.push(trial);
    return { number: trial.number, params: trial.params };
  }

  private running(number: number): InProcessTrial {
    const trial = this.history[number];
    if (!trial) throw new AttuneError('NOT_FOUND', `trial ${number} does not exist`);
    if (trial.state !== 'RUNNING') throw new AttuneError('CONFLICT', `trial ${number} is already ${trial.state}`);
    return trial;
  }

  private fail(trial: InProcessTrial, error: string): void {
    trial.state = 'FAILED';
    trial.error = error;
  }

  private complete(trial: InProcessTrial, score: TrialScore): void {
    trial.state = 'COMPLETE';
    trial.score = score;
    if (score.value !== undefined) trial.value = score.value;
  }
}

/** A trial as a strategy sees it: the score's loss(es), its noise, violation and slacks when the study has constraints, and a pruned trial's last step. */
function viewOf(t: InProcessTrial, constrained: boolean): TrialView {
  const score = t.state === 'COMPLETE' ? t.score : undefined;
  return {
    number: t.number,
    state: t.state,
    params: t.params,
    loss: score?.loss,
    ...(score?.losses && { losses: score.losses }),
    ...(score && constrained && { violation: score.violation, constraints: score.constraints }),
    ...(score?.noise && { noise: score.noise }),
    ...(t.prunedAt && { lastStep: t.prunedAt }),
    meta: t.meta,
  };
}

export type RunOptimizationOptions = {
  readonly space: SearchSpace;
  /** One measurement of a configuration: a number (the metric `value`) or named metrics. */
  readonly evaluate: Evaluate;
  readonly strategy: StrategyRef | Strategy;
  readonly seed: number;
  /** Number of trials to run, the baseline included (fewer if the strategy runs out, e.g. a finished grid). */
  readonly trials: number;
  /** Trials asked at once before any is told. @default 1 */
  readonly batch?: number;
  /** Called after each told trial, e.g. for progress. */
  readonly onTrial?: (trial: InProcessTrial) => void;
  /**
   * Verify the winner after the search (`verifyInProcess`, seeded by `seed`):
   * its `(top + 1) × repeats` measurements come on top of `trials`. Needs a
   * baseline; without one the result's `verification` says so.
   */
  readonly verification?: VerificationOptions;
  /** The spec's convergence rules, asked after every told trial, as the coordinator's driver asks them; the first that fires ends the search. */
  readonly convergence?: ConvergenceOptions;
} & ObjectivesOption;

export interface OptimizationResult {
  /** The best feasible trial of a study with one objective; null for none, and for several objectives. */
  readonly best: BestTrial | null;
  /** Several objectives: the non-dominated feasible trials (`InProcessStudy.front`). */
  readonly front?: readonly InProcessTrial[];
  /** Why there is no best trial (or the front is empty). */
  readonly noResult?: NoResult;
  readonly trials: readonly InProcessTrial[];
  /** When verification was asked: its report (the winner by its re-measured values), or why there was none. */
  readonly verification?: VerificationReport;
  /** When verification was asked with one objective: the trials by a GP's posterior mean, best first, its candidates' order (`rankByPosteriorMean`). */
  readonly ranking?: readonly number[];
  /** The convergence rule that ended the search before `trials`, with its reason. */
  readonly converged?: { readonly rule: ConvergenceRule; readonly reason: string };
}

/**
 * Runs a whole study in process: the baseline first when there is one, then
 * ask `batch`, measure them one after another (`warmup + repeats` times each,
 * or not at all for a configuration already measured), tell them, repeat. A
 * failed measurement fails that trial only; a failed baseline ends the run
 * (nothing after it could be compared with it). Then, when asked, the
 * winner's verification.
 */
export async function runOptimization(options: RunOptimizationOptions): Promise<OptimizationResult> {
  const batch = Math.max(1, Math.floor(options.batch ?? 1));
  const study = new InProcessStudy({ ...options, maxTrials: options.trials });
  const { measurement } = study.objectives;
  const startedAt = Date.now();
  let converged: OptimizationResult['converged'];
  while (!converged && study.trials.length < options.trials && study.noResult() !== 'baseline-failed') {
    const asked = study.ask(Math.min(batch, options.trials - study.trials.length));
    if (asked.length === 0) break;
    for (const t of asked) {
      if (!study.reuseMeasured(t.number)) study.tell(t.number, await measureTrial(options.evaluate, t.params, measurement));
      options.onTrial?.(study.trials[t.number]);
    }
    converged = convergenceOf(study, options, startedAt);
  }
  const noResult = study.noResult();
  const ranking = options.verification && study.objectives.kind !== 'pareto' ? rankByPosteriorMean(options.space, study.views(), options.seed) : undefined;
  const verification =
    options.verification && (await verifyInProcess(study.objectives, study.trials, options.evaluate, { ...options.verification, seed: options.seed, ...(ranking && { ranking }) }));
  return {
    best: study.best() ?? null,
    ...(study.objectives.kind === 'pareto' && { front: study.front() }),
    ...(noResult && { noResult }),
    trials: study.trials,
    ...(verification && { verification }),
    ...(ranking && { ranking }),
    ...(converged && { converged }),
  };
}

/** The first convergence rule that fires on the history so far (the same evaluators as the driver's), or undefined. */
function convergenceOf(study: InProcessStudy, options: RunOptimizationOptions, startedAt: number): OptimizationResult['converged'] {
  if (!options.convergence) return undefined;
  const trials = study.views().map((view, i) => {
    const improvement = study.trials[i].score?.improvement?.score;
    return { ...view, ...(improvement !== undefined && { improvement }) };
  });
  const verdict = evaluateStudyConvergence({ objectives: study.objectives, trials, startedAt, now: Date.now() }, options.convergence, { space: options.space, seed: options.seed });
  return verdict.stop ? { rule: verdict.rule, reason: verdict.reason } : undefined;
}
