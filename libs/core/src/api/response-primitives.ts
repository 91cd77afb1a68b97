import { z } from 'zod';
import { paramValueSchema } from '../spec/primitive-schemas';
import { TRIAL_ORIGINS } from '../trial/trial-origin';

/**
 * The small schemas the REST API's responses are built from (see the
 * *.schema.ts files beside this one). Responses are parsed only by tests
 * and clients that want to check them; the coordinator builds them with
 * mappers typed by these schemas' outputs.
 */

export const uuidSchema = z.uuid();
/** An instant as ISO 8601 in UTC (`Date.prototype.toISOString`). */
export const dateTimeSchema = z.iso.datetime();
export const integerSchema = z.number().int();
/** A number of things: 0 or more. */
export const countSchema = z.number().int().min(0);
/** A trial's number in its study: 0, 1, 2, ... */
export const trialNumberSchema = z.number().int().min(0);
/** One configuration: parameter name to value. */
export const paramsSchema = z.record(z.string(), paramValueSchema);
/** Named numbers: metric name to value. */
export const metricsSchema = z.record(z.string(), z.number());

export const trialOriginSchema = z.enum(TRIAL_ORIGINS).meta({ description: 'where the configuration came from; absent when the strategy proposed it' });

export const traceIdSchema = z
  .string()
  .regex(/^[0-9a-f]{32}$/)
  .meta({ description: "the trial's OpenTelemetry trace (its spans in the coordinator and the worker); absent when it was not traced (no OTLP endpoint, or not sampled)" });

/** How a trial compares with the baseline; positive is better (0.25 = 25% better). */
export const improvementSchema = z
  .strictObject({
    perMetric: metricsSchema,
    score: z.number().optional().meta({ description: 'the same for the objective as a whole; absent for several objectives' }),
  })
  .meta({ description: 'over the baseline; positive is better (0.25 = 25% better): minimize (b - m) / |b|, maximize (m - b) / |b|' });

/** How much a metric varied over the counted repeats: the sample standard deviation of single repeats, and how many there were. */
export const spreadSchema = z.strictObject({ sd: z.number(), count: countSchema });
export type Improvement = z.output<typeof improvementSchema>;
