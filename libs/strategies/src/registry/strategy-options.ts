import type { ValidationIssue } from '@attune/core/errors/attune-error';
import { formatZodIssues } from '@attune/core/spec/format-zod-issues';
import type { StrategyDefinition } from '../strategy';

/** The result of validating `strategy.options` against a definition's schema. */
export type ParsedOptions<O> = { ok: true; options: O } | { ok: false; issues: ValidationIssue[] };

/** Validates options with the definition's zod schema; issue paths start at `strategy.options`. */
export function parseStrategyOptions<O>(definition: StrategyDefinition<O>, options: unknown): ParsedOptions<O> {
  const parsed = definition.options.safeParse(options ?? {}, { reportInput: true });
  if (parsed.success) return { ok: true, options: parsed.data };
  const issues = formatZodIssues(parsed.error.issues).map((i) => ({
    path: i.path ? `strategy.options.${i.path}`.replace('.[', '[') : 'strategy.options',
    message: i.message === 'is not a known field' ? 'is not a known option' : i.message,
  }));
  return { ok: false, issues };
}
