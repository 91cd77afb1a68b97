import type { MeasurementRow, Page, StudyDetail, StudySummary, TrialRow } from '@attune/core/api/responses';
import { studyObjectives, valueDirection } from '@attune/core/objective/study-objectives';
import { trialViewOf } from '@attune/core/objective/trial-view-of';
import { paretoFront } from '@attune/core/pareto/pareto-front';
import { AttuneError } from '@attune/core/errors/attune-error';
import type { StudyRecord } from '@attune/persistence/records/study.record';
import type { StudyRepository } from '@attune/persistence/repositories/study.repository';
import type { TrialRecord } from '@attune/persistence/records/trial.record';
import type { TrialRepository } from '@attune/persistence/repositories/trial.repository';
import type { TrialSummaryRepository } from '@attune/persistence/repositories/trial-summary.repository';
import type { EvaluationQueues } from '../queues/evaluation-queues.service';
import type { WorkerDirectory } from '../workers/worker-directory.service';
import { bestOutput, type BestAnswer, type BestOutput } from './best-output';
import type { BestQuery, ListStudiesQuery, ListTrialsQuery } from './study-query.schemas';
import { toBestJson, toMeasurementJson, toStudySummary, toTrialJson } from './study-summary.mapper';

/** Injection token of the StudyQueries on the main pool, for the write routes' answers. */
export const WRITE_ROUTE_QUERIES = Symbol('StudyQueries on the main pool');

/**
 * Read side of the API: summaries, trial pages, best trials. Two instances
 * (studies.module.ts): the GET routes' on the read pool, and the one the
 * write routes answer with on the main pool, so that a burst of submissions
 * queues on the pool it fills and never on the reads'.
 */
export class StudyQueries {
  constructor(
    private readonly studies: StudyRepository,
    private readonly trials: TrialRepository,
    private readonly trialSummaries: TrialSummaryRepository,
    private readonly workers: WorkerDirectory,
    private readonly queues: EvaluationQueues,
  ) {}

  async summary(id: string): Promise<StudySummary> {
    const study = await this.require(id);
    return (await this.summaries([study]))[0];
  }

  /** The summary plus `warnings`: what keeps a RUNNING study from progressing (no live worker for its target). */
  async detail(id: string): Promise<StudyDetail> {
    const study = await this.require(id);
    const [[summary], warnings] = await Promise.all([this.summaries([study]), study.state === 'RUNNING' ? this.workers.warningsFor(study.spec.target) : []]);
    return { ...summary, warnings };
  }

  async list(query: ListStudiesQuery): Promise<Page<StudySummary>> {
    const page = await this.studies.list(query);
    return { items: await this.summaries(page.items), total: page.total };
  }

  async trialPage(id: string, query: ListTrialsQuery): Promise<Page<TrialRow>> {
    const study = await this.require(id);
    const page = await this.trials.page(id, query);
    const items = await Promise.all(page.items.map((t) => this.withRunningWorker(study, t)));
    return { items: items.map(toTrialJson), total: page.total };
  }

  /**
   * A RUNNING trial with the worker evaluating it, from its job (the trial row
   * learns its worker with the result). Read now rather than stored at the
   * start, so that a job another worker took over after a stall shows that
   * one. Without Redis, the trial as stored.
   */
  private async withRunningWorker(study: StudyRecord, trial: TrialRecord): Promise<TrialRecord> {
    if (trial.state !== 'RUNNING' || trial.workerId !== undefined) return trial;
    const details = await this.queues.details(study.spec.target, trial.id).catch(() => undefined);
    return details?.processedBy ? { ...trial, workerId: details.processedBy } : trial;
  }

  /** GET /studies/:id/best: the best (or the trial asked for) in the format asked for (see bestOutput). */
  async bestIn(id: string, query: BestQuery): Promise<BestOutput> {
    const study = await this.require(id);
    const answer = query.trial === undefined ? await this.best(study) : { trial: toBestJson(await this.completeTrial(study, query.trial)) };
    return bestOutput(study, answer, query.format);
  }

  /**
   * The best feasible trial; for several objectives `{front}`, the
   * non-dominated feasible trials. NOT_FOUND, saying which, when there is no
   * completed trial or no feasible one.
   */
  private async best(study: StudyRecord): Promise<BestAnswer> {
    const objectives = studyObjectives(study.spec);
    const direction = valueDirection(objectives);
    if (direction) {
      const best = await this.trials.best(study.id, direction);
      if (best) return { trial: toBestJson(best) };
    } else {
      const front = paretoFront((await this.trials.listComplete(study.id)).map((t) => ({ ...trialViewOf(t, objectives), record: t })));
      if (front.length > 0) return { front: front.map((t) => toBestJson(t.record)) };
    }
    throw new AttuneError('NOT_FOUND', await this.whyNoBest(study.id));
  }

  /** Trial `number` of the study, which must have completed (only then has it a measured configuration). */
  private async completeTrial(study: StudyRecord, number: number): Promise<TrialRecord> {
    const trial = await this.requireTrial(study, number);
    if (trial.state !== 'COMPLETE') {
      const message = `trial ${number} of study ${study.id} is ${trial.state}: only a completed trial's configuration is written out`;
      throw new AttuneError('INVALID_ARGUMENT', `trial: ${message}`, [{ path: 'trial', message }]);
    }
    return trial;
  }

  /** GET /studies/:id/trials/:number/measurements: every measurement of the trial, warm-ups first. */
  async measurements(id: string, number: number): Promise<Page<MeasurementRow>> {
    const trial = await this.requireTrial(await this.require(id), number);
    const items = (await this.trials.measurements(trial.id)).map(toMeasurementJson);
    return { items, total: items.length };
  }

  private async requireTrial(study: StudyRecord, number: number): Promise<TrialRecord> {
    const trial = await this.trials.findByNumber(study.id, number);
    if (!trial) throw new AttuneError('NOT_FOUND', `study ${study.id} has no trial ${number}`);
    return trial;
  }

  private async whyNoBest(id: string): Promise<string> {
    const complete = (await this.trialSummaries.countByStudy([id])).get(id)?.complete ?? 0;
    if (complete === 0) return `study ${id} has no completed trial yet`;
    return `study ${id} has no feasible trial: all ${complete} completed trials break a constraint (see their violations in \`attune study trials\`)`;
  }

  /** The study, or NOT_FOUND. */
  async require(id: string): Promise<StudyRecord> {
    const study = await this.studies.findById(id);
    if (!study) throw new AttuneError('NOT_FOUND', `study ${id} does not exist`);
    return study;
  }

  private async summaries(studies: readonly StudyRecord[]): Promise<StudySummary[]> {
    const ids = (direction: string) => studies.filter((s) => valueDirection(studyObjectives(s.spec)) === direction).map((s) => s.id);
    const [counts, min, max, baselines] = await Promise.all([
      this.trialSummaries.countByStudy(studies.map((s) => s.id)),
      this.trialSummaries.bestByStudy(ids('minimize'), 'minimize'),
      this.trialSummaries.bestByStudy(ids('maximize'), 'maximize'),
      this.trialSummaries.baselinesByStudy(studies.filter((s) => s.spec.baseline !== undefined).map((s) => s.id)),
    ]);
    return studies.map((s) => toStudySummary(s, counts.get(s.id)!, min.get(s.id) ?? max.get(s.id), baselines.get(s.id)));
  }
}
