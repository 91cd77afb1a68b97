import { storedScoreOf } from '@attune/core/objective/stored-score';
import { studyObjectives } from '@attune/core/objective/study-objectives';
import { planWarmStart, type WarmStartCopy, type WarmStartPlan, type WarmStartSource } from '@attune/core/warm-start/plan-warm-start';
import type { StudyRecord } from '@attune/persistence/records/study.record';
import { StudyRepository } from '@attune/persistence/repositories/study.repository';
import { TrialRepository, type CompleteTrial } from '@attune/persistence/repositories/trial.repository';
import type { Transaction } from '@attune/persistence/transaction';
import { Injectable } from '@nestjs/common';

/**
 * Seeds a study just created with the COMPLETE trials of the earlier studies
 * its spec names (`warmStart.studies`), in the transaction that creates it:
 * those that fit its space are copied as its first trials, COMPLETE, origin
 * `warm-start`, rescored for its objectives (see `planWarmStart`); a study
 * that does not exist or ran on another target gives nothing. The copies are
 * history for the strategy, not measurements of this study: they use none of
 * its budget (maxTrials).
 */
@Injectable()
export class WarmStart {
  constructor(
    private readonly studies: StudyRepository,
    private readonly trials: TrialRepository,
  ) {}

  /** The plan carried out, or undefined when the spec asks for no warm start. */
  async seed(study: StudyRecord, tx: Transaction): Promise<WarmStartPlan | undefined> {
    const ids = study.spec.warmStart?.studies;
    if (!ids) return undefined;
    const sources: WarmStartSource[] = [];
    // One at a time: the statements share the transaction's connection.
    for (const id of ids) sources.push(await this.source(id, study, tx));
    const plan = planWarmStart(study.spec.parameters, studyObjectives(study.spec), sources);
    await this.trials.insertComplete(study.id, plan.copies.map((c, number) => copiedTrial(c, number, study)), tx);
    return plan;
  }

  /** Another project's study is refused as one that does not exist: a spec cannot read, or learn of, what its project may not see. */
  private async source(id: string, study: StudyRecord, tx: Transaction): Promise<WarmStartSource> {
    const target = study.spec.target;
    const earlier = await this.studies.findById(id, tx);
    if (!earlier || earlier.project !== study.project) return { id, refused: 'does not exist' };
    if (earlier.spec.target !== target) return { id, refused: `ran on target "${earlier.spec.target}", not "${target}": its measurements are of another system` };
    return { id, trials: await this.trials.listComplete(id, tx) };
  }
}

function copiedTrial(copy: WarmStartCopy, number: number, study: StudyRecord): CompleteTrial {
  const { score } = copy;
  const constrained = studyObjectives(study.spec).constraints.length > 0;
  return {
    number,
    params: copy.params,
    origin: 'warm-start',
    meta: { warmStartFrom: copy.from },
    ...(score.value !== undefined && { value: score.value }),
    metrics: score.metrics,
    ...(constrained && { feasible: score.feasible, violation: score.violation }),
    score: storedScoreOf(score),
    note: `copied by warm start from trial ${copy.from.number} of study ${copy.from.studyId}, rescored from its aggregated metrics`,
  };
}
