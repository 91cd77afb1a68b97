import { ValidationError } from '@attune/core/errors/attune-error';
import type { StudySpec } from '@attune/core/spec/study-spec.schema';
import { CliError } from '../cli-error';

// Where each field of the study spec an optimization stands for comes from, for its messages.
const OPTION_OF_FIELD: [RegExp, string][] = [
  [/^budget\.maxTrials/, '--trials'],
  [/^budget\.parallelism/, '--batch'],
  [/^strategy\.options/, '--options'],
  [/^strategy\.name/, '--strategy'],
  [/^strategy\.seed/, '--seed'],
  [/^objective\.metric/, '--metric'],
  [/^parameters/, "the objective's parameters"],
];

/**
 * Validates an optimization as the study it stands for, with the very
 * function that validates study specs (shape, rules, strategy options, the
 * strategy's own check: a grid larger than --trials is refused here as it is
 * at submit), each problem named by the option it came from. Returns the
 * spec, its strategy options normalised.
 */
export async function validateOptimization(spec: unknown): Promise<StudySpec> {
  // Lazy, and relative rather than @attune/…: `nest build` rewrites aliases in import declarations only.
  const { validateStudySpec } = await import('../../../../libs/strategies/src/validate-study-spec.js');
  try {
    return validateStudySpec(spec);
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    const details = e.issues.map((i) => `${optionOf(i.path)}: ${i.message}`);
    if (details.length === 1) throw new CliError(details[0]);
    throw new CliError(`invalid optimization (${e.issues.length} problems):`, details);
  }
}

function optionOf(path: string): string {
  const found = OPTION_OF_FIELD.find(([pattern]) => pattern.test(path));
  return found ? `${found[1]}${path.replace(found[0], '')}` : path;
}
