import type { StudySummary } from '../client/api-types';
import { writeLine, type OutputStream } from '../cli-io';
import { formatValue } from './format';

/** How a finished study ended and its best configuration, for people. */
export function printStudyOutcome(out: OutputStream, s: StudySummary): void {
  writeLine(out, `study ${s.name} ${s.state}${s.stopReason ? `: ${s.stopReason}` : ''}`);
  writeLine(out, `trials: ${s.trials.complete} complete, ${s.trials.failed} failed, ${s.trials.timedOut} timed out, ${s.trials.cancelled} cancelled`);
  if (!s.best) {
    writeLine(out, 'no trial completed');
    return;
  }
  writeLine(out, `best trial #${s.best.number}: ${s.metric} = ${formatValue(s.best.value)} (${s.direction})`);
  for (const [name, value] of Object.entries(s.best.params)) writeLine(out, `  ${name} = ${typeof value === 'number' ? formatValue(value) : JSON.stringify(value)}`);
}
