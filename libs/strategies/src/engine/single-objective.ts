import { DEFAULT_MEASUREMENT, type NormalizedObjectives } from '@attune/core/objective/normalize-objectives';
import { DEFAULT_METRIC } from '@attune/core/spec/study-spec.schema';
import type { Direction } from '@attune/core/trial/trial-view';

/**
 * The measurement model of today's plain study: one metric (`value` unless
 * named) with a direction, measured once, no constraints, no baseline. What
 * `normalizeObjectives` makes of `{objective: {metric, direction}}`.
 */
export function singleObjective(direction: Direction, metric: string = DEFAULT_METRIC): NormalizedObjectives {
  return { kind: 'single', objectives: [{ metric, direction }], constraints: [], measurement: DEFAULT_MEASUREMENT };
}
