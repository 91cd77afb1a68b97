/** Where a trial's configuration came from, when not from the strategy (see TrialEntity.origin). */
export const TRIAL_ORIGINS = ['baseline', 'enqueued', 'warm-start', 'reused'] as const;
export type TrialOrigin = (typeof TRIAL_ORIGINS)[number];
