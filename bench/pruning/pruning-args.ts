import path from 'node:path';
import { parseArgs } from 'node:util';
import { list, positiveInt } from '../bench-args';

/** What `npm run bench:pruning -- ...` was asked to do. */
export interface PruningArgs {
  readonly seeds: number;
  /** Trials of every run bounded by trials (the no-pruning run's and each pruner's first run). */
  readonly trials: number;
  /** Simulated workers: trials evaluated at once. */
  readonly pool: number;
  /** Worker threads the runs are spread over. */
  readonly threads: number;
  readonly samplers: string[];
  readonly pruners?: string[];
  readonly families?: string[];
  readonly json?: string;
}

export function parsePruningArgs(argv: readonly string[]): PruningArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      seeds: { type: 'string' },
      trials: { type: 'string' },
      pool: { type: 'string' },
      threads: { type: 'string' },
      samplers: { type: 'string' },
      pruners: { type: 'string' },
      families: { type: 'string' },
      json: { type: 'string' },
    },
  });
  return {
    seeds: positiveInt('seeds', values.seeds, 10),
    trials: positiveInt('trials', values.trials, 100),
    pool: positiveInt('pool', values.pool, 4),
    threads: positiveInt('threads', values.threads, 2),
    samplers: list(values.samplers) ?? ['random', 'tpe'],
    pruners: list(values.pruners),
    families: list(values.families),
    json: values.json && path.resolve(values.json),
  };
}
