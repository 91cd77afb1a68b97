import { z } from 'zod';
import { AUTO_MEMBER_NAMES, DEFAULT_AUTO_MEMBERS } from './auto-members';

/** Options of the `auto` strategy (`strategy.options` in a study spec). */
export const autoOptionsSchema = z.strictObject({
  /**
   * Strategies to choose among (names from AUTO_MEMBERS), each with its fixed options.
   * @default ['bayesian', 'tpe', 'annealing']
   */
  members: z
    .array(z.string().refine((n) => AUTO_MEMBER_NAMES.includes(n), { message: `must be one of ${AUTO_MEMBER_NAMES.map((n) => JSON.stringify(n)).join(', ')}` }))
    .min(1, 'must list at least one strategy')
    .refine((m) => new Set(m).size === m.length, 'must not list a strategy twice')
    .default([...DEFAULT_AUTO_MEMBERS]),
  /**
   * Trials proposed by `random` before the portfolio starts choosing. The GP
   * members bring their own short initial design, so none are needed.
   * @default 0
   */
  startupTrials: z.number().int('must be an integer').min(0, 'must be 0 or more').max(10_000).default(0),
  /**
   * Weight per trial of age of a result in the credit, so credit follows which member helps now.
   * @default 0.97
   */
  discount: z.number().gt(0, 'must be above 0').max(1, 'must be at most 1').default(0.97),
});

export type AutoOptions = z.output<typeof autoOptionsSchema>;
