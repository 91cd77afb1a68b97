import type { BestTrial, StudySummary } from '@attune/core/api/responses';
import { writeLine, type OutputStream } from '../cli-io';
import { formatParamValue, formatValue, orderedParams, parameterOrder } from './format';
import { formatImprovement } from './objectives-text';

/** How a finished study ended and its best configuration, for people. */
export function printStudyOutcome(out: OutputStream, s: StudySummary): void {
  writeLine(out, `study ${s.name} ${s.state}${s.stopReason ? `: ${s.stopReason}` : ''}`);
  writeLine(out, `trials: ${s.trials.complete} complete, ${s.trials.failed} failed, ${s.trials.timedOut} timed out, ${s.trials.cancelled} cancelled`);
  if (s.objectives?.kind === 'pareto') {
    writeLine(out, `several objectives: the best is a Pareto front (attune study best ${s.id} lists it)`);
    return;
  }
  if (!s.best) {
    const failed = s.trials.failed + s.trials.timedOut;
    writeLine(out, failed > 0 ? `no trial completed (why: attune study trials ${s.id} --state FAILED)` : 'no trial completed');
    return;
  }
  writeLine(out, `best trial #${s.best.number}: ${s.metric} = ${formatValue(s.best.value)} (${s.direction})`);
  printParamLines(out, s.best, parameterOrder(s.parameters));
  if (s.best.improvement) writeLine(out, `improvement over the baseline: ${formatImprovement(s.best.improvement)}`);
}

/** `  x1 = 3.14`, one line per parameter of the best trial, in the spec's order. */
export function printParamLines(out: OutputStream, best: Pick<BestTrial, 'params'>, order: readonly string[]): void {
  for (const [name, value] of orderedParams(best.params, order)) writeLine(out, `  ${name} = ${formatParamValue(value)}`);
}
