import { ValidationError, type ValidationIssue } from '@attune/core/errors/attune-error';
import { locateIssues, parseStudySpec, parseStudySpecText } from '@attune/core/spec/parse-study-spec';
import type { StudySpec } from '@attune/core/spec/study-spec.schema';
import { parse as parseYaml } from 'yaml';
import { checkStrategy, resolveStrategyOptions } from './registry/strategy-registry';

/**
 * Validates a study spec fully: core's shape and rules, then the strategy (a
 * known name, valid options, and the strategy's own check against the space
 * and budget). Returns the spec with the strategy's options normalised
 * (defaults applied); throws a ValidationError listing every problem.
 */
export function validateStudySpec(input: unknown): StudySpec {
  return withStrategy(() => parseStudySpec(input), () => input);
}

/** Like `validateStudySpec`, from YAML or JSON text; `source` names the file in messages. */
export function validateStudySpecText(text: string, source = 'spec'): StudySpec {
  return withStrategy(() => parseStudySpecText(text, source), () => parseYaml(text) as unknown, { text, source });
}

function withStrategy(parse: () => StudySpec, raw: () => unknown, source?: { text: string; source: string }): StudySpec {
  let spec: StudySpec;
  try {
    spec = parse();
  } catch (e) {
    if (!(e instanceof ValidationError)) throw e;
    throw new ValidationError([...e.issues, ...located(rawStrategyIssues(e.issues, raw), source)]);
  }
  const issues = checkStrategy(spec.strategy, spec.parameters, spec.budget);
  if (issues.length > 0) throw new ValidationError(located(issues, source));
  const { options } = resolveStrategyOptions(spec.strategy);
  return { ...spec, strategy: { ...spec.strategy, options: options ?? {} } };
}

/** When the rest of the spec is broken, still report an unknown strategy or bad options (not the space-dependent check). */
function rawStrategyIssues(coreIssues: readonly ValidationIssue[], raw: () => unknown): ValidationIssue[] {
  if (coreIssues.some((i) => i.path.startsWith('strategy'))) return [];
  try {
    const strategy = (raw() as { strategy?: { name?: unknown; options?: unknown } })?.strategy;
    if (typeof strategy?.name !== 'string') return [];
    const options = (strategy.options ?? {}) as Record<string, unknown>;
    return resolveStrategyOptions({ name: strategy.name, options }).issues;
  } catch {
    return [];
  }
}

function located(issues: readonly ValidationIssue[], source?: { text: string; source: string }): ValidationIssue[] {
  return source ? locateIssues(source.text, issues, source.source) : [...issues];
}
