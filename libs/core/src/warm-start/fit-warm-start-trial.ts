import type { NormalizedObjectives } from '../objective/normalize-objectives';
import { scoreTrial, type TrialScore } from '../objective/score';
import { checkConfiguration, completeConfiguration, domainText } from '../search-space/check-configuration';
import type { Params, SearchSpace } from '../search-space/parameter';

/** What warm start reads of a finished trial of an earlier study. */
export interface EarlierTrial {
  readonly params: Readonly<Record<string, unknown>>;
  /** Its aggregated metrics, as stored. */
  readonly metrics?: Readonly<Record<string, number>>;
}

export type WarmStartFit =
  | { readonly ok: true; readonly params: Params; readonly score: TrialScore }
  | { readonly ok: false; readonly reason: string };

/**
 * Whether a finished trial of an earlier study can seed a new one, and as
 * what. Its parameters are matched by name and domain: every one must be a
 * parameter of the new space with a value in its domain, and a parameter of
 * the new space it lacks takes its `default` (without one, the trial does not
 * fit). It is then scored for the new study's objectives and constraints from
 * its aggregated metrics, taken as one measurement (so a metric it lacks drops
 * it). A composite score cannot be computed yet: it is relative to the new
 * study's baseline, measured only once the study runs.
 *
 * Reasons name the parameter or metric and not the value, so that the trials
 * dropped for one cause can be counted together.
 */
export function fitWarmStartTrial(space: SearchSpace, objectives: NormalizedObjectives, trial: EarlierTrial): WarmStartFit {
  const [issue] = checkConfiguration(space, trial.params, 'params', 'defaults-fill-in');
  if (issue) return { ok: false, reason: misfit(space, trial.params, issue.path.slice('params.'.length)) };
  if (objectives.kind === 'composite') return { ok: false, reason: COMPOSITE_NEEDS_BASELINE };
  const scored = scoreTrial(objectives, [{ metrics: trial.metrics ?? {} }]);
  if (!scored.ok) return { ok: false, reason: scored.reason.replace(/ \(got: .*\)$/s, '') };
  return { ok: true, params: completeConfiguration(space, trial.params), score: scored.score };
}

/** Why no trial can seed a study optimising a composite score, at submit. */
export const COMPOSITE_NEEDS_BASELINE = "a composite score is relative to this study's baseline, which is measured only once the study runs";

function misfit(space: SearchSpace, params: Readonly<Record<string, unknown>>, name: string): string {
  const parameter = space.find((p) => p.name === name);
  if (!parameter) return `parameter "${name}" is not in this study's space`;
  if (!Object.hasOwn(params, name)) return `parameter "${name}" is missing and has no default here`;
  return `parameter "${name}": the value ${domainText(parameter)}`;
}
