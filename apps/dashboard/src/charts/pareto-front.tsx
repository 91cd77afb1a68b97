import type { StudySummary, TrialRow } from '@attune/core/api/responses';
import { useCallback, useMemo, useState } from 'preact/hooks';
import { drawParetoPanel } from './pareto-draw';
import { objectivePairs, paretoModel, type ParetoModel } from './pareto-model';
import { ChartControls, ChartLegend, ChartSelect, ChartToggle, type LegendEntry } from './shared/chart-controls';
import { ChartEmpty } from './shared/chart-empty';
import { ChartSurface, type Frame } from './shared/chart-surface';
import { TrialTooltip } from './shared/trial-tooltip';

export interface ParetoFrontProps {
  readonly study: StudySummary;
  readonly trials: readonly TrialRow[];
  readonly onSelectTrial?: (number: number) => void;
}

type Front = Extract<ParetoModel, { kind: 'front' }>;

const HEIGHT = 360;
const PANEL_HEIGHT = 280;
/** Up to this many objectives, every pair can be shown at once (three panels for three, six for four). */
const MAX_ALL_PAIRS = 4;

function Panel({ model, a, b, height, trials, onSelectTrial }: { model: Front; a: number; b: number; height: number; trials: readonly TrialRow[]; onSelectTrial?: (n: number) => void }) {
  const draw = useCallback((ctx: CanvasRenderingContext2D, frame: Frame) => drawParetoPanel(ctx, frame, model, a, b), [model, a, b]);
  const byIndex = useMemo(() => new Map(model.points.map((p) => [p.index, p])), [model]);
  const tooltip = (index: number) => {
    const point = byIndex.get(index);
    const lines = model.objectives.map((o, k) => [o.metric, point ? point.values[k] : Number.NaN] as const);
    return <TrialTooltip trial={trials[index]} lines={[...lines, ['front', point?.onFront ? 'non-dominated' : 'dominated']]} />;
  };
  const label = `${model.objectives[a].metric} against ${model.objectives[b].metric}. ${model.summary}`;
  return <ChartSurface label={label} height={height} draw={draw} tooltip={tooltip} onActivate={(index) => onSelectTrial?.(trials[index].number)} />;
}

function legendOf(model: Front): LegendEntry[] {
  const entries: LegendEntry[] = [
    { label: `front (${model.frontSize})`, colour: '--chart-best', shape: 'dot' },
    { label: 'dominated', colour: '--chart-faded', shape: 'dot' },
  ];
  if (model.points.some((p) => !p.feasible)) entries.push({ label: 'infeasible', colour: '--chart-infeasible', shape: 'cross' });
  if (model.baseline) entries.push({ label: 'baseline', colour: '--chart-baseline', shape: 'ring' });
  return entries;
}

/**
 * The trials in objective space for a study with several objectives: two
 * objectives at a time, the non-dominated feasible front highlighted and
 * joined by the staircase it dominates, dominated trials faded, infeasible
 * ones as crosses, the baseline as a ring. For three (or four) objectives
 * every pair side by side, or one pair chosen by the selects.
 */
export function ParetoFront({ study, trials, onSelectTrial }: ParetoFrontProps) {
  const model = useMemo(() => paretoModel(study, trials), [study, trials]);
  const [pair, setPair] = useState<[number, number]>([0, 1]);
  const [allPairs, setAllPairs] = useState(true);
  if (model.kind === 'problem') return <ChartEmpty message={model.message} height={HEIGHT} />;
  const count = model.objectives.length;
  const names = model.objectives.map((o) => o.metric);
  const [a, b] = pair[0] < count && pair[1] < count && pair[0] !== pair[1] ? pair : [0, 1];
  const showAll = allPairs && count > 2 && count <= MAX_ALL_PAIRS;
  return (
    <div class="chart pareto-front">
      <ChartControls>
        {count > 2 && count <= MAX_ALL_PAIRS && <ChartToggle label="every pair" checked={showAll} onChange={setAllPairs} />}
        {count > 2 && !showAll && (
          <>
            <ChartSelect label="x" value={names[a]} options={names} onChange={(m) => setPair([names.indexOf(m), names.indexOf(m) === b ? a : b])} />
            <ChartSelect label="y" value={names[b]} options={names} onChange={(m) => setPair([names.indexOf(m) === a ? b : a, names.indexOf(m)])} />
          </>
        )}
        <ChartLegend entries={legendOf(model)} />
      </ChartControls>
      {showAll ? (
        <div role="group" aria-label={model.summary} style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(260px, 1fr))', gap: '8px' }}>
          {objectivePairs(count).map(([i, j]) => (
            <Panel key={`${i}-${j}`} model={model} a={i} b={j} height={PANEL_HEIGHT} trials={trials} onSelectTrial={onSelectTrial} />
          ))}
        </div>
      ) : (
        <Panel model={model} a={a} b={b} height={HEIGHT} trials={trials} onSelectTrial={onSelectTrial} />
      )}
    </div>
  );
}
