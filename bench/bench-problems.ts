import { pathToFileURL } from 'node:url';
import type { Params, SearchSpace } from '@attune/core/search-space/parameter';
import type { Direction } from '@attune/core/trial/trial-view';

/** A benchmark problem as ../shared/bench/problems.mjs declares it. */
export interface BenchProblem {
  readonly name: string;
  readonly direction: Direction;
  readonly optimum: number;
  readonly parameters: SearchSpace;
  evaluate(params: Params): number;
  /** The noiseless value, when `evaluate` is noisy. */
  truth?(params: Params): number;
}

/** Loads the problems module (an ES module: dynamic import from CommonJS). */
export async function loadProblems(file: string, filter?: readonly string[]): Promise<BenchProblem[]> {
  const mod = (await import(pathToFileURL(file).href)) as { problems?: BenchProblem[]; default?: BenchProblem[] };
  const all = mod.problems ?? mod.default ?? [];
  if (!filter) return all;
  const unknown = filter.filter((f) => !all.some((p) => p.name === f));
  if (unknown.length > 0) throw new Error(`unknown problem(s) ${unknown.join(', ')}; known: ${all.map((p) => p.name).join(', ')}`);
  return all.filter((p) => filter.includes(p.name));
}
