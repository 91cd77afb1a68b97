import type { StudySummary, TrialCurve, TrialRow } from '@attune/core/api/responses';
import { formatValue } from '@attune/core/text/format-value';
import { useCallback, useMemo, useState } from 'preact/hooks';
import { drawIntermediate } from './intermediate-draw';
import { intermediateModel, stopSteps, type IntermediateModel } from './intermediate-model';
import { ChartControls, ChartLegend, ChartToggle, type LegendEntry } from './shared/chart-controls';
import { ChartEmpty } from './shared/chart-empty';
import { ChartSurface, type Frame } from './shared/chart-surface';
import { TrialTooltip, type TooltipLine } from './shared/trial-tooltip';

export interface IntermediateChartProps {
  readonly study: StudySummary;
  /** The trials' learning curves (GET /studies/:id/steps, every page). */
  readonly curves: readonly TrialCurve[];
  /** The trials: where each pruned one was stopped, and the tooltip's parameters (a curve whose trial is not among them still shows). */
  readonly trials: readonly TrialRow[];
  readonly onSelectTrial?: (number: number) => void;
}

const HEIGHT = 300;

function legendOf(m: IntermediateModel): LegendEntry[] {
  const entries: LegendEntry[] = [];
  if (m.counts.complete > 0) entries.push({ label: 'complete', colour: '--chart-point', shape: 'line' });
  if (m.counts.pruned > 0) entries.push({ label: 'pruned (× where stopped)', colour: '--chart-pruned', shape: 'cross' });
  if (m.counts.running > 0) entries.push({ label: 'running', colour: '--chart-running', shape: 'line' });
  if (m.counts.failed > 0) entries.push({ label: 'failed', colour: '--chart-failed', shape: 'line' });
  return entries;
}

/**
 * The objective's intermediate values of each trial that reported steps, by
 * step: complete curves in the point colour, pruned ones in the pruned
 * colour ending with a cross at the step they were stopped at (their
 * trial's lastStep), running ones
 * on top, thicker, with a dot at their latest step.
 */
export function IntermediateChart({ study, curves, trials, onSelectTrial }: IntermediateChartProps) {
  const [log, setLog] = useState(false);
  const stops = useMemo(() => stopSteps(trials), [trials]);
  const model = useMemo(() => intermediateModel(study, curves, stops), [study, curves, stops]);
  const byNumber = useMemo(() => new Map(trials.map((t) => [t.number, t])), [trials]);
  const title = `${model.metric}${model.direction ? ` (${model.direction})` : ''}`;
  const draw = useCallback((ctx: CanvasRenderingContext2D, frame: Frame) => drawIntermediate(ctx, frame, model, { log, title }), [model, log, title]);
  const lineAt = (item: number) => model.lines[model.lineOf[item]];
  const tooltip = (item: number) => {
    const line = lineAt(item);
    const lines: TooltipLine[] = [
      ['step', model.steps[item]],
      [model.metric, model.values[item]],
    ];
    if (line.kind === 'pruned') lines.push(['pruned at step', model.steps[line.end - 1]]);
    const trial = byNumber.get(line.number);
    if (trial) return <TrialTooltip trial={trial} lines={lines} />;
    return (
      <div>
        <div style={{ fontWeight: 600 }}>Trial {line.number}</div>
        {lines.map(([label, value]) => (
          <div key={label}>
            {label}: <b>{formatValue(value as number)}</b>
          </div>
        ))}
      </div>
    );
  };
  const empty = model.lines.length === 0;
  return (
    <div class="chart intermediate-chart">
      <ChartControls>
        <ChartToggle label="log scale" checked={log && model.canLog} disabled={!model.canLog} title={model.canLog ? undefined : 'a log scale needs every value above 0'} onChange={setLog} />
        {!empty && <ChartLegend entries={legendOf(model)} />}
      </ChartControls>
      {empty ? (
        <ChartEmpty message="No intermediate values reported yet" height={HEIGHT} />
      ) : (
        <ChartSurface label={model.summary} height={HEIGHT} draw={draw} tooltip={tooltip} onActivate={(item) => onSelectTrial?.(lineAt(item).number)} />
      )}
    </div>
  );
}
