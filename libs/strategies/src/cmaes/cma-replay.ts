import { Rng } from '@attune/core/random/rng';
import { isFinal } from '@attune/core/trial/trial-state';
import type { TrialView } from '@attune/core/trial/trial-view';
import { defaultPopsize } from './cma-parameters';
import { CmaState } from './cma-state';
import { shouldRestart, type CmaProgress } from './cma-termination';
import type { CmaesOptions } from './cmaes-options';

/** Where a trial belongs, stored in its proposal's meta. */
export interface CmaTag {
  readonly restart: number;
  readonly generation: number;
}

/** The rebuilt search: the distribution to sample from, and which generation new trials join. */
export interface CmaReplay {
  readonly state: CmaState;
  readonly tag: CmaTag;
}

const RESTART_STREAM = 0xc3a;

export function tagOf(trial: TrialView): CmaTag | undefined {
  const r = trial.meta?.restart;
  const g = trial.meta?.generation;
  return Number.isInteger(r) && Number.isInteger(g) ? { restart: r as number, generation: g as number } : undefined;
}

function initialState(dim: number, restart: number, options: CmaesOptions, seed: number): CmaState {
  const popsize = Math.round((options.popsize ?? defaultPopsize(dim)) * options.incPopsize ** restart);
  if (restart === 0) return new CmaState(new Array<number>(dim).fill(0.5), options.sigma0, popsize);
  const rng = Rng.derive(seed, RESTART_STREAM, restart);
  return new CmaState(Array.from({ length: dim }, () => rng.float()), options.sigma0, popsize);
}

/**
 * Losses for `tell`: a trial without a finite loss (FAILED, TIMED_OUT,
 * PRUNED, ...) gets the worst loss of its generation. A pruned trial is a bad
 * result whose value is unknown: ranked last, it pulls the mean away from
 * itself, and (being final) it completes its generation like any other.
 */
function generationLosses(members: readonly TrialView[]): number[] {
  const finite = members.map((t) => t.loss).filter((l): l is number => l !== undefined && Number.isFinite(l));
  const worst = finite.length > 0 ? Math.max(...finite) : 0;
  return members.map((t) => (t.state === 'COMPLETE' && t.loss !== undefined && Number.isFinite(t.loss) ? t.loss : worst));
}

/**
 * Rebuilds CMA-ES from the history alone. Generation g of restart r is the set
 * of trials tagged (r, g); it is told once `popsize` of them are finished,
 * using the lowest-numbered finished ones. Trials proposed while a full
 * generation is still pending join it as extras. After each generation the
 * termination tests may start the next restart (IPOP).
 */
export function replayCma(
  trials: readonly TrialView[],
  encode: (t: TrialView) => number[],
  dim: number,
  options: CmaesOptions,
  seed: number,
): CmaReplay {
  const groups = new Map<string, TrialView[]>();
  for (const t of trials) {
    const tag = tagOf(t);
    if (!tag) continue;
    const key = `${tag.restart}:${tag.generation}`;
    groups.set(key, [...(groups.get(key) ?? []), t]);
  }
  let restart = 0;
  let generation = 0;
  let state = initialState(dim, restart, options, seed);
  let progress: CmaProgress = { best: [], worst: [] };
  for (;;) {
    const finished = (groups.get(`${restart}:${generation}`) ?? []).filter((t) => isFinal(t.state)).sort((a, b) => a.number - b.number);
    const popsize = state.params.popsize;
    if (finished.length < popsize) return { state, tag: { restart, generation } };
    const members = finished.slice(0, popsize);
    const losses = generationLosses(members);
    state.tell(members.map((t, k) => ({ x: encode(t), loss: losses[k] })));
    progress.best.push(Math.min(...losses));
    progress.worst.push(Math.max(...losses));
    generation++;
    if (options.restart === 'ipop' && shouldRestart(state, progress, options.sigma0)) {
      restart++;
      generation = 0;
      state = initialState(dim, restart, options, seed);
      progress = { best: [], worst: [] };
    }
  }
}
