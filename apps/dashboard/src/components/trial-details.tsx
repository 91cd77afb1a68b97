import type { MeasurementRow, TrialRow } from '@attune/core/api/responses';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/api-client';
import { between, formatDuration, formatImprovement, formatParam, formatValue } from '../format/format';
import { StateBadge } from './state-badge';
import { TrialSteps } from './trial-steps';

interface TrialDetailsProps {
  readonly studyId: string;
  readonly trial: TrialRow;
  /** The objective's metric: the one a trial's steps are drawn by. */
  readonly metric?: string;
  /** The operator's trace address, `{traceId}` in place of the id (GET /dashboard/config). */
  readonly traceUrl?: string;
  readonly onClose: () => void;
}

/** One trial in full: configuration, metrics, intermediate values (where it was pruned, and why), each measurement (repeats and warm-ups), error, worker, duration and trace. */
export function TrialDetails({ studyId, trial, metric, traceUrl, onClose }: TrialDetailsProps) {
  const [measurements, setMeasurements] = useState<readonly MeasurementRow[]>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    setMeasurements(undefined);
    api.measurements(studyId, trial.number).then(
      (page) => setMeasurements(page.items),
      (e: Error) => setError(e.message),
    );
  }, [studyId, trial.number, trial.state]);
  const metricNames = [...new Set((measurements ?? []).flatMap((m) => Object.keys(m.metrics)))];
  return (
    <section class="card details" aria-labelledby="trial-heading" data-testid="trial-details">
      <div class="toolbar">
        <h2 id="trial-heading">Trial {trial.number}</h2>
        <StateBadge state={trial.state} />
        {trial.origin && <span class="muted">{trial.origin}</span>}
        <span class="spacer" />
        <button type="button" class="ghost" onClick={onClose} aria-label="Close the trial's details">
          ✕
        </button>
      </div>
      <dl class="facts">
        <div>
          <dt>Value</dt>
          <dd data-testid="trial-value">{formatValue(trial.value)}</dd>
        </div>
        {trial.lastStep !== undefined && (
          <div>
            <dt>{trial.state === 'PRUNED' ? 'Pruned' : 'Last step'}</dt>
            <dd data-testid="trial-step">{trial.state === 'PRUNED' ? `pruned at step ${trial.lastStep}` : `step ${trial.lastStep}`}</dd>
          </div>
        )}
        <div>
          <dt>Duration</dt>
          <dd>{formatDuration(between(trial.startedAt, trial.endedAt))}</dd>
        </div>
        <div>
          <dt>Worker</dt>
          <dd class="truncate">{trial.workerId ?? '—'}</dd>
        </div>
        {trial.feasible !== undefined && (
          <div>
            <dt>Feasible</dt>
            <dd>{trial.feasible ? 'yes' : `no (violation ${formatValue(trial.violation)})`}</dd>
          </div>
        )}
        {trial.score?.improvement?.score !== undefined && (
          <div>
            <dt>vs baseline</dt>
            <dd>{formatImprovement(trial.score.improvement.score)}</dd>
          </div>
        )}
        <div>
          <dt>Trace</dt>
          <dd class="truncate">{trial.traceId ? traceUrl ? <a href={traceUrl.replace('{traceId}', trial.traceId)} target="_blank" rel="noopener noreferrer">{trial.traceId}</a> : <code>{trial.traceId}</code> : <span class="muted">not traced</span>}</dd>
        </div>
      </dl>
      <h3>Configuration</h3>
      <table class="compact">
        <tbody>
          {Object.entries(trial.params).map(([name, value]) => (
            <tr>
              <th scope="row">{name}</th>
              <td class="num">{formatParam(value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {trial.metrics && (
        <>
          <h3>Metrics</h3>
          <table class="compact">
            <tbody>
              {Object.entries(trial.metrics).map(([name, value]) => (
                <tr>
                  <th scope="row">{name}</th>
                  <td class="num">{formatValue(value as number)}</td>
                  <td class="muted small">{trial.score?.spread?.[name] ? `sd ${formatValue(trial.score.spread[name].sd)} over ${trial.score.spread[name].count}` : ''}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {trial.note && <p class="muted small">{trial.note}</p>}
      {trial.error && (
        <>
          {/* A pruned trial's error is the pruner's reason, not a failure. */}
          <h3>{trial.state === 'PRUNED' ? "Pruner's reason" : 'Error'}</h3>
          <pre class="error-text" data-testid="trial-error">{trial.error}</pre>
        </>
      )}
      {trial.lastStep !== undefined && <TrialSteps studyId={studyId} trial={trial} metric={metric} />}
      <h3>Measurements</h3>
      {error && <p class="error">{error}</p>}
      {measurements && measurements.length === 0 && <p class="muted">none recorded</p>}
      {measurements && measurements.length > 0 && (
        <div class="table-scroll">
        <table class="compact" data-testid="measurements">
          <thead>
            <tr>
              <th scope="col">Repeat</th>
              {metricNames.map((m) => (
                <th scope="col" class="num">
                  {m}
                </th>
              ))}
              <th scope="col" class="num">
                Took
              </th>
              <th scope="col">Worker</th>
            </tr>
          </thead>
          <tbody>
            {measurements.map((m) => (
              <tr class={m.warmup ? 'muted' : ''}>
                <td>
                  {m.repeat}
                  {m.warmup ? ' (warm-up)' : ''}
                </td>
                {metricNames.map((name) => (
                  <td class="num">{formatValue(m.metrics[name])}</td>
                ))}
                <td class="num">{formatDuration(m.durationMs)}</td>
                <td class="small truncate">{m.workerId ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
        </div>
      )}
    </section>
  );
}
