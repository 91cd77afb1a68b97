import { z } from 'zod';

export const cmaesOptionsSchema = z.strictObject({
  /**
   * Population size lambda of the first run (doubled by each IPOP restart).
   * @default 4 + floor(3 ln n), n the number of parameters
   */
  popsize: z.number().int('must be an integer').min(4, 'must be at least 4').max(10_000).optional(),
  /**
   * Initial step size in unit coordinates (each parameter's range is 1; log scales already applied).
   * @default 1/6 (the range is ±3 sigma around the centre)
   */
  sigma0: z.number().gt(0, 'must be above 0').max(1, 'must be at most 1').default(1 / 6),
  /**
   * What to do when the search stagnates or degenerates: `ipop` restarts from a
   * random mean with a larger population; `none` keeps going.
   * @default 'ipop'
   */
  restart: z.enum(['ipop', 'none']).default('ipop'),
  /**
   * Population growth factor of each IPOP restart.
   * @default 2
   */
  incPopsize: z.number().min(1, 'must be at least 1').max(10).default(2),
});
export type CmaesOptions = z.output<typeof cmaesOptionsSchema>;
