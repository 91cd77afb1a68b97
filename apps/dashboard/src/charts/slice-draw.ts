import type { SliceModel, SlicePanel } from './slice-model';
import type { DrawnChart, Frame } from './shared/chart-surface';
import { paletteIndex, rampPalette } from './shared/color-ramp';
import { clipTo, drawAxes, fitText } from './shared/draw-axes';
import { addCircle, strokeRing, dotFor } from './shared/markers';
import { plotArea, xAt, yAt } from './shared/plot-area';
import { PointIndex } from './shared/point-index';
import { paddedScale, toUnit } from './shared/scale';

const MARGINS = { top: 22, right: 10, bottom: 24, left: 50 };
const BINS = 16;

/** One parameter's scatter: points coloured by trial order (newest on top), infeasible ones as faint rings; hover picks trials by index. */
export function drawSlice(ctx: CanvasRenderingContext2D, frame: Frame, model: SliceModel, panel: SlicePanel, log: boolean): DrawnChart {
  const { theme } = frame;
  const area = plotArea(frame.width, frame.height, MARGINS);
  const yScale = paddedScale(model.yRange ?? [0, 1], log && model.canLog);
  drawAxes(ctx, area, { x: panel.scale, y: yScale }, theme);
  ctx.font = `600 ${theme.font}`;
  ctx.fillStyle = theme.text;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  const kind = panel.scale.kind === 'log' ? ' (log)' : '';
  ctx.fillText(fitText(ctx, `${panel.parameter.name}${kind}`, frame.width - 8), 4, 4);
  const n = panel.points.length;
  const r = n > 2000 ? 1.8 : n > 200 ? 2.4 : 3.2;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  const ids = new Int32Array(n);
  const bins: number[][] = Array.from({ length: BINS }, () => []);
  const rings: number[] = [];
  panel.points.forEach((p, i) => {
    xs[i] = xAt(area, p.x);
    ys[i] = yAt(area, toUnit(yScale, p.value));
    ids[i] = p.index;
    if (p.feasible) bins[paletteIndex(p.age, BINS)].push(i);
    else rings.push(i);
  });
  ctx.save();
  clipTo(ctx, area, r);
  // Infeasible trials underneath and faint: they say where not to go, the feasible ones what the objective does.
  ctx.beginPath();
  for (const i of rings) addCircle(ctx, xs[i], ys[i], r + 0.5);
  ctx.strokeStyle = theme.infeasible;
  ctx.globalAlpha = 0.45;
  ctx.lineWidth = 1;
  ctx.stroke();
  ctx.globalAlpha = 1;
  const palette = rampPalette(theme.ramp, BINS, n > 2000 ? 0.55 : 0.8);
  const dot = dotFor(n);
  bins.forEach((bin, b) => {
    if (bin.length === 0) return;
    ctx.beginPath();
    for (const i of bin) dot(ctx, xs[i], ys[i], r);
    ctx.fillStyle = palette[b];
    ctx.fill();
  });
  ctx.restore();
  const index = new PointIndex(xs, ys, ids);
  return {
    pick: (x, y) => index.nearest(x, y, 7),
    highlight: (hl, item) => {
      const at = index.locate(item);
      if (!at) return;
      strokeRing(hl, at, r + 3, theme.highlight);
    },
  };
}
