import type { ConvergenceRule } from '@attune/core/convergence/convergence-spec.schema';
import path from 'node:path';
import { Piscina } from 'piscina';
import type { ParameterImportance } from '@attune/strategies/importance/parameter-importance';
import type { Proposal } from '@attune/strategies/strategy';
import type { ProposalReply, ProposalTask } from './proposal-task';

/** How a pool is sized and bounded. */
export interface ProposalPoolOptions {
  /** Threads, one lane each. */
  readonly threads: number;
  /** A proposal still running after this long is aborted (its thread is replaced) and reported as failed. */
  readonly timeoutMs: number;
  /** Heap limit of each thread; a strategy that exceeds it loses its thread, and its study fails. @default 1024 */
  readonly maxHeapMb?: number;
  /** The thread's module (tests). @default proposal.thread.js beside this file */
  readonly filename?: string;
}

/**
 * What a proposal came to. `exhausted`: the strategy has nothing left to
 * propose. `aborted`: the caller gave up (its study was stopped); nothing to record.
 */
export type ProposalOutcome =
  | { readonly kind: 'proposals'; readonly proposals: Proposal[]; readonly elapsedMs: number }
  | { readonly kind: 'exhausted' }
  | { readonly kind: 'converged'; readonly rule: ConvergenceRule; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'aborted' };

type AskTask = Extract<ProposalTask, { kind: 'ask' }>;
type RankTask = Extract<ProposalTask, { kind: 'rank' }>;
type ImportanceTask = Extract<ProposalTask, { kind: 'importance' }>;

/** What ranking a study's trials came to: trial numbers best first, none (too few trials, several objectives), or why it failed. */
export type RankingOutcome = { readonly kind: 'ranking'; readonly ranking?: number[] } | { readonly kind: 'failed'; readonly reason: string };

/** What measuring a study's parameter importance came to: the result (shares, or why there are none), or why the thread failed. */
export type ImportanceOutcome = { readonly kind: 'importance'; readonly importance: ParameterImportance } | { readonly kind: 'failed'; readonly reason: string };

/**
 * Runs strategies off the event loop, in worker threads. Each thread is a lane
 * of its own (a single-thread piscina pool); a study is pinned to one lane,
 * the least loaded when it first proposes, so its strategy (and the fitted
 * state it caches) stays on one thread. A strategy that throws, a thread that
 * dies or runs out of heap, or a proposal past the timeout fails that proposal
 * only: piscina replaces the thread and the lane goes on.
 */
export class ProposalPool {
  private readonly lanes: Piscina[];
  private readonly laneOf = new Map<string, number>();
  private readonly studiesOn: number[];
  private running = 0;

  constructor(private readonly options: ProposalPoolOptions) {
    const filename = options.filename ?? defaultThreadFile();
    this.lanes = Array.from(
      { length: Math.max(1, options.threads) },
      () =>
        new Piscina({
          filename,
          minThreads: 1,
          maxThreads: 1,
          idleTimeout: Number.MAX_SAFE_INTEGER,
          resourceLimits: { maxOldGenerationSizeMb: options.maxHeapMb ?? 1024 },
        }),
    );
    this.studiesOn = this.lanes.map(() => 0);
  }

  /** Threads in the pool. */
  get size(): number {
    return this.lanes.length;
  }

  /** Proposals asked for and not yet answered (running or waiting for their thread). */
  get inFlight(): number {
    return this.running;
  }

  /** Asks the study's strategy on its lane. Never rejects: every failure is an outcome. */
  async propose(task: Omit<AskTask, 'kind'>, signal?: AbortSignal): Promise<ProposalOutcome> {
    const reply = await this.run({ kind: 'ask', ...task } satisfies ProposalTask, task.studyId, signal);
    if ('failure' in reply) return reply.aborted ? { kind: 'aborted' } : { kind: 'failed', reason: reply.failure };
    if (reply.kind === 'proposals' && reply.proposals.length > 0) return reply;
    if (reply.kind === 'proposals' || reply.kind === 'exhausted') return { kind: 'exhausted' };
    if (reply.kind === 'failed') return { kind: 'failed', reason: reply.message };
    if (reply.kind === 'converged') return { kind: 'converged', rule: reply.rule, reason: reply.reason };
    return { kind: 'failed', reason: `unexpected reply from the proposal thread: ${reply.kind}` };
  }

  /** Ranks a study's trials by a model's posterior mean on its lane (`rankByPosteriorMean`). Never rejects. */
  async rank(task: Omit<RankTask, 'kind'>): Promise<RankingOutcome> {
    const reply = await this.run({ kind: 'rank', ...task } satisfies ProposalTask, task.studyId);
    if ('failure' in reply) return { kind: 'failed', reason: reply.failure };
    if (reply.kind === 'ranking') return { kind: 'ranking', ...(reply.ranking && { ranking: reply.ranking }) };
    return { kind: 'failed', reason: reply.kind === 'failed' ? reply.message : `unexpected reply from the proposal thread: ${reply.kind}` };
  }

  /** Measures a study's parameter importance on its lane (`parameterImportance`). Never rejects. */
  async importance(task: Omit<ImportanceTask, 'kind'>): Promise<ImportanceOutcome> {
    const reply = await this.run({ kind: 'importance', ...task } satisfies ProposalTask, task.studyId);
    if ('failure' in reply) return { kind: 'failed', reason: reply.failure };
    if (reply.kind === 'importance') return { kind: 'importance', importance: reply.importance };
    return { kind: 'failed', reason: reply.kind === 'failed' ? reply.message : `unexpected reply from the proposal thread: ${reply.kind}` };
  }

  /** Drops the studies' cached strategies and unpins them (they ended, or run elsewhere now). */
  async forget(studyIds: Iterable<string>): Promise<void> {
    const byLane = new Map<number, string[]>();
    for (const id of studyIds) {
      const lane = this.laneOf.get(id);
      if (lane === undefined) continue;
      this.laneOf.delete(id);
      this.studiesOn[lane] -= 1;
      byLane.set(lane, [...(byLane.get(lane) ?? []), id]);
    }
    await Promise.all([...byLane].map(([lane, ids]) => this.lanes[lane].run({ kind: 'forget', studyIds: ids } satisfies ProposalTask).catch(() => undefined)));
  }

  /** Ids of the studies pinned to a lane. */
  pinned(): string[] {
    return [...this.laneOf.keys()];
  }

  /** Stops every thread; pending proposals reject (their callers see `failed`). */
  async destroy(): Promise<void> {
    await Promise.all(this.lanes.map((l) => l.destroy()));
  }

  /** Runs a task on the study's lane, with the timeout; a thread that dies, a timeout or the caller's abort is a `failure`. */
  private async run(task: ProposalTask, studyId: string, signal?: AbortSignal): Promise<ProposalReply | { failure: string; aborted: boolean }> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    this.running += 1;
    try {
      return (await this.lanes[this.lane(studyId)].run(task, { signal: combined })) as ProposalReply;
    } catch (e) {
      if (signal?.aborted) return { failure: 'aborted', aborted: true };
      if (timeout.aborted) return { failure: `the ${TASK_NAMES[task.kind]} took longer than ${this.options.timeoutMs / 1000} s and was stopped`, aborted: false };
      return { failure: `the proposal thread died: ${(e as Error).message}`, aborted: false };
    } finally {
      this.running -= 1;
    }
  }

  private lane(studyId: string): number {
    let lane = this.laneOf.get(studyId);
    if (lane === undefined) {
      lane = this.studiesOn.indexOf(Math.min(...this.studiesOn));
      this.laneOf.set(studyId, lane);
      this.studiesOn[lane] += 1;
    }
    return lane;
  }
}

const TASK_NAMES: Record<ProposalTask['kind'], string> = { ask: 'proposal', rank: 'ranking', importance: 'importance', forget: 'forget' };

/** The built thread module, or from TypeScript sources (tests) a loader that compiles it on the fly. */
function defaultThreadFile(): string {
  return __filename.endsWith('.ts') ? path.join(__dirname, 'proposal-thread.from-sources.cjs') : path.join(__dirname, 'proposal.thread.js');
}
