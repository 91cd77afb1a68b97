import type { EvaluateTrialJob } from '@attune/queue/evaluate-trial.job';
import { trialResultJobSchema, type TrialResultJob } from '@attune/queue/trial-result.job';
import { describe, expect, it } from 'vitest';
import type { RunOutcome, TargetRunner } from '../runners/target-runner';
import { EvaluateTrialService } from './evaluate-trial.service';
import type { ResultPublisher } from './result-publisher';
import { StepPublisher } from './step-publisher';
import type { TrialStepsJob } from '@attune/queue/trial-steps.job';
import type { Queue } from 'bullmq';
import type { EvaluationRequest } from '../runners/target-runner';
import { EvaluationInterruptedError } from './evaluation-interrupted.error';

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

/** What went on the wire, in order: each steps job's steps, then the result. */
type Posted = { steps: number[] } | { result: TrialResultJob };

/**
 * The service over a runner whose every measurement reports `report` (step,
 * metrics pairs, as a target would) through its sink, if it got one, then
 * answers `value`; steps and results recorded in the order posted, each
 * steps add taking a little while (so that steps coalesce).
 */
async function postedWithSteps(change: Partial<EvaluateTrialJob>, report: [unknown, unknown][], interrupt = false): Promise<{ posted: Posted[]; logs: string[]; sinks: number }> {
  const posted: Posted[] = [];
  const logs: string[] = [];
  let sinks = 0;
  const runner: TargetRunner = {
    target: 't',
    start: async () => {},
    run: async (request: EvaluationRequest) => {
      if (request.steps) sinks++;
      for (const [step, metrics] of report) {
        if (typeof metrics === 'string') request.steps?.refuse(metrics);
        else request.steps?.accept({ step: step as number, metrics: metrics as Record<string, number>, at: new Date().toISOString() });
      }
      if (interrupt) throw new EvaluationInterruptedError();
      return { kind: 'output', raw: { value: 1 } };
    },
    close: async () => {},
  };
  const queue = { add: async (_: string, data: TrialStepsJob) => { await new Promise((r) => setTimeout(r, 5)); posted.push({ steps: data.steps.map((x) => x.step) }); } };
  const publisher = { has: async () => false, publish: async (r: TrialResultJob) => void posted.push({ result: r }) } as unknown as ResultPublisher;
  const log = (m: string) => void logs.push(m);
  const service = new EvaluateTrialService(new Map([['t', runner]]), publisher, 'w1', log, new StepPublisher(queue as unknown as Queue, 'w1', log));
  await service.evaluate({ ...job, ...change }).catch((e: Error) => logs.push(`threw ${e.name}`));
  return { posted, logs, sinks };
}

describe('EvaluateTrialService with steps', () => {
  it('posts the steps as they come, coalesced while a post is in flight, all of them before the result', async () => {
    const { posted } = await postedWithSteps({}, [[0, { value: 3 }], [1, { value: 2 }], [2, { value: 1 }]]);
    expect(posted.slice(0, -1)).toEqual([{ steps: [0] }, { steps: [1, 2] }]);
    expect(posted.at(-1)).toMatchObject({ result: { outcome: 'COMPLETE', metrics: { value: 1 } } });
  });

  it('takes steps from the first counted measurement only: not from warm-ups, not from later repeats', async () => {
    const { posted, sinks } = await postedWithSteps({ measurement: { repeats: 3, warmup: 2 } }, [[0, { value: 1 }]]);
    expect(sinks).toBe(1);
    expect(posted.filter((p) => 'steps' in p)).toEqual([{ steps: [0] }]);
  });

  it('takes no steps of a verification\'s re-measurement, which no pruner watches', async () => {
    const { posted, sinks } = await postedWithSteps({ verification: { id: '00000000-0000-4000-8000-000000000009', seq: 0 } }, [[0, { value: 1 }]]);
    expect(sinks).toBe(0);
    expect(posted).toHaveLength(1);
  });

  it('logs the first refused report and sums them all up in the note of a COMPLETE trial', async () => {
    const { posted, logs } = await postedWithSteps({}, [[0, 'step 0: no metrics'], [1, { value: 1 }], [1, 'step 1 is not above the previous step 1 (steps must strictly rise)']]);
    expect(logs.filter((l) => l.includes('step report'))).toEqual([`trial ${job.trialId}: ignored a step report: step 0: no metrics`]);
    expect(posted.at(-1)).toMatchObject({ result: { outcome: 'COMPLETE', note: 'ignored 2 step reports; the first: step 0: no metrics' } });
  });

  it('posts no result, and no steps still waiting, of an interrupted evaluation', async () => {
    const { posted, logs } = await postedWithSteps({}, [[0, { value: 3 }], [1, { value: 2 }]], true);
    expect(logs).toEqual(['threw EvaluationInterruptedError']);
    await new Promise((r) => setTimeout(r, 30));
    expect(posted).toEqual([{ steps: [0] }]);
  });
});
