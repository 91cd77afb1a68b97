import { formatDuration } from '../text/format-duration';
import { GO_ON, stopBy, type ConvergenceContext, type ConvergenceVerdict } from './convergence-verdict';

/**
 * The wall-clock budget: stop once `now - startedAt` reaches `maxDurationSec`.
 * Applies from the first trial on (a budget is not a statistic).
 */
export function maxDurationRule(ctx: Pick<ConvergenceContext, 'startedAt' | 'now'>, maxDurationSec: number): ConvergenceVerdict {
  const elapsedMs = ctx.now - ctx.startedAt;
  if (!(elapsedMs >= maxDurationSec * 1000)) return GO_ON;
  return stopBy('max-duration', `ran for ${formatDuration(elapsedMs)}, reaching its wall-clock budget of ${formatDuration(maxDurationSec * 1000)} (maxDurationSec: ${maxDurationSec})`);
}
