import { z } from 'zod';

const value = z.union([z.string(), z.number(), z.boolean()]);

export const banditOptionsSchema = z.strictObject({
  /**
   * Preset configurations to choose among, each naming every parameter with a
   * value in its domain. When absent, `armCount` arms are generated from the
   * space by a scrambled Sobol design.
   * @default generated
   */
  arms: z.array(z.record(z.string(), value)).min(1, 'must list at least one arm').max(10_000).optional(),
  /** Arms generated from the space when `arms` is not given. @default 8 */
  armCount: z.number().int('must be an integer').min(1, 'must be at least 1').max(10_000).default(8),
  /** UCB1 exploration weight c in mean + c·√(ln N / n), rewards being in [0, 1]. @default √2 */
  exploration: z.number().min(0, 'must be 0 or more').max(100).default(Math.SQRT2),
});

export type BanditOptions = z.output<typeof banditOptionsSchema>;
