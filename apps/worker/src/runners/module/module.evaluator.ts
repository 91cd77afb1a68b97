import { Worker } from 'node:worker_threads';
import type { EvaluationContext } from '@attune/targets/evaluation-context';
import { loadObjective, type LoadedObjective } from '@attune/targets/load-objective';
import { StepChecker } from '@attune/targets/step-checker';
import type { FromEvaluator, ToEvaluator } from './evaluator-protocol';

/**
 * Body of an evaluator process (see EvaluatorProcess): loads the objective
 * once, then evaluates the params it is sent, one at a time, handing the
 * objective a context: `report` sends its steps back, `signal` aborts when the
 * worker says the evaluation is no longer wanted. Whatever the
 * objective does to this process (exit, abort, a native crash, an endless
 * loop) ends this process only; the worker reports it and starts another.
 */
const PARENT_POLL_MS = 250;

/** The evaluation running, whose signal an `abort` message aborts. */
let running: { readonly id: number; readonly controller: AbortController } | undefined;

function send(message: FromEvaluator, then?: () => void): void {
  try {
    process.send?.(message, undefined, {}, () => then?.());
  } catch (e) {
    // A value the channel cannot carry (a function, say): reported as the evaluation's error.
    if (message.type === 'result' && message.ok) send({ type: 'result', id: message.id, ok: false, error: `its value cannot be sent back: ${describe(e)}` }, then);
    else then?.();
  }
}

/**
 * Ends this process, and anything the objective started in its group, when
 * the worker goes: the IPC channel closing says so while the event loop is
 * free; a thread watching the parent pid says so while an evaluation holds
 * the loop (a busy loop never lets 'disconnect' run).
 */
function dieWithParent(): void {
  const dieNow = () => {
    try {
      process.kill(-process.pid, 'SIGKILL');
    } finally {
      process.kill(process.pid, 'SIGKILL');
    }
  };
  process.on('disconnect', dieNow);
  const watcher = `
    const { workerData } = require('node:worker_threads');
    setInterval(() => {
      if (process.ppid === workerData.parent) return;
      try { process.kill(-process.pid, 'SIGKILL'); } catch {}
      process.kill(process.pid, 'SIGKILL');
    }, ${PARENT_POLL_MS});`;
  new Worker(watcher, { eval: true, workerData: { parent: process.ppid } }).unref();
}

async function load(message: Extract<ToEvaluator, { type: 'load' }>): Promise<LoadedObjective | undefined> {
  try {
    const objective = await loadObjective(message.file, message.exportName);
    send({ type: 'ready' });
    return objective;
  } catch (e) {
    send({ type: 'load-error', message: (e as Error).message });
    return undefined;
  }
}

async function evaluate(objective: LoadedObjective, { id, params, steps }: Extract<ToEvaluator, { type: 'evaluate' }>): Promise<void> {
  const controller = new AbortController();
  running = { id, controller };
  const report = reporter(id, steps);
  try {
    send({ type: 'result', id, ok: true, value: await objective.evaluate(params, { report: report.call, signal: controller.signal }) });
  } catch (e) {
    send({ type: 'result', id, ok: false, error: describe(e) });
  } finally {
    report.close();
    if (running?.id === id) running = undefined;
  }
}

/**
 * The objective's `report` for evaluation `id`: checks each step and sends
 * it (or why it was refused), at most `limit` times, never after the
 * evaluation ended; never throws into the objective.
 */
function reporter(id: number, steps: Extract<ToEvaluator, { type: 'evaluate' }>['steps']): { call: EvaluationContext['report']; close: () => void } {
  let open = steps !== undefined;
  let sent = 0;
  const checker = new StepChecker(steps?.metric ?? 'value');
  const call: EvaluationContext['report'] = (step, metrics) => {
    if (!open || sent >= (steps?.limit ?? 0)) return;
    sent += 1;
    const check = checker.check(step, metrics);
    send(check.ok ? { type: 'step', id, step: check.step } : { type: 'step-refused', id, problem: check.problem });
  };
  return { call, close: () => void (open = false) };
}

function abort({ id, reason }: Extract<ToEvaluator, { type: 'abort' }>): void {
  if (running?.id !== id) return;
  running.controller.abort(Object.assign(new Error(reason), { name: 'AbortError' }));
}

function describe(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return `a non-error value was thrown: ${String(e)}`;
}

function main(): void {
  if (!process.send) throw new Error('module.evaluator must be started with an IPC channel');
  dieWithParent();
  process.on('uncaughtException', (e) => send({ type: 'crashed', error: describe(e) }, () => process.exit(70)));
  let objective: Promise<LoadedObjective | undefined> | undefined;
  process.on('message', (message: ToEvaluator) => {
    if (message.type === 'load') objective ??= load(message);
    else if (message.type === 'abort') abort(message);
    else void objective?.then((o) => o && evaluate(o, message));
  });
}

main();
