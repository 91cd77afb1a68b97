import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { TrialRepository, type ChangedTrial, type PrunedTrial } from '@attune/persistence/repositories/trial.repository';
import { StudyLocks } from '@attune/persistence/study-locks';
import { Injectable } from '@nestjs/common';
import { StudyEventWriter } from '../events/study-event-writer.service';
import { prunedEvents } from './pruned-events';

/**
 * Records pruning decisions as OutcomeWriter records results: in one
 * transaction, lock the studies for their events, end the trials that are
 * still pending (conditional: a result or a cancellation that came first
 * wins), append their events.
 */
@Injectable()
export class PruneWriter {
  constructor(
    private readonly locks: StudyLocks,
    private readonly studies: StudyRepository,
    private readonly trials: TrialRepository,
    private readonly events: StudyEventWriter,
  ) {}

  /** Returns the trials that changed (were still pending), by id. */
  prune(items: readonly PrunedTrial[]): Promise<Map<string, ChangedTrial>> {
    if (items.length === 0) return Promise.resolve(new Map());
    return this.locks.transaction(async (tx) => {
      await this.studies.lockForEvents(items.map((i) => i.studyId), tx);
      const changed = await this.trials.prune(items, tx);
      await this.events.append(prunedEvents(items, changed), tx);
      return changed;
    });
  }
}
