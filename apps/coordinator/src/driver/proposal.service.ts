import type { ConvergenceRule } from '@attune/core/convergence/convergence-spec.schema';
import { studyObjectives } from '@attune/core/objective/study-objectives';
import type { StudyRecord } from '@attune/persistence/records/study.record';
import type { TrialRecord } from '@attune/persistence/records/trial.record';
import type { NewTrial } from '@attune/persistence/repositories/trial.repository';
import { Injectable, Logger } from '@nestjs/common';
import { ProposalLatency } from '../metrics/proposal-latency.recorder';
import { ProposalThreads } from '../proposals/proposal-threads.service';
import type { ProposalTiming } from '../tracing/trial-roots';
import { StudyReleases } from './study-releases.service';
import { modelConvergenceTask } from './study-convergence';
import { toTrialViews } from './trial-views';

/** What asking a study's strategy came to, in the driver's terms. */
export type ProposalResult =
  | { readonly kind: 'proposed'; readonly trials: NewTrial[]; readonly timing: ProposalTiming }
  | { readonly kind: 'exhausted' }
  | { readonly kind: 'converged'; readonly rule: ConvergenceRule; readonly reason: string }
  | { readonly kind: 'failed'; readonly reason: string }
  | { readonly kind: 'aborted' };

/**
 * Asks a study's strategy for the next trials, given the whole history from
 * PostgreSQL, in the proposal thread pool: never on the event loop. A fresh
 * strategy proposes the same from the same history, so the threads' cached
 * strategies are an optimisation only.
 */
@Injectable()
export class ProposalService {
  private readonly logger = new Logger(ProposalService.name);

  constructor(
    private readonly pool: ProposalThreads,
    releases: StudyReleases,
    private readonly latency: ProposalLatency,
  ) {    // Ended studies' strategies leave their threads too.
    releases.onRelease((keep) => {
      const gone = this.pool.pinned().filter((id) => !keep(id));
      if (gone.length > 0) void this.pool.forget(gone);
    });
  }

  /** Up to `count` new trials numbered after the history; `exhausted` when the strategy has nothing left. */
  async propose(study: StudyRecord, trials: readonly TrialRecord[], count: number, signal?: AbortSignal): Promise<ProposalResult> {
    const { spec } = study;
    const context = { space: spec.parameters, trials: toTrialViews(trials, studyObjectives(spec)), seed: spec.strategy.seed, maxTrials: spec.budget.maxTrials };
    const convergence = modelConvergenceTask(study, trials, Date.now());
    const startedAt = Date.now();
    const outcome = await this.pool.propose({ studyId: study.id, strategy: spec.strategy, space: spec.parameters, context, count, ...(convergence && { convergence }) }, signal);
    if (outcome.kind !== 'proposals') return outcome;
    this.latency.record(spec.strategy.name, outcome.elapsedMs);
    this.logger.debug(`study ${study.id}: ${outcome.proposals.length} proposal(s) in ${outcome.elapsedMs.toFixed(0)} ms`);
    const proposed = outcome.proposals.map((p, i) => ({ number: trials.length + i, params: p.params, ...(p.meta && { meta: p.meta }) }));
    const timing = { strategy: spec.strategy.name, startedAt, endedAt: Date.now(), elapsedMs: outcome.elapsedMs, batchSize: proposed.length };
    return { kind: 'proposed', trials: proposed, timing };
  }

  /** Proposals asked for and not yet answered. */
  get inFlight(): number {
    return this.pool.inFlight;
  }
}
