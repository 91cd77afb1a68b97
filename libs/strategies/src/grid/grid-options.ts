import { z } from 'zod';

const int = (min: number, max: number) =>
  z.number().int('must be an integer').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);

export const gridPruneSchema = z.strictObject({
  /** Drop levels that are clearly worse than the best. @default false */
  enabled: z.boolean().default(false),
  /**
   * A level is dropped once every completed trial at it has a loss above
   * `best + threshold · max(|best|, median − best)`: for positive losses with a
   * best well above zero this is the design's "(1 + threshold) · best"; the
   * `median − best` term keeps the rule meaningful when the best is near zero
   * or negative (any sign, any scale).
   * @default 0.5
   */
  threshold: z.number().min(0, 'must be 0 or more').max(1000).default(0.5),
  /** Completed trials a level needs before it can be dropped. @default 2 */
  minTrialsPerLevel: int(1, 1000).default(2),
});

export const gridOptionsSchema = z.strictObject({
  /**
   * Levels for each continuous float (evenly spaced in the unit encoding, so
   * log-spaced on a log scale, ends included), and for a discrete parameter
   * with more than `maxDiscreteLevels` levels.
   * @default 5
   */
  levels: int(1, 1000).default(5),
  /** Ints and stepped floats with at most this many levels are searched at every level. @default 32 */
  maxDiscreteLevels: int(1, 100_000).default(32),
  /** Pruning of clearly worse levels (issue 3). @default {enabled: false, threshold: 0.5, minTrialsPerLevel: 2} */
  prune: gridPruneSchema.prefault({}),
});

export type GridOptions = z.output<typeof gridOptionsSchema>;
export type GridPruneOptions = z.output<typeof gridPruneSchema>;
