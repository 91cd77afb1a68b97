import { z } from 'zod';
import { MAX_METRIC_NAME_CHARS } from '../trial/metric-limits';
import { isReservedName, RESERVED_NAME_RULE } from './reserved-names';

/**
 * The small schemas both the study spec and its measurement model
 * (libs/core/src/objective) are built from, in a file of their own so that
 * neither imports the other's module for them.
 */

const MAX_NAME_CHARS = MAX_METRIC_NAME_CHARS;

export const finite = z.number().refine(Number.isFinite, 'must be a finite number');

/** A value a parameter can take: a string, a finite number or a boolean. */
export const paramValueSchema = z.union([z.string(), finite, z.boolean()], { error: 'must be a string, a finite number or a boolean' });

/** The name of a metric a worker reports: any text but a reserved name (it becomes a key). */
export const metricNameSchema = z
  .string()
  .min(1, 'must not be empty')
  .max(MAX_NAME_CHARS, `must be at most ${MAX_NAME_CHARS} characters`)
  .refine((name) => !isReservedName(name), RESERVED_NAME_RULE);

export const directionSchema = z.enum(['minimize', 'maximize']);

/** The metric of an objective that names none. */
export const DEFAULT_METRIC = 'value';

/** A number's rule with the value that broke it: `must be above 0, got -1`. */
export const got = (rule: string) => ({ error: (issue: { input?: unknown }) => `${rule}, got ${String(issue.input)}` });

/** An integer within [min, max], the bounds in the message. */
export const boundedInteger = (min: number, max: number) => {
  const rule = `must be an integer from ${min} to ${max}`;
  // A type problem is shown with its input already (see formatZodIssues).
  return z.number().int(rule).min(min, got(rule)).max(max, got(rule));
};
