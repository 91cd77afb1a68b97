import { CURVE_COLOURS, CURVE_KINDS, type CurveKind, type IntermediateModel } from './intermediate-model';
import type { DrawnChart, Frame } from './shared/chart-surface';
import { clipTo, drawAxes } from './shared/draw-axes';
import { addCircle, addCross, strokeRing } from './shared/markers';
import { contains, plotArea, xAt, yAt } from './shared/plot-area';
import { PointIndex } from './shared/point-index';
import { numericScale, paddedScale, toUnit } from './shared/scale';

/** How the draw is asked for: the scale of y and the value axis's title. */
export interface IntermediateView {
  readonly log: boolean;
  readonly title: string;
}

const MARGINS = { top: 12, right: 16, bottom: 40, left: 60 };
const CROSS = 3.5;
const HEAD = 3;

/** Finished curves recede behind the running ones; a crowd of them thins so that its shape still shows. */
function strokeOf(kind: CurveKind, count: number): { width: number; alpha: number } {
  if (kind === 'running') return { width: 2.5, alpha: 1 };
  const width = count > 200 ? 1 : 1.5;
  return { width, alpha: kind === 'complete' ? (count > 200 ? 0.45 : 0.7) : 0.6 };
}

/** The pixel position of every point of the model, in its flat order. */
function pixelsOf(frame: Frame, model: IntermediateModel, view: IntermediateView) {
  const area = plotArea(frame.width, frame.height, MARGINS);
  const [x0, x1] = model.xRange;
  const pad = (x1 - x0) * 0.02;
  const xScale = numericScale(x0 - pad, x1 + pad);
  const yScale = paddedScale(model.yRange ?? [0, 1], view.log && model.canLog);
  const px = new Float64Array(model.steps.length);
  const py = new Float64Array(model.steps.length);
  for (let i = 0; i < px.length; i++) (px[i] = xAt(area, toUnit(xScale, model.steps[i]))), (py[i] = yAt(area, toUnit(yScale, model.values[i])));
  return { area, xScale, yScale, px, py };
}

/** One path per kind, so 1,000 curves are five strokes, not 1,000. */
function drawCurves(ctx: CanvasRenderingContext2D, frame: Frame, model: IntermediateModel, px: Float64Array, py: Float64Array): void {
  ctx.lineJoin = 'round';
  for (const kind of CURVE_KINDS) {
    ctx.beginPath();
    const dots = new Path2D();
    for (const line of model.lines) {
      if (line.kind !== kind) continue;
      ctx.moveTo(px[line.start], py[line.start]);
      for (let i = line.start + 1; i < line.end; i++) ctx.lineTo(px[i], py[i]);
      // A curve of one step has no segment to stroke: a dot shows it.
      if (line.end - line.start === 1) dots.arc(px[line.start], py[line.start], 2, 0, 2 * Math.PI), dots.closePath();
    }
    const { width, alpha } = strokeOf(kind, model.lines.length);
    const colour = frame.theme[CURVE_COLOURS[kind]];
    if (kind === 'running') {
      // A halo of the background sets the running curves off the crowd of finished ones in a similar hue.
      ctx.globalAlpha = 0.85;
      ctx.strokeStyle = frame.theme.surface;
      ctx.lineWidth = width + 3;
      ctx.stroke();
    }
    ctx.globalAlpha = alpha;
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    ctx.stroke();
    ctx.fillStyle = colour;
    ctx.fill(dots);
  }
  ctx.globalAlpha = 1;
}

/** A pruned curve ends with a cross where it was stopped; a running curve's latest step is a dot. */
function drawEnds(ctx: CanvasRenderingContext2D, frame: Frame, model: IntermediateModel, px: Float64Array, py: Float64Array): void {
  ctx.beginPath();
  for (const line of model.lines) if (line.kind === 'pruned') addCross(ctx, px[line.end - 1], py[line.end - 1], CROSS);
  ctx.strokeStyle = frame.theme.pruned;
  ctx.lineWidth = 1.5;
  ctx.stroke();
  ctx.beginPath();
  for (const line of model.lines) if (line.kind === 'running') addCircle(ctx, px[line.end - 1], py[line.end - 1], HEAD);
  ctx.fillStyle = frame.theme.running;
  ctx.fill();
}

/** Draws the curves; returns the hover lookup (items are points, in the model's flat order) and the highlight of a point's whole curve. */
export function drawIntermediate(ctx: CanvasRenderingContext2D, frame: Frame, model: IntermediateModel, view: IntermediateView): DrawnChart {
  const { area, xScale, yScale, px, py } = pixelsOf(frame, model, view);
  drawAxes(ctx, area, { x: xScale, y: yScale, xTitle: 'step', yTitle: view.title }, frame.theme);
  ctx.save();
  clipTo(ctx, area, CROSS + 1);
  drawCurves(ctx, frame, model, px, py);
  drawEnds(ctx, frame, model, px, py);
  ctx.restore();
  const ids = Int32Array.from({ length: px.length }, (_, i) => i);
  const index = new PointIndex(px, py, ids);
  return {
    pick: (x, y) => (contains(area, x, y, 8) ? index.nearest(x, y, 10) : undefined),
    highlight: (hl, item) => {
      const line = model.lines[model.lineOf[item]];
      if (!line) return;
      hl.beginPath();
      hl.moveTo(px[line.start], py[line.start]);
      for (let i = line.start + 1; i < line.end; i++) hl.lineTo(px[i], py[i]);
      hl.strokeStyle = frame.theme.highlight;
      hl.lineWidth = 2.5;
      hl.lineJoin = 'round';
      hl.stroke();
      strokeRing(hl, [px[item], py[item]], 5, frame.theme.highlight);
    },
  };
}
