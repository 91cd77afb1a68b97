import type { StudySummary, TrialRow } from '@attune/core/api/responses';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { drawSlice } from './slice-draw';
import { sliceModel, type SliceModel, type SlicePanel } from './slice-model';
import { ChartControls, ChartLegend, ChartSelect, ChartToggle } from './shared/chart-controls';
import { ChartEmpty } from './shared/chart-empty';
import { ChartSurface, type Frame } from './shared/chart-surface';
import { ColourBar } from './shared/colour-bar';
import { studyMetricNames, valueOf } from './shared/objective';
import { TrialTooltip } from './shared/trial-tooltip';

export interface SlicePlotsProps {
  readonly study: StudySummary;
  readonly trials: readonly TrialRow[];
  /** The metric on the y axes; the study's (first) objective by default. The chart offers the others in a select. */
  readonly metric?: string;
  readonly onSelectTrial?: (number: number) => void;
}

const PANEL_HEIGHT = 200;

function Slice({ model, panel, log, trials, onSelectTrial }: { model: SliceModel; panel: SlicePanel; log: boolean; trials: readonly TrialRow[]; onSelectTrial?: (n: number) => void }) {
  const draw = useCallback((ctx: CanvasRenderingContext2D, frame: Frame) => drawSlice(ctx, frame, model, panel, log), [model, panel, log]);
  const tooltip = (index: number) => {
    const value = valueOf(trials[index], model.choice);
    return <TrialTooltip trial={trials[index]} lines={[[model.choice.metric, value]]} />;
  };
  const label = `${model.choice.metric} against ${panel.parameter.name}: ${panel.points.length} trials.`;
  return <ChartSurface label={label} height={PANEL_HEIGHT} draw={draw} tooltip={tooltip} onActivate={(index) => onSelectTrial?.(trials[index].number)} />;
}

/**
 * A small scatter per parameter: the parameter on x (log for a log
 * parameter, categories spread across their bands), the objective (or the
 * chosen metric) on a y axis all panels share, points coloured by trial
 * order so that where the search went late shows.
 */
export function SlicePlots({ study, trials, metric, onSelectTrial }: SlicePlotsProps) {
  const [chosen, setChosen] = useState(metric);
  useEffect(() => setChosen(metric), [metric]);
  const [log, setLog] = useState(false);
  const model = useMemo(() => sliceModel(study, trials, chosen), [study, trials, chosen]);
  const metrics = useMemo(() => studyMetricNames(study), [study]);
  const empty = model.yRange === undefined || model.panels.length === 0;
  return (
    <div class="chart slice-plots">
      <ChartControls>
        {metrics.length > 1 && <ChartSelect label="metric" value={model.choice.metric} options={metrics} onChange={setChosen} />}
        <ChartToggle label="log scale" checked={log && model.canLog} disabled={!model.canLog} title={model.canLog ? undefined : 'a log scale needs every value above 0'} onChange={setLog} />
        {model.numbers && <ColourBar title="trial" start={String(model.numbers[0])} end={String(model.numbers[1])} />}
        {model.panels.some((p) => p.points.some((q) => !q.feasible)) && <ChartLegend entries={[{ label: 'infeasible', colour: '--chart-infeasible', shape: 'ring' }]} />}
      </ChartControls>
      {empty ? (
        <ChartEmpty message={model.panels.length === 0 ? 'The study has no parameters to slice' : 'No completed trials with a value yet'} height={PANEL_HEIGHT} />
      ) : (
        <div role="group" aria-label={model.summary} style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(240px, 1fr))', gap: '8px' }}>
          {model.panels.map((panel) => (
            <Slice key={panel.parameter.name} model={model} panel={panel} log={log} trials={trials} onSelectTrial={onSelectTrial} />
          ))}
        </div>
      )}
    </div>
  );
}
