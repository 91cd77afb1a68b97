import type { StudySummary, TrialRow } from '@attune/core/api/responses';
import { formatValue } from '@attune/core/text/format-value';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { sampleGrid } from './contour-grid';
import { drawContour, surfaceItemAt } from './contour-draw';
import { contourModel, defaultContourAxes, type ContourModel } from './contour-model';
import { ChartControls, ChartLegend, ChartSelect } from './shared/chart-controls';
import { ChartEmpty } from './shared/chart-empty';
import { ChartSurface, type Frame } from './shared/chart-surface';
import { ColourBar } from './shared/colour-bar';
import { formatShort } from './shared/format-short';
import { studyMetricNames, valueOf } from './shared/objective';
import { fromUnit, categoryAt } from './shared/scale';
import { studyParameters } from './shared/study-parameters';
import { TrialTooltip } from './shared/trial-tooltip';
import { useElementWidth } from './shared/use-element-width';

export interface ContourPlotProps {
  readonly study: StudySummary;
  readonly trials: readonly TrialRow[];
  /** The metric to map; the study's (first) objective by default. The chart offers the others in a select. */
  readonly metric?: string;
  readonly onSelectTrial?: (number: number) => void;
}

const HEIGHT = 380;

type Surface = Extract<ContourModel, { kind: 'surface' }>;

function axisValue(axis: Surface['x'], u: number): string {
  return axis.scale.kind === 'categorical' ? String(categoryAt(axis.scale, u)) : formatValue(fromUnit(axis.scale, u));
}

function SurfaceTooltip({ model, u, v }: { model: Surface; u: number; v: number }) {
  const estimate = sampleGrid(model.grid, u, v);
  const support = sampleGrid(model.grid, u, v, model.grid.support);
  return (
    <div>
      <div>
        {model.x.parameter.name} = {axisValue(model.x, u)}, {model.y.parameter.name} = {axisValue(model.y, v)}
      </div>
      <div>
        {model.choice.metric} ≈ <b>{Number.isFinite(estimate) ? formatValue(estimate) : 'no estimate'}</b>
      </div>
      <div style={{ opacity: 0.8 }}>from about {support < 1 ? support.toFixed(1) : Math.round(support)} nearby trials</div>
    </div>
  );
}

/**
 * The objective over two parameters: a filled contour of a kernel-smoothed
 * surface fitted to the completed trials (see contour-grid.ts for the method
 * and why), faded where few trials support it, the trials as dots and the
 * best as a diamond. Hover the surface for its estimate there.
 */
export function ContourPlot({ study, trials, metric, onSelectTrial }: ContourPlotProps) {
  const parameters = useMemo(() => studyParameters(study.parameters, trials), [study, trials]);
  const defaults = defaultContourAxes(parameters);
  const [axes, setAxes] = useState<[string, string] | undefined>(defaults);
  const [chosen, setChosen] = useState(metric);
  useEffect(() => setChosen(metric), [metric]);
  const names = parameters.map((p) => p.name);
  // A choice the study no longer has (another study, edited parameters) falls back to the defaults.
  const [xName, yName] = axes && names.includes(axes[0]) && names.includes(axes[1]) ? axes : (defaults ?? ['', '']);
  const model = useMemo(() => contourModel(study, trials, xName, yName, chosen), [study, trials, xName, yName, chosen]);
  const metrics = useMemo(() => studyMetricNames(study), [study]);
  const box = useRef<HTMLDivElement>(null);
  const { width } = useElementWidth(box);
  const draw = useCallback((ctx: CanvasRenderingContext2D, frame: Frame) => (model.kind === 'surface' ? drawContour(ctx, frame, model) : undefined), [model]);
  const controls = (
    <ChartControls>
      {names.length >= 2 && <ChartSelect label="x" value={xName} options={names} onChange={(x) => setAxes([x, x === yName ? xName : yName])} />}
      {names.length >= 2 && <ChartSelect label="y" value={yName} options={names} onChange={(y) => setAxes([y === xName ? yName : xName, y])} />}
      {metrics.length > 1 && <ChartSelect label="metric" value={chosen ?? metrics[0]} options={metrics} onChange={setChosen} />}
      {model.kind === 'surface' && (
        <ColourBar
          title={model.choice.metric}
          start={`worse ${formatShort(model.choice.direction === 'maximize' ? model.grid.range[0] : model.grid.range[1])}`}
          end={`better ${formatShort(model.choice.direction === 'maximize' ? model.grid.range[1] : model.grid.range[0])}`}
        />
      )}
      {model.kind === 'surface' && model.best && <ChartLegend entries={[{ label: 'best trial', colour: '--chart-highlight', shape: 'diamond' }]} />}
    </ChartControls>
  );
  if (model.kind === 'problem') {
    return (
      <div class="chart contour-plot">
        {controls}
        <ChartEmpty message={model.message} height={HEIGHT} />
      </div>
    );
  }
  const tooltip = (item: number) => {
    if (item < 0) return <SurfaceTooltip model={model} {...surfaceItemAt(item, { width, height: HEIGHT })} />;
    return <TrialTooltip trial={trials[item]} lines={[[model.choice.metric, valueOf(trials[item], model.choice)]]} />;
  };
  return (
    <div class="chart contour-plot">
      {controls}
      <div ref={box}>
        <ChartSurface label={model.summary} height={HEIGHT} draw={draw} tooltip={tooltip} onActivate={(item) => item >= 0 && onSelectTrial?.(trials[item].number)} />
      </div>
    </div>
  );
}
