import type { ChartTheme } from '../chart-theme';
import { xAt, yAt, type PlotArea } from './plot-area';
import { scaleTicks, type Scale } from './scale';

export interface AxesSpec {
  readonly x: Scale;
  readonly y: Scale;
  readonly xTitle?: string;
  readonly yTitle?: string;
}

/** Text cut to fit `width` pixels, with an ellipsis. */
export function fitText(ctx: CanvasRenderingContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  let end = text.length;
  while (end > 1 && ctx.measureText(`${text.slice(0, end)}…`).width > width) end--;
  return `${text.slice(0, end)}…`;
}

function drawXTicks(ctx: CanvasRenderingContext2D, area: PlotArea, scale: Scale, theme: ChartTheme): void {
  const ticks = scaleTicks(scale, Math.max(2, Math.floor(area.width / 80)));
  const bottom = area.top + area.height;
  const room = scale.kind === 'categorical' ? area.width / Math.max(1, ticks.length) - 4 : 90;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  // A label that would touch the previous one is left out (its grid line stays).
  let freeFrom = -Infinity;
  for (const t of ticks) {
    const x = Math.round(xAt(area, t.unit)) + 0.5;
    ctx.strokeStyle = theme.grid;
    ctx.beginPath();
    ctx.moveTo(x, area.top);
    ctx.lineTo(x, bottom);
    ctx.stroke();
    const label = fitText(ctx, t.label, room);
    const half = ctx.measureText(label).width / 2;
    if (x - half < freeFrom) continue;
    ctx.fillStyle = theme.textMuted;
    ctx.fillText(label, x, bottom + 5);
    freeFrom = x + half + 6;
  }
}

function drawYTicks(ctx: CanvasRenderingContext2D, area: PlotArea, scale: Scale, theme: ChartTheme): void {
  const ticks = scaleTicks(scale, Math.max(2, Math.floor(area.height / 40)));
  const right = area.left + area.width;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of ticks) {
    const y = Math.round(yAt(area, t.unit)) + 0.5;
    ctx.strokeStyle = theme.grid;
    ctx.beginPath();
    ctx.moveTo(area.left, y);
    ctx.lineTo(right, y);
    ctx.stroke();
    ctx.fillStyle = theme.textMuted;
    ctx.fillText(fitText(ctx, t.label, area.left - 10), area.left - 6, y);
  }
}

/** Grid lines, tick labels, the frame's left and bottom edges, and the axis titles. */
export function drawAxes(ctx: CanvasRenderingContext2D, area: PlotArea, axes: AxesSpec, theme: ChartTheme): void {
  ctx.save();
  ctx.font = theme.font;
  ctx.lineWidth = 1;
  drawXTicks(ctx, area, axes.x, theme);
  drawYTicks(ctx, area, axes.y, theme);
  ctx.strokeStyle = theme.axis;
  ctx.beginPath();
  ctx.moveTo(area.left + 0.5, area.top);
  ctx.lineTo(area.left + 0.5, area.top + area.height + 0.5);
  ctx.lineTo(area.left + area.width, area.top + area.height + 0.5);
  ctx.stroke();
  ctx.fillStyle = theme.text;
  if (axes.xTitle) {
    ctx.textAlign = 'center';
    ctx.textBaseline = 'bottom';
    ctx.fillText(fitText(ctx, axes.xTitle, area.width), area.left + area.width / 2, area.top + area.height + 34);
  }
  if (axes.yTitle) {
    ctx.translate(12, area.top + area.height / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(fitText(ctx, axes.yTitle, area.height), 0, 0);
  }
  ctx.restore();
}

/** Clips later drawing to the plot area (call inside save/restore). */
export function clipTo(ctx: CanvasRenderingContext2D, area: PlotArea, slack = 0): void {
  ctx.beginPath();
  ctx.rect(area.left - slack, area.top - slack, area.width + 2 * slack, area.height + 2 * slack);
  ctx.clip();
}
