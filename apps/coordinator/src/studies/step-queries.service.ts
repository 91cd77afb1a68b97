import type { Page, StepRow, TrialCurve } from '@attune/core/api/responses';
import { AttuneError } from '@attune/core/errors/attune-error';
import { studyObjectives } from '@attune/core/objective/study-objectives';
import type { StudyRecord } from '@attune/persistence/records/study.record';
import type { TrialRecord } from '@attune/persistence/records/trial.record';
import { Injectable } from '@nestjs/common';
import { DatabaseReads } from '../database/database-reads';
import type { ListCurvesQuery } from './study-query.schemas';

/** Most points one page of curves holds: a trial with more than its share is thinned (its last step kept). */
export const MAX_CURVE_POINTS = 20_000;

/** The read side of trials' intermediate values (on the read pool): a trial's steps, and a study's learning curves. */
@Injectable()
export class StepQueries {
  constructor(private readonly reads: DatabaseReads) {}

  /** GET /studies/:id/trials/:number/steps: every step the trial reported, rising. */
  async steps(id: string, number: number): Promise<Page<StepRow>> {
    const trial = await this.requireTrial(await this.requireStudy(id), number);
    const items = (await this.reads.trialSteps.listByTrial(trial.id)).map((s) => ({ step: s.step, metrics: { ...s.metrics }, at: s.reportedAt.toISOString() }));
    return { items, total: items.length };
  }

  /** GET /studies/:id/steps: a page of the trials that reported steps, by number, each with its curve of the metric. */
  async curves(id: string, query: ListCurvesQuery): Promise<Page<TrialCurve>> {
    const study = await this.requireStudy(id);
    const metric = query.metric ?? studyObjectives(study.spec).objectives[0].metric;
    const page = await this.reads.trialSteps.curves(id, metric, query, MAX_CURVE_POINTS);
    return { items: page.items.map((c) => ({ number: c.number, state: c.state, steps: [...c.steps], values: [...c.values] })), total: page.total };
  }

  private async requireStudy(id: string): Promise<StudyRecord> {
    const study = await this.reads.studies.findById(id);
    if (!study) throw new AttuneError('NOT_FOUND', `study ${id} does not exist`);
    return study;
  }

  private async requireTrial(study: StudyRecord, number: number): Promise<TrialRecord> {
    const trial = await this.reads.trials.findByNumber(study.id, number);
    if (!trial) throw new AttuneError('NOT_FOUND', `study ${study.id} has no trial ${number}`);
    return trial;
  }
}
