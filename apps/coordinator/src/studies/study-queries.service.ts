import { AttuneError } from '@attune/core/errors/attune-error';
import type { StudyRecord } from '@attune/persistence/records/study.record';
import type { Page, StudyRepository } from '@attune/persistence/repositories/study.repository';
import type { TrialRepository } from '@attune/persistence/repositories/trial.repository';
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
  ) {}

  async summary(id: string): Promise<Json> {
    const study = await this.require(id);
    return (await this.summaries([study]))[0];
  }

  async list(query: ListStudiesQuery): Promise<Page<Json>> {
    const page = await this.studies.list(query);
    return { items: await this.summaries(page.items), total: page.total };
  }

  async trialPage(id: string, query: ListTrialsQuery): Promise<Page<Json>> {
    await this.require(id);
    const page = await this.trials.page(id, query);
    return { items: page.items.map(toTrialJson), total: page.total };
  }

  async best(id: string): Promise<BestTrialJson> {
    const study = await this.require(id);
    const best = await this.trials.best(id, study.spec.objective.direction);
    if (!best) throw new AttuneError('NOT_FOUND', `study ${id} has no completed trial yet`);
    return toBestJson(best);
  }

  /** The study, or NOT_FOUND. */
  async require(id: string): Promise<StudyRecord> {
    const study = await this.studies.findById(id);
    if (!study) throw new AttuneError('NOT_FOUND', `study ${id} does not exist`);
    return study;
  }

  private async summaries(studies: readonly StudyRecord[]): Promise<Json[]> {
    const counts = await this.trials.countByStudy(studies.map((s) => s.id));
    const ids = (direction: string) => studies.filter((s) => s.spec.objective.direction === direction).map((s) => s.id);
    const [min, max] = await Promise.all([this.trials.bestByStudy(ids('minimize'), 'minimize'), this.trials.bestByStudy(ids('maximize'), 'maximize')]);
    return studies.map((s) => toStudySummary(s, counts.get(s.id)!, min.get(s.id) ?? max.get(s.id)));
  }
}
