import { normalizeObjectives, type NormalizedObjectives } from '../../objective/normalize-objectives';
import type { ConvergenceContext, ConvergenceTrial } from '../convergence-verdict';

/** Hand-made histories for the convergence rules' tests. */

export const MINIMIZE: NormalizedObjectives = normalizeObjectives({ objective: { metric: 'latency', direction: 'minimize' } });
export const MAXIMIZE: NormalizedObjectives = normalizeObjectives({ objective: { metric: 'rps', direction: 'maximize' } });
export const PARETO: NormalizedObjectives = normalizeObjectives({
  objectives: [
    { metric: 'p99', direction: 'minimize' },
    { metric: 'rps', direction: 'maximize' },
  ],
});

/** COMPLETE trials numbered 0, 1, 2, ... with these losses (`null`: a FAILED trial in that place). */
export function trialsWithLosses(losses: readonly (number | null)[]): ConvergenceTrial[] {
  return losses.map((loss, number) =>
    loss === null ? { number, state: 'FAILED', params: { x: number } } : { number, state: 'COMPLETE', params: { x: number }, loss },
  );
}

export function contextOf(trials: readonly ConvergenceTrial[], objectives: NormalizedObjectives = MINIMIZE, elapsedSec = 0): ConvergenceContext {
  const startedAt = Date.UTC(2025, 0, 1);
  return { objectives, trials, startedAt, now: startedAt + elapsedSec * 1000 };
}
