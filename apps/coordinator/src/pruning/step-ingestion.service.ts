import { studyObjectives } from '@attune/core/objective/study-objectives';
import { isPending } from '@attune/core/trial/trial-state';
import { TrialStepRepository } from '@attune/persistence/repositories/trial-step.repository';
import type { PrunedTrial } from '@attune/persistence/repositories/trial.repository';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { MAX_STEPS_PER_TRIAL, type TrialStepsJob } from '@attune/queue/trial-steps.job';
import { createPruner } from '@attune/strategies/pruners/create-pruner';
import type { Pruner } from '@attune/strategies/pruners/pruner';
import { Injectable, Logger } from '@nestjs/common';
import { StudyReleases } from '../driver/study-releases.service';
import { TrialCancellations } from '../queues/trial-cancellations.service';
import { decideReport, type ReportedStep } from './prune-decision';
import { PruneWriter } from './prune-writer.service';
import { StepHistories } from './step-histories.service';
import type { StepObjective } from './step-history';
import { SerialRounds } from './serial-rounds';

/** What a study's pruning needs, read once from its spec. */
interface StudyPruning {
  readonly target: string;
  readonly objective: StepObjective;
  readonly pruner: Pruner;
  readonly seed: number;
}

/** A trial's report waiting for its study's next decision round. */
interface DecisionRequest {
  readonly trialId: string;
  readonly steps: readonly ReportedStep[];
}

/** What ingesting one report did. */
export interface StepsIngested {
  /** Steps stored now (a replayed step is stored once). */
  readonly stored: number;
  /** The trial was pruned by this report's decision. */
  readonly pruned: boolean;
}

/**
 * Records the steps running trials report and, for a study with a pruner,
 * decides after each report whether to stop the trial. Decisions of one
 * study run in rounds, one at a time in this process (SerialRounds): a round
 * brings the study's copy of its steps up to date (StepHistories), asks the
 * pure pruner for each trial that reported and is still pending, and records
 * the prunes in one transaction (PruneWriter, conditional: a trial that
 * ended meanwhile stays as it ended). After the commit, the workers are told
 * to stop the pruned evaluations; the `trial-finished` event wakes the
 * driver, which proposes the next trial. A report resolves once its round is
 * done, so a failed decision is retried with the report.
 */
@Injectable()
export class StepIngestion {
  private readonly logger = new Logger(StepIngestion.name);
  // A spec never changes: each study's pruning is read once (until the study ends: see StudyReleases). null: no pruner.
  private readonly pruning = new Map<string, Promise<StudyPruning | null>>();
  private readonly rounds = new SerialRounds<DecisionRequest>((studyId, requests) => this.decide(studyId, requests));
  // Trials a round pruned, until the report that asked for the round is answered (its job's return value says so).
  private readonly prunedIds = new Set<string>();

  constructor(
    private readonly studies: StudyRepository,
    private readonly steps: TrialStepRepository,
    private readonly histories: StepHistories,
    private readonly writer: PruneWriter,
    private readonly cancellations: TrialCancellations,
    releases: StudyReleases,
  ) {
    releases.onRelease((keep) => {
      for (const id of this.pruning.keys()) if (!keep(id)) this.pruning.delete(id);
    });
  }

  async ingest(job: TrialStepsJob): Promise<StepsIngested> {
    const reported = job.steps.map((s) => ({ step: s.step, metrics: s.metrics, reportedAt: new Date(s.at) }));
    const result = await this.steps.store(job.studyId, job.trialId, reported, MAX_STEPS_PER_TRIAL);
    if (!result.known) {
      this.logger.warn(`steps of unknown trial ${job.trialId} (study ${job.studyId}) dropped`);
      return { stored: 0, pruned: false };
    }
    this.histories.addStored(job.studyId, job.trialId, result.inserted);
    // Steps of a trial that has ended are history only: no round (nor a copy of an ended study) for them.
    const pending = result.state !== undefined && isPending(result.state);
    if (pending && (await this.pruningOf(job.studyId))) await this.rounds.submit(job.studyId, { trialId: job.trialId, steps: job.steps });
    return { stored: result.inserted.length, pruned: this.prunedIds.delete(job.trialId) };
  }

  /** One decision round of a study: every trial that reported since the last round, once. */
  private async decide(studyId: string, requests: readonly DecisionRequest[]): Promise<void> {
    const pruning = await this.pruningOf(studyId);
    if (!pruning) return;
    const history = await this.histories.refreshed(studyId, pruning.objective);
    const byTrial = new Map<string, ReportedStep[]>();
    for (const r of requests) byTrial.set(r.trialId, [...(byTrial.get(r.trialId) ?? []), ...r.steps]);
    const prunes: PrunedTrial[] = [];
    const endedAt = new Date();
    for (const [trialId, reported] of byTrial) {
      const state = history.state(trialId);
      // Steps of a trial that ended (or is unknown to the copy) are history only.
      if (state === undefined || !isPending(state)) continue;
      const steps = [...reported].sort((a, b) => a.step - b.step);
      const verdict = this.safely(pruning, () => decideReport(history, pruning.pruner, pruning.seed, trialId, steps));
      if (verdict) prunes.push({ trialId, studyId, step: verdict.step, value: verdict.value, metrics: verdict.metrics, reason: verdict.reason, endedAt });
    }
    if (prunes.length === 0) return;
    const changed = await this.writer.prune(prunes);
    for (const p of prunes) {
      if (!changed.has(p.trialId)) continue;
      history.markPruned(p.trialId);
      this.prunedIds.add(p.trialId);
    }
    // Best effort, after the commit: a worker that misses it finishes the evaluation, and its result is dropped as late.
    await Promise.all(prunes.filter((p) => changed.has(p.trialId)).map((p) => this.cancellations.cancel(pruning.target, [p.trialId], p.reason)));
  }

  /** A pruner that throws is a bug: the trial keeps running (and the error is logged), rather than the report failing for good. */
  private safely<T>(pruning: StudyPruning, decide: () => T): T | undefined {
    try {
      return decide();
    } catch (e) {
      this.logger.error(`pruner ${pruning.pruner.name} failed: ${(e as Error).stack ?? e}`);
      return undefined;
    }
  }

  private pruningOf(studyId: string): Promise<StudyPruning | null> {
    let pruning = this.pruning.get(studyId);
    if (!pruning) {
      pruning = this.readPruning(studyId);
      this.pruning.set(studyId, pruning);
      // A failed read is tried again with the next report.
      pruning.catch(() => this.pruning.delete(studyId));
    }
    return pruning;
  }

  private async readPruning(studyId: string): Promise<StudyPruning | null> {
    const spec = (await this.studies.findById(studyId))?.spec;
    if (!spec?.pruner) return null;
    const objectives = studyObjectives(spec);
    // Refused at submit (checkPruner): a pruner compares one metric.
    if (objectives.kind !== 'single') return null;
    let pruner: Pruner;
    try {
      pruner = createPruner(spec.pruner);
    } catch (e) {
      this.logger.warn(`study ${studyId}: pruner ${spec.pruner.name} unavailable, its trials run to their end: ${(e as Error).message}`);
      return null;
    }
    return { target: spec.target, objective: objectives.objectives[0], pruner, seed: spec.strategy.seed };
  }
}
