import { ValidationError, type ValidationIssue } from '@attune/core/errors/attune-error';
import { locateIssues, parseStudySpec, parseStudySpecText } from '@attune/core/spec/parse-study-spec';
import { budgetSchema, parameterSchema, type StudySpec } from '@attune/core/spec/study-spec.schema';
import { z } from 'zod';
import { parse as parseYaml } from 'yaml';
import { checkStrategy, resolveStrategyOptions, strategyCapabilities, strategyNames } from './registry/strategy-registry';

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
    const said = new Set(e.issues.map((i) => i.path));
    const strategyIssues = rawStrategyIssues(e.issues, raw).filter((i) => !said.has(i.path));
    throw new ValidationError([...e.issues, ...located(strategyIssues, source)]);
  }
  const issues = [...checkStrategy(spec.strategy, spec.parameters, spec.budget), ...checkCapabilities(spec)];
  if (issues.length > 0) throw new ValidationError(located(issues, source));
  const { options } = resolveStrategyOptions(spec.strategy);
  return { ...spec, strategy: { ...spec.strategy, options: options ?? {} } };
}

/** A study with several objectives needs a strategy that optimises several at once. */
function checkCapabilities(spec: StudySpec): ValidationIssue[] {
  if (!spec.objectives || strategyCapabilities(spec.strategy.name).multiObjective) return [];
  const able = strategyNames().filter((name) => strategyCapabilities(name).multiObjective);
  return [{ path: 'strategy.name', message: `${JSON.stringify(spec.strategy.name)} optimises one objective and this study has ${spec.objectives.length} (objectives); use one of ${able.join(', ')}, or a composite score (objective.composite) with a baseline` }];
}

/** Core problems that leave nothing to check the strategy with. */
const UNCHECKABLE = new Set(['', 'strategy', 'strategy.name', 'strategy.options']);

/**
 * When the rest of the spec is broken, the strategy is still checked in the
 * same pass: its name and options always, and against the space and budget
 * when those two are sound.
 */
function rawStrategyIssues(coreIssues: readonly ValidationIssue[], raw: () => unknown): ValidationIssue[] {
  if (coreIssues.some((i) => UNCHECKABLE.has(i.path))) return [];
  try {
    const input = raw() as { strategy?: { name?: unknown; options?: unknown }; parameters?: unknown; budget?: unknown };
    const strategy = input?.strategy;
    if (typeof strategy?.name !== 'string') return [];
    const ref = { name: strategy.name, options: (strategy.options ?? {}) as Record<string, unknown> };
    const sound = (field: string) => !coreIssues.some((i) => i.path === field || i.path.startsWith(`${field}.`) || i.path.startsWith(`${field}[`));
    const parameters = sound('parameters') ? z.array(parameterSchema).safeParse(input.parameters).data : undefined;
    const budget = sound('budget') ? budgetSchema.safeParse(input.budget).data : undefined;
    return parameters && budget ? checkStrategy(ref, parameters, budget) : resolveStrategyOptions(ref).issues;
  } catch {
    return [];
  }
}

function located(issues: readonly ValidationIssue[], source?: { text: string; source: string }): ValidationIssue[] {
  return source ? locateIssues(source.text, issues, source.source) : [...issues];
}
