import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAttune, SHARED_PROBLEMS } from '../support/attune-processes';
import { E2eStack } from './e2e-stack';

interface TrialRow extends Record<string, unknown> {
  number: number;
  state: string;
  params: Record<string, number | string>;
  value: number | null;
  error: string | null;
  worker_id: string | null;
  created_at: Date;
  ended_at: Date | null;
}

const brainSpec = {
  name: 'e2e-branin',
  target: 'branin',
  parameters: [
    { name: 'x1', type: 'float', min: -5, max: 10 },
    { name: 'x2', type: 'float', min: 0, max: 15 },
  ],
  objective: { direction: 'minimize' },
  strategy: { name: 'bayesian', seed: 11 },
  budget: { maxTrials: 30, parallelism: 4, trialTimeoutSec: 60 },
};

/** The most trials in flight at once, from when each was created to when it ended. */
function maxInFlight(rows: TrialRow[]): number {
  const events = rows.flatMap((r) => [
    { t: r.created_at.getTime(), d: 1 },
    { t: (r.ended_at ?? new Date(8.64e15)).getTime(), d: -1 },
  ]);
  events.sort((a, b) => a.t - b.t || a.d - b.d);
  let now = 0;
  let max = 0;
  for (const e of events) max = Math.max(max, (now += e.d));
  return max;
}

describe('a study run by the real coordinator and two real worker processes', () => {
  const stack = new E2eStack();

  beforeAll(() => stack.start(), 120_000);
  afterAll(() => stack.stop(), 60_000);

  it('runs 30 trials of branin with parallelism 4 and records each trial once', async () => {
    const { problems } = await import(SHARED_PROBLEMS);
    const branin = problems.find((p: { name: string }) => p.name === 'branin');
    const run = await runAttune(['study', 'run', stack.writeSpec('branin', brainSpec), '--wait', '--json', '--url', stack.url], stack.env);
    expect(run.code, `${run.stderr}\n${stack.logs()}`).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.state).toBe('COMPLETE');
    expect(result.trials.complete).toBe(30);

    const rows = await stack.sql<TrialRow>('SELECT * FROM trials WHERE study_id = $1 ORDER BY number', [result.id]);
    expect(rows.map((r) => r.number)).toEqual([...Array(30).keys()]);
    for (const row of rows) {
      expect(row.state).toBe('COMPLETE');
      expect(row.value).toBeCloseTo(branin.evaluate(row.params), 9);
    }
    const best = rows.reduce((a, b) => ((a.value as number) <= (b.value as number) ? a : b));
    expect(result.best).toEqual({ number: best.number, params: best.params, value: best.value });
    expect(maxInFlight(rows)).toBeLessThanOrEqual(4);
    // Each worker holds at most 2 evaluations, so keeping 4 in flight takes both.
    expect(new Set(rows.map((r) => r.worker_id)).size).toBe(2);

    const [study] = await stack.sql<{ state: string }>('SELECT state FROM studies WHERE id = $1', [result.id]);
    expect(study.state).toBe('COMPLETE');
  }, 240_000);

  it('fails trials that crash, hang or print garbage, with the reason, and carries on', async () => {
    const spec = {
      name: 'e2e-flaky',
      target: 'flaky',
      parameters: [
        { name: 'mode', type: 'categorical', values: ['ok', 'fail', 'hang', 'garbage'] },
        { name: 'x', type: 'int', min: 3, max: 3 + 1 },
      ],
      objective: { direction: 'minimize' },
      strategy: { name: 'grid', seed: 1 },
      budget: { maxTrials: 8, parallelism: 4, trialTimeoutSec: 3, maxFailedTrials: 6 },
    };
    const run = await runAttune(['study', 'run', stack.writeSpec('flaky', spec), '--wait', '--json', '--url', stack.url], stack.env);
    expect(run.code, `${run.stderr}\n${stack.logs()}`).toBe(0);
    const result = JSON.parse(run.stdout);
    expect(result.state).toBe('COMPLETE');

    const rows = await stack.sql<TrialRow>('SELECT * FROM trials WHERE study_id = $1 ORDER BY number', [result.id]);
    expect(rows).toHaveLength(8);
    const byMode = (mode: string) => rows.filter((r) => r.params.mode === mode);
    for (const r of byMode('ok')) expect([r.state, r.value]).toEqual(['COMPLETE', (r.params.x as number) * 2]);
    for (const r of byMode('fail')) {
      expect(r.state).toBe('FAILED');
      expect(r.error).toMatch(/exit(ed)? (with )?code 1/i);
      expect(r.error).toContain('cannot connect to the system under test');
    }
    for (const r of byMode('hang')) {
      expect(r.state).toBe('TIMED_OUT');
      expect(r.error).toMatch(/3 ?s/);
    }
    for (const r of byMode('garbage')) {
      expect(r.state).toBe('FAILED');
      expect(r.error).toContain('metric "value"');
    }
    expect(result.best.value).toBe(6);
  }, 240_000);
});
