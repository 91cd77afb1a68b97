import type { TrialOutcome } from '@attune/persistence/repositories/trial.repository';
import type { TrialResultJob } from '@attune/queue/trial-result.job';

/**
 * What a worker's result means for its trial. A COMPLETE evaluation without
 * the study's metric as a finite number is a FAILED trial, with the reason;
 * the worker's note (metrics it dropped) is kept either way.
 */
export function toTrialOutcome(result: TrialResultJob, metric: string): TrialOutcome {
  const base = {
    metrics: result.metrics,
    ...(result.note !== undefined && { note: result.note }),
    workerId: result.workerId,
    startedAt: new Date(result.startedAt),
    endedAt: new Date(result.finishedAt),
  };
  if (result.outcome !== 'COMPLETE') {
    return { ...base, state: result.outcome, error: result.error ?? `evaluation ended ${result.outcome} without a reason` };
  }
  // Own keys only: a metric's name is the worker's word, and `metrics` a plain object.
  const value = result.metrics && Object.hasOwn(result.metrics, metric) ? result.metrics[metric] : undefined;
  if (value === undefined) {
    const got = Object.keys(result.metrics ?? {});
    const listed = got.length > 0 ? got.map((k) => JSON.stringify(k)).join(', ') : 'none';
    return { ...base, state: 'FAILED', error: `the objective metric "${metric}" is missing from the reported metrics (got: ${listed})` };
  }
  if (!Number.isFinite(value)) {
    return { ...base, state: 'FAILED', error: `the objective metric "${metric}" is not a finite number: ${String(value)}` };
  }
  return { ...base, state: 'COMPLETE', value };
}
