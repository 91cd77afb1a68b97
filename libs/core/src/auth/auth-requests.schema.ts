import { z } from 'zod';
import { ALL_PROJECTS, ROLES } from './roles';

/** A project's name: what URLs, CLI flags and tokens carry. */
export const projectNameSchema = z
  .string({ error: 'must be a string' })
  .regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'must be 1 to 63 lower-case letters, digits, "-" or "_", starting with a letter or digit');

/** A token's scope: a project's name or "*" (every project). */
export const tokenProjectSchema = z.union([z.literal(ALL_PROJECTS), projectNameSchema], { error: 'must be a project name or "*"' });

const limit = (what: string, max: number) =>
  z.number({ error: 'must be a number' }).int('must be an integer').min(1, 'must be at least 1').max(max, `must be at most ${max}`).nullable().optional().meta({ description: `${what}; null removes the limit` });

/** A project's limits; an absent one is not changed (on update) or unlimited (on create), null removes it. */
export const projectLimitsSchema = z.strictObject({
  maxConcurrentStudies: limit('studies RUNNING at once', 100_000),
  maxParallelism: limit("a study's budget.parallelism", 100_000),
  maxTrialsPerStudy: limit("a study's budget.maxTrials", 10_000_000),
  requestsPerMinute: limit('API requests per minute per token', 1_000_000),
});
export type ProjectLimitsInput = z.output<typeof projectLimitsSchema>;

/** POST /projects */
export const createProjectSchema = z.strictObject({
  name: projectNameSchema,
  description: z.string().max(1000, 'must be at most 1000 characters').optional(),
  limits: projectLimitsSchema.optional(),
});
export type CreateProjectRequest = z.output<typeof createProjectSchema>;

/** PATCH /projects/:name */
export const updateProjectSchema = z.strictObject({
  description: z.string().max(1000, 'must be at most 1000 characters').optional(),
  limits: projectLimitsSchema.optional(),
});
export type UpdateProjectRequest = z.output<typeof updateProjectSchema>;

/** Longest life of a token: ten years. */
export const MAX_TOKEN_LIFETIME_SEC = 10 * 365 * 86_400;

/** POST /tokens */
export const createTokenSchema = z.strictObject({
  project: tokenProjectSchema,
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
  name: z.string().min(1, 'must not be empty').max(100, 'must be at most 100 characters').optional().meta({ description: 'who or what uses it (shown in the audit log)' }),
  expiresInSec: z
    .number({ error: 'must be a number' })
    .int('must be an integer')
    .min(60, 'must be at least 60')
    .max(MAX_TOKEN_LIFETIME_SEC, `must be at most ${MAX_TOKEN_LIFETIME_SEC} (ten years)`)
    .optional()
    .meta({ description: 'seconds until it expires; absent: never' }),
});
export type CreateTokenRequest = z.output<typeof createTokenSchema>;

/** POST /session: the dashboard's sign-in. */
export const signInSchema = z.strictObject({ token: z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(200, 'is not a token') });
export type SignInRequest = z.output<typeof signInSchema>;
