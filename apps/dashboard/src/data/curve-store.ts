import type { TrialCurve, TrialRow } from '@attune/core/api/responses';
import { isFinal } from '@attune/core/trial/trial-state';

/** Whether any trial reported an intermediate value: only then has the study curves to read. */
export function hasSteps(trials: readonly Pick<TrialRow, 'lastStep'>[]): boolean {
  return trials.some((t) => t.lastStep !== undefined);
}

/**
 * The first trial number whose learning curve may still change, as the
 * trials read before the curves say: the first trial that is not final, or
 * the one after the last trial when all are (a trial created since reports
 * under a higher number). A final trial reports no more steps, so the curves
 * of the trials before it are read once.
 */
export function openFrom(trials: readonly TrialRow[]): number {
  const open = trials.find((t) => !isFinal(t.state));
  if (open) return open.number;
  return trials.length === 0 ? 0 : Math.max(...trials.map((t) => t.number)) + 1;
}

/**
 * Where a refresh of the curves (ordered by trial number) starts: the first
 * curve of a trial numbered `from` or later, or that was not final when it
 * was read; everything before it is kept. A trial that starts reporting
 * steps late gets its curve in place, whatever curves of later trials were
 * read already.
 */
export function curveRefreshOffset(curves: readonly TrialCurve[], from: number): number {
  const at = curves.findIndex((c) => c.number >= from || !isFinal(c.state));
  return at === -1 ? curves.length : at;
}
