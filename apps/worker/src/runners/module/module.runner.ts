import { AttuneError } from '@attune/core/errors/attune-error';
import { EvaluationInterruptedError } from '../../evaluation/evaluation-interrupted.error';
import type { ModuleTargetDefinition } from '../../targets/target-definition';
import type { EvaluationRequest, RunOutcome, TargetRunner } from '../target-runner';
import { EvaluationThread } from './evaluation-thread';

/**
 * Runs a module target's evaluate(params) in worker threads: a pool that grows
 * to the worker's concurrency and reuses threads, so the module loads once per
 * thread (module-level state persists between evaluations of one thread). A
 * thread that hangs past the timeout is terminated, one that crashes is
 * replaced; neither takes the worker process down.
 */
export class ModuleRunner implements TargetRunner {
  readonly target: string;
  readonly timeoutSec?: number;
  private readonly idle: EvaluationThread[] = [];
  private readonly threads = new Set<EvaluationThread>();

  constructor(private readonly definition: ModuleTargetDefinition) {
    this.target = definition.name;
    this.timeoutSec = definition.timeoutSec;
  }

  /** Loads the module once in a first thread, so a broken module stops the worker at start. */
  async start(): Promise<void> {
    const thread = this.spawn();
    try {
      await thread.ready;
    } catch (e) {
      await thread.terminate();
      this.threads.delete(thread);
      throw new AttuneError('INVALID_ARGUMENT', `target "${this.target}": ${(e as Error).message}`);
    }
    this.idle.push(thread);
  }

  async run(request: EvaluationRequest): Promise<RunOutcome> {
    const thread = this.idle.pop() ?? this.spawn();
    const outcome = await thread.evaluate(request.params, request.timeoutMs, request.signal);
    if (thread.alive) this.idle.push(thread);
    else this.threads.delete(thread);
    switch (outcome.kind) {
      case 'value':
        return { kind: 'output', raw: outcome.value };
      case 'error':
        return { kind: 'failed', error: outcome.message };
      case 'timeout':
        return { kind: 'timed-out', error: `evaluate did not finish within ${request.timeoutMs / 1000}s; its thread was terminated` };
      case 'interrupted':
        throw new EvaluationInterruptedError();
    }
  }

  async close(): Promise<void> {
    const all = [...this.threads];
    this.threads.clear();
    this.idle.length = 0;
    await Promise.all(all.map((t) => t.terminate()));
  }

  private spawn(): EvaluationThread {
    const thread = new EvaluationThread({ file: this.definition.module, exportName: this.definition.export });
    this.threads.add(thread);
    return thread;
  }
}
