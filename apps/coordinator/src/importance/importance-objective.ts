import { AttuneError } from '@attune/core/errors/attune-error';
import type { NormalizedObjectives } from '@attune/core/objective/normalize-objectives';

/** The objective importance is measured for: its index among the trials' losses and the name `?objective=` gives it. */
export interface ImportanceObjective {
  readonly index: number;
  readonly name: string;
  /** Every name `?objective=` may give: a metric of each objective, or `score` for a composite. */
  readonly names: readonly string[];
}

/**
 * Which objective `?objective=` names: by default the study's one (the
 * metric, or the composite score), or with several the first; a name the
 * study does not have is INVALID_ARGUMENT naming the field and the choices.
 */
export function importanceObjective(objectives: NormalizedObjectives, requested: string | undefined): ImportanceObjective {
  const names = objectives.kind === 'composite' ? ['score'] : objectives.objectives.map((o) => o.metric);
  const index = requested === undefined ? 0 : names.indexOf(requested);
  if (index < 0) {
    const message = `must be one of the study's objectives: ${names.join(', ')}`;
    throw new AttuneError('INVALID_ARGUMENT', `objective: ${message}`, [{ path: 'objective', message }]);
  }
  return { index, name: names[index], names };
}
