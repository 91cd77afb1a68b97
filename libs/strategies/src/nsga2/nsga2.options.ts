import { z } from 'zod';

const unit = () => z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');

export const nsga2OptionsSchema = z.strictObject({
  /**
   * Trials per generation after the first (see `firstGenerationSize`), and the
   * size of the parent population. Smaller than Optuna's 50 so that a study of a hundred or
   * two trials sees several generations (16 did best on ZDT1 at 100 trials).
   * @default 16
   */
  populationSize: z.number().int('must be an integer').min(2, 'must be at least 2').max(10_000, 'must be at most 10000').default(16),
  /**
   * How generation 0 is drawn: `sobol`, a scrambled Sobol design seeded by the
   * study's seed, which covers every dimension evenly; `uniform`, the same
   * draws as `random`.
   * @default "sobol"
   */
  initialPopulation: z.enum(['sobol', 'uniform']).default('sobol'),
  /**
   * Trials of generation 0, the design before any selection. Twice a
   * generation by default: with three or more objectives most of a small
   * sample is non-dominated, so selection has little to go on until the space
   * has been seen more densely (on 6-D DTLZ2 the hypervolume after 50 trials
   * beat random search's on 47 of 80 seeds with 32, 40 with 16).
   * @default 2 × populationSize
   */
  firstGenerationSize: z.number().int('must be an integer').min(2, 'must be at least 2').max(10_000, 'must be at most 10000').optional(),
  /** `uniform` (each gene from either parent, Optuna's default) or `sbx` (simulated binary, on the unit encoding). @default "sbx" */
  crossover: z.enum(['sbx', 'uniform']).default('sbx'),
  /** Chance that a child is bred by crossover rather than copied from one parent. @default 0.9 */
  crossoverProbability: unit().default(0.9),
  /** Distribution index of SBX: larger keeps children nearer their parents (Optuna's default with several objectives). @default 20 */
  sbxEta: z.number().min(0.1, 'must be at least 0.1').max(1000, 'must be at most 1000').default(20),
  /** Chance that each gene mutates. @default 1 / number of parameters */
  mutationProbability: unit().optional(),
  /**
   * How a float gene mutates: `polynomial`, Deb's bounded polynomial
   * mutation of index `mutationEta`, as in NSGA-II; `gaussian`, noise of
   * standard deviation `mutationScale`. Ints, steps and categoricals always
   * move to another level.
   * @default "polynomial"
   */
  mutation: z.enum(['polynomial', 'gaussian']).default('polynomial'),
  /** Distribution index of polynomial mutation: larger keeps children nearer (Deb's 20). @default 20 */
  mutationEta: z.number().min(0.1, 'must be at least 0.1').max(1000, 'must be at most 1000').default(20),
  /** Standard deviation of a gaussian mutation in the unit encoding (ints, steps and categoricals always move to another level). @default 0.1 */
  mutationScale: z.number().gt(0, 'must be above 0').max(1, 'must be at most 1').default(0.1),
});

export type Nsga2Options = z.output<typeof nsga2OptionsSchema>;
