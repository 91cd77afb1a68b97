import type { ImportanceJson, StudyDetail, TrialCurve, TrialRow, VerificationJson } from '@attune/core/api/responses';
import { ContourPlot } from '../charts/contour-plot';
import { HistoryChart } from '../charts/history-chart';
import { ImportanceChart } from '../charts/importance-chart';
import { IntermediateChart } from '../charts/intermediate-chart';
import { ParallelCoordinates } from '../charts/parallel-coordinates';
import { ParetoFront } from '../charts/pareto-front';
import { SlicePlots } from '../charts/slice-plots';
import { hasSteps } from '../data/curve-store';
import type { PrunedTrial } from '../data/use-study';

interface ChartsSectionProps {
  readonly study: StudyDetail;
  readonly trials: readonly TrialRow[];
  readonly verification?: VerificationJson;
  readonly importance?: ImportanceJson;
  /** The trials' learning curves, once read (a study whose trials report steps). */
  readonly curves?: readonly TrialCurve[];
  readonly curvesError?: string;
  readonly lastPruned?: PrunedTrial;
  readonly onSelectTrial: (number: number) => void;
  readonly onBrush: (numbers: ReadonlySet<number> | undefined) => void;
}

/** The study's charts: history, intermediate values (trials that report steps), Pareto front (several objectives), importance, parallel coordinates, slices and a contour. */
export function ChartsSection({ study, trials, verification, importance, curves, curvesError, lastPruned, onSelectTrial, onBrush }: ChartsSectionProps) {
  const pareto = study.objectives?.kind === 'pareto';
  // A study with a pruner has curves to come; any other has them once a trial reported a step (every reported step is stored).
  const steps = study.pruner !== undefined || hasSteps(trials) || (curves?.length ?? 0) > 0;
  return (
    // The charts redraw themselves when the theme (data-theme on <html>) changes.
    <div class="charts">
      <section class="card wide" aria-labelledby="history-heading">
        <h2 id="history-heading">Optimisation history</h2>
        <HistoryChart study={study} trials={trials} verification={verification} onSelectTrial={onSelectTrial} />
      </section>
      {steps && (
        <section class="card wide" aria-labelledby="intermediate-heading" data-testid="intermediate-values">
          <h2 id="intermediate-heading">Intermediate values</h2>
          {curvesError && <p class="error small">{curvesError}</p>}
          {lastPruned && (
            <p class="muted small" role="status">
              Trial {lastPruned.number} was pruned at step {lastPruned.step}: {lastPruned.reason}
            </p>
          )}
          {curves || !hasSteps(trials) ? (
            <IntermediateChart study={study} curves={curves ?? []} trials={trials} onSelectTrial={onSelectTrial} />
          ) : (
            !curvesError && <p class="muted">Loading…</p>
          )}
        </section>
      )}
      {pareto && (
        <section class="card wide" aria-labelledby="pareto-heading">
          <h2 id="pareto-heading">Pareto front</h2>
          <ParetoFront study={study} trials={trials} onSelectTrial={onSelectTrial} />
        </section>
      )}
      <section class="card" aria-labelledby="importance-heading">
        <h2 id="importance-heading">Parameter importance</h2>
        {importance ? <ImportanceChart importance={importance} /> : <p class="muted">Computing…</p>}
      </section>
      <section class="card" aria-labelledby="contour-heading">
        <h2 id="contour-heading">Contour</h2>
        <ContourPlot study={study} trials={trials} onSelectTrial={onSelectTrial} />
      </section>
      <section class="card wide" aria-labelledby="parallel-heading">
        <h2 id="parallel-heading">Parallel coordinates</h2>
        <p class="muted small">Drag along an axis to select a range; the trial table shows the trials inside every range. Click an axis to clear it.</p>
        <ParallelCoordinates study={study} trials={trials} onBrush={onBrush} onSelectTrial={onSelectTrial} />
      </section>
      <section class="card wide" aria-labelledby="slice-heading">
        <h2 id="slice-heading">Slices</h2>
        <SlicePlots study={study} trials={trials} onSelectTrial={onSelectTrial} />
      </section>
    </div>
  );
}
