import { countTrials } from '@attune/persistence/mappers/trial.mapper';
import type { StudyRecord } from '@attune/persistence/records/study.record';
import type { TrialRecord } from '@attune/persistence/records/trial.record';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { TrialRepository, type NewTrial } from '@attune/persistence/repositories/trial.repository';
import { withStudyLock } from '@attune/persistence/study-lock';
import { Injectable, Logger } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { EvaluationQueues } from '../queues/evaluation-queues.service';
import { ProposalService } from './proposal.service';
import { StudyEnding } from './study-ending.service';
import { exhaustedEnd, nextStep, type StudyEnd } from './study-progress';
import { TrialHistory } from './trial-history.service';
import { TrialReconciler } from './trial-reconciler.service';

/** What one tick decided, carried out after its transaction commits. */
interface TickPlan {
  readonly study: StudyRecord;
  readonly enqueue: TrialRecord[];
  readonly cancelled: string[];
}

/**
 * Drives one study one step: under the study's advisory lock, reconcile
 * pending trials (on sweeps), then end the study or top its trials in flight
 * up to the parallelism. Jobs are enqueued only after the trials are
 * committed, so a worker never reports on a trial the database lacks.
 */
@Injectable()
export class StudyDriver {
  private readonly logger = new Logger(StudyDriver.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly studies: StudyRepository,
    private readonly trials: TrialRepository,
    private readonly history: TrialHistory,
    private readonly proposals: ProposalService,
    private readonly reconciler: TrialReconciler,
    private readonly ending: StudyEnding,
    private readonly queues: EvaluationQueues,
  ) {}

  /** Returns false when another coordinator holds the study (it drives it meanwhile). */
  async tick(studyId: string, options: { reconcile: boolean }): Promise<boolean> {
    try {
      const result = await withStudyLock(
        this.dataSource,
        studyId,
        { wait: false },
        (tx) => this.plan(studyId, options.reconcile, tx),
        (plan) => this.carryOut(plan),
      );
      return result.acquired;
    } catch (e) {
      this.history.forget(studyId);
      throw e;
    }
  }

  private async plan(studyId: string, reconcile: boolean, tx: EntityManager): Promise<TickPlan | undefined> {
    const study = await this.studies.findById(studyId, tx);
    if (!study || study.state !== 'RUNNING') {
      this.history.forget(studyId);
      return undefined;
    }
    let history = await this.history.load(studyId, tx);
    let enqueue: TrialRecord[] = [];
    if (reconcile) ({ trials: history, missingJobs: enqueue } = await this.reconciler.reconcile(study, history, tx));
    const counts = countTrials(history);
    const step = nextStep(study.spec, counts);
    if ('end' in step) return this.end(study, step.end, tx);
    if (step.propose === 0) return { study, enqueue, cancelled: [] };
    let proposed: NewTrial[];
    try {
      proposed = this.proposals.propose(study, history, step.propose);
    } catch (e) {
      // A strategy is a pure function of the history: the same call would fail on every tick.
      this.logger.error(`strategy of study ${studyId} failed: ${(e as Error).stack ?? e}`);
      return this.end(study, { state: 'FAILED', reason: `strategy "${study.spec.strategy.name}" failed: ${(e as Error).message}` }, tx);
    }
    if (proposed.length === 0 && counts.queued + counts.running === 0) return this.end(study, exhaustedEnd(counts), tx);
    const inserted = await this.trials.insertQueued(studyId, proposed, tx);
    return { study, enqueue: [...enqueue, ...inserted], cancelled: [] };
  }

  private async end(study: StudyRecord, end: StudyEnd, tx: EntityManager): Promise<TickPlan> {
    const cancelled = await this.ending.end(study, end.state, end.reason, tx);
    return { study: { ...study, state: end.state }, enqueue: [], cancelled };
  }

  private async carryOut(plan: TickPlan | undefined): Promise<void> {
    if (!plan) return;
    if (plan.study.state !== 'RUNNING') {
      this.history.forget(plan.study.id);
      await this.ending.afterCommit(plan.study, plan.cancelled);
    }
    await this.queues.enqueue(plan.study.spec, plan.study.id, plan.enqueue);
  }
}
