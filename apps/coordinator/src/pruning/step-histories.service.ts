import type { TrialStepRecord } from '@attune/persistence/records/trial-step.record';
import { TrialStepRepository } from '@attune/persistence/repositories/trial-step.repository';
import { Injectable } from '@nestjs/common';
import { StudyReleases } from '../driver/study-releases.service';
import { StepHistory, type StepObjective } from './step-history';

/** A trial's last steps may be ingested after its result: trials that ended this recently are read again. */
export const RECENTLY_ENDED_MS = 60_000;

/**
 * The copies of the steps of the studies this coordinator decides for (see
 * StepHistory). The first use of a study reads its steps once; after that a
 * refresh reads the rows of the trials that may have changed (pending in the
 * copy, new, or ended just now: a few hundred short rows) and only the steps
 * the copy lacks, known by each trial's stored count, so steps ingested by
 * another coordinator are seen too. An optimisation only: PostgreSQL stays
 * the source, and a copy is dropped when its study ends (StudyReleases).
 * Refreshes of one study must not overlap (StepIngestion serialises them).
 */
@Injectable()
export class StepHistories {
  private readonly copies = new Map<string, StepHistory>();

  constructor(
    private readonly steps: TrialStepRepository,
    releases: StudyReleases,
  ) {
    releases.onRelease((keep) => {
      for (const id of this.copies.keys()) if (!keep(id)) this.copies.delete(id);
    });
  }

  /** The study's copy, brought up to date with what is stored. */
  async refreshed(studyId: string, objective: StepObjective): Promise<StepHistory> {
    const copy = this.copies.get(studyId);
    const history = copy ?? new StepHistory(objective);
    const rows = copy
      ? await this.steps.states(studyId, { numbers: history.pendingNumbers(), from: history.nextNumber(), endedWithinMs: RECENTLY_ENDED_MS })
      : await this.steps.allStates(studyId);
    const lacking = history.updateStates(rows);
    if (lacking.length > 0) {
      history.merge(await this.steps.metricSteps(lacking, objective.metric));
      const lackingIds = new Set(lacking.map((l) => l.trialId));
      const incomplete = history.incomplete(rows.filter((r) => lackingIds.has(r.id)));
      if (incomplete.length > 0) history.merge(await this.steps.metricSteps(incomplete.map((trialId) => ({ trialId, step: -1 })), objective.metric));
    }
    this.copies.set(studyId, history);
    return history;
  }

  /** Steps this process just stored: into the study's copy, if it has one (a refresh would read them otherwise). */
  addStored(studyId: string, trialId: string, steps: readonly TrialStepRecord[]): void {
    this.copies.get(studyId)?.addStored(trialId, steps);
  }

  /** Studies with a copy (tests). */
  cachedStudies(): string[] {
    return [...this.copies.keys()];
  }
}
