import { AttuneError } from '@attune/core/errors/attune-error';
import { MAX_STEPS_PER_TRIAL } from '@attune/queue/trial-steps.job';
import { EvaluationInterruptedError } from '../../evaluation/evaluation-interrupted.error';
import type { ModuleTargetDefinition } from '../../targets/target-definition';
import type { EvaluationRequest, RunOutcome, TargetRunner } from '../target-runner';
import { EvaluatorProcess } from './evaluator-process';

/**
 * Runs a module target's evaluate(params) in evaluator child processes: a
 * pool that grows to the worker's concurrency and reuses its processes, so the
 * module loads once per process (module-level state persists between
 * evaluations of one process). A process that hangs past the timeout is
 * killed, and so is one that a cancellation's abort does not stop within
 * `cancelGraceMs` (one that returns keeps its process); one that dies (process.exit, abort, a native crash, an uncaught
 * error) fails its trial with the reason and is replaced. Not worker threads:
 * process.abort() or a native crash in a thread takes the whole worker down.
 */
export class ModuleRunner implements TargetRunner {
  readonly target: string;
  readonly timeoutSec?: number;
  private readonly idle: EvaluatorProcess[] = [];
  private readonly evaluators = new Set<EvaluatorProcess>();

  constructor(
    private readonly definition: ModuleTargetDefinition,
    private readonly env: Readonly<Record<string, string>>,
    private readonly cancelGraceMs: number,
  ) {
    this.target = definition.name;
    this.timeoutSec = definition.timeoutSec;
  }

  /** Loads the module once in a first process, so a broken module stops the worker at start. */
  async start(): Promise<void> {
    const evaluator = this.spawn();
    try {
      await evaluator.ready;
    } catch (e) {
      await evaluator.terminate();
      this.evaluators.delete(evaluator);
      throw new AttuneError('INVALID_ARGUMENT', `target "${this.target}": ${(e as Error).message}`);
    }
    this.idle.push(evaluator);
  }

  async run(request: EvaluationRequest): Promise<RunOutcome> {
    const evaluator = this.idle.pop() ?? this.spawn();
    const { params, timeoutMs, signal, steps } = request;
    // One past the trial's cap, so that the step publisher sees the cap reached and says so.
    const outcome = await evaluator.evaluate({ params, timeoutMs, signal, steps, cancelGraceMs: this.cancelGraceMs, stepLimit: MAX_STEPS_PER_TRIAL + 1 });
    if (evaluator.alive) this.idle.push(evaluator);
    else this.evaluators.delete(evaluator);
    switch (outcome.kind) {
      case 'value':
        return { kind: 'output', raw: outcome.value };
      case 'error':
        return { kind: 'failed', error: outcome.message };
      case 'timeout':
        return { kind: 'timed-out', error: `evaluate did not finish within ${request.timeoutMs / 1000}s; its evaluator process was killed` };
      case 'interrupted':
        throw new EvaluationInterruptedError();
    }
  }

  async close(): Promise<void> {
    const all = [...this.evaluators];
    this.evaluators.clear();
    this.idle.length = 0;
    await Promise.all(all.map((t) => t.terminate()));
  }

  private spawn(): EvaluatorProcess {
    const evaluator = new EvaluatorProcess({ file: this.definition.module, exportName: this.definition.export, env: this.env });
    this.evaluators.add(evaluator);
    return evaluator;
  }
}
