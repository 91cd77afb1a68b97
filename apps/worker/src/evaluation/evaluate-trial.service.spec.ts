import type { EvaluateTrialJob } from '@attune/queue/evaluate-trial.job';
import { trialResultJobSchema, type TrialResultJob } from '@attune/queue/trial-result.job';
import { describe, expect, it } from 'vitest';
import type { RunOutcome, TargetRunner } from '../runners/target-runner';
import { EvaluateTrialService } from './evaluate-trial.service';
import type { ResultPublisher } from './result-publisher';

const job = {
  studyId: '00000000-0000-4000-8000-000000000001',
  trialId: '00000000-0000-4000-8000-000000000002',
  trialNumber: 0,
  target: 't',
  params: { x: 1 },
  metric: 'value',
  timeoutSec: 5,
};

/** The service over a runner that answers `outcome`; returns what it posted. */
async function posted(outcome: RunOutcome, metric = 'value'): Promise<TrialResultJob> {
  return postedAfter([outcome], { metric });
}

/** The service over a runner that answers each of `outcomes` in turn (and takes them off the list); returns what it posted. */
async function postedAfter(outcomes: RunOutcome[], change: Partial<EvaluateTrialJob>): Promise<TrialResultJob> {
  const runner: TargetRunner = { target: 't', start: async () => {}, run: async () => outcomes.shift()!, close: async () => {} };
  const results: TrialResultJob[] = [];
  const publisher = { has: async () => false, publish: async (r: TrialResultJob) => void results.push(r) } as unknown as ResultPublisher;
  await new EvaluateTrialService(new Map([['t', runner]]), publisher, 'w1').evaluate({ ...job, ...change });
  return trialResultJobSchema.parse(results[0]);
}

describe('EvaluateTrialService', () => {
  it('keeps the numeric metrics of a result with a non-numeric extra, and posts a note of the rest', async () => {
    const result = await posted({ kind: 'output', raw: { value: 1, extra: 'x', cost: 2 } });
    expect(result).toMatchObject({ outcome: 'COMPLETE', metrics: { value: 1, cost: 2 }, note: 'dropped from the metrics: "extra" is not a number: "x"' });
  });

  it('still fails a trial whose objective metric is missing or not a number, with the reason', async () => {
    expect(await posted({ kind: 'output', raw: { value: 'x', cost: 2 } })).toMatchObject({ outcome: 'FAILED', error: 'metric "value" is not a number: "x"' });
    expect(await posted({ kind: 'output', raw: { cost: 2 } }, 'latency')).toMatchObject({ outcome: 'FAILED', error: 'metric "latency" is missing from the output: {"cost":2}' });
  });

  it('escapes NUL in a posted reason, which PostgreSQL could not store', async () => {
    const result = await posted({ kind: 'failed', error: 'stderr: a\u0000b' });
    expect(result.error).toBe('stderr: a\\u0000b');
  });

  it('takes warm-ups then repeats in a row, each measurement posted with its metrics; the required metrics checked on each', async () => {
    const outcomes: RunOutcome[] = [1, 2, 3, 4].map((n) => ({ kind: 'output', raw: { value: n, mem: 10 * n } }));
    const result = await postedAfter(outcomes, { required: ['value', 'mem'], measurement: { repeats: 3, warmup: 1 } });
    expect(result.outcome).toBe('COMPLETE');
    expect(result.measurements!.map((m) => [m.repeat, m.warmup, m.metrics.value, m.metrics.mem])).toEqual([
      [0, true, 1, 10],
      [1, false, 2, 20],
      [2, false, 3, 30],
      [3, false, 4, 40],
    ]);
  });

  it('fails the trial at the first measurement that fails, saying which one it was', async () => {
    const outcomes: RunOutcome[] = [{ kind: 'output', raw: { value: 1, mem: 1 } }, { kind: 'output', raw: { value: 2 } }];
    const result = await postedAfter(outcomes, { required: ['value', 'mem'], measurement: { repeats: 2, warmup: 0 } });
    expect(result).toMatchObject({ outcome: 'FAILED', error: 'measurement 2 of 2: metric "mem" is missing from the output: {"value":2}' });
    expect(outcomes).toEqual([]);
  });
});
