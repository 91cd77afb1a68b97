import type { StudyEventMessage } from '@attune/core/events/study-event';
import { plural } from '@attune/core/text/plural';
import { formatParams, formatValue } from './format';

/** One event for people: `#7 12:00:03 trial-finished #2 COMPLETE value=0.398`; parameters in `order` (the spec's). */
export function eventLine(e: StudyEventMessage, order?: readonly string[]): string {
  const time = e.at.slice(11, 19);
  return `#${e.seq} ${time} ${e.kind} ${details(e, order)}`.trimEnd();
}

function details(e: StudyEventMessage, order?: readonly string[]): string {
  switch (e.kind) {
    case 'study-created':
      return `${e.name} (target ${e.target}, ${plural(e.maxTrials, 'trial')})`;
    case 'trial-started':
      return `#${e.number}`;
    case 'trial-finished':
      return `#${e.number} ${e.state}${e.value !== undefined ? ` value=${formatValue(e.value)}` : ''}${e.error ? `: ${e.error}` : ''}`;
    case 'trial-pruned':
      return `#${e.number} at step ${e.step}${e.value !== undefined ? ` value=${formatValue(e.value)}` : ''}: ${e.reason}`;
    case 'new-best':
      return `#${e.number} value=${formatValue(e.value)}  ${formatParams(e.params, order)}`;
    case 'study-ended':
      return `${e.state}: ${e.reason}`;
    case 'verified':
      return `winner #${e.number}${improvementText(e)}  ${formatParams(e.params, order)}`;
    case 'no-significant-improvement':
      return `winner #${e.number}${improvementText(e)}: ${e.reason}`;
    case 'converged':
      return `${e.rule}: ${e.reason}`;
    case 'verification-failed':
      return e.reason;
    default: {
      const unhandled: never = e;
      return JSON.stringify(unhandled);
    }
  }
}

/** ` +7.0% [+2.1%, +11.9%] p=0.003`, or nothing without a baseline. */
function improvementText(e: { improvement?: number; interval?: [number, number]; pValue?: number }): string {
  if (e.improvement === undefined) return '';
  const pct = (x: number) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}%`;
  const interval = e.interval ? ` [${pct(e.interval[0])}, ${pct(e.interval[1])}]` : '';
  const p = e.pValue !== undefined ? ` p=${e.pValue < 0.001 ? e.pValue.toExponential(1) : e.pValue.toFixed(3)}` : '';
  return ` ${pct(e.improvement)}${interval}${p}`;
}
