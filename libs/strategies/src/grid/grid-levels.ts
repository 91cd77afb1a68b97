import { gridOf, levelCount, numericFromUnit } from '@attune/core/search-space/encoding';
import type { NumericParameter, Parameter, ParamValue, SearchSpace } from '@attune/core/search-space/parameter';
import type { GridOptions } from './grid-options';

/** The values the grid tries for each parameter, in parameter order. */
export function gridLevels(space: SearchSpace, options: Pick<GridOptions, 'levels' | 'maxDiscreteLevels'>): ParamValue[][] {
  return space.map((p) => levelsOf(p, options.levels, options.maxDiscreteLevels));
}

/** Number of configurations of the full grid (may exceed 2^53 for huge spaces: a float then). */
export function gridSize(levels: readonly (readonly ParamValue[])[]): number {
  return levels.reduce((n, l) => n * l.length, 1);
}

function levelsOf(p: Parameter, levels: number, maxDiscrete: number): ParamValue[] {
  if (p.type === 'categorical') return [...p.values];
  const count = levelCount(p);
  if (count !== undefined && count <= maxDiscrete) return everyLevel(p, count);
  return spaced(p, levels);
}

function everyLevel(p: NumericParameter, count: number): number[] {
  const grid = gridOf(p);
  return Array.from({ length: count }, (_, k) => (grid ? grid.level(k) : p.min + k));
}

/** `n` values evenly spaced in the unit encoding (log-spaced for log parameters), deduplicated after snapping. */
function spaced(p: NumericParameter, n: number): number[] {
  if (n === 1) return [numericFromUnit(p, 0.5)];
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    // Ends are the bounds themselves, not the edges of their unit cells.
    const v = i === 0 ? p.min : i === n - 1 ? p.max : numericFromUnit(p, i / (n - 1));
    if (!out.includes(v)) out.push(v);
  }
  return out;
}
