import { isPending } from '@attune/core/trial/trial-state';
import type { TrialRecord } from '@attune/persistence/records/trial.record';
import { TrialRepository } from '@attune/persistence/repositories/trial.repository';
import type { Transaction } from '@attune/persistence/transaction';
import { Injectable } from '@nestjs/common';
import { StudyReleases } from './study-releases.service';

/**
 * The trial history of the studies this coordinator drives, read
 * incrementally: finished trials never change, so after the first full read a
 * tick re-reads only the trials that were pending and any new ones. An
 * optimisation only: PostgreSQL stays the source, and a forgotten or doubtful
 * copy is read again in full.
 */
@Injectable()
export class TrialHistory {
  private readonly copies = new Map<string, TrialRecord[]>();

  constructor(
    private readonly trials: TrialRepository,
    releases: StudyReleases,
  ) {
    releases.onRelease((keep) => {
      for (const id of this.copies.keys()) if (!keep(id)) this.copies.delete(id);
    });
  }

  /** Every trial of the study, ordered by number, as seen inside `tx`. */
  async load(studyId: string, tx: Transaction): Promise<TrialRecord[]> {
    const copy = this.copies.get(studyId);
    const history = copy ? await this.refresh(studyId, copy, tx) : await this.trials.listByStudy(studyId, tx);
    this.copies.set(studyId, history);
    return history;
  }

  /**
   * Drops the copy: when the study ends, and when a tick fails (its
   * transaction rolled back, so what it read of its own writes never happened).
   */
  forget(studyId: string): void {
    this.copies.delete(studyId);
  }

  private async refresh(studyId: string, copy: readonly TrialRecord[], tx: Transaction): Promise<TrialRecord[]> {
    const pending = copy.filter((t) => isPending(t.state)).map((t) => t.number);
    const changed = await this.trials.listChanged(studyId, pending, copy.length, tx);
    const history = [...copy];
    for (const trial of changed) history[trial.number] = trial;
    // Numbers are 0..n-1 by construction; anything else means the copy cannot be trusted.
    const contiguous = history.every((t, i) => t !== undefined && t.number === i);
    return contiguous ? history : this.trials.listByStudy(studyId, tx);
  }
}
