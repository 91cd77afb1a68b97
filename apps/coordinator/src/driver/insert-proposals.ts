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
 * that measurement (origin `reused`). Returns the trials to enqueue.
 */
export async function insertProposals(
  repos: { readonly studies: StudyRepository; readonly trials: TrialRepository },
  studyId: string,
  numbered: number,
  proposed: readonly NewTrial[],
  tx: Transaction,
): Promise<TrialRecord[] | NotInserted> {
  const now = await repos.studies.lockedState(studyId, tx);
  if (now?.state !== 'RUNNING') return 'ended';
  if (now.trials !== numbered) return 'moved';
  const measured = await repos.trials.findMeasured(studyId, proposed.map((p) => p.params), tx);
  const fresh = proposed.filter((_, i) => !measured.has(i));
  const reused = proposed.flatMap((p, i) => (measured.has(i) ? [{ ...p, from: measured.get(i)! }] : []));
  await repos.trials.insertReused(studyId, reused, tx);
  return repos.trials.insertQueued(studyId, fresh, tx);
}
