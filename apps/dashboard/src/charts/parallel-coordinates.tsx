import type { StudySummary, TrialRow } from '@attune/core/api/responses';
import { formatValue } from '@attune/core/text/format-value';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { drawParallel, parallelLayout, type BrushHandlers } from './parallel-draw';
import { brushedLines, brushedTrials, brushUnits, keyedBrush, parallelModel, type Brush, type BrushKey, type ParallelAxis } from './parallel-model';
import { ChartControls } from './shared/chart-controls';
import { ChartEmpty } from './shared/chart-empty';
import { ChartSurface, type Frame } from './shared/chart-surface';
import { ColourBar } from './shared/colour-bar';
import { formatShort } from './shared/format-short';
import { rampLabels } from './shared/objective-colours';
import { valueOf } from './shared/objective';
import { TrialTooltip } from './shared/trial-tooltip';
import { useElementWidth } from './shared/use-element-width';

export interface ParallelCoordinatesProps {
  readonly study: StudySummary;
  readonly trials: readonly TrialRow[];
  /** The trials inside every brush, by number, whenever the brushes change; undefined once none is left. */
  readonly onBrush?: (numbers: ReadonlySet<number> | undefined) => void;
  readonly onSelectTrial?: (number: number) => void;
}

const HEIGHT = 340;

const KEYS: Readonly<Record<string, BrushKey>> = { ArrowUp: 'up', ArrowDown: 'down', Escape: 'clear', Delete: 'clear', Backspace: 'clear' };

function brushText(axis: ParallelAxis, brush: Brush | undefined): string {
  if (!brush) return 'no brush';
  if (axis.scale.kind !== 'categorical') return `brushed from ${formatValue(brush.low)} to ${formatValue(brush.high)}`;
  const [low, high] = brushUnits(brush, axis.scale);
  const n = axis.scale.values.length;
  const chosen = axis.scale.values.filter((_, i) => (i + 0.5) / n >= low && (i + 0.5) / n <= high);
  return chosen.length > 0 ? `brushed to ${chosen.map(String).join(', ')}` : 'brushed to no category';
}

/**
 * Focusable handles over the axes, for brushing by keyboard: arrows move a
 * brush (the first press sets one), Shift+arrows widen and narrow it,
 * Escape or Delete clears it. Invisible until focused; the pointer passes
 * through them to the canvas.
 */
function AxisHandles({ axes, brushes, width, onKey }: { axes: readonly ParallelAxis[]; brushes: ReadonlyMap<string, Brush>; width: number; onKey: (axis: ParallelAxis, key: BrushKey) => void }) {
  const { area, axisX } = parallelLayout(width, HEIGHT, axes.length);
  return (
    <>
      {axes.map((axis, a) => (
        <button
          key={axis.key}
          type="button"
          aria-label={`${axis.label} axis: ${brushText(axis, brushes.get(axis.key))}. Arrow keys move a brush, Shift with arrows resizes it, Escape clears it.`}
          onKeyDown={(e) => {
            const key = e.shiftKey && e.key === 'ArrowUp' ? 'grow' : e.shiftKey && e.key === 'ArrowDown' ? 'shrink' : KEYS[e.key];
            if (!key) return;
            e.preventDefault();
            onKey(axis, key);
          }}
          style={{ position: 'absolute', left: `${axisX[a] - 9}px`, top: `${area.top}px`, width: '18px', height: `${area.height}px`, padding: 0, border: 0, background: 'transparent', pointerEvents: 'none' }}
        />
      ))}
    </>
  );
}

/**
 * Parallel coordinates: an axis per parameter (log and categorical ones as
 * their parameters are searched) and per objective, a line per completed
 * trial coloured by the first objective (by rank: worst to best). Drag along
 * an axis to brush a range; brushes on several axes select the trials inside
 * all of them; click an axis to clear its brush.
 */
export function ParallelCoordinates({ study, trials, onBrush, onSelectTrial }: ParallelCoordinatesProps) {
  const model = useMemo(() => parallelModel(study, trials), [study, trials]);
  const [brushes, setBrushes] = useState<ReadonlyMap<string, Brush>>(new Map());
  const drag = useRef<BrushHandlers['drag']['current']>(undefined);
  const box = useRef<HTMLDivElement>(null);
  const { width } = useElementWidth(box);
  const setBrush = useCallback((key: string, brush: Brush | undefined) => {
    setBrushes((current) => {
      const next = new Map(current);
      if (brush) next.set(key, brush);
      else next.delete(key);
      return next;
    });
  }, []);
  const inside = useMemo(() => brushedLines(model, brushes), [model, brushes]);
  const selection = useMemo(() => brushedTrials(model, brushes, trials), [model, brushes, trials]);
  const reported = useRef(false);
  useEffect(() => {
    // Silent until the first brush; then every change, the last being undefined when the brushes are cleared.
    if (!selection && !reported.current) return;
    reported.current = selection !== undefined;
    onBrush?.(selection);
  }, [selection]);
  const draw = useCallback((ctx: CanvasRenderingContext2D, frame: Frame) => drawParallel(ctx, frame, model, brushes, inside, { setBrush, drag }), [model, brushes, inside, setBrush]);
  const labels = useMemo(() => rampLabels(model.colourValues, model.colourBy.direction ?? 'minimize'), [model]);
  if (model.lines.length === 0) return <ChartEmpty message="No completed trials yet" height={HEIGHT} />;
  const tooltip = (l: number) => {
    const t = trials[model.lines[l]];
    const lines = model.axes.flatMap((axis) => (axis.choice ? [[axis.choice.metric, valueOf(t, axis.choice)] as const] : [])).filter(([, v]) => Number.isFinite(v));
    return <TrialTooltip trial={t} lines={lines} />;
  };
  const selected = selection ? `${selection.size} of ${model.lines.length} trials selected` : 'drag along an axis to select';
  return (
    <div class="chart parallel-coordinates">
      <ChartControls>
        {labels && <ColourBar title={`${model.colourBy.metric} by rank:`} start={`worse ${formatShort(labels.worst)}`} middle={formatShort(labels.median)} end={`better ${formatShort(labels.best)}`} />}
        <span aria-live="polite">{selected}</span>
        {brushes.size > 0 && (
          <button type="button" onClick={() => setBrushes(new Map())}>
            clear brushes
          </button>
        )}
      </ChartControls>
      <div ref={box}>
        <ChartSurface label={`${model.summary} ${selected}.`} height={HEIGHT} draw={draw} tooltip={tooltip} onActivate={(l) => onSelectTrial?.(trials[model.lines[l]].number)}>
          <AxisHandles axes={model.axes} brushes={brushes} width={width} onKey={(axis, key) => setBrush(axis.key, keyedBrush(brushes.get(axis.key), axis.scale, key))} />
        </ChartSurface>
      </div>
    </div>
  );
}

