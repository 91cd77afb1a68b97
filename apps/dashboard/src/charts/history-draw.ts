import { formatValue } from '@attune/core/text/format-value';
import type { HistoryModel } from './history-model';
import type { DrawnChart, Frame } from './shared/chart-surface';
import { clipTo, drawAxes } from './shared/draw-axes';
import { addCircle, strokeRing, addDiamond, dotFor } from './shared/markers';
import { contains, plotArea, unitAtX, unitAtY, xAt, yAt, type PlotArea } from './shared/plot-area';
import { PointIndex } from './shared/point-index';
import { fromUnit, numericScale, paddedScale, toUnit, type NumericScale } from './shared/scale';

/** The part of the history in view after a drag: trial numbers and values. */
export interface HistoryZoom {
  readonly x: readonly [number, number];
  readonly y: readonly [number, number];
}

/** How the draw is asked for: the scale of y, the zoom, and what a drag that zooms calls. */
export interface HistoryView {
  readonly log: boolean;
  readonly zoom?: HistoryZoom;
  readonly onZoom: (zoom: HistoryZoom) => void;
  readonly trialCount: number;
  readonly title: string;
}

/** A drag narrower than this (in pixels) does not zoom that axis. */
const ZOOM_MIN = 6;

const MARGINS = { top: 12, right: 16, bottom: 40, left: 60 };
const RADIUS = 2.5;
/** Smaller points for a crowded history, so that the shape of the cloud still shows. */
const radiusFor = (count: number) => (count > 2000 ? 2 : count > 200 ? RADIUS : 3.5);
const TICK = { failed: 7, pruned: 5, running: 5 } as const;

interface Layout {
  readonly area: PlotArea;
  readonly x: (n: number) => number;
  readonly y: (v: number) => number;
}

function layoutOf(frame: Frame, model: HistoryModel, view: HistoryView): Layout & { xScale: NumericScale; yScale: NumericScale } {
  const area = plotArea(frame.width, frame.height, MARGINS);
  const [x0, x1] = model.xRange;
  const pad = Math.max(0.5, (x1 - x0) * 0.01);
  const log = view.log && model.canLog;
  const { zoom } = view;
  const xScale = zoom ? numericScale(zoom.x[0], zoom.x[1]) : numericScale(x0 - pad, x1 + pad);
  const yScale = zoom ? numericScale(zoom.y[0], zoom.y[1], log) : paddedScale(model.yRange ?? [0, 1], log);
  return { area, xScale, yScale, x: (n) => xAt(area, toUnit(xScale, n)), y: (v) => yAt(area, toUnit(yScale, v)) };
}

function drawPoints(ctx: CanvasRenderingContext2D, model: HistoryModel, l: Layout, frame: Frame): void {
  const r = radiusFor(model.points.length);
  ctx.beginPath();
  const dot = dotFor(model.points.length);
  for (const p of model.points) if (p.feasible) dot(ctx, l.x(p.number), l.y(p.value), r);
  ctx.globalAlpha = 0.7;
  ctx.fillStyle = frame.theme.point;
  ctx.fill();
  ctx.globalAlpha = 1;
  ctx.beginPath();
  for (const p of model.points) if (!p.feasible) addCircle(ctx, l.x(p.number), l.y(p.value), r + 0.5);
  ctx.strokeStyle = frame.theme.infeasible;
  ctx.lineWidth = 1.2;
  ctx.stroke();
}

function drawBest(ctx: CanvasRenderingContext2D, model: HistoryModel, l: Layout, frame: Frame): void {
  if (model.best.length === 0) return;
  ctx.beginPath();
  model.best.forEach((s, i) => {
    const x = l.x(s.number);
    if (i === 0) ctx.moveTo(x, l.y(s.value));
    else ctx.lineTo(x, l.y(model.best[i - 1].value)), ctx.lineTo(x, l.y(s.value));
  });
  ctx.lineTo(l.x(model.xRange[1]), l.y(model.best.at(-1)!.value));
  ctx.strokeStyle = frame.theme.best;
  ctx.lineWidth = 2;
  ctx.stroke();
}

function drawBaseline(ctx: CanvasRenderingContext2D, model: HistoryModel, l: Layout, frame: Frame): void {
  if (model.baseline === undefined) return;
  const y = Math.round(l.y(model.baseline)) + 0.5;
  ctx.setLineDash([6, 4]);
  ctx.strokeStyle = frame.theme.baseline;
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(l.area.left, y);
  ctx.lineTo(l.area.left + l.area.width, y);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.font = frame.theme.font;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  const label = `baseline ${formatValue(model.baseline)}`;
  const right = l.area.left + l.area.width - 4;
  // On a backing of the surface colour, so that the label stays legible over a dense cloud.
  ctx.fillStyle = frame.theme.surface;
  ctx.globalAlpha = 0.85;
  ctx.fillRect(right - ctx.measureText(label).width - 3, y - 16, ctx.measureText(label).width + 6, 14);
  ctx.globalAlpha = 1;
  ctx.fillStyle = frame.theme.baseline;
  ctx.fillText(label, right, y - 3);
}

function drawMarks(ctx: CanvasRenderingContext2D, model: HistoryModel, l: Layout, frame: Frame): void {
  const bottom = l.area.top + l.area.height;
  const colour = { failed: frame.theme.failed, pruned: frame.theme.pruned, running: frame.theme.running };
  ctx.lineWidth = 1;
  for (const kind of ['pruned', 'failed', 'running'] as const) {
    ctx.beginPath();
    for (const m of model.marks) {
      if (m.kind !== kind) continue;
      const x = Math.round(l.x(m.number)) + 0.5;
      if (kind === 'running') ctx.moveTo(x, l.area.top), ctx.lineTo(x, l.area.top + TICK.running);
      else ctx.moveTo(x, bottom), ctx.lineTo(x, bottom - TICK[kind]);
    }
    ctx.strokeStyle = colour[kind];
    ctx.stroke();
  }
}

/** Intervals as whiskers with caps, the estimate as a diamond (filled when significant); an unbounded end runs off the frame. */
function drawVerification(ctx: CanvasRenderingContext2D, model: HistoryModel, l: Layout, frame: Frame): void {
  const top = l.area.top - 2;
  const bottom = l.area.top + l.area.height + 2;
  const clampY = (v: number) => (v === Infinity ? top : v === -Infinity ? bottom : Math.min(bottom, Math.max(top, l.y(v))));
  ctx.strokeStyle = frame.theme.verification;
  ctx.fillStyle = frame.theme.verification;
  for (const v of model.verification) {
    const x = l.x(v.trial) + 5;
    const [y1, y2] = [clampY(v.low), clampY(v.high)];
    ctx.lineWidth = v.winner ? 2.5 : 1.5;
    ctx.beginPath();
    ctx.moveTo(x, y1);
    ctx.lineTo(x, y2);
    if (Number.isFinite(v.low)) ctx.moveTo(x - 4, y1), ctx.lineTo(x + 4, y1);
    if (Number.isFinite(v.high)) ctx.moveTo(x - 4, y2), ctx.lineTo(x + 4, y2);
    ctx.stroke();
    ctx.beginPath();
    addDiamond(ctx, x, l.y(v.estimate), v.winner ? 6 : 4.5);
    if (v.significant) ctx.fill();
    ctx.lineWidth = 1.5;
    ctx.stroke();
  }
}

/** Everything hoverable, by pixel: trials by their index, verification marks after them (trials.length + k). */
function indexOf(model: HistoryModel, l: Layout, trialCount: number): PointIndex {
  const xs: number[] = [];
  const ys: number[] = [];
  const ids: number[] = [];
  const bottom = l.area.top + l.area.height;
  for (const p of model.points) xs.push(l.x(p.number)), ys.push(l.y(p.value)), ids.push(p.index);
  for (const m of model.marks) xs.push(l.x(m.number)), ys.push(m.kind === 'running' ? l.area.top + 3 : bottom - 3), ids.push(m.index);
  model.verification.forEach((v, k) => (xs.push(l.x(v.trial) + 5), ys.push(l.y(v.estimate)), ids.push(trialCount + k)));
  return new PointIndex(xs, ys, ids);
}

/** Draws the history; returns the hover lookup, the highlight and the zoom by drag for the same layout. */
export function drawHistory(ctx: CanvasRenderingContext2D, frame: Frame, model: HistoryModel, view: HistoryView): DrawnChart {
  const l = layoutOf(frame, model, view);
  drawAxes(ctx, l.area, { x: l.xScale, y: l.yScale, xTitle: 'trial', yTitle: view.title }, frame.theme);
  ctx.save();
  clipTo(ctx, l.area, RADIUS + 1);
  drawPoints(ctx, model, l, frame);
  drawBaseline(ctx, model, l, frame);
  drawBest(ctx, model, l, frame);
  ctx.restore();
  ctx.save();
  clipTo(ctx, l.area, 3);
  drawMarks(ctx, model, l, frame);
  drawVerification(ctx, model, l, frame);
  ctx.restore();
  const index = indexOf(model, l, view.trialCount);
  return {
    pick: (x, y) => (contains(l.area, x, y, 8) ? index.nearest(x, y, 8) : undefined),
    ...zoomDrag(l, view, frame),
    highlight: (hl, item) => {
      const at = index.locate(item);
      if (!at) return;
      strokeRing(hl, at, 5, frame.theme.highlight);
    },
  };
}

/** Drag a box to zoom into it (only across when it is flat, only up and down when it is narrow); a press without a drag stays a click. */
function zoomDrag(l: Layout & { xScale: NumericScale; yScale: NumericScale }, view: HistoryView, frame: Frame): Pick<DrawnChart, 'pointerDown' | 'pointerMove' | 'pointerUp'> {
  let start: { x: number; y: number } | undefined;
  const clampX = (x: number) => Math.min(l.area.left + l.area.width, Math.max(l.area.left, x));
  const clampY = (y: number) => Math.min(l.area.top + l.area.height, Math.max(l.area.top, y));
  return {
    pointerDown: (x, y) => {
      start = contains(l.area, x, y) ? { x, y } : undefined;
      return start !== undefined;
    },
    pointerMove: (x, y, overlay) => {
      if (!start) return;
      overlay.clearRect(0, 0, frame.width, frame.height);
      const [x0, x1] = [start.x, clampX(x)].sort((a, b) => a - b);
      const wide = x1 - x0 >= ZOOM_MIN;
      const tall = Math.abs(clampY(y) - start.y) >= ZOOM_MIN;
      const [y0, y1] = tall ? [start.y, clampY(y)].sort((a, b) => a - b) : [l.area.top, l.area.top + l.area.height];
      overlay.fillStyle = frame.theme.highlight;
      overlay.globalAlpha = 0.15;
      overlay.fillRect(wide ? x0 : l.area.left, y0, wide ? x1 - x0 : l.area.width, y1 - y0);
      overlay.globalAlpha = 1;
    },
    pointerUp: (x, y) => {
      if (!start) return false;
      const [x0, x1] = [start.x, clampX(x)].sort((a, b) => a - b);
      const [y0, y1] = [start.y, clampY(y)].sort((a, b) => a - b);
      start = undefined;
      const wide = x1 - x0 >= ZOOM_MIN;
      const tall = y1 - y0 >= ZOOM_MIN;
      if (!wide && !tall) return false;
      const xs = wide ? [x0, x1].map((px) => fromUnit(l.xScale, unitAtX(l.area, px))) : [l.xScale.min, l.xScale.max];
      const ys = tall ? [y1, y0].map((py) => fromUnit(l.yScale, unitAtY(l.area, py))) : [l.yScale.min, l.yScale.max];
      view.onZoom({ x: [xs[0], xs[1]], y: [ys[0], ys[1]] });
      return true;
    },
  };
}
