import { Rng } from '@attune/core/random/rng';
import type { Params } from '@attune/core/search-space/parameter';
import type { TrialState } from '@attune/core/trial/trial-state';
import type { TrialView } from '@attune/core/trial/trial-view';
import type { Pruner, PrunerTrial, StepLoss } from '@attune/strategies/pruners/pruner';
import { createStrategy } from '@attune/strategies/registry/strategy-registry';
import { STEPS, type CurveFamily } from './curve-families';

export interface SimulationOptions {
  readonly family: CurveFamily;
  readonly sampler: string;
  /** None: every trial runs its STEPS. */
  readonly pruner?: Pruner;
  readonly seed: number;
  /** Trials evaluated at once, as workers would. */
  readonly workers: number;
  /** Start no more than this many trials (the running ones then finish). */
  readonly maxTrials?: number;
  /** Stop everything once this many steps have been spent (running trials are cut off). */
  readonly maxSteps?: number;
}

export interface SimulationResult {
  readonly steps: number;
  readonly trials: number;
  readonly completed: number;
  readonly pruned: number;
  /** The true asymptote of the best COMPLETE trial by its final observed loss, minus the family's optimum; undefined when none completed. */
  readonly regret?: number;
}

interface SimTrial extends PrunerTrial {
  readonly params: Params;
  state: TrialState;
  readonly steps: StepLoss[];
  loss?: number;
  readonly curve: readonly number[];
  /** Simulated time one step takes on this trial (trials differ, so they drift apart as on real workers). */
  readonly stepTime: number;
  nextAt: number;
}

/** The strategy's budget when the run is bounded by steps rather than trials. */
const OPEN_BUDGET = 1000;

/**
 * One study in simulated time: `workers` trials run at once, each reporting
 * its next step every `stepTime`; after each report the pruner decides (its
 * context is what a coordinator would read: every other trial's steps, in
 * any state); a free worker asks the strategy for the next configuration at
 * once, seeing the RUNNING trials and the PRUNED ones with their last step.
 */
export function simulateStudy(options: SimulationOptions): SimulationResult {
  const { family, pruner, seed, workers } = options;
  const strategy = createStrategy({ name: options.sampler }, family.space);
  const trials: SimTrial[] = [];
  let spent = 0;
  let now = 0;
  const canStart = () => (options.maxTrials === undefined || trials.length < options.maxTrials) && (options.maxSteps === undefined || spent < options.maxSteps);
  const running = () => trials.filter((t) => t.state === 'RUNNING');
  for (;;) {
    while (running().length < workers && canStart()) trials.push(start(options, strategy.ask({ space: family.space, seed, maxTrials: options.maxTrials ?? OPEN_BUDGET, trials: trials.map(viewOf) }, 1)[0].params, trials.length, now));
    const active = running();
    if (active.length === 0 || (options.maxSteps !== undefined && spent >= options.maxSteps)) break;
    const trial = active.reduce((a, b) => (b.nextAt < a.nextAt ? b : a));
    now = trial.nextAt;
    report(trial, trials, pruner, seed);
    spent++;
  }
  return summarise(family, trials, spent);
}

function start(options: SimulationOptions, params: Params, number: number, now: number): SimTrial {
  const rng = Rng.derive(options.seed, number, 0x5eed);
  const stepTime = rng.uniform(0.5, 1.5);
  return { number, params, state: 'RUNNING', steps: [], curve: options.family.curve(params, rng), stepTime, nextAt: now + stepTime };
}

function report(trial: SimTrial, trials: readonly SimTrial[], pruner: Pruner | undefined, seed: number): void {
  const step = trial.steps.length + 1;
  trial.steps.push({ step, loss: trial.curve[step - 1] });
  if (pruner?.decide({ trial, others: trials.filter((t) => t !== trial && t.steps.length > 0), seed }).prune) trial.state = 'PRUNED';
  else if (step === STEPS) {
    trial.state = 'COMPLETE';
    trial.loss = trial.curve[step - 1];
  } else trial.nextAt += trial.stepTime;
}

function viewOf(t: SimTrial): TrialView {
  const last = t.steps.at(-1);
  return {
    number: t.number,
    state: t.state,
    params: t.params,
    ...(t.state === 'COMPLETE' && { loss: t.loss }),
    ...(t.state === 'PRUNED' && last && { lastStep: { step: last.step, loss: last.loss } }),
  };
}

function summarise(family: CurveFamily, trials: readonly SimTrial[], steps: number): SimulationResult {
  const completed = trials.filter((t) => t.state === 'COMPLETE');
  const best = completed.reduce<SimTrial | undefined>((a, b) => (!a || b.loss! < a.loss! ? b : a), undefined);
  return {
    steps,
    trials: trials.length,
    completed: completed.length,
    pruned: trials.filter((t) => t.state === 'PRUNED').length,
    ...(best && { regret: family.asymptote(best.params) - family.optimum }),
  };
}
