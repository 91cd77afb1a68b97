import type { ChartTheme } from './chart-theme';
import { brushFromUnits, brushUnits, type Brush, type Brushes, type ParallelModel } from './parallel-model';
import type { DrawnChart, Frame } from './shared/chart-surface';
import { paletteIndex, rampPalette } from './shared/color-ramp';
import { fitText } from './shared/draw-axes';
import { plotArea, unitAtY, yAt, type PlotArea } from './shared/plot-area';
import { scaleTicks } from './shared/scale';

const MARGINS = { top: 38, right: 36, bottom: 14, left: 44 };
/** Below this spacing between axes, their titles alternate between two rows. */
const STAGGER_BELOW = 120;
const BINS = 24;
const GRAB = 10;
const CLICK = 3;

/**
 * What the chart does when a brush is drawn or cleared (undefined: clear),
 * and the drag in progress, kept by the component: a drag outlives the draw
 * it started in, as every move redraws the brush.
 */
export interface BrushHandlers {
  readonly setBrush: (key: string, brush: Brush | undefined) => void;
  readonly drag: { current: { readonly axis: string; readonly y: number } | undefined };
}

export interface ParallelLayout {
  readonly area: PlotArea;
  readonly axisX: readonly number[];
}

/** Axes evenly spaced across the plot area (one axis alone in the middle). */
export function parallelLayout(width: number, height: number, axisCount: number): ParallelLayout {
  const area = plotArea(width, height, MARGINS);
  const axisX = Array.from({ length: axisCount }, (_, a) => (axisCount === 1 ? area.left + area.width / 2 : area.left + (a / (axisCount - 1)) * area.width));
  return { area, axisX };
}

/** A fixed spread of a line inside its category's band, so that lines through one category fan out instead of meeting in a point. */
function jitter(line: number, categories: number): number {
  const h = Math.imul(line ^ 0x9e3779b9, 0x85ebca6b) >>> 0;
  return ((h / 0xffffffff - 0.5) * 0.5) / categories;
}

/** The drawn unit position of line l on axis a (categorical axes jittered). */
function drawnUnit(model: ParallelModel, l: number, a: number): number {
  const u = model.units[l * model.axes.length + a];
  const scale = model.axes[a].scale;
  return scale.kind === 'categorical' ? u + jitter(l, scale.values.length) : u;
}

function traceLine(ctx: CanvasRenderingContext2D, model: ParallelModel, layout: ParallelLayout, l: number): void {
  let pen = false;
  for (let a = 0; a < model.axes.length; a++) {
    const u = drawnUnit(model, l, a);
    if (!Number.isFinite(u)) {
      pen = false;
      continue;
    }
    const y = yAt(layout.area, u);
    if (pen) ctx.lineTo(layout.axisX[a], y);
    else ctx.moveTo(layout.axisX[a], y);
    pen = true;
  }
}

/** The lines: those outside the brushes faded underneath, the others by colour bin, best on top, one path per bin. */
function drawLines(ctx: CanvasRenderingContext2D, model: ParallelModel, layout: ParallelLayout, theme: ChartTheme, inside: Uint8Array | undefined): void {
  const count = model.lines.length;
  const alpha = count > 3000 ? 0.22 : count > 300 ? 0.4 : 0.75;
  const palette = rampPalette(theme.ramp, BINS, alpha);
  const bins: number[][] = Array.from({ length: BINS + 1 }, () => []);
  for (let l = 0; l < count; l++) {
    if (inside && !inside[l]) bins[BINS].push(l);
    else bins[Number.isFinite(model.colours[l]) ? paletteIndex(model.colours[l], BINS) : 0].push(l);
  }
  ctx.lineWidth = 1;
  ctx.beginPath();
  for (const l of bins[BINS]) traceLine(ctx, model, layout, l);
  ctx.strokeStyle = theme.faded;
  ctx.stroke();
  for (let b = 0; b < BINS; b++) {
    if (bins[b].length === 0) continue;
    ctx.beginPath();
    for (const l of bins[b]) traceLine(ctx, model, layout, l);
    ctx.strokeStyle = palette[b];
    ctx.stroke();
  }
}

/** Text with a halo of the surface colour, legible over the lines. */
function haloText(ctx: CanvasRenderingContext2D, theme: ChartTheme, text: string, x: number, y: number): void {
  ctx.strokeStyle = theme.surface;
  ctx.lineWidth = 3;
  ctx.lineJoin = 'round';
  ctx.strokeText(text, x, y);
  ctx.fillText(text, x, y);
}

function drawAxis(ctx: CanvasRenderingContext2D, model: ParallelModel, layout: ParallelLayout, theme: ChartTheme, a: number, brush: Brush | undefined): void {
  const axis = model.axes[a];
  const x = Math.round(layout.axisX[a]) + 0.5;
  const { area } = layout;
  const spacing = model.axes.length > 1 ? area.width / (model.axes.length - 1) : area.width;
  if (brush) {
    const [low, high] = brushUnits(brush, axis.scale);
    ctx.fillStyle = theme.highlight;
    ctx.globalAlpha = 0.28;
    ctx.fillRect(x - 7, yAt(area, high), 14, yAt(area, low) - yAt(area, high));
    ctx.globalAlpha = 1;
    ctx.strokeStyle = theme.highlight;
    ctx.lineWidth = 1.5;
    ctx.strokeRect(x - 7, yAt(area, high), 14, yAt(area, low) - yAt(area, high));
  }
  ctx.strokeStyle = theme.axis;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(x, area.top);
  ctx.lineTo(x, area.top + area.height);
  ctx.stroke();
  ctx.fillStyle = theme.textMuted;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of scaleTicks(axis.scale, Math.max(2, Math.floor(area.height / 50)))) {
    const y = yAt(area, t.unit);
    ctx.fillRect(x - 3, Math.round(y), 3, 1);
    haloText(ctx, theme, fitText(ctx, t.label, Math.min(60, spacing - 12)), x - 5, y);
  }
  ctx.fillStyle = theme.text;
  ctx.font = axis.kind === 'objective' ? `600 ${theme.font}` : theme.font;
  ctx.textAlign = a === 0 && model.axes.length > 1 ? 'left' : a === model.axes.length - 1 && model.axes.length > 1 ? 'right' : 'center';
  const labelX = ctx.textAlign === 'left' ? x - 20 : ctx.textAlign === 'right' ? x + 20 : x;
  ctx.textBaseline = 'bottom';
  const staggered = spacing < STAGGER_BELOW;
  const row = staggered && a % 2 === 1 ? 1 : 0;
  ctx.fillText(fitText(ctx, axis.label, Math.max(30, (staggered ? 2 : 1) * spacing - 10)), labelX, area.top - 10 - row * 14);
  ctx.font = theme.font;
}

/** The line nearest (x, y) between the two axes around x, within `radius` pixels. */
function nearestLine(model: ParallelModel, layout: ParallelLayout, inside: Uint8Array | undefined, x: number, y: number, radius: number): number | undefined {
  const n = model.axes.length;
  if (n === 0) return undefined;
  let a = 0;
  while (a < n - 2 && x > layout.axisX[a + 1]) a++;
  const [x0, x1] = n === 1 ? [layout.axisX[0], layout.axisX[0]] : [layout.axisX[a], layout.axisX[a + 1]];
  const f = x1 === x0 ? 0 : Math.min(1, Math.max(0, (x - x0) / (x1 - x0)));
  let best: number | undefined;
  let bestDistance = radius;
  for (let l = 0; l < model.lines.length; l++) {
    if (inside && !inside[l]) continue;
    const u0 = drawnUnit(model, l, a);
    const u1 = n === 1 ? u0 : drawnUnit(model, l, a + 1);
    if (!(Number.isFinite(u0) && Number.isFinite(u1))) continue;
    const d = Math.abs(yAt(layout.area, u0 + (u1 - u0) * f) - y);
    if (d <= bestDistance) [best, bestDistance] = [l, d];
  }
  return best;
}

function axisNear(layout: ParallelLayout, x: number, y: number): number | undefined {
  const { area } = layout;
  if (y < area.top - GRAB || y > area.top + area.height + GRAB) return undefined;
  const a = layout.axisX.findIndex((ax) => Math.abs(ax - x) <= GRAB);
  return a >= 0 ? a : undefined;
}

/** Draws the chart; hover picks lines (by index into model.lines), a drag on an axis brushes it, a click on an axis clears its brush. */
export function drawParallel(ctx: CanvasRenderingContext2D, frame: Frame, model: ParallelModel, brushes: Brushes, inside: Uint8Array | undefined, handlers: BrushHandlers): DrawnChart {
  const layout = parallelLayout(frame.width, frame.height, model.axes.length);
  const { theme } = frame;
  ctx.font = theme.font;
  drawLines(ctx, model, layout, theme, inside);
  model.axes.forEach((axis, a) => drawAxis(ctx, model, layout, theme, a, brushes.get(axis.key)));
  const { drag } = handlers;
  const unit = (y: number) => Math.min(1, Math.max(0, unitAtY(layout.area, y)));
  const brushTo = (y: number, moved: boolean) => {
    const axis = model.axes.find((ax) => ax.key === drag.current?.axis);
    if (axis && drag.current) handlers.setBrush(axis.key, moved ? brushFromUnits(axis.scale, unit(drag.current.y), unit(y)) : undefined);
  };
  return {
    pick: (x, y) => nearestLine(model, layout, inside, x, y, 5),
    highlight: (hl, l) => {
      hl.beginPath();
      traceLine(hl, model, layout, l);
      hl.strokeStyle = theme.highlight;
      hl.lineWidth = 2.5;
      hl.stroke();
    },
    pointerDown: (x, y) => {
      const a = axisNear(layout, x, y);
      if (a === undefined) return false;
      drag.current = { axis: model.axes[a].key, y };
      return true;
    },
    pointerMove: (_x, y) => {
      if (drag.current && Math.abs(y - drag.current.y) >= CLICK) brushTo(y, true);
    },
    pointerUp: (_x, y) => {
      if (drag.current) brushTo(y, Math.abs(y - drag.current.y) >= CLICK);
      drag.current = undefined;
      return true;
    },
  };
}
