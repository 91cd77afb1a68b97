import { z } from 'zod';

/** Options of the `bayesian` strategy (`strategy.options` in a study spec). */
export const bayesianOptionsSchema = z.strictObject({
  /**
   * Acquisition function: log expected improvement (robust, no tuning) or an
   * upper confidence bound with `ucbBeta`.
   * @default 'logei'
   */
  acquisition: z.enum(['logei', 'ucb']).default('logei'),
  /**
   * UCB exploration weight β in mean - √β·σ (used when `acquisition` is `ucb`).
   * @default 4
   */
  ucbBeta: z.number().positive('must be above 0').max(1e4, 'must be at most 10000').default(4),
  /**
   * Quasi-random (scrambled Sobol) trials before the GP takes over.
   * @default min(5, d + 2) for d parameters (measured: a short design lets the GP start early)
   */
  nInitial: z.number().int('must be an integer').min(2, 'must be at least 2').max(10_000).optional(),
  /**
   * How pending trials (and earlier proposals of the same batch) are accounted
   * for: `kriging-believer` pretends they returned the GP's mean, `constant-liar`
   * pretends they returned the worst loss seen. Either way the GP's uncertainty
   * collapses there, so proposals never duplicate or crowd pending work.
   * `local-penalization` (González et al. 2016) leaves the GP alone and multiplies
   * the acquisition by a soft exclusion ball around each pending point, of radius
   * (μ − best)/L + σ/L with L the largest gradient of the GP mean.
   * `kriging-believer-ucb` (GP-BUCB, Desautels et al. 2014) is the believer whose
   * proposals made while others are pending are ranked by the confidence bound
   * mean − √batchUcbBeta·σ instead of `acquisition`: the believer has already
   * removed the uncertainty at pending points, so a small β exploits the rest.
   * @default 'kriging-believer-ucb' (measured, batches of 4, 10 seeds, median regret at 100 trials
   *   against `kriging-believer`: syscfg9 0.68 → 0.033, ackley5 4.9 → 2.2, hartmann6 9.1e-5 → 4.5e-5,
   *   branin 2.8e-6 → 9.7e-7, rosenbrock4 the same within noise (30 seeds: 3.2 before, 3.6 after, 13 of 30 seeds better);
   *   `local-penalization` 2.2 and `constant-liar` 3.7 on syscfg9)
   */
  batchStrategy: z.enum(['kriging-believer', 'kriging-believer-ucb', 'constant-liar', 'local-penalization']).default('kriging-believer-ucb'),
  /**
   * β of the confidence bound that ranks proposals made while other trials are
   * pending, under `batchStrategy: kriging-believer-ucb`.
   * @default 0.25
   */
  batchUcbBeta: z.number().positive('must be above 0').max(1e4, 'must be at most 10000').default(0.25),
  /**
   * Losses to GP targets: `standardize`, `log` (compress a heavy upper tail
   * first) or `auto` (`log` when the losses are strongly right-skewed).
   * @default 'auto'
   */
  outputTransform: z.enum(['auto', 'standardize', 'log']).default('auto'),
  /**
   * Quasi-random candidates scored per proposal before local refinement (scaled
   * down by 100/n, to at least 256, when the GP holds n > 100 points).
   * At most 16384: the cost of a proposal grows with candidates × model points.
   * @default 1024
   */
  candidates: z.number().int('must be an integer').min(16, 'must be at least 16').max(16_384, 'must be at most 16384 (a proposal\'s cost grows with it)').default(1024),
  /**
   * Best candidates refined by local search (gradient on continuous, sweeps on discrete coordinates).
   * @default 6
   */
  localStarts: z.number().int('must be an integer').min(1, 'must be at least 1').max(100).default(6),
  /**
   * Seeded random restarts of the hyperparameter fit, besides the fixed starting points. At most 10.
   * @default 1
   */
  fitRestarts: z.number().int('must be an integer').min(0).max(10, 'must be at most 10 (each restart is a whole fit)').default(1),
  /**
   * Every this-many-th trial (by trial number, so one slot per batch of 4) is a
   * pair move: the best point, by the acquisition, among moves of two int or
   * categorical knobs together from the best trial (a grid of 9 values, or
   * every level), the other continuous knobs then refined. Escapes optima where
   * two knobs must move at once (retries × timeout), which single-knob search
   * and the GP's long length scales there never propose. 0 turns it off; spaces
   * with fewer than two int or categorical knobs never use it.
   * @default 4 (measured on syscfg9, 10 seeds: median regret at 100 trials 0.44 → 0.03 sequential)
   */
  pairMoveEvery: z.number().int('must be an integer').min(0, 'must be at least 0').max(1000).default(4),
  /**
   * Completed trials the GP is conditioned on at most; beyond, the best, the most
   * recent and a space-filling subset are kept, bounding the cost per proposal.
   * At most 1000: a fit costs O(n³).
   * @default 160
   */
  maxModelPoints: z.number().int('must be an integer').min(10, 'must be at least 10').max(1000, 'must be at most 1000 (a fit costs O(n³))').default(160),
});
export type BayesianOptions = z.output<typeof bayesianOptionsSchema>;

/** The initial design size for d parameters when `nInitial` is not given. */
export function defaultInitialTrials(d: number): number {
  return Math.min(5, d + 2);
}
