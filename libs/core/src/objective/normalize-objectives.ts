import { ValidationError } from '../errors/attune-error';
import type { Params } from '../search-space/parameter';
import type { Direction } from '../trial/trial-view';
import { OBJECTIVE_REQUIRED } from './objective-spec.rules';
import type { CompositeTerm, Constraint, Measurement, ObjectiveSpec } from './objective-spec.schema';

/** One metric and which way is better. */
export interface Objective {
  readonly metric: string;
  readonly direction: Direction;
}

/** Where the baseline's parameters come from. */
export type BaselineSource = { readonly from: 'defaults' } | { readonly from: 'params'; readonly params: Readonly<Params> };

interface NormalizedCommon {
  readonly constraints: readonly Constraint[];
  readonly measurement: Measurement;
  /** Absent when the spec gives no baseline. */
  readonly baseline?: BaselineSource;
}

/**
 * The one internal form of a study's measurement model, whatever shape the
 * spec used:
 * - `single`: one metric (today's `{metric, direction}`), its value the trial's;
 * - `composite`: one score from several weighted metrics (see `score.ts`);
 * - `pareto`: 2 to 4 objectives, each its own loss.
 */
export type NormalizedObjectives =
  | (NormalizedCommon & { readonly kind: 'single'; readonly objectives: readonly [Objective] })
  | (NormalizedCommon & { readonly kind: 'composite'; readonly objectives: readonly CompositeTerm[] })
  | (NormalizedCommon & { readonly kind: 'pareto'; readonly objectives: readonly Objective[] });

/** What a trial is measured with when the spec does not say: once, no warm-up, the median (of one). */
export const DEFAULT_MEASUREMENT: Readonly<Measurement> = Object.freeze({ repeats: 1, warmup: 0, aggregate: 'median' });

/**
 * Turns a parsed spec's measurement-model fields into the internal form.
 * Specs stored before these fields existed hold only `objective: {metric,
 * direction}` and come out as the single objective they always were, measured
 * once, without constraints or baseline. A missing `objective` is accepted when
 * `objectives` is given; with neither the spec was never valid, and this says
 * so as the parser would.
 */
export function normalizeObjectives(spec: ObjectiveSpec): NormalizedObjectives {
  const common: NormalizedCommon = {
    constraints: spec.constraints ?? [],
    measurement: spec.measurement ?? DEFAULT_MEASUREMENT,
    ...(spec.baseline !== undefined && { baseline: baselineSourceOf(spec.baseline) }),
  };
  if (spec.objectives) return { ...common, kind: 'pareto', objectives: spec.objectives };
  if (!spec.objective) throw new ValidationError([{ path: 'objective', message: OBJECTIVE_REQUIRED }]);
  if ('composite' in spec.objective) return { ...common, kind: 'composite', objectives: spec.objective.composite };
  return { ...common, kind: 'single', objectives: [{ metric: spec.objective.metric, direction: spec.objective.direction }] };
}

function baselineSourceOf(baseline: NonNullable<ObjectiveSpec['baseline']>): BaselineSource {
  return baseline === true ? { from: 'defaults' } : { from: 'params', params: baseline.params };
}
