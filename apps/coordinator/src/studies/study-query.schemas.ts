import { BEST_FORMATS } from '@attune/core/api/responses';
import { TRIAL_STATES } from '@attune/core/trial/trial-state';
import { STUDY_STATES } from '@attune/core/study/study-state';
import { z } from 'zod';
import { projectNameSchema } from '@attune/core/auth/auth-requests.schema';
import { metricNameSchema } from '@attune/core/spec/primitive-schemas';

/** `:id` of a study. */
export const studyIdSchema = z.uuid({ error: 'must be a UUID' });

// `?state=` with nothing after it means no filter.
const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

const limit = z.coerce
  .number({ error: 'must be a number' })
  .int('must be an integer')
  .min(1, 'must be at least 1')
  .max(1000, 'must be at most 1000');
const offset = z.coerce.number({ error: 'must be a number' }).int('must be an integer').min(0, 'must be 0 or more');

/** `limit` and `offset` of a listing's query. */
export const pageQueryShape = {
  /** @default 50 */
  limit: optional(limit).transform((v) => v ?? 50),
  /** @default 0 */
  offset: optional(offset).transform((v) => v ?? 0),
};

/** `?project=`: only this project's (a token of one project sees its own only). */
export const projectQuerySchema = optional(projectNameSchema);

/** GET /studies query. */
export const listStudiesQuerySchema = z.object({
  state: optional(z.enum(STUDY_STATES)),
  project: projectQuerySchema,
  ...pageQueryShape,
});
export type ListStudiesQuery = z.output<typeof listStudiesQuerySchema>;

/** POST /studies query: the project the study goes in (@default the token's project, or "default" for a token of every project). */
export const createStudyQuerySchema = z.object({ project: projectQuerySchema });
export type CreateStudyQuery = z.output<typeof createStudyQuerySchema>;

/** GET /studies/:id/trials query. */
export const listTrialsQuerySchema = z.object({
  state: optional(z.enum(TRIAL_STATES)),
  ...pageQueryShape,
});
export type ListTrialsQuery = z.output<typeof listTrialsQuerySchema>;


const trialNumber = z.coerce.number({ error: 'must be a number' }).int('must be an integer').min(0, 'must be 0 or more').max(2 ** 31 - 1, 'must be at most 2147483647');

/** `:number` of a trial. */
export const trialNumberSchema = trialNumber;

/** GET /studies/:id/best query. */
export const bestQuerySchema = z.object({
  /** @default "json" */
  format: optional(z.enum(BEST_FORMATS)).transform((v) => v ?? 'json'),
  /** A trial of the study to write instead of the best (one member of a Pareto front, the baseline, ...). */
  trial: optional(trialNumber),
});
export type BestQuery = z.output<typeof bestQuerySchema>;

/** Most trials one page of GET /studies/:id/steps holds. */
export const MAX_CURVES_PER_PAGE = 200;

/** GET /studies/:id/steps query: a page of trials by number, and the metric of their curves. */
export const listCurvesQuerySchema = z.object({
  /** @default 50 */
  limit: optional(z.coerce.number({ error: 'must be a number' }).int('must be an integer').min(1, 'must be at least 1').max(MAX_CURVES_PER_PAGE, `must be at most ${MAX_CURVES_PER_PAGE}`)).transform((v) => v ?? 50),
  offset: pageQueryShape.offset,
  /** @default the study's objective metric (the first objective's, for several) */
  metric: optional(metricNameSchema),
});
export type ListCurvesQuery = z.output<typeof listCurvesQuerySchema>;
