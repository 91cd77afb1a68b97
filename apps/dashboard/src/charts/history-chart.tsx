import type { StudySummary, TrialRow, VerificationJson } from '@attune/core/api/responses';
import { formatValue } from '@attune/core/text/format-value';
import { useCallback, useEffect, useMemo, useState } from 'preact/hooks';
import { drawHistory, type HistoryZoom } from './history-draw';
import { historyModel, type HistoryModel } from './history-model';
import { ChartControls, ChartLegend, ChartSelect, ChartToggle, type LegendEntry } from './shared/chart-controls';
import { ChartEmpty } from './shared/chart-empty';
import { ChartSurface, type Frame } from './shared/chart-surface';
import { studyMetricNames, valueOf } from './shared/objective';
import { TrialTooltip } from './shared/trial-tooltip';

export interface HistoryChartProps {
  readonly study: StudySummary;
  readonly trials: readonly TrialRow[];
  readonly verification?: VerificationJson;
  /** The metric to plot; the study's (first) objective by default. The chart offers the others in a select. */
  readonly metric?: string;
  readonly onSelectTrial?: (number: number) => void;
}

const HEIGHT = 320;

function legendOf(m: HistoryModel): LegendEntry[] {
  const entries: LegendEntry[] = [{ label: 'trial', colour: '--chart-point', shape: 'dot' }];
  if (m.points.some((p) => !p.feasible)) entries.push({ label: 'infeasible', colour: '--chart-infeasible', shape: 'ring' });
  if (m.best.length > 0) entries.push({ label: 'best so far', colour: '--chart-best', shape: 'line' });
  if (m.baseline !== undefined) entries.push({ label: 'baseline', colour: '--chart-baseline', shape: 'dash' });
  if (m.marks.some((k) => k.kind === 'failed')) entries.push({ label: 'failed', colour: '--chart-failed', shape: 'tick' });
  if (m.marks.some((k) => k.kind === 'pruned')) entries.push({ label: 'pruned', colour: '--chart-pruned', shape: 'tick' });
  if (m.marks.some((k) => k.kind === 'running')) entries.push({ label: 'running', colour: '--chart-running', shape: 'tick' });
  if (m.verification.length > 0) entries.push({ label: 'verified (95% interval)', colour: '--chart-verification', shape: 'diamond' });
  return entries;
}

function VerificationTooltip({ mark }: { mark: HistoryModel['verification'][number] }) {
  const end = (v: number) => (Number.isFinite(v) ? formatValue(v) : v > 0 ? '∞' : '−∞');
  return (
    <div>
      <div style={{ fontWeight: 600 }}>
        Trial {mark.trial} re-measured{mark.winner && ' · winner'}
      </div>
      <div>
        estimate <b>{formatValue(mark.estimate)}</b>
      </div>
      <div>
        95% interval [{end(mark.low)}, {end(mark.high)}]
      </div>
      <div>{mark.significant ? 'significantly better than the baseline' : 'not significantly better than the baseline'}</div>
    </div>
  );
}

/**
 * The optimisation history: each completed trial's value by trial number,
 * the best so far as a step line, the baseline, failed, pruned and running
 * trials as ticks on the edges, infeasible trials as rings, and the
 * verification's re-measured candidates with their 95% intervals.
 */
export function HistoryChart({ study, trials, verification, metric, onSelectTrial }: HistoryChartProps) {
  const [chosen, setChosen] = useState(metric);
  useEffect(() => setChosen(metric), [metric]);
  const [log, setLog] = useState(false);
  const [zoom, setZoom] = useState<HistoryZoom | undefined>(undefined);
  // A zoom is in the units of one metric on one scale: another metric or scale starts from the whole history.
  useEffect(() => setZoom(undefined), [chosen, log]);
  const model = useMemo(() => historyModel(study, trials, verification, chosen), [study, trials, verification, chosen]);
  const metrics = useMemo(() => studyMetricNames(study), [study]);
  const title = `${model.choice.metric}${model.choice.direction ? ` (${model.choice.direction})` : ''}`;
  const draw = useCallback(
    (ctx: CanvasRenderingContext2D, frame: Frame) => drawHistory(ctx, frame, model, { log, zoom, onZoom: setZoom, trialCount: trials.length, title }),
    [model, log, zoom, trials.length, title],
  );
  const tooltip = (item: number) => {
    if (item >= trials.length) return <VerificationTooltip mark={model.verification[item - trials.length]} />;
    const t = trials[item];
    const value = valueOf(t, model.choice);
    return <TrialTooltip trial={t} lines={Number.isFinite(value) ? [[model.choice.metric, value]] : []} />;
  };
  const activate = (item: number) => onSelectTrial?.(item >= trials.length ? model.verification[item - trials.length].trial : trials[item].number);
  const empty = model.points.length === 0 && model.marks.length === 0;
  return (
    <div class="chart history-chart">
      <ChartControls>
        {metrics.length > 1 && <ChartSelect label="metric" value={model.choice.metric} options={metrics} onChange={setChosen} />}
        <ChartToggle label="log scale" checked={log && model.canLog} disabled={!model.canLog} title={model.canLog ? undefined : 'a log scale needs every value above 0'} onChange={setLog} />
        {zoom ? (
          <button type="button" onClick={() => setZoom(undefined)}>
            reset zoom
          </button>
        ) : (
          !empty && <span style={{ opacity: 0.7 }}>drag to zoom</span>
        )}
        {!empty && <ChartLegend entries={legendOf(model)} />}
      </ChartControls>
      {empty ? <ChartEmpty message="No trials with a value yet" height={HEIGHT} /> : <ChartSurface label={model.summary} height={HEIGHT} draw={draw} tooltip={tooltip} onActivate={activate} />}
    </div>
  );
}
