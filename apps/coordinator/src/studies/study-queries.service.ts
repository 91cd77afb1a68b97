import { studyObjectives, valueDirection } from '@attune/core/objective/study-objectives';
import { trialViewOf } from '@attune/core/objective/trial-view-of';
import { paretoFront } from '@attune/core/pareto/pareto-front';
import { AttuneError } from '@attune/core/errors/attune-error';
import type { StudyRecord } from '@attune/persistence/records/study.record';
import type { Page, StudyRepository } from '@attune/persistence/repositories/study.repository';
import type { TrialRecord } from '@attune/persistence/records/trial.record';
import type { TrialRepository } from '@attune/persistence/repositories/trial.repository';
import type { EvaluationQueues } from '../queues/evaluation-queues.service';
import type { WorkerDirectory } from '../workers/worker-directory.service';
import type { ListStudiesQuery, ListTrialsQuery } from './study-query.schemas';
import { toBestJson, toStudySummary, toTrialJson, type BestTrialJson } from './study-summary.mapper';

type Json = Record<string, unknown>;

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
    private readonly workers: WorkerDirectory,
    private readonly queues: EvaluationQueues,
  ) {}

  async summary(id: string): Promise<Json> {
    const study = await this.require(id);
    return (await this.summaries([study]))[0];
  }

  /** The summary plus `warnings`: what keeps a RUNNING study from progressing (no live worker for its target). */
  async detail(id: string): Promise<Json> {
    const study = await this.require(id);
    const [[summary], warnings] = await Promise.all([this.summaries([study]), study.state === 'RUNNING' ? this.workers.warningsFor(study.spec.target) : []]);
    return { ...summary, warnings };
  }

  async list(query: ListStudiesQuery): Promise<Page<Json>> {
    const page = await this.studies.list(query);
    return { items: await this.summaries(page.items), total: page.total };
  }

  async trialPage(id: string, query: ListTrialsQuery): Promise<Page<Json>> {
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

  /**
   * The best feasible trial; for several objectives `{front}`, the
   * non-dominated feasible trials. NOT_FOUND, saying which, when there is no
   * completed trial or no feasible one.
   */
  async best(id: string): Promise<BestTrialJson | { front: BestTrialJson[] }> {
    const study = await this.require(id);
    const objectives = studyObjectives(study.spec);
    const direction = valueDirection(objectives);
    if (direction) {
      const best = await this.trials.best(id, direction);
      if (best) return toBestJson(best);
    } else {
      const front = paretoFront((await this.trials.listComplete(id)).map((t) => ({ ...trialViewOf(t, objectives), record: t })));
      if (front.length > 0) return { front: front.map((t) => toBestJson(t.record)) };
    }
    throw new AttuneError('NOT_FOUND', await this.whyNoBest(id));
  }

  private async whyNoBest(id: string): Promise<string> {
    const complete = (await this.trials.countByStudy([id])).get(id)?.complete ?? 0;
    if (complete === 0) return `study ${id} has no completed trial yet`;
    return `study ${id} has no feasible trial: all ${complete} completed trials break a constraint (see their violations in \`attune study trials\`)`;
  }

  /** The study, or NOT_FOUND. */
  async require(id: string): Promise<StudyRecord> {
    const study = await this.studies.findById(id);
    if (!study) throw new AttuneError('NOT_FOUND', `study ${id} does not exist`);
    return study;
  }

  private async summaries(studies: readonly StudyRecord[]): Promise<Json[]> {
    const counts = await this.trials.countByStudy(studies.map((s) => s.id));
    const ids = (direction: string) => studies.filter((s) => valueDirection(studyObjectives(s.spec)) === direction).map((s) => s.id);
    const [min, max] = await Promise.all([this.trials.bestByStudy(ids('minimize'), 'minimize'), this.trials.bestByStudy(ids('maximize'), 'maximize')]);
    return studies.map((s) => toStudySummary(s, counts.get(s.id)!, min.get(s.id) ?? max.get(s.id)));
  }
}
