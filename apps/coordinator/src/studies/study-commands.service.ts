import { AttuneError } from '@attune/core/errors/attune-error';
import type { StudySpec } from '@attune/core/spec/study-spec.schema';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { StudyLocks } from '@attune/persistence/study-locks';
import { Injectable } from '@nestjs/common';
import { StudyDriver } from '../driver/study-driver.service';
import { StudyEnding } from '../driver/study-ending.service';
import { StudyEventWriter } from '../events/study-event-writer.service';
import { EvaluationEvents } from '../ingestion/evaluation-events.service';
import type { WarmStartPlan } from '@attune/core/warm-start/plan-warm-start';
import { WarmStart } from './warm-start.service';
import { VerificationRunner } from '../verification/verification-runner.service';

/** A study just created, and what its warm start copied (when its spec asks for one). */
export interface CreatedStudy {
  readonly id: string;
  readonly warmStart?: WarmStartPlan;
}

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
    private readonly warmStart: WarmStart,
    private readonly verifications: VerificationRunner,
  ) {}

  /**
   * Stores a validated spec as a RUNNING study with its `study-created`
   * event; on that event a driver (TickWakeUp, on any coordinator) proposes
   * its first trials right away, with the trials its warm start copied (in
   * the same transaction) as history.
   */
  async create(spec: StudySpec): Promise<CreatedStudy> {
    const created = await this.locks.transaction(async (tx) => {
      const study = await this.studies.insert(spec, tx);
      const warmStart = await this.warmStart.seed(study, tx);
      const event = { kind: 'study-created' as const, name: spec.name, target: spec.target, maxTrials: spec.budget.maxTrials };
      await this.studyEvents.append([{ studyId: study.id, event }], tx);
      return { id: study.id, ...(warmStart && { warmStart }) };
    });
    this.events.watch(spec.target);
    return created;
  }

  /**
   * STOPPED, pending trials CANCELLED and their waiting jobs removed; a study
   * already ended is left as it is, but its verification under way, if any,
   * is CANCELLED (its waiting job removed). Never waits for the study's driver: a
   * proposal in progress is dropped (at once here, or by the coordinator that
   * holds the study when it finds the study stopped before inserting).
   */
  async stop(id: string): Promise<void> {
    const stopped = await this.locks.transaction(async (tx) => {
      const study = await this.studies.findById(id, tx);
      if (!study) throw new AttuneError('NOT_FOUND', `study ${id} does not exist`);
      if (study.state !== 'RUNNING') return { study, verifications: await this.verifications.cancel(id, 'stopped by user', tx) };
      return { study, cancelled: await this.ending.end(study, 'STOPPED', 'stopped by user', tx) };
    });
    if (!stopped.cancelled) return this.verifications.removeJobs(stopped.study, stopped.verifications);
    this.driver.abort(id);
    await this.ending.afterCommit(stopped.study, stopped.cancelled);
  }
}
