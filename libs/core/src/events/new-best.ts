import { toLoss, type Direction } from '../trial/trial-view';

/** A trial that just completed, as `newBest` compares it. */
export interface CompletedTrial {
  readonly number: number;
  readonly value: number;
}

/**
 * The trial among `completed` that beats the study's best so far (`bestSoFar`,
 * undefined when nothing had completed), or undefined when none does. Ties go
 * to the earlier trial, as the API's best trial does, so an equal value is no
 * new best.
 */
export function newBest<T extends CompletedTrial>(completed: readonly T[], bestSoFar: number | undefined, direction: Direction): T | undefined {
  let best: T | undefined;
  for (const trial of completed) {
    if (best === undefined || isBetter(trial, best, direction)) best = trial;
  }
  if (best === undefined) return undefined;
  return bestSoFar === undefined || toLoss(best.value, direction) < toLoss(bestSoFar, direction) ? best : undefined;
}

function isBetter(a: CompletedTrial, b: CompletedTrial, direction: Direction): boolean {
  const [la, lb] = [toLoss(a.value, direction), toLoss(b.value, direction)];
  return la < lb || (la === lb && a.number < b.number);
}
