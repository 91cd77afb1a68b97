/**
 * Tick positions for numeric axes: "nice" 1-2-5 steps on a linear axis,
 * powers of ten (with 2 and 5 between them when the axis spans few decades)
 * on a log axis. Every tick lies inside [min, max].
 */

/** Removes the floating-point dust of k·step (0.30000000000000004 → 0.3). */
function clean(value: number): number {
  return Number(value.toPrecision(12)) || 0;
}

/** The 1, 2 or 5 times a power of ten closest to span / count. */
export function niceStep(span: number, count: number): number {
  const raw = span / Math.max(1, count);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const ratio = raw / magnitude;
  const factor = ratio < 1.5 ? 1 : ratio < 3 ? 2 : ratio < 7 ? 5 : 10;
  return factor * magnitude;
}

/** About `count` (at least two) evenly spaced round values in [min, max]; the one value when min equals max. */
export function linearTicks(min: number, max: number, count = 5): number[] {
  if (!(Number.isFinite(min) && Number.isFinite(max)) || max < min) return [];
  if (max === min) return [min];
  const step = niceStep(max - min, count);
  const ticks: number[] = [];
  for (let k = Math.ceil(min / step - 1e-9); k * step <= max + step * 1e-9; k++) ticks.push(clean(k * step));
  // A step as wide as the range leaves one tick, which shows no scale: take finer steps.
  return ticks.length < 2 && count < 64 ? linearTicks(min, max, count * 2) : ticks;
}

function decadeTicks(min: number, max: number, every: number, multiples: readonly number[]): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(min)); e <= Math.ceil(Math.log10(max)); e += every) {
    for (const m of multiples) {
      const v = clean(m * 10 ** e);
      if (v >= min * (1 - 1e-9) && v <= max * (1 + 1e-9)) ticks.push(v);
    }
  }
  return ticks;
}

/**
 * Powers of ten in [min, max] (every few decades when there are many), with
 * 2·10^k and 5·10^k added when they would be few; finer choices when a
 * coarser one leaves fewer than two ticks, linear ticks inside one decade.
 */
export function logTicks(min: number, max: number, count = 5): number[] {
  if (!(min > 0 && max >= min && Number.isFinite(max))) return [];
  const decades = Math.ceil(Math.log10(max)) - Math.floor(Math.log10(min));
  const every = Math.max(1, Math.ceil(decades / count));
  const few = decades <= Math.max(1, Math.floor(count / 2));
  const choices: [number, readonly number[]][] = [
    [every, few ? [1, 2, 5] : [1]],
    [1, [1]],
    [1, [1, 2, 5]],
  ];
  for (const [step, multiples] of choices) {
    const ticks = decadeTicks(min, max, step, multiples);
    if (ticks.length >= 2) return ticks;
  }
  return linearTicks(min, max, count);
}
