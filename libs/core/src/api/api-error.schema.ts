import { z } from 'zod';
import { integerSchema } from './response-primitives';

/** The body of every failed request: `{statusCode, error: CODE, message, issues?}`. */
export const apiErrorSchema = z.strictObject({
  statusCode: integerSchema,
  error: z.string().meta({ example: 'INVALID_SPEC' }),
  message: z.string().meta({ example: 'parameters[0].max: must be above min (5), got 1' }),
  issues: z.array(z.strictObject({ path: z.string(), message: z.string() })).optional().meta({ description: 'one per bad field, each named by its path' }),
});
export type ApiError = z.output<typeof apiErrorSchema>;
