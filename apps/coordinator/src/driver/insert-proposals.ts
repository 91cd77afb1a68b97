import type { TrialRecord } from '@attune/persistence/records/trial.record';
import type { StudyRepository } from '@attune/persistence/repositories/study.repository';
import type { NewTrial, TrialRepository } from '@attune/persistence/repositories/trial.repository';
import type { Transaction } from '@attune/persistence/transaction';

/** Why proposals were not inserted. */
export type NotInserted = 'ended' | 'moved';

/**
 * Inserts a proposal's trials, in `tx`, unless the study ended meanwhile (a
 * stop recorded while the strategy ran wins: the study row is share-locked,
 * so a stop either committed before and is seen, or waits for this insert and
 * then cancels what it inserted) or its trials moved under the proposal
 * (`numbered` trials when the proposal started, a different count now:
 * another writer numbered trials, so these numbers are stale). Results
 * recorded meanwhile do not invalidate a proposal: the strategy saw those
 * trials as pending.
 *
 * The duplicate guard: a proposed configuration the study has measured
 * already (a COMPLETE trial with the same signature, one lookup for the
 * round) is not measured again; it is recorded as a COMPLETE trial reusing
 * that measurement (origin `reused`). Returns the trials to enqueue (`queued`) and those reused.
 */
export async function insertProposals(
  repos: { readonly studies: StudyRepository; readonly trials: TrialRepository },
  studyId: string,
  numbered: number,
  proposed: readonly NewTrial[],
  tx: Transaction,
): Promise<{ queued: TrialRecord[]; reused: TrialRecord[] } | NotInserted> {
  const now = await repos.studies.lockedState(studyId, tx);
  if (now?.state !== 'RUNNING') return 'ended';
  if (now.trials !== numbered) return 'moved';
  return repos.trials.insertNew(studyId, proposed, tx);
}
