import path from 'node:path';
import { parseArgs } from 'node:util';
import { list } from '../bench-args';

/** What `npm run bench:e2e -- ...` was asked to do. */
export interface E2eArgs {
  /** Scenario names, in the order given; all when absent. */
  readonly only?: string[];
  readonly quick: boolean;
  readonly json?: string;
  readonly databaseUrl: string;
  readonly redisUrl: string;
}

/** Parses the command line; `known` are the scenario names, checked here. */
export function parseE2eArgs(argv: readonly string[], known: readonly string[]): E2eArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      only: { type: 'string' },
      quick: { type: 'boolean' },
      json: { type: 'string' },
      'database-url': { type: 'string' },
      'redis-url': { type: 'string' },
    },
  });
  const only = list(values.only);
  const unknown = (only ?? []).filter((s) => !known.includes(s));
  if (unknown.length > 0) throw new Error(`--only: unknown scenario ${unknown.join(', ')}; known: ${known.join(', ')}`);
  return {
    only,
    quick: values.quick ?? false,
    json: values.json && path.resolve(values.json),
    databaseUrl: values['database-url'] ?? 'postgres://postgres@127.0.0.1:5432/test',
    redisUrl: values['redis-url'] ?? 'redis://127.0.0.1:6379',
  };
}
