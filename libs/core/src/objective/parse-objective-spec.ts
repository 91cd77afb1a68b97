import { ValidationError } from '../errors/attune-error';
import { formatZodIssues } from '../spec/format-zod-issues';
import { checkObjectiveRules } from './objective-spec.rules';
import { objectiveSpecSchema, type ObjectiveSpec } from './objective-spec.schema';

/**
 * Validates the measurement model given on its own (the fields of
 * `objectiveSpecSchema`, nothing else). Throws a ValidationError listing every
 * problem, each naming its field. A study spec validates the same fields, with
 * the same rules, as part of the whole spec.
 */
export function parseObjectiveSpec(input: unknown): ObjectiveSpec {
  const parsed = objectiveSpecSchema.safeParse(input, { reportInput: true });
  const issues = [...(parsed.success ? [] : formatZodIssues(parsed.error.issues)), ...checkObjectiveRules(input)];
  if (!parsed.success || issues.length > 0) throw new ValidationError(issues);
  return parsed.data;
}
