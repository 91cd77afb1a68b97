import type { TrialScore } from './score';

/**
 * What a trial keeps of its score beside its value, metrics and feasibility
 * (one JSON column): each objective's loss, each constraint's slack and the
 * broken bounds, the spread of every metric over the repeats, the loss's
 * noise, and the improvement over the baseline.
 */
export type StoredScore = Partial<Pick<TrialScore, 'losses' | 'constraints' | 'violations' | 'spread' | 'noise' | 'improvement'>>;

/** The part of a score a trial stores in its `score` column (fields without content left out). */
export function storedScoreOf(score: TrialScore): StoredScore {
  return {
    ...(score.losses && { losses: score.losses }),
    ...(score.constraints.length > 0 && { constraints: score.constraints, violations: score.violations }),
    spread: score.spread,
    ...(score.noise && { noise: score.noise }),
    ...(score.improvement && { improvement: score.improvement }),
  };
}
