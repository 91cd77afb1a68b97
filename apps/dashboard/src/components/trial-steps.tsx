import type { Page, StepRow, TrialRow } from '@attune/core/api/responses';
import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/api-client';
import { cssVar } from '../charts/chart-theme';
import { sparklinePoints } from '../charts/shared/sparkline-points';
import { formatValue } from '../format/format';

/** Steps listed in the table: the last ones, where a pruner decides. */
const SHOWN = 8;
const SPARK = { width: 240, height: 36 };

/** A trial's intermediate values: a sparkline of the objective's by step, and the last steps with every metric (of a pruned trial, up to the one it was stopped at). */
export function TrialSteps({ studyId, trial, metric }: { studyId: string; trial: TrialRow; metric?: string }) {
  const [steps, setSteps] = useState<Page<StepRow>>();
  const [error, setError] = useState<string>();
  useEffect(() => {
    let stopped = false;
    setError(undefined);
    api.steps(studyId, trial.number).then(
      (page) => !stopped && setSteps(page),
      (e: Error) => !stopped && setError(e.message),
    );
    return () => {
      stopped = true;
    };
  }, [studyId, trial.number, trial.state, trial.lastStep]);
  const all = steps?.items ?? [];
  // A pruned trial's reports still in flight when it was stopped are stored too; its curve ends where the pruner stopped it.
  const stoppedAt = trial.state === 'PRUNED' ? trial.lastStep : undefined;
  const items = stoppedAt === undefined ? all : all.filter((s) => s.step <= stoppedAt);
  const names = [...new Set(items.flatMap((s) => Object.keys(s.metrics)))];
  const drawn = metric && names.includes(metric) ? metric : names[0];
  const points = drawn ? sparklinePoints(items.map((s) => s.step), items.map((s) => s.metrics[drawn]), SPARK.width, SPARK.height) : '';
  const shown = items.slice(-SHOWN);
  const after = all.length - items.length;
  return (
    <>
      <h3>Intermediate values</h3>
      {error && <p class="error">{error}</p>}
      {steps && all.length === 0 && <p class="muted">none recorded</p>}
      {points && (
        <svg width={SPARK.width} height={SPARK.height} viewBox={`0 0 ${SPARK.width} ${SPARK.height}`} role="img" aria-label={`${drawn} over ${items.length} steps, last ${formatValue(items.at(-1)?.metrics[drawn!])}`} data-testid="steps-sparkline">
          <polyline points={points} fill="none" style={{ stroke: cssVar(trial.state === 'PRUNED' ? '--chart-pruned' : '--chart-point'), strokeWidth: '1.5px', strokeLinejoin: 'round' }} />
        </svg>
      )}
      {shown.length > 0 && (
        <div class="table-scroll">
          <table class="compact" data-testid="steps">
            <thead>
              <tr>
                <th scope="col" class="num">
                  Step
                </th>
                {names.map((m) => (
                  <th scope="col" class="num">
                    {m}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {shown.map((s) => (
                <tr>
                  <td class="num">
                    {s.step}
                    {s.step === stoppedAt ? ' (pruned)' : ''}
                  </td>
                  {names.map((name) => (
                    <td class="num">{formatValue(s.metrics[name])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {items.length > shown.length && <p class="muted small">the last {shown.length} of {items.length} steps</p>}
      {after > 0 && (
        <p class="muted small">
          {after} more reported while the stop was on its way, not shown
        </p>
      )}
    </>
  );
}
