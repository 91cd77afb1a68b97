import type { TrialState } from '@attune/core/trial/trial-state';
import type { PrunerTrial } from '../pruner';

/** A trial that reported `losses` at steps `firstStep`, `firstStep + 1`, ... (COMPLETE ones end with their last loss). */
export function curve(number: number, state: TrialState, losses: readonly number[], firstStep = 1): PrunerTrial {
  const steps = losses.map((loss, i) => ({ step: firstStep + i, loss }));
  return { number, state, steps, ...(state === 'COMPLETE' && { loss: losses.at(-1) }) };
}

/** A trial that reported the given [step, loss] pairs. */
export function sparse(number: number, state: TrialState, pairs: readonly (readonly [number, number])[]): PrunerTrial {
  const steps = pairs.map(([step, loss]) => ({ step, loss }));
  return { number, state, steps, ...(state === 'COMPLETE' && { loss: pairs.at(-1)![1] }) };
}

/** The trial as it stood after its first `count` steps (RUNNING, deciding at its last). */
export function upTo(trial: PrunerTrial, count: number): PrunerTrial {
  return { number: trial.number, state: 'RUNNING', steps: trial.steps.slice(0, count) };
}
