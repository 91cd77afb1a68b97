import { spawn, type ChildProcess } from 'node:child_process';
import type { Params } from '@attune/core/search-space/parameter';
import { nodeEntryArgs } from '../node-entry';
import type { StepSink } from '../target-runner';
import type { FromEvaluator, ToEvaluator } from './evaluator-protocol';

/** How one evaluation in an evaluator process ended. */
export type EvaluatorOutcome =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'interrupted' };

/** What an evaluator process is started with. */
export interface EvaluatorOptions {
  /** Absolute path of the objective module. */
  readonly file: string;
  readonly exportName?: string;
  /** The environment of the process (the worker's own: module targets are the operator's code, as before). */
  readonly env: Readonly<Record<string, string>>;
}

/** One evaluation to run in an evaluator process. */
export interface EvaluatorRun {
  readonly params: Params;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** How long an aborted objective gets to return before its process is killed. */
  readonly cancelGraceMs: number;
  /** Where the objective's reports go; absent, `report` does nothing. */
  readonly steps?: StepSink;
  /** Most reports sent back (past MAX_STEPS_PER_TRIAL nothing is kept). */
  readonly stepLimit: number;
}

/**
 * A child process holding a loaded objective (module.evaluator), running one
 * evaluation at a time. A timeout or an abort kills it (and its process
 * group); so may the objective itself. After that it is not `alive` and must
 * be dropped; the worker is untouched, and the process dies with the worker.
 */
export class EvaluatorProcess {
  alive = true;
  /** Resolves once the objective loaded; rejects with the reason it did not. */
  readonly ready: Promise<void>;
  private readonly child: ChildProcess;
  private readonly exited: Promise<void>;
  private settle?: (outcome: EvaluatorOutcome) => void;
  private markReady!: () => void;
  private markFailed!: (error: Error) => void;
  private crash?: string;
  private nextId = 0;
  /** Where the running evaluation's steps go. */
  private steps?: StepSink;

  constructor(options: EvaluatorOptions) {
    this.ready = new Promise<void>((resolve, reject) => {
      this.markReady = resolve;
      this.markFailed = reject;
    });
    this.ready.catch(() => undefined);
    // Its own process group and session: killing the group kills what the objective started; a terminal's Ctrl-C is the worker's to handle.
    this.child = spawn(process.execPath, nodeEntryArgs(__dirname, 'module.evaluator'), {
      detached: true,
      env: options.env,
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.exited = new Promise((resolve) => this.child.once('exit', () => resolve()));
    this.child.on('message', (reply: FromEvaluator) => this.onReply(reply));
    this.child.on('error', (e) => this.die(`the evaluator process could not run: ${e.message}`));
    this.child.on('exit', (code, signal) => this.die(exitReason(code, signal, this.crash)));
    this.tell({ type: 'load', file: options.file, exportName: options.exportName });
  }

  /**
   * Runs one evaluation. A timeout kills the process at once. An abort tells
   * the objective (its signal aborts) and gives it `cancelGraceMs` to return:
   * one that does keeps its process, one that does not has it killed; either
   * way the outcome is `interrupted`.
   */
  evaluate(run: EvaluatorRun): Promise<EvaluatorOutcome> {
    const { signal } = run;
    return new Promise((resolve) => {
      const id = ++this.nextId;
      const timers: NodeJS.Timeout[] = [];
      const onAbort = () => {
        timers.forEach(clearTimeout);
        this.tell({ type: 'abort', id, reason: String(signal?.reason ?? 'the evaluation was aborted') });
        timers.push(setTimeout(() => finish({ kind: 'interrupted' }, true), run.cancelGraceMs));
      };
      const finish = (outcome: EvaluatorOutcome, kill = false) => {
        timers.forEach(clearTimeout);
        signal?.removeEventListener('abort', onAbort);
        this.settle = undefined;
        this.steps = undefined;
        if (kill) void this.terminate();
        // Once aborted, whatever came back is not wanted.
        resolve(signal?.aborted ? { kind: 'interrupted' } : outcome);
      };
      this.settle = finish;
      if (signal?.aborted) return finish({ kind: 'interrupted' });
      if (!this.alive) return finish({ kind: 'error', message: 'the evaluator process is not running' });
      timers.push(setTimeout(() => finish({ kind: 'timeout' }, true), run.timeoutMs));
      signal?.addEventListener('abort', onAbort, { once: true });
      this.steps = run.steps;
      const steps = run.steps && { metric: run.steps.metric, limit: run.stepLimit };
      this.tell({ type: 'evaluate', id, params: run.params, ...(steps && { steps }) });
    });
  }

  /** Kills the process and its group; resolves once it has exited. */
  async terminate(): Promise<void> {
    this.alive = false;
    if (this.child.exitCode === null && this.child.signalCode === null && this.child.pid !== undefined) {
      try {
        process.kill(-this.child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    if (this.child.pid !== undefined) await this.exited;
  }

  private tell(message: ToEvaluator): void {
    if (this.child.connected) this.child.send(message, (e) => e && this.die(`the evaluator process stopped listening: ${e.message}`));
  }

  private onReply(reply: FromEvaluator): void {
    switch (reply.type) {
      case 'ready':
        return this.markReady();
      case 'load-error':
        this.alive = false;
        this.markFailed(new Error(reply.message));
        return this.settle?.({ kind: 'error', message: `the objective did not load: ${reply.message}` });
      case 'crashed':
        this.crash = reply.error;
        return;
      case 'step':
        if (reply.id === this.nextId) this.steps?.accept(reply.step);
        return;
      case 'step-refused':
        if (reply.id === this.nextId) this.steps?.refuse(reply.problem);
        return;
      case 'result':
        if (reply.id !== this.nextId) return;
        return this.settle?.(reply.ok ? { kind: 'value', value: reply.value } : { kind: 'error', message: `evaluate threw ${reply.error}` });
    }
  }

  private die(message: string): void {
    if (!this.alive) return;
    this.alive = false;
    this.markFailed(new Error(message));
    this.settle?.({ kind: 'error', message });
  }
}

function exitReason(code: number | null, signal: NodeJS.Signals | null, crash: string | undefined): string {
  if (crash !== undefined) return `the evaluation crashed: ${crash}`;
  return `the evaluator process exited (${signal ? `signal ${signal}` : `code ${code}`})`;
}
