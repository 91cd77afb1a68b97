import { AttuneError } from '@attune/core/errors/attune-error';
import { evaluateStudyConvergence } from '@attune/strategies/convergence/evaluate-study-convergence';
import { parameterImportance } from '@attune/strategies/importance/parameter-importance';
import { rankByPosteriorMean } from '@attune/strategies/recommendation/rank-by-posterior-mean';
import { createStrategy } from '@attune/strategies/registry/strategy-registry';
import type { Strategy } from '@attune/strategies/strategy';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import type { ProposalReply, ProposalTask } from './proposal-task';

// When the machine is busy, proposals give way to the coordinator's event loop (HTTP, ingestion, ticks):
// a proposal taking a few milliseconds longer costs less than /health answering late. On Linux a
// priority set for pid 0 applies to the calling thread only.
const PROPOSAL_THREAD_NICE = 10;
try {
  os.setPriority(0, PROPOSAL_THREAD_NICE);
} catch {
  // Not permitted here (or not Linux): proposals run at the coordinator's priority.
}

interface CachedStrategy {
  readonly key: string;
  readonly strategy: Strategy;
}

// Strategies are rebuilt from the history alone; the cache only keeps fitted state warm. Bounded, least recently used out.
const MAX_CACHED = 256;
const cache = new Map<string, CachedStrategy>();

/**
 * Body of a proposal thread (a piscina task): ranks a study's trials for its
 * verification, or measures its parameters' importance, when asked to; otherwise asks the study's model-based
 * convergence rule when it has one (a study that converged gets no more
 * trials), then the study's strategy, which this thread keeps between calls,
 * for `count` proposals. Every study's
 * proposals come to the same thread (ProposalPool), so its caches stay warm.
 */
export default function runProposalTask(task: ProposalTask): ProposalReply {
  if (task.kind === 'forget') {
    for (const id of task.studyIds) cache.delete(id);
    return { kind: 'forgotten' };
  }
  const started = performance.now();
  try {
    if (task.kind === 'rank') return { kind: 'ranking', ranking: rankByPosteriorMean(task.space, task.trials, task.seed) ?? null, elapsedMs: performance.now() - started };
    if (task.kind === 'importance') {
      const importance = parameterImportance(task.space, task.trials, { seed: task.seed, objective: task.objective });
      return { kind: 'importance', importance, elapsedMs: performance.now() - started };
    }
    if (task.convergence) {
      const verdict = evaluateStudyConvergence(task.convergence.context, task.convergence.options, { space: task.space, seed: task.context.seed });
      if (verdict.stop) return { kind: 'converged', rule: verdict.rule, reason: verdict.reason, elapsedMs: performance.now() - started };
    }
    const proposals = strategyFor(task).ask(task.context, task.count).slice(0, task.count);
    return { kind: 'proposals', proposals, elapsedMs: performance.now() - started };
  } catch (e) {
    if (e instanceof AttuneError && e.code === 'SEARCH_SPACE_EXHAUSTED') return { kind: 'exhausted', elapsedMs: performance.now() - started };
    const error = e instanceof Error ? e : new Error(String(e));
    return { kind: 'failed', message: error.message, stack: error.stack };
  }
}

function strategyFor(task: Extract<ProposalTask, { kind: 'ask' }>): Strategy {
  const key = JSON.stringify([task.strategy, task.space]);
  const cached = cache.get(task.studyId);
  cache.delete(task.studyId);
  const entry = cached?.key === key ? cached : { key, strategy: createStrategy(task.strategy, task.space) };
  cache.set(task.studyId, entry);
  if (cache.size > MAX_CACHED) cache.delete(cache.keys().next().value!);
  return entry.strategy;
}
