import path from 'node:path';
import { parseArgs } from 'node:util';
import { positiveInt } from '../bench-args';

/** What `npm run bench:dashboard -- ...` was asked to do. */
export interface DashboardArgs {
  /** Cold loads (and warm reloads) of each study's page. @default 5 */
  readonly runs: number;
  /** Trials of each seeded study; the target is about 10000. @default 10000 */
  readonly trials: number;
  readonly json?: string;
  readonly databaseUrl: string;
  readonly redisUrl: string;
}

export function parseDashboardArgs(argv: readonly string[]): DashboardArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      runs: { type: 'string' },
      trials: { type: 'string' },
      json: { type: 'string' },
      'database-url': { type: 'string' },
      'redis-url': { type: 'string' },
    },
  });
  return {
    runs: positiveInt('runs', values.runs, 5),
    trials: positiveInt('trials', values.trials, 10_000),
    json: values.json && path.resolve(values.json),
    databaseUrl: values['database-url'] ?? 'postgres://postgres@127.0.0.1:5432/test',
    redisUrl: values['redis-url'] ?? 'redis://127.0.0.1:6379',
  };
}
