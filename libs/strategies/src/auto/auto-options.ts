import { z } from 'zod';
import { AUTO_MEMBER_NAMES } from './auto-members';

export const autoOptionsSchema = z.strictObject({
  /** Strategies to choose among (a subset of AUTO_MEMBER_DEFINITIONS), each with its default options. @default all of them */
  members: z
    .array(z.string().refine((n) => AUTO_MEMBER_NAMES.includes(n), { message: `must be one of ${AUTO_MEMBER_NAMES.map((n) => JSON.stringify(n)).join(', ')}` }))
    .min(1, 'must list at least one strategy')
    .refine((m) => new Set(m).size === m.length, 'must not list a strategy twice')
    .optional(),
  /** Trials proposed by `random` before the portfolio starts choosing. @default 8 */
  startupTrials: z.number().int('must be an integer').min(0, 'must be 0 or more').max(10_000).default(8),
  /** UCB exploration weight, rewards being in [0, 1]. @default 0.2 */
  exploration: z.number().min(0, 'must be 0 or more').max(100).default(0.2),
  /** Discount per trial of older rewards, so credit follows which member helps now. @default 0.97 */
  discount: z.number().gt(0, 'must be above 0').max(1, 'must be at most 1').default(0.97),
});

export type AutoOptions = z.output<typeof autoOptionsSchema>;
