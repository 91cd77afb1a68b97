import type { Attributes } from '@opentelemetry/api';

/** What the spans of one trial say about it; every field but the ids may be unknown to the process that records. */
export interface TrialIdentity {
  readonly studyId: string;
  readonly studyName?: string;
  readonly trialId?: string;
  readonly trialNumber?: number;
  readonly target?: string;
}

/**
 * The attributes every span of a trial carries (`attune.study_id`,
 * `attune.study_name`, `attune.trial_id`, `attune.trial_number`,
 * `attune.target`): a backend finds a study's traces, or one trial's, by them.
 */
export function trialAttributes(trial: TrialIdentity): Attributes {
  return {
    'attune.study_id': trial.studyId,
    ...(trial.studyName !== undefined && { 'attune.study_name': trial.studyName }),
    ...(trial.trialId !== undefined && { 'attune.trial_id': trial.trialId }),
    ...(trial.trialNumber !== undefined && { 'attune.trial_number': trial.trialNumber }),
    ...(trial.target !== undefined && { 'attune.target': trial.target }),
  };
}

/** One attribute per parameter, `attune.param.<name>`. */
export function paramAttributes(params: Readonly<Record<string, number | string | boolean>>): Attributes {
  return prefixed('attune.param.', params);
}

/** One attribute per metric, `attune.metric.<name>`. */
export function metricAttributes(metrics: Readonly<Record<string, number>> | undefined): Attributes {
  return metrics ? prefixed('attune.metric.', metrics) : {};
}

function prefixed(prefix: string, values: Readonly<Record<string, number | string | boolean>>): Attributes {
  const out: Attributes = {};
  for (const [name, value] of Object.entries(values)) out[`${prefix}${name}`] = value;
  return out;
}
