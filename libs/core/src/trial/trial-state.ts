/**
 * Lifecycle of a trial. State only moves forward: QUEUED → RUNNING → one of the
 * final states (a QUEUED trial may also end directly, e.g. CANCELLED).
 */
export const TRIAL_STATES = ['QUEUED', 'RUNNING', 'COMPLETE', 'FAILED', 'PRUNED', 'TIMED_OUT', 'CANCELLED'] as const;
export type TrialState = (typeof TRIAL_STATES)[number];

export const FINAL_TRIAL_STATES: readonly TrialState[] = ['COMPLETE', 'FAILED', 'PRUNED', 'TIMED_OUT', 'CANCELLED'];

/** True for a trial still waiting for, or under, evaluation. */
export function isPending(state: TrialState): boolean {
  return state === 'QUEUED' || state === 'RUNNING';
}

export function isFinal(state: TrialState): boolean {
  return FINAL_TRIAL_STATES.includes(state);
}

/** States a trial may move to from `from` (forward only). */
export function canTransition(from: TrialState, to: TrialState): boolean {
  if (from === 'QUEUED') return to !== 'QUEUED';
  if (from === 'RUNNING') return isFinal(to);
  return false;
}
