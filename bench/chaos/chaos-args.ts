import path from 'node:path';
import { parseArgs } from 'node:util';
import { positiveInt } from '../bench-args';

/** What `npm run chaos -- ...` was asked to do. */
export interface ChaosArgs {
  /** Each fault kind once, small studies (CI); otherwise each kind twice. */
  readonly quick: boolean;
  /** Seeds the order of the faults, the victims and the pauses. @default 1 */
  readonly seed: number;
  readonly json?: string;
  /** Directory of initdb and pg_ctl. @default the newest /usr/lib/postgresql/<version>/bin */
  readonly pgBin?: string;
  /** Keep the temporary folder (data, logs) even when every check passes. */
  readonly keep: boolean;
}

export function parseChaosArgs(argv: readonly string[]): ChaosArgs {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      quick: { type: 'boolean' },
      seed: { type: 'string' },
      json: { type: 'string' },
      'pg-bin': { type: 'string' },
      keep: { type: 'boolean' },
    },
  });
  return {
    quick: values.quick ?? false,
    seed: positiveInt('seed', values.seed, 1),
    json: values.json && path.resolve(values.json),
    pgBin: values['pg-bin'],
    keep: values.keep ?? false,
  };
}
