import { z } from 'zod';

const positive = () => z.number().gt(0, 'must be above 0');

export const annealingOptionsSchema = z
  .strictObject({
    /**
     * Starting temperature, in units of the spread (interquartile range) of the
     * losses seen so far: a move that is worse by one spread is accepted with
     * probability exp(−1 / T).
     * @default 1
     */
    initialTemperature: positive().max(1e6).default(1),
    /** Temperature reached at the end of the budget, same units. @default 0.01 */
    finalTemperature: positive().max(1e6).default(0.01),
    /** How the temperature falls with the trial count. @default "exponential" */
    schedule: z.enum(['exponential', 'linear', 'logarithmic']).default('exponential'),
    /** Standard deviation of a float move in the unit encoding at the start; it shrinks as the system cools. @default 0.15 */
    stepSize: positive().max(1, 'must be at most 1').default(0.15),
    /** Random trials before the walk starts from the best of them. @default 4 */
    initialTrials: z.number().int('must be an integer').min(1, 'must be at least 1').max(10_000).default(4),
    /** Trials without a new best after which the walk restarts from the best. @default 20 */
    restartAfter: z.number().int('must be an integer').min(1, 'must be at least 1').max(100_000).default(20),
  })
  .refine((o) => o.finalTemperature <= o.initialTemperature, {
    path: ['finalTemperature'],
    message: 'must not exceed initialTemperature',
  });

export type AnnealingOptions = z.output<typeof annealingOptionsSchema>;
