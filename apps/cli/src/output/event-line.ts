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
    case 'new-best':
      return `#${e.number} value=${formatValue(e.value)}  ${formatParams(e.params, order)}`;
    case 'study-ended':
      return `${e.state}: ${e.reason}`;
    default: {
      const unhandled: never = e;
      return JSON.stringify(unhandled);
    }
  }
}
