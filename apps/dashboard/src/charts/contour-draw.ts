import type { ChartTheme } from './chart-theme';
import { cellPosition, interpolate, type GridAxis } from './contour-grid';
import type { ContourModel } from './contour-model';
import type { DrawnChart, Frame } from './shared/chart-surface';
import { rampAt, type Rgb } from './shared/color-ramp';
import { drawAxes } from './shared/draw-axes';
import { addCircle, strokeRing, addDiamond, dotFor } from './shared/markers';
import { contains, plotArea, unitAtX, unitAtY, xAt, yAt, type PlotArea } from './shared/plot-area';
import { PointIndex } from './shared/point-index';

type Surface = Extract<ContourModel, { kind: 'surface' }>;

const MARGINS = { top: 10, right: 14, bottom: 40, left: 60 };
/** Colour bands of the filled contour. */
export const LEVELS = 12;
/** Hover on the surface, away from any trial: item −1 − (row · width + column). */
const SURFACE_ITEM = -1;

/** The colour position of a value: 0 at the worse end of the range, 1 at the better. */
export function towardBetter(model: Surface, value: number): number {
  const [min, max] = model.grid.range;
  const t = max > min ? (value - min) / (max - min) : 0.5;
  return model.choice.direction === 'maximize' ? t : 1 - t;
}

/** Where each pixel column (or row, from the top) falls between the grid's cells, computed once per draw. */
function pixelPositions(axis: GridAxis, pixels: number, fromTop: boolean): { i0: Int32Array; i1: Int32Array; f: Float64Array } {
  const [i0, i1, f] = [new Int32Array(pixels), new Int32Array(pixels), new Float64Array(pixels)];
  for (let p = 0; p < pixels; p++) [i0[p], i1[p], f[p]] = cellPosition(axis, fromTop ? 1 - (p + 0.5) / pixels : (p + 0.5) / pixels);
  return { i0, i1, f };
}

/**
 * The filled contour, one pixel per CSS pixel of the plot area: the surface
 * interpolated at each pixel (as `sampleGrid` does), cut into LEVELS bands
 * (band edges darkened into contour lines), faded where few trials support it.
 */
function surfaceImage(model: Surface, area: PlotArea, theme: ChartTheme): ImageData {
  const [w, h] = [Math.max(1, Math.round(area.width)), Math.max(1, Math.round(area.height))];
  const { grid } = model;
  const image = new ImageData(w, h);
  const data = image.data;
  const palette: Rgb[] = Array.from({ length: LEVELS }, (_, k) => rampAt(theme.ramp, k / (LEVELS - 1)));
  const bands = new Int16Array(w * h);
  const xs = pixelPositions(grid.x, w, false);
  const ys = pixelPositions(grid.y, h, true);
  const n = grid.x.cells;
  for (let py = 0; py < h; py++) {
    const [j0, j1, fy] = [ys.i0[py], ys.i1[py], ys.f[py]];
    for (let px = 0; px < w; px++) {
      const p = py * w + px;
      const value = interpolate(grid.values, n, xs.i0[px], xs.i1[px], xs.f[px], j0, j1, fy);
      if (!Number.isFinite(value)) {
        bands[p] = -1;
        continue;
      }
      const band = Math.min(LEVELS - 1, Math.floor(towardBetter(model, value) * LEVELS));
      bands[p] = band;
      const edge = (px > 0 && bands[p - 1] !== band && bands[p - 1] >= 0) || (py > 0 && bands[p - w] !== band && bands[p - w] >= 0);
      const shade = edge ? 0.82 : 1;
      const colour = palette[band];
      const support = interpolate(grid.support, n, xs.i0[px], xs.i1[px], xs.f[px], j0, j1, fy);
      data[p * 4] = colour[0] * shade;
      data[p * 4 + 1] = colour[1] * shade;
      data[p * 4 + 2] = colour[2] * shade;
      data[p * 4 + 3] = 255 * Math.min(1, 0.18 + 0.82 * support);
    }
  }
  return image;
}

function drawPoints(ctx: CanvasRenderingContext2D, model: Surface, area: PlotArea, theme: ChartTheme): PointIndex {
  const n = model.points.length;
  const xs = model.points.map((p) => xAt(area, p.u));
  const ys = model.points.map((p) => yAt(area, p.v));
  ctx.beginPath();
  const dot = dotFor(n);
  for (let i = 0; i < n; i++) dot(ctx, xs[i], ys[i], n > 2000 ? 1.1 : 2.2);
  ctx.fillStyle = theme.text;
  ctx.globalAlpha = n > 2000 ? 0.3 : 0.65;
  ctx.fill();
  ctx.globalAlpha = 1;
  if (model.best) {
    ctx.beginPath();
    addDiamond(ctx, xAt(area, model.best.u), yAt(area, model.best.v), 6);
    ctx.fillStyle = theme.highlight;
    ctx.fill();
    ctx.strokeStyle = theme.text;
    ctx.lineWidth = 1.2;
    ctx.stroke();
  }
  return new PointIndex(
    xs,
    ys,
    model.points.map((p) => p.index),
  );
}

/** The surface at a hover item (see SURFACE_ITEM): its unit position. */
export function surfaceItemAt(item: number, frame: { width: number; height: number }): { u: number; v: number } {
  const area = plotArea(frame.width, frame.height, MARGINS);
  const pixel = SURFACE_ITEM - item;
  const [x, y] = [pixel % frame.width, Math.floor(pixel / frame.width)];
  return { u: unitAtX(area, x), v: unitAtY(area, y) };
}

/** Draws the contour; hover picks a trial (by index), or elsewhere on the surface a negative item for the estimate there. */
export function drawContour(ctx: CanvasRenderingContext2D, frame: Frame, model: Surface): DrawnChart {
  const area = plotArea(frame.width, frame.height, MARGINS);
  const image = surfaceImage(model, area, frame.theme);
  const buffer = document.createElement('canvas');
  [buffer.width, buffer.height] = [image.width, image.height];
  buffer.getContext('2d')?.putImageData(image, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(buffer, area.left, area.top, area.width, area.height);
  drawAxes(ctx, area, { x: model.x.scale, y: model.y.scale, xTitle: model.x.parameter.name, yTitle: model.y.parameter.name }, frame.theme);
  const index = drawPoints(ctx, model, area, frame.theme);
  return {
    pick: (x, y) => {
      const trial = index.nearest(x, y, 6);
      if (trial !== undefined) return trial;
      return contains(area, x, y) ? SURFACE_ITEM - (Math.round(y) * frame.width + Math.round(x)) : undefined;
    },
    highlight: (hl, item) => {
      const at = item >= 0 ? index.locate(item) : undefined;
      if (!at) return;
      strokeRing(hl, at, 5, frame.theme.highlight);
    },
  };
}
