import { extent } from './scale';

/**
 * The `points` of an SVG polyline drawing values against their steps in a
 * `width` × `height` box (y down, `pad` pixels inside each edge), for a
 * sparkline; pairs without a finite step and value are left out. One step
 * sits in the middle, equal values on the middle line.
 */
export function sparklinePoints(steps: readonly number[], values: readonly number[], width: number, height: number, pad = 2): string {
  const pairs: [number, number][] = [];
  for (let i = 0; i < Math.min(steps.length, values.length); i++) if (Number.isFinite(steps[i]) && Number.isFinite(values[i])) pairs.push([steps[i], values[i]]);
  const xs = extent(pairs.map((p) => p[0]));
  const ys = extent(pairs.map((p) => p[1]));
  if (!xs || !ys) return '';
  const at = (v: number, [lo, hi]: [number, number], size: number) => (hi > lo ? pad + ((v - lo) / (hi - lo)) * (size - 2 * pad) : size / 2);
  const round = (v: number) => String(Math.round(v * 10) / 10);
  return pairs.map(([x, y]) => `${round(at(x, xs, width))},${round(height - at(y, ys, height))}`).join(' ');
}
