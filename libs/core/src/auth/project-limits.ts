import type { ValidationIssue } from '../errors/attune-error';

/** A project's limits as the checks read them; undefined is unlimited. */
export interface ProjectLimitsView {
  readonly maxConcurrentStudies?: number;
  readonly maxParallelism?: number;
  readonly maxTrialsPerStudy?: number;
}

/** What a study's budget asks for beyond its project's limits, each naming the field and the limit. */
export function budgetOverLimits(project: string, budget: { readonly parallelism: number; readonly maxTrials: number }, limits: ProjectLimitsView): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (limits.maxParallelism !== undefined && budget.parallelism > limits.maxParallelism)
    issues.push({ path: 'budget.parallelism', message: `must be at most ${limits.maxParallelism}, the limit of project ${project} (limits.maxParallelism)` });
  if (limits.maxTrialsPerStudy !== undefined && budget.maxTrials > limits.maxTrialsPerStudy)
    issues.push({ path: 'budget.maxTrials', message: `must be at most ${limits.maxTrialsPerStudy}, the limit of project ${project} (limits.maxTrialsPerStudy)` });
  return issues;
}

/** Why one more RUNNING study is refused, or undefined when the project has room. */
export function concurrentStudiesRefusal(project: string, running: number, limits: ProjectLimitsView): string | undefined {
  if (limits.maxConcurrentStudies === undefined || running < limits.maxConcurrentStudies) return undefined;
  return `project ${project} allows ${limits.maxConcurrentStudies} RUNNING ${limits.maxConcurrentStudies === 1 ? 'study' : 'studies'} at once (limits.maxConcurrentStudies) and has ${running}: stop one or wait for one to end`;
}
