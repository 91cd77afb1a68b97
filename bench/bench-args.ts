import path from 'node:path';
import { parseArgs } from 'node:util';

/** What `npm run bench:strategies -- ...` was asked to do. */
export interface BenchArgs {
  readonly problemsFile: string;
  readonly referenceFile: string;
  readonly strategies?: string[];
  readonly problemsFilter?: string[];
  readonly seeds: number;
  readonly budget: number;
  readonly workers: number;
  readonly latency: boolean;
  readonly json?: string;
  /** The noisy problems' verification: candidates and measurements of each (the product's defaults unless given). */
  readonly verifyTop?: number;
  readonly verifyRepeats?: number;
}

/** A comma-separated list, or undefined when absent. */
export const list = (v: string | undefined) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined);

/** `--name N` as a positive integer, `fallback` when absent. */
export function positiveInt(name: string, v: string | undefined, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive integer, got ${v}`);
  return n;
}

/** Parses the command line; the shared problems and reference default to ../shared/bench next to the repository. */
export function parseBenchArgs(argv: readonly string[], repoRoot: string): BenchArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      problems: { type: 'string' },
      reference: { type: 'string' },
      strategies: { type: 'string' },
      'problems-filter': { type: 'string' },
      seeds: { type: 'string' },
      budget: { type: 'string' },
      workers: { type: 'string' },
      'no-latency': { type: 'boolean' },
      json: { type: 'string' },
      'verify-top': { type: 'string' },
      'verify-repeats': { type: 'string' },
    },
  });
  const shared = path.resolve(repoRoot, '..', 'shared', 'bench');
  return {
    problemsFile: path.resolve(values.problems ?? path.join(shared, 'problems.mjs')),
    referenceFile: path.resolve(values.reference ?? path.join(shared, 'reference', 'optuna-public.json')),
    strategies: list(values.strategies),
    problemsFilter: list(values['problems-filter']),
    seeds: positiveInt('seeds', values.seeds, 10),
    budget: positiveInt('budget', values.budget, 100),
    workers: positiveInt('workers', values.workers, 2),
    latency: !values['no-latency'],
    json: values.json && path.resolve(values.json),
    ...(values['verify-top'] !== undefined && { verifyTop: positiveInt('verify-top', values['verify-top'], 0) }),
    ...(values['verify-repeats'] !== undefined && { verifyRepeats: positiveInt('verify-repeats', values['verify-repeats'], 0) }),
  };
}
