import { z } from 'zod';
import { boundedInteger, got } from '../spec/primitive-schemas';

/**
 * `pruner`: which rule stops a running trial early from its intermediate
 * values (the steps a target reports while it runs), with its options. The
 * shapes and defaults live here, beside the rest of the spec; the pruners
 * themselves are pure functions in libs/strategies/src/pruners. The field is
 * optional: without it (and in every spec stored before it existed) trials
 * run to their end. Option names follow Optuna's pruners, in camelCase
 * without the `n_` prefix.
 */

/** Highest step a target may report (a resource count: epochs, seconds, requests). */
export const MAX_STEP = 1_000_000_000;

const step = (min: number) => boundedInteger(min, MAX_STEP);
const reductionFactor = boundedInteger(2, 100);

/** Shared by `median` and `percentile` (Optuna's PercentilePruner). */
const percentileShape = {
  /** Trials that must have COMPLETED before any is pruned. @default 5 */
  startupTrials: boundedInteger(0, 100_000).default(5),
  /** Steps of a trial that are never pruned (its own warm-up). @default 0 */
  warmupSteps: step(0).default(0),
  /** Decide only at every `intervalSteps`-th step after the warm-up. @default 1 */
  intervalSteps: step(1).default(1),
  /** Completed trials that must have reported the step itself before a trial is compared at it. @default 1 */
  minTrials: boundedInteger(1, 100_000).default(1),
};

export const medianPrunerSchema = z.strictObject({
  name: z.literal('median'),
  /** Optuna's median stopping rule: prune when the trial's best value so far is worse than the median of completed trials at the same step. */
  options: z.strictObject(percentileShape).default(() => z.strictObject(percentileShape).parse({})),
});

const percentileOptions = z.strictObject({
  ...percentileShape,
  /** Prune when the trial's best so far is worse than this percentile of completed trials at the step (50 is the median rule; 25 keeps the best quarter). */
  percentile: z.number().gt(0, got('must be above 0')).max(100, got('must be at most 100')),
});
export const percentilePrunerSchema = z.strictObject({ name: z.literal('percentile'), options: percentileOptions });

const halvingOptions = z.strictObject({
  /** Steps before the first rung (Optuna's min_resource). @default 1 */
  minResource: step(1).default(1),
  /** Rung k is at minResource·η^(k+minEarlyStoppingRate); a trial continues past a rung only in the best 1/η of the trials that reached it. @default 4 */
  reductionFactor: reductionFactor.default(4),
  /** Skips the first rungs (Optuna's min_early_stopping_rate). @default 0 */
  minEarlyStoppingRate: boundedInteger(0, 30).default(0),
  /** A trial is pruned at a rung until more than this many trials (itself included) have reached it (Optuna's bootstrap_count). @default 0 */
  bootstrapCount: boundedInteger(0, 100_000).default(0),
});
export const successiveHalvingPrunerSchema = z.strictObject({
  name: z.literal('successive-halving'),
  /** Asynchronous successive halving (ASHA): a trial is compared at each rung with every trial that reached it. */
  options: halvingOptions.default(() => halvingOptions.parse({})),
});

const hyperbandOptions = z.strictObject({
  /** Steps before the first rung of the most aggressive bracket. @default 1 */
  minResource: step(1).default(1),
  /** The last step a trial reports (a full evaluation); sets how many brackets there are. */
  maxResource: step(1),
  /** As in successive halving. @default 3 (Optuna's) */
  reductionFactor: reductionFactor.default(3),
  /** As in successive halving, within the trial's bracket. @default 0 */
  bootstrapCount: boundedInteger(0, 100_000).default(0),
}).superRefine((options, ctx) => {
  if (options.minResource > options.maxResource)
    ctx.addIssue({ code: 'custom', path: ['minResource'], message: `must be at most maxResource (${options.maxResource}), got ${options.minResource}` });
});
export const hyperbandPrunerSchema = z.strictObject({
  name: z.literal('hyperband'),
  /** Hyperband: several successive-halving brackets of different aggressiveness; each trial is assigned to one by its number. */
  options: hyperbandOptions,
});

const wilcoxonOptions = z.strictObject({
  /** Prune when a one-sided Wilcoxon signed-rank test says the trial is worse than the best completed trial at the same steps with a p-value below this. @default 0.1 (Optuna's) */
  pThreshold: z.number().gt(0, got('must be above 0')).lt(1, got('must be below 1')).default(0.1),
  /** Steps (paired with the best trial's) needed before the test is made; never fewer than 2. @default 2 (Optuna's n_startup_steps) */
  startupSteps: boundedInteger(0, 100_000).default(2),
});
export const wilcoxonPrunerSchema = z.strictObject({
  name: z.literal('wilcoxon'),
  /** For targets whose steps are repeated measurements of one configuration (instances, benchmarks, requests), in the manner of Optuna's WilcoxonPruner. */
  options: wilcoxonOptions.default(() => wilcoxonOptions.parse({})),
});

export const PRUNER_SCHEMAS = [medianPrunerSchema, percentilePrunerSchema, successiveHalvingPrunerSchema, hyperbandPrunerSchema, wilcoxonPrunerSchema] as const;
export const PRUNER_NAMES = PRUNER_SCHEMAS.map((s) => s.shape.name.value);

export const prunerFieldSchema = z.discriminatedUnion('name', PRUNER_SCHEMAS, {
  error: (issue) => (issue.code === 'invalid_union' ? `must be one of ${PRUNER_NAMES.join(', ')}` : undefined),
});

/** The pruner as parsed: its name and its options with defaults applied. */
export type PrunerSpec = z.output<typeof prunerFieldSchema>;
export type PrunerName = PrunerSpec['name'];
export type PrunerOptionsOf<N extends PrunerName> = Extract<PrunerSpec, { name: N }>['options'];
