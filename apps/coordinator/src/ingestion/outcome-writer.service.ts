import { StudyLocks } from '@attune/persistence/study-locks';
import type { Direction } from '@attune/core/trial/trial-view';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { TrialRepository, type ChangedTrial } from '@attune/persistence/repositories/trial.repository';
import { Injectable } from '@nestjs/common';
import { StudyEventWriter } from '../events/study-event-writer.service';
import type { PendingOutcome } from './outcome-batcher';
import { outcomeEvents } from './outcome-events';

/**
 * Writes what ingestion learns about trials together with its events, in
 * one transaction per batch whatever its size (a handful of statements, not
 * one per trial): lock the batch's studies in id order, read their best so
 * far, change the trials, append the events.
 */
@Injectable()
export class OutcomeWriter {
  constructor(
    private readonly locks: StudyLocks,
    private readonly studies: StudyRepository,
    private readonly trials: TrialRepository,
    private readonly events: StudyEventWriter,
  ) {}

  /** Records outcomes (see TrialRepository.finishMany) with `trial-finished` and `new-best`; returns the trials that changed. */
  finish(items: readonly PendingOutcome[]): Promise<Map<string, ChangedTrial>> {
    return this.locks.transaction(async (tx) => {
      const studyIds = [...new Set(items.map((i) => i.studyId))];
      await this.studies.lockForEvents(studyIds, tx);
      const completing = new Map<string, Direction>();
      for (const i of items) if (i.outcome.state === 'COMPLETE' && i.direction) completing.set(i.studyId, i.direction);
      const bestBefore = await this.trials.bestValues([...completing].map(([id, direction]) => ({ id, direction })), tx);
      const changed = await this.trials.finishMany(items, tx);
      await this.events.append(outcomeEvents(items, changed, bestBefore), tx);
      return changed;
    });
  }

  /** QUEUED → RUNNING, with `trial-started` for each trial that moved. */
  start(trialIds: readonly string[]): Promise<ChangedTrial[]> {
    return this.locks.transaction(async (tx) => {
      await this.studies.lockForEvents(await this.trials.studyIdsOf(trialIds, tx), tx);
      const moved = await this.trials.markRunning(trialIds, new Date(), tx);
      await this.events.append(moved.map((t) => ({ studyId: t.studyId, event: { kind: 'trial-started', trialId: t.id, number: t.number } })), tx);
      return moved;
    });
  }
}
