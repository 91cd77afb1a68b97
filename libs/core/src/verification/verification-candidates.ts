import type { NormalizedObjectives } from '../objective/normalize-objectives';
import { trialViewOf, type ScoredTrial } from '../objective/trial-view-of';
import { paretoFront } from '../pareto/pareto-front';

/** A trial as verification picks among them. */
export interface CandidateTrial extends ScoredTrial {
  readonly origin?: string;
  readonly feasible?: boolean;
}

/** What a verification re-measures: its candidates (best first) and the baseline, when the study has one measured. */
export interface VerificationArms<T extends CandidateTrial> {
  readonly candidates: readonly T[];
  readonly baseline?: T;
}

/**
 * The `top` trials a verification re-measures, and the baseline: among the
 * feasible COMPLETE trials measured in this study (the baseline and reused
 * copies are not candidates: the one is the reference, the others repeat a
 * trial already in the list), the lowest losses for one objective, the
 * Pareto front (at most `top` of it, earliest first) for several. Empty
 * when nothing qualifies. With one objective, `ranking` (trial numbers best
 * first, by a model's posterior mean: `rankByPosteriorMean`) replaces the
 * measured losses' order, so that the candidates are the configurations a
 * model of the whole history expects to be best rather than the luckiest
 * measurements; trials it leaves out follow by loss.
 */
export function verificationArms<T extends CandidateTrial>(objectives: NormalizedObjectives, trials: readonly T[], top: number, ranking?: readonly number[]): VerificationArms<T> {
  const complete = trials.filter((t) => t.state === 'COMPLETE');
  const baseline = complete.find((t) => t.origin === 'baseline');
  const eligible = complete.filter((t) => t.origin !== 'baseline' && t.origin !== 'reused' && t.feasible !== false);
  const views = eligible.map((t) => ({ ...trialViewOf(t, objectives), trial: t }));
  const ranked =
    objectives.kind === 'pareto'
      ? paretoFront(views).sort((a, b) => a.number - b.number)
      : views.filter((v) => v.loss !== undefined).sort(byRanking(ranking) ?? ((a, b) => a.loss! - b.loss! || a.number - b.number));
  return { candidates: ranked.slice(0, top).map((v) => v.trial), ...(baseline && { baseline }) };
}

/** Orders by position in `ranking`, those outside it after by loss; undefined without a ranking. */
function byRanking(ranking: readonly number[] | undefined): ((a: { number: number; loss?: number }, b: { number: number; loss?: number }) => number) | undefined {
  if (!ranking) return undefined;
  const position = new Map(ranking.map((n, i) => [n, i]));
  const at = (v: { number: number }) => position.get(v.number) ?? Infinity;
  return (a, b) => at(a) - at(b) || a.loss! - b.loss! || a.number - b.number;
}
