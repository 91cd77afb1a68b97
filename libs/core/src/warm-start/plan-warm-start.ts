import type { NormalizedObjectives } from '../objective/normalize-objectives';
import type { TrialScore } from '../objective/score';
import type { Params, SearchSpace } from '../search-space/parameter';
import { plural } from '../text/plural';
import { fitWarmStartTrial, type EarlierTrial } from './fit-warm-start-trial';

/** An earlier study named by a warm start: its finished trials, or why none of them can be used at all. */
export type WarmStartSource =
  | { readonly id: string; readonly trials: readonly (EarlierTrial & { readonly number: number })[] }
  | { readonly id: string; readonly refused: string };

/** A trial to copy into the new study. */
export interface WarmStartCopy {
  readonly params: Params;
  readonly score: TrialScore;
  readonly from: { readonly studyId: string; readonly number: number };
}

/** What one earlier study gave: trials copied and dropped, and why each group was dropped (`"3 trials: …"`). */
export interface WarmStartStudyReport {
  readonly id: string;
  readonly copied: number;
  readonly dropped: number;
  readonly reasons: readonly string[];
}

export interface WarmStartPlan {
  readonly copies: readonly WarmStartCopy[];
  readonly studies: readonly WarmStartStudyReport[];
  /** One line per study that gave nothing, for the answer's warnings. */
  readonly warnings: readonly string[];
}

/** Why a trial is dropped when an earlier one (of any listed study) had the same configuration. */
export const ALREADY_COPIED = 'the same configuration as a trial already copied';

/**
 * Which trials of the listed studies seed a new study (see
 * `fitWarmStartTrial`), in the order given: studies as listed, trials by
 * number. A configuration is copied once, from its first trial: the new
 * study's history holds each configuration once, as if the duplicate guard
 * had met it.
 */
export function planWarmStart(space: SearchSpace, objectives: NormalizedObjectives, sources: readonly WarmStartSource[]): WarmStartPlan {
  const copies: WarmStartCopy[] = [];
  const seen = new Set<string>();
  const studies = sources.map((source): WarmStartStudyReport => {
    if ('refused' in source) return { id: source.id, copied: 0, dropped: 0, reasons: [source.refused] };
    const dropped: string[] = [];
    let copied = 0;
    for (const trial of source.trials) {
      const fit = fitWarmStartTrial(space, objectives, trial);
      const key = fit.ok ? JSON.stringify(Object.entries(fit.params)) : '';
      if (!fit.ok || seen.has(key)) {
        dropped.push(fit.ok ? ALREADY_COPIED : fit.reason);
        continue;
      }
      seen.add(key);
      copies.push({ params: fit.params, score: fit.score, from: { studyId: source.id, number: trial.number } });
      copied++;
    }
    const reasons = source.trials.length === 0 ? ['has no COMPLETE trial'] : tally(dropped);
    return { id: source.id, copied, dropped: dropped.length, reasons };
  });
  return { copies, studies, warnings: studies.filter((s) => s.copied === 0).map(warningOf) };
}

/** Each reason once with how many trials it dropped, the most frequent first (ties: first met first). */
function tally(reasons: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const r of reasons) counts.set(r, (counts.get(r) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([reason, n]) => `${plural(n, 'trial')}: ${reason}`);
}

function warningOf(study: WarmStartStudyReport): string {
  return `warm start: study ${study.id} gave no trial (${study.reasons.join('; ')})`;
}
