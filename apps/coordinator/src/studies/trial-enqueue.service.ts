import { AttuneError } from '@attune/core/errors/attune-error';
import type { Params } from '@attune/core/search-space/parameter';
import { plural } from '@attune/core/text/plural';
import type { EnqueueTrialsRequest } from '@attune/core/trial/enqueue-trials.schema';
import { enqueuedConfigurations } from '@attune/core/trial/enqueued-configurations';
import type { StudyRecord } from '@attune/persistence/records/study.record';
import type { TrialRecord } from '@attune/persistence/records/trial.record';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { TrialRepository } from '@attune/persistence/repositories/trial.repository';
import { StudyLocks } from '@attune/persistence/study-locks';
import type { Transaction } from '@attune/persistence/transaction';
import { Injectable } from '@nestjs/common';
import { reusedTrialEvents } from '../events/reused-trial-events';
import { StudyEventWriter } from '../events/study-event-writer.service';
import { EvaluationQueues } from '../queues/evaluation-queues.service';
import { TrialRoots } from '../tracing/trial-roots';
import { AuditLog } from '../auth/audit-log.service';
import type { Principal } from '../auth/principal';

/** What an enqueue request added: every new trial by number, and which of them reused a measurement. */
export interface EnqueuedTrials {
  readonly trials: readonly TrialRecord[];
  readonly warnings: readonly string[];
}

/**
 * Adds configurations given by hand to a RUNNING study, to be measured next.
 * Each is checked against the space (a parameter left out takes its
 * default), then all are numbered after the study's trials in one
 * transaction holding the study row FOR UPDATE: the driver's insert waits
 * for it and then finds its own numbers moved (StudyRepository.lockedState),
 * and proposes again with these trials in its history. A configuration the
 * study has already measured is not measured again: it is recorded COMPLETE
 * with the earlier measurement (origin `reused`, with its `trial-finished`
 * event); the others are QUEUED (origin `enqueued`) and their jobs enqueued
 * after the commit, as the driver does. Every one uses the study's budget.
 */
@Injectable()
export class TrialEnqueue {
  constructor(
    private readonly locks: StudyLocks,
    private readonly studies: StudyRepository,
    private readonly trials: TrialRepository,
    private readonly queues: EvaluationQueues,
    private readonly events: StudyEventWriter,
    private readonly audit: AuditLog,
  ) {}

  async enqueue(studyId: string, request: EnqueueTrialsRequest, principal: Principal): Promise<EnqueuedTrials> {
    const study = await this.studies.findById(studyId);
    if (!study) throw new AttuneError('NOT_FOUND', `study ${studyId} does not exist`);
    const configurations = enqueuedConfigurations(study.spec.parameters, request);
    const { queued, reused, roots } = await this.locks.transaction(async (tx) => {
      const inserted = await this.insert(study, configurations, tx);
      const numbers = [...inserted.queued, ...inserted.reused].map((t) => t.number).sort((a, b) => a - b);
      await this.audit.record(principal, 'trial.enqueue', { subject: studyId, project: study.project, detail: { trials: numbers } }, tx);
      return inserted;
    });
    roots.recordedComplete(reused);
    await this.queues.enqueue(study.spec, studyId, queued, roots);
    const trials = [...queued, ...reused].sort((a, b) => a.number - b.number);
    return { trials, warnings: reused.map(reuseWarning) };
  }

  private async insert(study: StudyRecord, configurations: readonly Params[], tx: Transaction): Promise<{ queued: TrialRecord[]; reused: TrialRecord[]; roots: TrialRoots }> {
    const studyId = study.id;
    const maxTrials = study.spec.budget.maxTrials;
    const now = await this.studies.lockForNewTrials(studyId, tx);
    if (!now) throw new AttuneError('NOT_FOUND', `study ${studyId} does not exist`);
    if (now.state !== 'RUNNING') throw new AttuneError('CONFLICT', `study ${studyId} is ${now.state}: trials are added to a RUNNING study only`);
    const left = maxTrials - now.used;
    if (configurations.length > left)
      throw new AttuneError('CONFLICT', `study ${studyId} has ${plural(left, 'trial')} left in its budget (maxTrials ${maxTrials}, ${now.used} used): ${plural(configurations.length, 'trial')} cannot be added`);
    const trials = configurations.map((params, i) => ({ number: now.trials + i, params, origin: 'enqueued' as const }));
    // Started in the transaction, so the trace ids go in with the rows; roots of a rolled-back insert are never ended, never exported.
    const roots = TrialRoots.start(study, trials);
    const inserted = await this.trials.insertNew(studyId, roots.withTraceIds(trials), tx);
    await this.events.append(reusedTrialEvents(studyId, inserted.reused), tx);
    return { ...inserted, roots };
  }
}

function reuseWarning(t: TrialRecord): string {
  return `trial ${t.number}: this configuration was already measured by trial ${String(t.meta?.reusedFrom)}; its measurement is reused, not taken again`;
}
