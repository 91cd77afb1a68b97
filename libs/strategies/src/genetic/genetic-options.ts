import { z } from 'zod';

const int = (min: number, max: number) =>
  z.number().int('must be an integer').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
const unit = () => z.number().min(0, 'must be between 0 and 1').max(1, 'must be between 0 and 1');

export const geneticOptionsSchema = z.strictObject({
  /** Trials per generation: generation g is trials [g·P, (g+1)·P). @default 12 */
  populationSize: int(2, 10_000).default(12),
  /** Best individuals of all earlier generations kept in the parent pool. @default 3 */
  elitism: int(0, 10_000).default(3),
  /** Individuals per selection tournament. @default 3 */
  tournamentSize: int(1, 100).default(3),
  /** `sbx` (simulated binary, on the unit encoding) or `uniform` (each gene from either parent). @default "sbx" */
  crossover: z.enum(['sbx', 'uniform']).default('sbx'),
  /** Chance that a child is bred by crossover rather than copied from one parent. @default 0.9 */
  crossoverRate: unit().default(0.9),
  /** Distribution index of SBX: larger keeps children nearer their parents. @default 10 */
  sbxEta: z.number().min(0.1, 'must be at least 0.1').max(1000).default(10),
  /** Chance that each gene mutates. @default 1 / number of parameters */
  mutationRate: unit().optional(),
  /** Standard deviation of a mutation in the unit encoding. @default 0.1 */
  mutationScale: z.number().gt(0, 'must be above 0').max(1, 'must be at most 1').default(0.1),
});

export type GeneticOptions = z.output<typeof geneticOptionsSchema>;
