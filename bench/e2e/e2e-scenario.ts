import { readFileSync } from 'node:fs';
import type { Figure } from './e2e-figures';
import type { StackContext } from './e2e-stack';

/** What a scenario returns: its judged figures and the raw numbers behind them (for --json). */
export interface ScenarioResult {
  readonly figures: Figure[];
  readonly details: Record<string, unknown>;
}

/** A scenario: full or --quick sizes, run on fresh stacks of real processes. */
export interface Scenario {
  readonly name: string;
  readonly title: string;
  run(ctx: StackContext, quick: boolean): Promise<ScenarioResult>;
}

/** Epoch milliseconds of a timestamptz column, as a query selects it. */
export const epochMs = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`;

/** Trials per second of a study, from its first trial created to its last trial ended (the database's clock and the workers'). */
export async function studyThroughput(
  sql: <T extends object>(q: string, p?: unknown[]) => Promise<T[]>,
  studyId: string,
): Promise<{ complete: number; seconds: number; trialsPerSec: number }> {
  const [r] = await sql<{ complete: number; first: number; last: number }>(
    `SELECT count(*) FILTER (WHERE state = 'COMPLETE')::int AS complete, ${epochMs('min(created_at)')} AS first, ${epochMs('max(ended_at)')} AS last
       FROM trials WHERE study_id = $1`,
    [studyId],
  );
  const seconds = (r.last - r.first) / 1000;
  return { complete: r.complete, seconds, trialsPerSec: r.complete / seconds };
}

/** A process's resident set and its peak, in MB, from /proc (Linux). */
export function rssOf(pid: number): { rssMb: number; peakMb: number } | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
    return { rssMb: kb('VmRSS') / 1024, peakMb: kb('VmHWM') / 1024 };
  } catch {
    return undefined;
  }
}

/** Progress on stderr, as the strategies bench reports it. */
export const progress = (scenario: string, message: string) => process.stderr.write(`bench:e2e ${scenario}: ${message}\n`);
