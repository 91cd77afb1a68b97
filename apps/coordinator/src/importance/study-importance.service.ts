import type { ImportanceJson } from '@attune/core/api/responses';
import { AttuneError } from '@attune/core/errors/attune-error';
import { studyObjectives } from '@attune/core/objective/study-objectives';
import { trialViewOf } from '@attune/core/objective/trial-view-of';
import type { ParameterImportance } from '@attune/strategies/importance/parameter-importance';
import { Injectable } from '@nestjs/common';
import { DatabaseReads } from '../database/database-reads';
import { ProposalThreads } from '../proposals/proposal-threads.service';
import { importanceObjective, type ImportanceObjective } from './importance-objective';
import type { ImportanceQuery } from './importance-query.schema';

/**
 * Which parameters matter in a study (`parameterImportance`: Sobol indices of
 * a GP fitted to its trials), computed in the study's proposal thread so that
 * the fit never lands on the event loop; read from the read pool. Computed
 * on each request: a GET costs one fit (about a second at 160 points).
 */
@Injectable()
export class StudyImportance {
  constructor(
    private readonly reads: DatabaseReads,
    private readonly threads: ProposalThreads,
  ) {}

  async of(studyId: string, query: ImportanceQuery): Promise<ImportanceJson> {
    const study = await this.reads.studies.findById(studyId);
    if (!study) throw new AttuneError('NOT_FOUND', `study ${studyId} does not exist`);
    const objectives = studyObjectives(study.spec);
    const objective = importanceObjective(objectives, query.objective);
    const trials = (await this.reads.trials.listComplete(studyId)).map((t) => trialViewOf(t, objectives));
    const outcome = await this.threads.importance({ studyId, space: study.spec.parameters, trials, seed: study.spec.strategy.seed, objective: objective.index });
    // A thread that died or timed out is the coordinator's failure (500), not the request's.
    if (outcome.kind === 'failed') throw new AttuneError('UNAVAILABLE', `importance of study ${studyId} could not be computed: ${outcome.reason}`);
    return toImportanceJson(outcome.importance, objective);
  }
}

function toImportanceJson(importance: ParameterImportance, objective: ImportanceObjective): ImportanceJson {
  if (importance.kind === 'problem') return { objective: objective.name, problem: importance.problem, trials: importance.trials };
  const { method, trials, modelPoints, evaluations, parameters } = importance;
  const which = objective.names.length > 1 ? ` Objective ${objective.name}, one of ${objective.names.join(', ')} (?objective= picks one).` : '';
  return { method, objective: objective.name, note: importance.note + which, trials, modelPoints, evaluations, parameters: [...parameters] };
}
