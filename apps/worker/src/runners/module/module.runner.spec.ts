import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ReportedStep } from '@attune/targets/step-checker';
import { afterAll, describe, expect, it } from 'vitest';
import { EvaluationInterruptedError } from '../../evaluation/evaluation-interrupted.error';
import { expectEventually } from '../../../../../test/support/expect-eventually';
import { isGroupGone } from '../../../test-support/is-group-gone';
import type { StepSink } from '../target-runner';
import { ModuleRunner } from './module.runner';

const objectives = path.resolve(__dirname, '..', '..', '..', '..', '..', 'examples', 'targets', 'objectives.mjs');
const runners: ModuleRunner[] = [];
afterAll(async () => Promise.all(runners.map((r) => r.close())));

async function started(exportName: string, file = objectives): Promise<ModuleRunner> {
  const runner = new ModuleRunner({ name: exportName, type: 'module', module: file, export: exportName }, { PATH: process.env.PATH ?? '' }, 300);
  runners.push(runner);
  await runner.start();
  return runner;
}

const request = { trialId: '7d3f7c0e-8a8f-4d5e-9a51-6b1c2f0e9a11', trialNumber: 0, params: { x: 2, y: 3 }, timeoutMs: 5_000 };

describe('ModuleRunner', () => {
  it('returns what evaluate returns, reusing its evaluator process', async () => {
    const runner = await started('sum');
    expect(await runner.run(request)).toEqual({ kind: 'output', raw: 5 });
    expect(await runner.run({ ...request, params: { x: 1, y: 1 } })).toEqual({ kind: 'output', raw: 2 });
    expect(await (await started('metrics')).run(request)).toEqual({ kind: 'output', raw: { value: 4, cost: 1 } });
  });

  it('passes NaN and non-numbers through for the metric check', async () => {
    expect(await (await started('nan')).run(request)).toEqual({ kind: 'output', raw: Number.NaN });
    expect(await (await started('text')).run(request)).toEqual({ kind: 'output', raw: 'fast' });
  });

  it('fails a throw with its message and carries on', async () => {
    const runner = await started('throws');
    expect(await runner.run(request)).toEqual({ kind: 'failed', error: 'evaluate threw Error: objective exploded' });
    expect(await runner.run(request)).toEqual({ kind: 'failed', error: 'evaluate threw Error: objective exploded' });
  });

  it('kills a hung evaluation at the timeout and serves the next one from a new process', async () => {
    const runner = await started('hang');
    expect(await runner.run({ ...request, timeoutMs: 300 })).toEqual({
      kind: 'timed-out',
      error: 'evaluate did not finish within 0.3s; its evaluator process was killed',
    });
    expect(await runner.run({ ...request, timeoutMs: 300 })).toMatchObject({ kind: 'timed-out' });
  });

  it('fails an evaluation whose process crashes on an uncaught error', async () => {
    const outcome = await (await started('crash')).run(request);
    expect(outcome).toEqual({ kind: 'failed', error: 'the evaluation crashed: Error: uncaught in a timer' });
  });

  it.each([
    ['exits', 'the evaluator process exited (code 3)'],
    ['aborts', 'the evaluator process exited (signal SIGABRT)'],
    ['killsItself', 'the evaluator process exited (signal SIGKILL)'],
  ])('fails an evaluation that ends its own process (%s) with the reason, and serves the next one from a new process', async (name, error) => {
    const runner = await started(name);
    expect(await runner.run(request)).toEqual({ kind: 'failed', error });
    expect(await runner.run(request)).toEqual({ kind: 'failed', error });
  });

  it('throws EvaluationInterruptedError when aborted', async () => {
    const controller = new AbortController();
    const running = (await started('slow')).run({ ...request, signal: controller.signal });
    controller.abort();
    await expect(running).rejects.toBeInstanceOf(EvaluationInterruptedError);
  });

  it('hands the objective report: its steps come back checked, a bare number as the objective metric, mistakes refused with the reason', async () => {
    const { sink, accepted, refused } = collectingSink('loss');
    expect(await (await started('reportsSomeWrongly')).run({ ...request, steps: sink })).toEqual({ kind: 'output', raw: 2 });
    expect(accepted.map((s) => [s.step, s.metrics])).toEqual([[0, { value: 1 }], [3, { loss: 0.5 }]]);
    expect(refused).toEqual([
      'step 0 is not above the previous step 0 (steps must strictly rise)',
      'step 1: the metrics must be a number (the objective "loss") or an object of numbers, got "fast"',
      'step 2: "value" is not a finite number: NaN',
    ]);
    expect(accepted.every((s) => !Number.isNaN(Date.parse(s.at)))).toBe(true);
  });

  it('without a step sink, report does nothing', async () => {
    expect(await (await started('reportsSomeWrongly')).run(request)).toEqual({ kind: 'output', raw: 2 });
  });

  it('on abort, aborts the objective\'s signal: one that returns in time keeps its process for the next evaluation', async () => {
    const runner = await started('reportsUntilAborted');
    const { sink, accepted } = collectingSink('loss');
    const controller = new AbortController();
    const running = runner.run({ ...request, signal: controller.signal, steps: sink });
    await expectEventually(() => expect(accepted.length).toBeGreaterThan(2));
    const abortedAt = Date.now();
    controller.abort('trial pruned at step 2');
    await expect(running).rejects.toBeInstanceOf(EvaluationInterruptedError);
    expect(Date.now() - abortedAt).toBeLessThan(300);
    // Its process went back to the pool, alive: no second one was started.
    expect(runner['idle'].map((e) => e.alive)).toEqual([true]);
    expect(runner['evaluators'].size).toBe(1);
  });

  it('on abort, kills the process group of an objective that goes on reporting, within the cancel grace', async () => {
    const pidFile = path.join(os.tmpdir(), `attune-reports-forever-${process.pid}.pid`);
    const runner = await started('reportsForever');
    const { sink, accepted } = collectingSink('value');
    const controller = new AbortController();
    const running = runner.run({ ...request, params: { pidFile }, timeoutMs: 60_000, signal: controller.signal, steps: sink });
    await expectEventually(() => expect(accepted.length).toBeGreaterThan(2));
    expect(accepted[1]).toMatchObject({ step: 1, metrics: { value: 2 } });
    const pgid = Number(fs.readFileSync(pidFile, 'utf8'));
    fs.rmSync(pidFile);
    const abortedAt = Date.now();
    controller.abort('study stopped');
    await expect(running).rejects.toBeInstanceOf(EvaluationInterruptedError);
    await expectEventually(() => expect(isGroupGone(pgid)).toBe(true), { timeoutMs: 1000, intervalMs: 5 });
    const gone = Date.now() - abortedAt;
    expect(gone).toBeGreaterThanOrEqual(290);
    expect(gone).toBeLessThan(1000);
  });

  it('refuses to start on a module that does not hold the export', async () => {
    await expect(started('missing')).rejects.toThrow(/target "missing": objective .*objectives\.mjs#missing: no export "missing"/);
  });
});

/** A StepSink that keeps what it is handed. */
function collectingSink(metric: string): { sink: StepSink; accepted: ReportedStep[]; refused: string[] } {
  const accepted: ReportedStep[] = [];
  const refused: string[] = [];
  return { sink: { metric, accept: (s) => accepted.push(s), refuse: (p) => refused.push(p) }, accepted, refused };
}
