import { z } from 'zod';

export const tpeOptionsSchema = z.strictObject({
  /**
   * Joint kernels over all parameters (Optuna's `multivariate=True`); `false`
   * models and picks each parameter on its own (classic TPE).
   * @default true
   */
  multivariate: z.boolean().default(true),
  /**
   * Kernel widths. `neighbour`: per dimension, each kernel as wide as the larger
   * gap to its neighbouring observations (univariate TPE's rule), used for the
   * joint kernels too; `scott`: one width per estimator, 0.2 · n^(-1/(d+4)) of the
   * range (Optuna's multivariate rule). Neighbour widths adapt to where the good
   * trials cluster in each dimension; on the shared benchmark they cut the median
   * regret of joint TPE by about a third (tpe-defaults.md).
   * @default 'neighbour'
   */
  bandwidth: z.enum(['neighbour', 'scott']).default('neighbour'),
  /**
   * Finished trials (with a loss, or pruned, as Optuna counts them) drawn uniformly at random before TPE starts.
   * @default 10
   */
  nStartupTrials: z.number().int('must be an integer').min(0, 'must be 0 or more').max(10_000).default(10),
  /**
   * Candidates drawn from the "good" density per proposal; the one with the
   * highest ratio good/bad density (expected improvement) is proposed. Twice
   * Optuna's 24: neighbour-width kernels are narrow enough that the extra
   * exploitation pays (tpe-defaults.md).
   * @default 48
   */
  nEiCandidates: z.number().int('must be an integer').min(1, 'must be at least 1').max(10_000).default(48),
  /**
   * Share of the finished trials in the "good" group: ceil(gamma · n), capped by
   * `gammaMax`. Above Optuna's 0.1: a wider good group explores more, which
   * measured better with neighbour bandwidths (tpe-defaults.md).
   * @default 0.15
   */
  gamma: z.number().gt(0, 'must be above 0').max(1, 'must be at most 1').default(0.15),
  /**
   * Most observations in the "good" group.
   * @default 25
   */
  gammaMax: z.number().int('must be an integer').min(1, 'must be at least 1').default(25),
  /**
   * Weight of the prior kernel (wide, centred; uniform over categories) against one observation's weight of 1.
   * @default 1
   */
  priorWeight: z.number().gt(0, 'must be above 0').default(1),
  /**
   * Floor kernel bandwidths at 1 / min(100, n + 2) of the range (Optuna's magic clip).
   * @default true
   */
  magicClip: z.boolean().default(true),
  /**
   * Count pending (QUEUED, RUNNING) trials, and earlier proposals of the same
   * batch, in the "bad" group with an infinitely bad lie, so parallel workers
   * do not get the same region.
   * @default true
   */
  constantLiar: z.boolean().default(true),
});
export type TpeOptions = z.output<typeof tpeOptionsSchema>;
