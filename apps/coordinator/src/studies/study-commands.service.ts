import { budgetOverLimits, concurrentStudiesRefusal } from '@attune/core/auth/project-limits';
import { AttuneError, ValidationError } from '@attune/core/errors/attune-error';
import { ProjectRepository } from '@attune/persistence/repositories/project.repository';
import type { Transaction } from '@attune/persistence/transaction';
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
import { AuditLog } from '../auth/audit-log.service';
import type { Principal } from '../auth/principal';
import { noSuchProject } from '../auth/study-project';

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
    private readonly projects: ProjectRepository,
    private readonly audit: AuditLog,
  ) {}

  /**
   * Stores a validated spec as a RUNNING study of `project` with its
   * `study-created` event and its audit entry; on that event a driver
   * (TickWakeUp, on any coordinator) proposes its first trials right away,
   * with the trials its warm start copied (in the same transaction) as
   * history. The project's limits are checked with its row locked, so that
   * concurrent creations cannot both take its last place.
   */
  async create(spec: StudySpec, project: string, principal: Principal): Promise<CreatedStudy> {
    const created = await this.locks.transaction(async (tx) => {
      await this.admit(spec, project, tx);
      const study = await this.studies.insert(spec, tx, project);
      const warmStart = await this.warmStart.seed(study, tx);
      const event = { kind: 'study-created' as const, name: spec.name, target: spec.target, maxTrials: spec.budget.maxTrials };
      await this.studyEvents.append([{ studyId: study.id, event }], tx);
      await this.audit.record(principal, 'study.create', { subject: study.id, project, detail: { name: spec.name, target: spec.target, strategy: spec.strategy.name } }, tx);
      return { id: study.id, ...(warmStart && { warmStart }) };
    });
    this.events.watch(spec.target);
    return created;
  }

  /** INVALID_ARGUMENT for no such project, INVALID_SPEC for a budget above its limits, LIMIT_EXCEEDED when it runs as many studies as it may. */
  private async admit(spec: StudySpec, project: string, tx: Transaction): Promise<void> {
    const row = await this.projects.lockForNewStudy(project, tx);
    if (!row) throw noSuchProject(project);
    const issues = budgetOverLimits(project, spec.budget, row.limits);
    if (issues.length > 0) throw new ValidationError(issues);
    const refusal = concurrentStudiesRefusal(project, await this.studies.countRunning(project, tx), row.limits);
    if (refusal) throw new AttuneError('LIMIT_EXCEEDED', refusal);
  }

  /**
   * STOPPED, pending trials CANCELLED and their waiting jobs removed; a study
   * already ended is left as it is, but its verification under way, if any,
   * is CANCELLED (its waiting job removed). Never waits for the study's driver: a
   * proposal in progress is dropped (at once here, or by the coordinator that
   * holds the study when it finds the study stopped before inserting).
   */
  async stop(id: string, principal: Principal): Promise<void> {
    const stopped = await this.locks.transaction(async (tx) => {
      const study = await this.studies.findById(id, tx);
      if (!study) throw new AttuneError('NOT_FOUND', `study ${id} does not exist`);
      await this.audit.record(principal, 'study.stop', { subject: id, project: study.project, detail: { state: study.state } }, tx);
      if (study.state !== 'RUNNING') return { study, verifications: await this.verifications.cancel(id, 'stopped by user', tx) };
      return { study, cancelled: await this.ending.end(study, 'STOPPED', 'stopped by user', tx) };
    });
    if (!stopped.cancelled) return this.verifications.removeJobs(stopped.study, stopped.verifications);
    this.driver.abort(id);
    await this.ending.afterCommit(stopped.study, stopped.cancelled);
  }
}
