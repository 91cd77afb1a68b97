import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { expectEventually } from '../../../../../test/support/expect-eventually';
import { EvaluationInterruptedError } from '../../evaluation/evaluation-interrupted.error';
import type { CommandTargetDefinition } from '../../targets/target-definition';
import type { ReportedStep } from '@attune/targets/step-checker';
import type { StepSink } from '../target-runner';
import { CommandRunner } from './command.runner';
import { finalMetricsOf, stepOfLine } from './json-lines';
import { isGroupGone } from '../../../test-support/is-group-gone';
import { isProcessGone } from '../../../test-support/is-process-gone';

const examples = path.resolve(__dirname, '..', '..', '..', '..', '..', 'examples', 'targets');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'attune-cmd-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function runner(script: string, env: Record<string, string> = {}, inheritEnv: string[] = []): CommandRunner {
  const def: CommandTargetDefinition = { name: 't', type: 'command', command: [process.execPath, script], cwd: examples, env, inheritEnv };
  return new CommandRunner(def, { PATH: process.env.PATH ?? '' }, 300, 300);
}

const request = { trialId: '7d3f7c0e-8a8f-4d5e-9a51-6b1c2f0e9a11', trialNumber: 4, params: { x: 1.5, y: 2, mode: 'fast' }, timeoutMs: 10_000 };


describe('finalMetricsOf', () => {
  it('takes the last line that is a JSON number or object', () => {
    expect(finalMetricsOf('log\n{"value":1}\n{"value":2}\ndone\n')).toEqual({ value: 2 });
    expect(finalMetricsOf('3.5\n"text"\n[1]\ntrue\n')).toBe(3.5);
    expect(finalMetricsOf('nothing\n{broken\n')).toBeUndefined();
  });

  it('skips step lines; without another JSON line, takes the last step line\'s metrics', () => {
    expect(finalMetricsOf('{"value":1}\n{"step":0,"value":3}\n{"step":1,"value":2}\n')).toEqual({ value: 1 });
    expect(finalMetricsOf('{"step":0,"value":3}\n{"step":1,"value":2,"cost":4}\ndone\n')).toEqual({ value: 2, cost: 4 });
    expect(finalMetricsOf('{"step":0,"value":3}\n7\n{"step":1,"value":2}\n')).toBe(7);
  });
});

describe('stepOfLine', () => {
  it('reads a JSON object with a step field as the step and its other fields as metrics; nothing else', () => {
    expect(stepOfLine(' {"step": 3, "latency_ms": 41.2}\r')).toEqual({ step: 3, metrics: { latency_ms: 41.2 } });
    expect(stepOfLine('{"step": "x"}')).toEqual({ step: 'x', metrics: {} });
    for (const line of ['{"latency_ms": 41.2}', '3', 'step 3', '{"step": 3', '[{"step": 3}]']) expect(stepOfLine(line)).toBeUndefined();
  });
});

describe('CommandRunner', () => {
  it('passes params as ATTUNE_PARAM_* and a JSON file, removed afterwards, and reads the last JSON line', async () => {
    const dump = path.join(tmp, 'dump.json');
    const outcome = await runner('metrics-line.mjs', { DUMP_FILE: dump, EXTRA: 'yes' }).run(request);
    expect(outcome).toEqual({ kind: 'output', raw: { value: 3.5, fromEnv: 1.5 } });
    const seen = JSON.parse(fs.readFileSync(dump, 'utf8'));
    expect(seen.params).toEqual(request.params);
    expect(seen.env).toMatchObject({
      ATTUNE_PARAM_X: '1.5',
      ATTUNE_PARAM_Y: '2',
      ATTUNE_PARAM_MODE: 'fast',
      ATTUNE_TRIAL_ID: request.trialId,
      ATTUNE_TRIAL_NUMBER: '4',
      EXTRA: 'yes',
    });
    expect(fs.existsSync(seen.paramsFile)).toBe(false);
  });

  it("gives the command a minimal environment: none of the worker's secrets, only what the target allows", async () => {
    const host = {
      PATH: '/usr/bin:/bin',
      HOME: '/home/w',
      LANG: 'C.UTF-8',
      LC_NUMERIC: 'de_DE.UTF-8',
      TZ: 'UTC',
      DATABASE_URL: 'postgres://secret@db/attune',
      REDIS_URL: 'redis://:secret@cache:6379',
      ATTUNE_QUEUE_PREFIX: 'prod',
      AWS_SECRET_ACCESS_KEY: 'k',
      CUDA_VISIBLE_DEVICES: '0',
      CUDA_HOME: '/opt/cuda',
      GOMAXPROCS: '2',
    };
    const def: CommandTargetDefinition = {
      name: 't',
      type: 'command',
      command: [process.execPath, 'print-env.mjs'],
      cwd: examples,
      env: { MODE: 'fast' },
      inheritEnv: ['GOMAXPROCS', 'CUDA_*'],
    };
    const outcome = await new CommandRunner(def, host, 300, 300).run(request);
    const env = outcome.kind === 'output' ? (outcome.raw as { env: Record<string, string> }).env : {};
    const paramsFile = env.ATTUNE_PARAMS_FILE;
    expect(paramsFile).toMatch(/params\.json$/);
    expect(env).toEqual({
      PATH: '/usr/bin:/bin',
      HOME: '/home/w',
      LANG: 'C.UTF-8',
      LC_NUMERIC: 'de_DE.UTF-8',
      TZ: 'UTC',
      CUDA_VISIBLE_DEVICES: '0',
      CUDA_HOME: '/opt/cuda',
      GOMAXPROCS: '2',
      MODE: 'fast',
      ATTUNE_PARAM_X: '1.5',
      ATTUNE_PARAM_Y: '2',
      ATTUNE_PARAM_MODE: 'fast',
      ATTUNE_PARAMS_FILE: paramsFile,
      ATTUNE_TRIAL_ID: request.trialId,
      ATTUNE_TRIAL_NUMBER: '4',
    });
  });

  it('quotes stdout when no line is JSON', async () => {
    const outcome = await runner('garbage.mjs').run(request);
    expect(outcome).toMatchObject({ kind: 'output', raw: undefined });
    expect(outcome.kind === 'output' && outcome.shown).toContain('all good, no numbers here');
  });

  it('fails a non-zero exit with the code and the stderr tail', async () => {
    expect(await runner('exit-1.mjs').run(request)).toEqual({ kind: 'failed', error: 'command exited with code 1; stderr: boom: the disk is on fire' });
  });

  it('fails a program that cannot be started', async () => {
    const def: CommandTargetDefinition = { name: 't', type: 'command', command: ['/nonexistent/prog'], cwd: tmp, env: {}, inheritEnv: [] };
    const outcome = await new CommandRunner(def, {}, 100, 100).run(request);
    expect(outcome).toMatchObject({ kind: 'failed', error: expect.stringContaining('command "/nonexistent/prog" could not be started: spawn /nonexistent/prog ENOENT') });
  });

  it('kills the whole process group at the timeout, escalating to SIGKILL', async () => {
    const pidFile = path.join(tmp, 'hang.pid');
    const outcome = await runner('hang.mjs', { PID_FILE: pidFile, IGNORE_SIGTERM: '1' }).run({ ...request, timeoutMs: 1500 });
    expect(outcome).toEqual({ kind: 'timed-out', error: 'command timed out after 1.5s and was killed' });
    const grandchild = Number(fs.readFileSync(pidFile, 'utf8'));
    await expectEventually(() => expect(isProcessGone(grandchild)).toBe(true));
  });

  it('at the timeout also kills a descendant that left the process group and session with setsid', async () => {
    const pidFile = path.join(tmp, 'hang-setsid.pid');
    const escapedFile = path.join(tmp, 'escaped.pid');
    const outcome = await runner('hang.mjs', { PID_FILE: pidFile, ESCAPED_PID_FILE: escapedFile }).run({ ...request, timeoutMs: 1000 });
    expect(outcome).toMatchObject({ kind: 'timed-out' });
    const escaped = Number(fs.readFileSync(escapedFile, 'utf8'));
    await expectEventually(() => expect(isProcessGone(escaped)).toBe(true));
  });

  it('reads step lines while the command runs: a step arrives while the command still sleeps', async () => {
    const { sink, accepted, refused } = collectingSink('loss');
    const started = Date.now();
    let done = false;
    const running = runner('steps.mjs', { STEPS: '1', SLEEP_MS: '2000' })
      .run({ ...request, steps: sink })
      .finally(() => (done = true));
    await expectEventually(() => expect(accepted).toHaveLength(1), { intervalMs: 10 });
    expect(done).toBe(false);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(accepted[0]).toMatchObject({ step: 0, metrics: { loss: 1 } });
    expect(await running).toEqual({ kind: 'output', raw: { loss: 0.01, value: 42 } });
    expect(refused).toEqual([]);
  });

  it('checks each step line, passing the refused ones on with the reason; the last step line is the result when no other line is', async () => {
    const script = path.join(tmp, 'bad-steps.mjs');
    fs.writeFileSync(script, ['{"step": 0, "loss": 2}', '{"step": 0, "loss": 1}', '{"step": 1.5, "loss": 1}', '{"step": 2, "loss": "x"}', '{"step": 3, "loss": 0.5}'].map((l) => `console.log(${JSON.stringify(l)});`).join('\n'));
    const { sink, accepted, refused } = collectingSink('loss');
    expect(await runner(script).run({ ...request, steps: sink })).toEqual({ kind: 'output', raw: { loss: 0.5 } });
    expect(accepted.map((s) => [s.step, s.metrics])).toEqual([[0, { loss: 2 }], [3, { loss: 0.5 }]]);
    expect(refused).toEqual([
      'step 0 is not above the previous step 0 (steps must strictly rise)',
      'the step must be a whole number from 0 to 1000000000, got 1.5',
      'step 2: "loss" is not a number: "x"',
    ]);
  });

  it('reads no steps when the request takes none (warm-ups, later repeats), and still skips step lines for the result', async () => {
    expect(await runner('steps.mjs', { NO_FINAL: '1' }).run(request)).toEqual({ kind: 'output', raw: { loss: 1 / 3 } });
  });

  it('on abort kills the whole process group of a command that prints steps forever within a second, SIGKILL after the cancel grace', async () => {
    for (const ignoreSigterm of [false, true]) {
      const pidFile = path.join(tmp, `forever-${ignoreSigterm}.pid`);
      const { sink, accepted } = collectingSink('loss');
      const controller = new AbortController();
      const env = { FOREVER: '1', SLEEP_MS: '20', PID_FILE: pidFile, ...(ignoreSigterm && { IGNORE_SIGTERM: '1' }) };
      const running = runner('steps.mjs', env).run({ ...request, timeoutMs: 60_000, signal: controller.signal, steps: sink });
      await expectEventually(() => expect(accepted.length).toBeGreaterThan(3));
      const pgid = Number(fs.readFileSync(pidFile, 'utf8'));
      const abortedAt = Date.now();
      controller.abort('trial pruned');
      await expectEventually(() => expect(isGroupGone(pgid)).toBe(true), { timeoutMs: 1000, intervalMs: 5 });
      const gone = Date.now() - abortedAt;
      await expect(running).rejects.toBeInstanceOf(EvaluationInterruptedError);
      expect(gone).toBeLessThan(1000);
      if (ignoreSigterm) expect(gone).toBeGreaterThanOrEqual(300);
    }
  });

  it('kills the group and throws EvaluationInterruptedError when aborted', async () => {
    const pidFile = path.join(tmp, 'abort.pid');
    const controller = new AbortController();
    const running = runner('hang.mjs', { PID_FILE: pidFile }).run({ ...request, signal: controller.signal });
    await expectEventually(() => expect(fs.existsSync(pidFile)).toBe(true));
    controller.abort();
    await expect(running).rejects.toBeInstanceOf(EvaluationInterruptedError);
    await expectEventually(() => expect(isProcessGone(Number(fs.readFileSync(pidFile, 'utf8')))).toBe(true));
  });
});

/** A StepSink that keeps what it is handed. */
function collectingSink(metric: string): { sink: StepSink; accepted: ReportedStep[]; refused: string[] } {
  const accepted: ReportedStep[] = [];
  const refused: string[] = [];
  return { sink: { metric, accept: (s) => accepted.push(s), refuse: (p) => refused.push(p) }, accepted, refused };
}

