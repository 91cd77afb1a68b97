import { AttuneError } from '@attune/core/errors/attune-error';
import type { StudyRecord } from '@attune/persistence/records/study.record';
import type { TrialRecord } from '@attune/persistence/records/trial.record';
import type { NewTrial } from '@attune/persistence/repositories/trial.repository';
import { createStrategy } from '@attune/strategies/registry/strategy-registry';
import type { Proposal, Strategy } from '@attune/strategies/strategy';
import { Injectable } from '@nestjs/common';
import { toTrialViews } from './trial-views';

/**
 * Asks a study's strategy for the next trials, given the whole history from
 * PostgreSQL. Strategy instances are cached per study only to keep their
 * caches warm; a fresh instance proposes the same from the same history.
 */
@Injectable()
export class ProposalService {
  private readonly strategies = new Map<string, Strategy>();

  /** Up to `count` new trials numbered after the history; fewer (or none) when the strategy has run out. */
  propose(study: StudyRecord, trials: readonly TrialRecord[], count: number): NewTrial[] {
    const { spec } = study;
    const ctx = {
      space: spec.parameters,
      trials: toTrialViews(trials, spec.objective.direction),
      seed: spec.strategy.seed,
      maxTrials: spec.budget.maxTrials,
    };
    let proposals: Proposal[];
    try {
      proposals = this.strategyFor(study).ask(ctx, count);
    } catch (e) {
      if (e instanceof AttuneError && e.code === 'SEARCH_SPACE_EXHAUSTED') return [];
      throw e;
    }
    return proposals.slice(0, count).map((p, i) => ({ number: trials.length + i, params: p.params, ...(p.meta && { meta: p.meta }) }));
  }

  /** Drops the cached strategy of a study that ended. */
  forget(studyId: string): void {
    this.strategies.delete(studyId);
  }

  /** Drops strategies of studies no longer running (they may have ended on another coordinator). */
  retainOnly(runningIds: ReadonlySet<string>): void {
    for (const id of this.strategies.keys()) if (!runningIds.has(id)) this.strategies.delete(id);
  }

  private strategyFor(study: StudyRecord): Strategy {
    let strategy = this.strategies.get(study.id);
    if (!strategy) {
      strategy = createStrategy(study.spec.strategy, study.spec.parameters);
      this.strategies.set(study.id, strategy);
    }
    return strategy;
  }
}
