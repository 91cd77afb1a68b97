import { existsSync, readdirSync as readdir, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isProcessGone } from '../../apps/worker/test-support/is-process-gone';
import { runAttune, SHARED_PROBLEMS } from '../support/attune-processes';
import { expectEventually } from '../support/expect-eventually';
import { E2eStack } from './e2e-stack';

interface TrialRow extends Record<string, unknown> {
  id: string;
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
    expect(result.best).toEqual({ number: best.number, params: best.params, value: best.value, metrics: { value: best.value } });
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

  it('stopping a study kills the evaluation under way within seconds, and the trial says why', async () => {
    const spec = {
      name: 'e2e-stop',
      target: 'sleepy',
      parameters: [{ name: 'x', type: 'int', min: 1, max: 9 }],
      objective: { direction: 'minimize' },
      strategy: { name: 'random', seed: 3 },
      budget: { maxTrials: 2, parallelism: 2, trialTimeoutSec: 600 },
    };
    const run = await runAttune(['study', 'run', stack.writeSpec('stop', spec), '--url', stack.url], stack.env);
    expect(run.code, `${run.stderr}\n${stack.logs()}`).toBe(0);
    const id = run.stdout.trim();
    const pidFiles = () => (existsSync(stack.pidDir) ? readdir(stack.pidDir) : []);
    await expectEventually(async () => {
      const running = await stack.sql<TrialRow>("SELECT * FROM trials WHERE study_id = $1 AND state = 'RUNNING'", [id]);
      expect(running).toHaveLength(2);
      for (const t of running) expect(pidFiles()).toContain(`${t.id}.pid`);
    }, { timeoutMs: 30_000 });
    const rows = await stack.sql<TrialRow>('SELECT * FROM trials WHERE study_id = $1', [id]);
    const pids = rows.map((r) => Number(readFileSync(path.join(stack.pidDir, `${r.id}.pid`), 'utf8')));
    for (const pid of pids) expect(isProcessGone(pid)).toBe(false);

    const stop = await runAttune(['study', 'stop', id, '--url', stack.url], stack.env);
    expect(stop.code, stop.stderr).toBe(0);
    await expectEventually(() => {
      for (const pid of pids) expect(isProcessGone(pid)).toBe(true);
    }, { timeoutMs: 5000 });
    const ended = await stack.sql<TrialRow>('SELECT * FROM trials WHERE study_id = $1', [id]);
    for (const t of ended) expect([t.state, t.error]).toEqual(['CANCELLED', 'study stopped: stopped by user']);
    expect(stack.workers.map((w) => w.log()).join('\n')).toMatch(/evaluation cancelled \(study stopped: stopped by user\)/);
  }, 120_000);
});
