/**
 * What one trial may report. An evaluation's output is a user's program's
 * output: these bound what the coordinator stores and every strategy reads.
 */

/** Metrics kept per trial; those past it are dropped, and the trial's note says so. */
export const MAX_METRICS = 100;

/** Longest metric name (and parameter name) in characters. */
export const MAX_METRIC_NAME_CHARS = 100;

/** Longest note on a trial (what was dropped from its metrics, and why). */
export const MAX_NOTE_CHARS = 2000;
