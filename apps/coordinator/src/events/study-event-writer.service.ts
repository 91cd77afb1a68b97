import type { NewStudyEvent, StudyEventRecord } from '@attune/persistence/records/study-event.record';
import { StudyEventRepository } from '@attune/persistence/repositories/study-event.repository';
import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@attune/persistence/transaction';
import { COORDINATOR_INSTANCE_ID } from './coordinator-instance';

/**
 * Appends study events inside the transaction of the change that caused them,
 * signed with this coordinator's instance id. Listeners see them only after
 * that transaction commits (through the NOTIFY and StudyEventFeed), never if
 * it rolls back. Callers lock the studies first (StudyRepository.lockForEvents)
 * when they change trials in the same transaction.
 */
@Injectable()
export class StudyEventWriter {
  constructor(
    private readonly events: StudyEventRepository,
    @Inject(COORDINATOR_INSTANCE_ID) private readonly instanceId: string,
  ) {}

  append(events: readonly NewStudyEvent[], tx: Transaction): Promise<StudyEventRecord[]> {
    return this.events.append(events, this.instanceId, tx);
  }
}
