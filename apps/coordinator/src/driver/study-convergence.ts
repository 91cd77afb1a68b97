import type { ConvergenceOptions } from '@attune/core/convergence/convergence-spec.schema';
import type { ConvergenceContext, ConvergenceVerdict } from '@attune/core/convergence/convergence-verdict';
import { evaluateConvergence } from '@attune/core/convergence/evaluate-convergence';
import { studyObjectives } from '@attune/core/objective/study-objectives';
import { trialViewOf } from '@attune/core/objective/trial-view-of';
import type { StudyRecord } from '@attune/persistence/records/study.record';
import type { TrialRecord } from '@attune/persistence/records/trial.record';

/** What the convergence rules read of a study at `now`: its trials as the strategy sees them, with each one's stored improvement. */
export function convergenceContextOf(study: StudyRecord, history: readonly TrialRecord[], now: number): ConvergenceContext {
  const objectives = studyObjectives(study.spec);
  const trials = history.map((t) => {
    const improvement = t.score?.improvement?.score;
    return { ...trialViewOf(t, objectives), ...(improvement !== undefined && { improvement }) };
  });
  return { objectives, trials, startedAt: study.createdAt.getTime(), now };
}

/**
 * The study's cheap convergence rules (all but the model-based one, which
 * fits a GP and is asked in the proposal thread): checked on every tick, so
 * that a wall-clock budget ends a study even while no trial finishes.
 */
export function cheapConvergence(study: StudyRecord, history: readonly TrialRecord[], now: number): ConvergenceVerdict {
  const options = study.spec.convergence;
  if (!options) return { stop: false };
  return evaluateConvergence(convergenceContextOf(study, history, now), { ...options, regretBound: undefined });
}

/** The model-based rule's part of a proposal task, when the study asks for it. */
export function modelConvergenceTask(study: StudyRecord, history: readonly TrialRecord[], now: number): { options: ConvergenceOptions; context: ConvergenceContext } | undefined {
  const options = study.spec.convergence;
  if (!options?.regretBound) return undefined;
  // Only the model-based rule: the cheap ones were asked on the event loop already.
  const modelOnly: ConvergenceOptions = { minTrials: options.minTrials, regretBound: options.regretBound };
  return { options: modelOnly, context: convergenceContextOf(study, history, now) };
}
