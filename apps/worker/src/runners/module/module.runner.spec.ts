import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EvaluationInterruptedError } from '../../evaluation/evaluation-interrupted.error';
import { ModuleRunner } from './module.runner';

const objectives = path.resolve(__dirname, '..', '..', '..', '..', '..', 'examples', 'targets', 'objectives.mjs');
const runners: ModuleRunner[] = [];
afterAll(async () => Promise.all(runners.map((r) => r.close())));

async function started(exportName: string, file = objectives): Promise<ModuleRunner> {
  const runner = new ModuleRunner({ name: exportName, type: 'module', module: file, export: exportName }, { PATH: process.env.PATH ?? '' });
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

  it('refuses to start on a module that does not hold the export', async () => {
    await expect(started('missing')).rejects.toThrow(/target "missing": objective .*objectives\.mjs#missing: no export "missing"/);
  });
});
