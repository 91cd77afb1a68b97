import { formatValue } from '@attune/core/text/format-value';
import type { HistoryModel } from './history-model';
import type { DrawnChart, Frame } from './shared/chart-surface';
import { clipTo, drawAxes } from './shared/draw-axes';
import { addCircle, addDiamond } from './shared/markers';
import { plotArea, xAt, yAt, type PlotArea } from './shared/plot-area';
import { PointIndex } from './shared/point-index';
import { numericScale, paddedScale, toUnit, type NumericScale } from './shared/scale';

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

function layoutOf(frame: Frame, model: HistoryModel, log: boolean): Layout & { xScale: NumericScale; yScale: NumericScale } {
  const area = plotArea(frame.width, frame.height, MARGINS);
  const [x0, x1] = model.xRange;
  const pad = Math.max(0.5, (x1 - x0) * 0.01);
  const xScale = numericScale(x0 - pad, x1 + pad);
  const yScale = paddedScale(model.yRange ?? [0, 1], log && model.canLog);
  return { area, xScale, yScale, x: (n) => xAt(area, toUnit(xScale, n)), y: (v) => yAt(area, toUnit(yScale, v)) };
}

function drawPoints(ctx: CanvasRenderingContext2D, model: HistoryModel, l: Layout, frame: Frame): void {
  const r = radiusFor(model.points.length);
  ctx.beginPath();
  for (const p of model.points) if (p.feasible) addCircle(ctx, l.x(p.number), l.y(p.value), r);
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

/** Draws the history; returns the hover lookup and highlight for the same layout. */
export function drawHistory(ctx: CanvasRenderingContext2D, frame: Frame, model: HistoryModel, log: boolean, trialCount: number, title: string): DrawnChart {
  const l = layoutOf(frame, model, log);
  drawAxes(ctx, l.area, { x: l.xScale, y: l.yScale, xTitle: 'trial', yTitle: title }, frame.theme);
  ctx.save();
  clipTo(ctx, l.area, RADIUS + 1);
  drawPoints(ctx, model, l, frame);
  drawBaseline(ctx, model, l, frame);
  drawBest(ctx, model, l, frame);
  ctx.restore();
  drawMarks(ctx, model, l, frame);
  ctx.save();
  clipTo(ctx, l.area, 3);
  drawVerification(ctx, model, l, frame);
  ctx.restore();
  const index = indexOf(model, l, trialCount);
  return {
    pick: (x, y) => index.nearest(x, y, 8),
    highlight: (hl, item) => {
      const at = index.locate(item);
      if (!at) return;
      hl.beginPath();
      addCircle(hl, at[0], at[1], 5);
      hl.strokeStyle = frame.theme.highlight;
      hl.lineWidth = 2;
      hl.stroke();
    },
  };
}
