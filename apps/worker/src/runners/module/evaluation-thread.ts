import type { Worker } from 'node:worker_threads';
import type { Params } from '@attune/core/search-space/parameter';
import { spawnEvaluationThread } from './spawn-evaluation-thread';
import type { ThreadData, ThreadReply } from './thread-protocol';

/** How one evaluation in a thread ended. */
export type ThreadOutcome =
  | { readonly kind: 'value'; readonly value: unknown }
  | { readonly kind: 'error'; readonly message: string }
  | { readonly kind: 'timeout' }
  | { readonly kind: 'interrupted' };

/**
 * One worker thread holding a loaded objective, running one evaluation at a
 * time. A timeout or an abort terminates it; so does a crash. After that it is
 * not `alive` and must be dropped.
 */
export class EvaluationThread {
  alive = true;
  /** Resolves once the objective loaded; rejects with the reason it did not. */
  readonly ready: Promise<void>;
  private readonly worker: Worker;
  private settle?: (outcome: ThreadOutcome) => void;
  private markReady!: () => void;
  private markFailed!: (error: Error) => void;
  private nextId = 0;

  constructor(data: ThreadData) {
    this.ready = new Promise<void>((resolve, reject) => {
      this.markReady = resolve;
      this.markFailed = reject;
    });
    this.ready.catch(() => undefined);
    this.worker = spawnEvaluationThread(data);
    this.worker.on('message', (reply: ThreadReply) => this.onReply(reply));
    this.worker.on('error', (e) => this.die(`the evaluation crashed: ${e.name}: ${e.message}`));
    this.worker.on('exit', (code) => this.die(`the evaluation thread exited with code ${code}`));
  }

  evaluate(params: Params, timeoutMs: number, signal?: AbortSignal): Promise<ThreadOutcome> {
    return new Promise((resolve) => {
      const onTimeout = () => finish({ kind: 'timeout' }, true);
      const onAbort = () => finish({ kind: 'interrupted' }, true);
      const timer = setTimeout(onTimeout, timeoutMs);
      const finish = (outcome: ThreadOutcome, kill = false) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.settle = undefined;
        if (kill) void this.terminate();
        resolve(outcome);
      };
      this.settle = finish;
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      if (!this.alive) return finish({ kind: 'error', message: 'the evaluation thread is not running' });
      this.nextId += 1;
      this.worker.postMessage({ id: this.nextId, params });
    });
  }

  async terminate(): Promise<void> {
    this.alive = false;
    await this.worker.terminate();
  }

  private onReply(reply: ThreadReply): void {
    if (reply.type === 'ready') return this.markReady();
    if (reply.type === 'load-error') {
      this.alive = false;
      this.markFailed(new Error(reply.message));
      return this.settle?.({ kind: 'error', message: `the objective did not load: ${reply.message}` });
    }
    if (reply.id !== this.nextId) return;
    this.settle?.(reply.ok ? { kind: 'value', value: reply.value } : { kind: 'error', message: `evaluate threw ${reply.error}` });
  }

  private die(message: string): void {
    if (!this.alive) return;
    this.alive = false;
    this.markFailed(new Error(message));
    this.settle?.({ kind: 'error', message });
  }
}
