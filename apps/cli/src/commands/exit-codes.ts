/** Exit codes of the commands that run or follow trials (documented in docs/cli.md). */

/** The study ended FAILED, or every trial that ran failed: `study run --wait`, `study watch` and `optimize` alike. */
export const NO_SUCCESS_EXIT_CODE = 2;
/** Interrupted (Ctrl-C) while following a study, which keeps running. */
export const INTERRUPTED_EXIT_CODE = 130;

/** How a run of trials ended, as both the distributed and the in-process paths can say it. */
export interface RunOutcome {
  /** How the study ended; the in-process engine has no state of its own. */
  readonly state?: 'COMPLETE' | 'FAILED' | 'STOPPED';
  /** Trials that ran to an outcome (complete, failed, timed out, pruned; not cancelled). */
  readonly ran: number;
  readonly completed: number;
}

/**
 * 0, or NO_SUCCESS_EXIT_CODE when the study FAILED or trials ran and none
 * completed. A STOPPED study is the user's choice and exits 0 whatever ran.
 */
export function exitCodeOf(outcome: RunOutcome): number {
  if (outcome.state === 'STOPPED') return 0;
  if (outcome.state === 'FAILED') return NO_SUCCESS_EXIT_CODE;
  return outcome.ran > 0 && outcome.completed === 0 ? NO_SUCCESS_EXIT_CODE : 0;
}

/** The outcome of an ended study, from its summary. */
export function studyOutcome(s: { state: string; trials: { complete: number; failed: number; timedOut: number; pruned: number } }): RunOutcome {
  const state = s.state === 'COMPLETE' || s.state === 'FAILED' || s.state === 'STOPPED' ? s.state : undefined;
  return { state, ran: s.trials.complete + s.trials.failed + s.trials.timedOut + s.trials.pruned, completed: s.trials.complete };
}

/** The exit codes, for the commands' --help. */
export const EXIT_CODES_HELP = `Exit codes: 0 done, 1 error, ${NO_SUCCESS_EXIT_CODE} the study ended FAILED or every trial failed, ${INTERRUPTED_EXIT_CODE} interrupted.`;
