import type { ChartTheme } from './chart-theme';
import { pairStaircase, type ParetoModel } from './pareto-model';
import type { DrawnChart, Frame } from './shared/chart-surface';
import { clipTo, drawAxes } from './shared/draw-axes';
import { addCircle, strokeRing, addCross, dotFor } from './shared/markers';
import { plotArea, xAt, yAt, type PlotArea } from './shared/plot-area';
import { PointIndex } from './shared/point-index';
import { extent, paddedScale, toUnit, type NumericScale } from './shared/scale';

type Front = Extract<ParetoModel, { kind: 'front' }>;

const MARGINS = { top: 12, right: 14, bottom: 40, left: 60 };

function axisScale(model: Front, k: number): NumericScale {
  const values = model.points.map((p) => p.values[k]);
  if (model.baseline) values.push(model.baseline[k]);
  return paddedScale(extent(values) ?? [0, 1], false);
}

function title(model: Front, k: number): string {
  const o = model.objectives[k];
  return `${o.metric} (${o.direction})`;
}

/** "better" with an arrow toward the corner where both objectives improve. */
function drawBetterCorner(ctx: CanvasRenderingContext2D, model: Front, area: PlotArea, theme: ChartTheme, a: number, b: number): void {
  const right = model.objectives[a].direction === 'maximize';
  const up = model.objectives[b].direction === 'maximize';
  const arrow = up ? (right ? '↗' : '↖') : right ? '↘' : '↙';
  ctx.font = theme.font;
  ctx.fillStyle = theme.textMuted;
  ctx.textAlign = right ? 'right' : 'left';
  ctx.textBaseline = up ? 'top' : 'bottom';
  const x = right ? area.left + area.width - 6 : area.left + 6;
  const y = up ? area.top + 4 : area.top + area.height - 4;
  const text = right ? `better ${arrow}` : `${arrow} better`;
  const width = ctx.measureText(text).width;
  ctx.fillStyle = theme.surface;
  ctx.globalAlpha = 0.85;
  ctx.fillRect(right ? x - width - 3 : x - 3, up ? y - 2 : y - 14, width + 6, 16);
  ctx.globalAlpha = 1;
  ctx.fillStyle = theme.textMuted;
  ctx.fillText(text, x, y);
}

/** One pair of objectives: dominated trials faded, infeasible ones as crosses, the front on top joined by its staircase, the baseline as a ring. */
export function drawParetoPanel(ctx: CanvasRenderingContext2D, frame: Frame, model: Front, a: number, b: number): DrawnChart {
  const { theme } = frame;
  const area = plotArea(frame.width, frame.height, MARGINS);
  const [sx, sy] = [axisScale(model, a), axisScale(model, b)];
  const px = (v: number) => xAt(area, toUnit(sx, v));
  const py = (v: number) => yAt(area, toUnit(sy, v));
  drawAxes(ctx, area, { x: sx, y: sy, xTitle: title(model, a), yTitle: title(model, b) }, theme);
  const n = model.points.length;
  const r = n > 2000 ? 2 : 3;
  const xs = model.points.map((p) => px(p.values[a]));
  const ys = model.points.map((p) => py(p.values[b]));
  ctx.save();
  clipTo(ctx, area, 4);
  ctx.beginPath();
  const dot = dotFor(n);
  model.points.forEach((p, i) => p.feasible && !p.onFront && dot(ctx, xs[i], ys[i], r));
  ctx.fillStyle = theme.faded;
  ctx.fill();
  ctx.beginPath();
  model.points.forEach((p, i) => !p.feasible && addCross(ctx, xs[i], ys[i], r));
  ctx.strokeStyle = theme.infeasible;
  ctx.globalAlpha = 0.55;
  ctx.lineWidth = 1;
  ctx.stroke();
  ctx.globalAlpha = 1;
  const stairs = pairStaircase(model, a, b);
  ctx.beginPath();
  stairs.forEach(([x, y], i) => (i === 0 ? ctx.moveTo(px(x), py(y)) : ctx.lineTo(px(x), py(y))));
  ctx.strokeStyle = theme.best;
  ctx.lineWidth = 1.5;
  ctx.stroke();
  ctx.beginPath();
  model.points.forEach((p, i) => p.onFront && addCircle(ctx, xs[i], ys[i], r + 1.5));
  ctx.fillStyle = theme.best;
  ctx.fill();
  ctx.strokeStyle = theme.surface;
  ctx.lineWidth = 1;
  ctx.stroke();
  if (model.baseline) {
    ctx.beginPath();
    addCircle(ctx, px(model.baseline[a]), py(model.baseline[b]), 6);
    ctx.strokeStyle = theme.baseline;
    ctx.lineWidth = 2;
    ctx.stroke();
  }
  ctx.restore();
  drawBetterCorner(ctx, model, area, theme, a, b);
  // Front trials last, so that they win the hover over the faded ones underneath.
  const order = model.points.map((_, i) => i).sort((i, j) => Number(model.points[i].onFront) - Number(model.points[j].onFront));
  const index = new PointIndex(
    order.map((i) => xs[i]),
    order.map((i) => ys[i]),
    order.map((i) => model.points[i].index),
  );
  return {
    pick: (x, y) => index.nearest(x, y, 7),
    highlight: (hl, item) => {
      const at = index.locate(item);
      if (!at) return;
      strokeRing(hl, at, 6, theme.highlight);
    },
  };
}
