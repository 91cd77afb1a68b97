import { z } from 'zod';
import { boundedInteger, DEFAULT_METRIC, directionSchema, got, metricNameSchema, paramValueSchema } from '../spec/primitive-schemas';
import type { Direction } from '../trial/trial-view';

/**
 * The measurement model a study spec carries: what is optimised (`objective`
 * or `objectives`), which metrics must stay within bounds (`constraints`), the
 * configuration to beat (`baseline`) and how each trial is measured
 * (`measurement`). Shapes, bounds and the rules inside one field are declared
 * here; the rules across fields (a composite needs a baseline, `objective` and
 * `objectives` exclude each other) live in `objective-spec.rules.ts`. Every
 * field is optional so that specs stored before these existed parse to what
 * they were; `normalizeObjectives` fills in the defaults.
 */

/** Most metrics in one composite score. */
export const MAX_COMPOSITE_METRICS = 20;
/** Most constraints in one study. */
export const MAX_CONSTRAINTS = 20;
/** Fewest and most objectives of a Pareto study. */
export const MIN_OBJECTIVES = 2;
export const MAX_OBJECTIVES = 4;

const weightSchema = z.number().gt(0, got('must be above 0'));

/** One term of a composite score. */
export const compositeTermSchema = z.strictObject({
  metric: metricNameSchema,
  direction: directionSchema,
  /** How much this metric's relative change counts, against the other terms' weights. @default 1 */
  weight: weightSchema.default(1),
});

/**
 * Rules across the fields of one object or list run even when a field failed
 * (its own issue says why), so that one pass reports every problem; they see
 * the input as given, and check the types they rely on.
 */
const evenWhenFieldsFail = (shape: 'object' | 'array') => ({
  when: (payload: { value: unknown }) =>
    shape === 'array' ? Array.isArray(payload.value) : typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value),
});

/** A list whose entries each name a metric: a metric listed twice is refused at its second place (`what` is the list's path in a spec). */
const uniqueMetrics = <T extends z.ZodType<{ metric: string }>>(entry: T, what: string) =>
  z.array(entry).superRefine((entries, ctx) => {
    const firstAt = new Map<string, number>();
    (entries as unknown[]).forEach((entry, i) => {
      const metric = (entry as { metric?: unknown } | null)?.metric;
      if (typeof metric !== 'string') return;
      const first = firstAt.get(metric);
      if (first === undefined) firstAt.set(metric, i);
      else ctx.addIssue({ code: 'custom', path: [i, 'metric'], input: metric, message: `duplicates ${what}[${first}].metric ${JSON.stringify(metric)}` });
    });
  }, evenWhenFieldsFail('array'));

const compositeSchema = uniqueMetrics(compositeTermSchema, 'objective.composite')
  .min(2, 'must list at least 2 metrics (for one, give {metric, direction} instead)')
  .max(MAX_COMPOSITE_METRICS, `must list at most ${MAX_COMPOSITE_METRICS} metrics`);

/**
 * `objective`: one metric with a direction (today's shape, the metric
 * defaulting to "value"), or a composite score of several weighted metrics.
 * Written as one object so that each misplaced field is named on its own.
 */
export const objectiveFieldSchema = z
  .strictObject({
    metric: metricNameSchema.optional(),
    direction: directionSchema.optional(),
    /** Metrics scored by their relative change from the baseline, weighted. */
    composite: compositeSchema.optional(),
  })
  .superRefine(({ composite, metric, direction }, ctx) => {
    const issue = (field: string, message: string) => ctx.addIssue({ code: 'custom', path: [field], message });
    if (composite === undefined) {
      if (direction === undefined) issue('direction', 'is required');
      return;
    }
    if (metric !== undefined) issue('metric', 'cannot be combined with composite: each metric of a composite names its own');
    if (direction !== undefined) issue('direction', 'cannot be combined with composite: each metric of a composite has its own direction');
  }, evenWhenFieldsFail('object'))
  .transform(({ composite, metric, direction }): ObjectiveField => (composite ? { composite } : { metric: metric ?? DEFAULT_METRIC, direction: direction as Direction }));

/** `objective` as parsed: today's single metric, or a composite. */
export type ObjectiveField = { readonly metric: string; readonly direction: Direction } | { readonly composite: CompositeTerm[] };

/** One of several objectives (a Pareto study): the metric is named, there is no default. */
export const paretoObjectiveSchema = z.strictObject({ metric: metricNameSchema, direction: directionSchema });

export const objectivesFieldSchema = uniqueMetrics(paretoObjectiveSchema, 'objectives')
  .min(MIN_OBJECTIVES, `must list at least ${MIN_OBJECTIVES} objectives (for one, give objective instead)`)
  .max(MAX_OBJECTIVES, `must list at most ${MAX_OBJECTIVES} objectives`);

/** A bound on a metric: `max`, `min` or both (a range). */
export const constraintSchema = z
  .strictObject({ metric: metricNameSchema, min: z.number().optional(), max: z.number().optional() })
  .superRefine(({ min, max }, ctx) => {
    if (min === undefined && max === undefined) ctx.addIssue({ code: 'custom', path: [], message: 'needs max, min or both: a constraint bounds its metric' });
    else if (typeof min === 'number' && typeof max === 'number' && !(min < max))
      ctx.addIssue({ code: 'custom', path: ['max'], message: `must be above min (${min}), got ${max}` });
  }, evenWhenFieldsFail('object'));

export const constraintsFieldSchema = uniqueMetrics(constraintSchema, 'constraints').max(MAX_CONSTRAINTS, `must list at most ${MAX_CONSTRAINTS} constraints`);

/**
 * The configuration to beat: its parameters (checked against the search space
 * with the rest of the spec), or `true` for the parameters' default values.
 */
export const baselineFieldSchema = z.union(
  [z.literal(true), z.strictObject({ params: z.record(z.string(), paramValueSchema) })],
  { error: "must be true (measure the parameters' default values) or {params: {name: value, ...}}" },
);

export const measurementFieldSchema = z.strictObject({
  /** Measurements of each trial that count; its metrics are their aggregate. @default 1 */
  repeats: boundedInteger(1, 50).default(1),
  /** Measurements before those, run and stored but not counted (caches, JIT). @default 0 */
  warmup: boundedInteger(0, 10).default(0),
  /** How the repeats of a metric become the trial's value. @default "median" */
  aggregate: z.enum(['median', 'mean']).default('median'),
});

/** The measurement-model fields, to be spread into a spec's shape. */
export const objectiveSpecShape = {
  objective: objectiveFieldSchema.optional(),
  objectives: objectivesFieldSchema.optional(),
  constraints: constraintsFieldSchema.optional(),
  baseline: baselineFieldSchema.optional(),
  measurement: measurementFieldSchema.optional(),
};

/** The measurement model on its own (unknown fields refused). */
export const objectiveSpecSchema = z.strictObject(objectiveSpecShape);

export type ObjectiveSpecInput = z.input<typeof objectiveSpecSchema>;
/** The measurement model as parsed: defaults inside each field applied, absent fields still absent. */
export type ObjectiveSpec = z.output<typeof objectiveSpecSchema>;
export type CompositeTerm = z.output<typeof compositeTermSchema>;
export type Constraint = z.output<typeof constraintSchema>;
export type Measurement = z.output<typeof measurementFieldSchema>;
export type Aggregate = Measurement['aggregate'];
