import { AttuneError } from '@attune/core/errors/attune-error';
import type { StudySpec } from '@attune/core/spec/study-spec.schema';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { StudyLocks } from '@attune/persistence/study-locks';
import { Injectable } from '@nestjs/common';
import { StudyDriver } from '../driver/study-driver.service';
import { StudyEnding } from '../driver/study-ending.service';
import { StudyEventWriter } from '../events/study-event-writer.service';
import { EvaluationEvents } from '../ingestion/evaluation-events.service';

/** Write side of the API: create a study (then let the driver run it) and stop one. */
@Injectable()
export class StudyCommands {
  constructor(
    private readonly locks: StudyLocks,
    private readonly studies: StudyRepository,
    private readonly ending: StudyEnding,
    private readonly driver: StudyDriver,
    private readonly events: EvaluationEvents,
    private readonly studyEvents: StudyEventWriter,
  ) {}

  /**
   * Stores a validated spec as a RUNNING study with its `study-created`
   * event; on that event a driver (TickWakeUp, on any coordinator) proposes
   * its first trials right away.
   */
  async create(spec: StudySpec): Promise<string> {
    const study = await this.locks.transaction(async (tx) => {
      const created = await this.studies.insert(spec, tx);
      const event = { kind: 'study-created' as const, name: spec.name, target: spec.target, maxTrials: spec.budget.maxTrials };
      await this.studyEvents.append([{ studyId: created.id, event }], tx);
      return created;
    });
    this.events.watch(spec.target);
    return study.id;
  }

  /**
   * STOPPED, pending trials CANCELLED and their waiting jobs removed; a study
   * already ended is left as it is. Never waits for the study's driver: a
   * proposal in progress is dropped (at once here, or by the coordinator that
   * holds the study when it finds the study stopped before inserting).
   */
  async stop(id: string): Promise<void> {
    const stopped = await this.locks.transaction(async (tx) => {
      const study = await this.studies.findById(id, tx);
      if (!study) throw new AttuneError('NOT_FOUND', `study ${id} does not exist`);
      if (study.state !== 'RUNNING') return undefined;
      return { study, cancelled: await this.ending.end(study, 'STOPPED', 'stopped by user', tx) };
    });
    if (!stopped) return;
    this.driver.abort(id);
    await this.ending.afterCommit(stopped.study, stopped.cancelled);
  }
}
