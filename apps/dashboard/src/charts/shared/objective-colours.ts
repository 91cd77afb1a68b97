import type { Direction } from './objective';

/**
 * Colour positions for values, by rank: the worst value 0, the best 1, the
 * median 0.5, whatever the values' spread. Objectives are often skewed (a
 * few very slow trials), and a linear map would paint most trials the same
 * colour; ranks spread the ramp over the trials. Ties share a position, and
 * NaN (no value) stays NaN.
 */
export function rankColours(values: ArrayLike<number>, direction: Direction): Float64Array {
  const order: number[] = [];
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) order.push(i);
  const sign = direction === 'minimize' ? -1 : 1;
  order.sort((a, b) => sign * (values[a] - values[b]));
  const t = new Float64Array(values.length).fill(Number.NaN);
  const last = Math.max(1, order.length - 1);
  for (let k = 0; k < order.length; ) {
    let end = k;
    while (end + 1 < order.length && values[order[end + 1]] === values[order[k]]) end++;
    const position = order.length === 1 ? 1 : (k + end) / 2 / last;
    for (let j = k; j <= end; j++) t[order[j]] = position;
    k = end + 1;
  }
  return t;
}

/** The values at the worst end, the middle and the best end of the ramp, for its colour bar. */
export function rampLabels(values: ArrayLike<number>, direction: Direction): { worst: number; median: number; best: number } | undefined {
  const sorted = Array.from(values)
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (sorted.length === 0) return undefined;
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  const [low, high] = [sorted[0], sorted.at(-1)!];
  return direction === 'minimize' ? { worst: high, median, best: low } : { worst: low, median, best: high };
}
